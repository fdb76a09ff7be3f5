import { absolutizeUrl } from './absolutizeUrl.js'

/**
 * One stored rendition of an image, ready for an `<img srcset>` width descriptor
 * (https://html.spec.whatwg.org/multipage/images.html#srcset-attributes) or `next/image`:
 * `name` is the upload size's name (Payload's `upload.imageSizes`), or `original` for the stored
 * file itself; `width` and `height` in pixels; `url` absolute.
 */
export type ImageSize = {
  height: number
  mimeType: null | string
  name: string
  url: string
  width: number
}

/** A stored file's document as far as its renditions go: the file and Payload's `sizes` group. */
export type ImageSizesDocument = {
  filename?: null | string
  height?: null | number
  mimeType?: null | string
  sizes?: null | Record<
    string,
    | { filename?: null | string; height?: null | number; mimeType?: null | string; url?: null | string; width?: null | number }
    | null
    | undefined
  >
  url?: null | string
  width?: null | number
}

/** The name {@link getImageSizes} gives the stored file itself. */
export const ORIGINAL_SIZE_NAME = 'original'

/**
 * The renditions of a stored image: the original file and every upload size Payload made for it
 * (a size it skipped, smaller originals with `withoutEnlargement`, has no file and is left out),
 * narrowest first, one per width (the original wins a tie; a `srcset` must not give one width
 * twice). URLs are made absolute against `origin`; `urlOf` may replace them (the share routes).
 *
 * @returns `[]` when the document has no stored file or no dimensions.
 */
export const getImageSizes = ({
  doc,
  origin,
  urlOf,
}: {
  doc: ImageSizesDocument | null | undefined
  origin: null | string
  /** The URL to hand out for a rendition (default: its stored URL, absolute). */
  urlOf?: (size: { name: string; url: string }) => string
}): ImageSize[] => {
  if (!doc?.filename || !doc.url) return []
  const candidates = [
    { filename: doc.filename, height: doc.height, mimeType: doc.mimeType, name: ORIGINAL_SIZE_NAME, url: doc.url, width: doc.width },
    ...Object.entries(doc.sizes ?? {}).map(([name, size]) => ({ ...size, name })),
  ]
  const byWidth = new Map<number, ImageSize>()
  for (const { filename, height, mimeType, name, url, width } of candidates) {
    if (!filename || !url || !width || !height || byWidth.has(width)) continue
    const absolute = absolutizeUrl(url, origin)!
    byWidth.set(width, { height, mimeType: mimeType ?? null, name, url: urlOf ? urlOf({ name, url: absolute }) : absolute, width })
  }
  return [...byWidth.values()].sort((a, b) => a.width - b.width)
}
