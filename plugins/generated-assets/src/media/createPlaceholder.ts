import sharp from 'sharp'

import { MediaProcessingError } from './MediaProcessingError.js'
import { DEFAULT_MAX_PIXELS, probeImage } from './probeImage.js'

/**
 * Makes a tiny preview (LQIP) of an image to show, blurred, while the real one loads: a WebP
 * `size` pixels on its long side, as a `data:image/webp;base64,…` URL of a few hundred bytes
 * (under 1 KB at the default size). EXIF orientation is applied; for animations, the first frame.
 *
 * @param path a local image file, or
 * @param data the image bytes (e.g. a video poster).
 * @param size long side of the preview, in pixels. @default 16
 * @param maxPixels larger inputs are refused, in pixels (width × height). @default 100_000_000
 *
 * @throws {MediaProcessingError} `too_many_pixels` for a decompression bomb, `unreadable` when sharp
 *   cannot read the image.
 */
export const createPlaceholder = async ({
  maxPixels = DEFAULT_MAX_PIXELS,
  size = 16,
  ...source
}: ({ data: Uint8Array } | { path: string }) & { maxPixels?: number; size?: number }): Promise<string> => {
  // The header is read first so a decompression bomb is refused with its own error before any decoding.
  await probeImage({ ...source, maxPixels })
  try {
    const webp = await sharp('path' in source ? source.path : source.data, { limitInputPixels: maxPixels })
      .rotate()
      .resize(size, size, { fit: 'inside' })
      .webp({ effort: 6, quality: 40 })
      .toBuffer()
    return `data:image/webp;base64,${webp.toString('base64')}`
  } catch (error) {
    throw new MediaProcessingError(`The image cannot be read: ${(error as Error).message}`, {
      cause: error,
      code: 'unreadable',
    })
  }
}
