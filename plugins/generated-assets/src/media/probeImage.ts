import sharp from 'sharp'

import { MediaProcessingError } from './MediaProcessingError.js'

/** Largest image accepted by default, in pixels (width × height): 100 megapixels. */
export const DEFAULT_MAX_PIXELS = 100_000_000

/**
 * Reads an image's size and format from its header, without decoding the pixels.
 *
 * Images with more than `maxPixels` pixels are refused before anything is decoded, so a small
 * file that declares a huge canvas (a decompression bomb) cannot exhaust memory later when
 * thumbnails are made.
 *
 * @param path a local file, or
 * @param data the bytes.
 * @param maxPixels largest width × height accepted, in pixels. @default 100_000_000
 * @returns `width` and `height` in pixels as displayed (EXIF orientation applied), and sharp's
 *   `format` (`jpeg`, `png`, `webp`, `gif`, `heif` for AVIF and HEIC, `tiff`…).
 *
 * @throws {MediaProcessingError} `too_many_pixels` for a decompression bomb, `unreadable` when sharp
 *   cannot read the image.
 */
export const probeImage = async ({
  maxPixels = DEFAULT_MAX_PIXELS,
  ...source
}: ({ data: Uint8Array } | { path: string }) & { maxPixels?: number }): Promise<{
  format: string
  height: number
  width: number
}> => {
  const tooLarge = (size: string) =>
    new MediaProcessingError(
      `The image is ${size}, more than the ${maxPixels} pixels allowed (a possible decompression bomb).`,
      {
        code: 'too_many_pixels',
      },
    )
  let metadata: sharp.Metadata
  try {
    metadata = await sharp('path' in source ? source.path : source.data, { limitInputPixels: maxPixels }).metadata()
  } catch (error) {
    if (/exceeds pixel limit/i.test((error as Error).message)) {
      throw tooLarge('too large')
    }
    throw new MediaProcessingError(`The image cannot be read: ${(error as Error).message}`, {
      cause: error,
      code: 'unreadable',
    })
  }
  const { autoOrient, format, height, width } = metadata
  if (!format || !width || !height) {
    throw new MediaProcessingError('The image has no readable size or format.', { code: 'unreadable' })
  }
  // sharp applies limitInputPixels when it opens the input; this keeps the promise if that ever changes.
  if (width * height > maxPixels) {
    throw tooLarge(`${width}×${height} pixels`)
  }
  return { format, height: autoOrient?.height ?? height, width: autoOrient?.width ?? width }
}
