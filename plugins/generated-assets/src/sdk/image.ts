/**
 * Image helpers for front ends: `<img srcset>` strings and `next/image` props from an asset's
 * stored renditions (`imageSizes`). Plain functions without runtime imports, so they work in any
 * framework and on the server, without `next` installed.
 */

/**
 * One stored rendition as the helpers read it: an item of the plugin's `imageSizes`, or a GraphQL
 * selection of one (where every field may be `null`). Width and height in pixels; a rendition
 * without a URL, width or height is left out.
 */
export type ImageRendition = {
  height?: null | number
  /** The upload size's name, `original` for the stored file. */
  name?: null | string
  url?: null | string
  width?: null | number
}

/** A rendition with its URL and dimensions known. */
type UsableRendition = { height: number; url: string; width: number }

/** The fields of an asset the helpers read: a gallery item, a share JSON or a GraphQL selection of them. */
export type ImageSource = {
  /** Alternative text; `null` or missing gives `''` (a decorative image). */
  alt?: null | string
  /** Height in pixels; missing: the widest rendition's. */
  height?: null | number
  /** The stored renditions, as the plugin gives them (narrowest first, one per width). */
  imageSizes?: null | readonly (ImageRendition | null)[]
  /** A tiny blurred `data:` URL of the image, shown while it loads. */
  placeholder?: null | string
  /** Width in pixels; missing: the widest rendition's. */
  width?: null | number
}

/** What `next/image`'s loader is called with (Next's `ImageLoaderProps`): the width it wants, in pixels. */
export type ImageLoaderInput = { quality?: number; src: string; width: number }

/**
 * The props of `next/image`'s `<Image>` that {@link toImageProps} gives (all of them are
 * `ImageProps` fields: https://nextjs.org/docs/app/api-reference/components/image).
 */
export type NextImageProps = {
  alt: string
  /** The `placeholder` `data:` URL, when the asset has one. */
  blurDataURL?: string
  /** Pixels. */
  height: number
  /** Picks a stored rendition per width Next asks for (see {@link createImageLoader}); none when there is only one. */
  loader?: (input: ImageLoaderInput) => string
  placeholder?: 'blur' | 'empty'
  /** The `sizes` attribute, when given. */
  sizes?: string
  /** The widest rendition's URL. */
  src: string
  /** With a single rendition there is nothing to choose from: Next serves `src` as it is. */
  unoptimized?: boolean
  /** Pixels. */
  width: number
}

/** The renditions with a URL and dimensions, narrowest first. */
const usable = <Size extends ImageRendition>(imageSizes: null | readonly (null | Size)[] | undefined) =>
  (imageSizes ?? [])
    .filter((size): size is Size & UsableRendition => Boolean(size?.url && size.width && size.width > 0 && size.height && size.height > 0))
    .sort((a, b) => a.width - b.width)

/**
 * The `srcset` attribute of `<img>` from an asset's renditions: `url width"w"` pairs, narrowest
 * first, one per width (https://html.spec.whatwg.org/multipage/images.html#srcset-attributes).
 * Pair it with a `sizes` attribute. `''` when there are none.
 */
export const toSrcSet = (imageSizes: ImageSource['imageSizes']): string => {
  const seen = new Set<number>()
  return usable(imageSizes)
    .filter((size) => !seen.has(size.width) && seen.add(size.width))
    .map((size) => `${size.url} ${size.width}w`)
    .join(', ')
}

/**
 * The rendition to serve for a wanted width (pixels): the narrowest one at least that wide, else
 * the widest. `undefined` when there are none.
 */
export const pickImageSize = <Size extends ImageRendition>(
  imageSizes: null | readonly (null | Size)[] | undefined,
  width: number,
): (Size & UsableRendition) | undefined => {
  const sizes = usable(imageSizes)
  return sizes.find((size) => size.width >= width) ?? sizes.at(-1)
}

/**
 * A `next/image` loader (https://nextjs.org/docs/app/api-reference/components/image#loader) over
 * stored renditions: for each width Next asks for (pixels), the URL of {@link pickImageSize}.
 * Next's `quality` is ignored: the renditions are stored files. Throws `Error` when there are
 * no renditions.
 */
export const createImageLoader = (imageSizes: ImageSource['imageSizes']): ((input: ImageLoaderInput) => string) => {
  const sizes = usable(imageSizes)
  if (!sizes.length) throw new Error('createImageLoader: the asset has no stored renditions (imageSizes is empty)')
  return ({ width }) => (sizes.find((size) => size.width >= width) ?? sizes.at(-1)!).url
}

/**
 * Props for `next/image`'s `<Image>` from an asset: `src` (the widest rendition), `width` and
 * `height` (pixels), `alt`, a `loader` that picks a stored rendition per width (no Next image
 * optimization needed, no `images.remotePatterns`), and `placeholder: 'blur'` with the asset's
 * `data:` placeholder as `blurDataURL`. Spread them: `<Image {...toImageProps(item, { sizes })} />`.
 *
 * @returns `null` when the asset has no stored rendition yet (not ready, or a video without a poster).
 */
export const toImageProps = (
  asset: ImageSource,
  {
    sizes,
  }: {
    /** The `sizes` attribute, e.g. `(min-width: 768px) 33vw, 100vw`; without it Next assumes the `width`. */
    sizes?: string
  } = {},
): NextImageProps | null => {
  const renditions = usable(asset.imageSizes)
  const widest = renditions.at(-1)
  if (!widest) return null
  return {
    alt: asset.alt ?? '',
    height: asset.height || widest.height,
    src: widest.url,
    width: asset.width || widest.width,
    ...(renditions.length > 1 ? { loader: createImageLoader(renditions) } : { unoptimized: true }),
    ...(asset.placeholder ? { blurDataURL: asset.placeholder, placeholder: 'blur' as const } : {}),
    ...(sizes ? { sizes } : {}),
  }
}
