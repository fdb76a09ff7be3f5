import type { ImageModelV4, ImageModelV4CallOptions, SharedV4Warning } from '@ai-sdk/provider'

import { createHash } from 'node:crypto'
import sharp from 'sharp'

/** Default output size of the offline model, in pixels. */
const DEFAULT_SIZE = 1024
/** Smallest and largest side the offline model renders, in pixels. */
export const LOCAL_IMAGE_MIN_SIDE = 64
export const LOCAL_IMAGE_MAX_SIDE = 4096

/**
 * A small deterministic pseudo-random generator (mulberry32) seeded from a 32-bit integer.
 * Returns numbers in [0, 1).
 */
const createRandom = (seed: number): (() => number) => {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const resolveSize = (
  options: Pick<ImageModelV4CallOptions, 'aspectRatio' | 'size'>,
): { height: number; width: number } => {
  if (options.size) {
    const [width, height] = options.size.split('x').map(Number)
    return { height: height!, width: width! }
  }
  if (options.aspectRatio) {
    const [w, h] = options.aspectRatio.split(':').map(Number)
    if (w! >= h!) {
      return { height: Math.round((DEFAULT_SIZE * h!) / w! / 2) * 2, width: DEFAULT_SIZE }
    }
    return { height: DEFAULT_SIZE, width: Math.round((DEFAULT_SIZE * w!) / h! / 2) * 2 }
  }
  return { height: DEFAULT_SIZE, width: DEFAULT_SIZE }
}

/**
 * Builds the SVG scene for a prompt and seed: a two-hue gradient and a set of translucent
 * shapes whose colours, positions and sizes all derive from SHA-256(prompt, seed), so that
 * different prompts look visibly different and the same prompt and seed give the same picture.
 */
export const renderLocalImageSvg = ({
  background = true,
  height,
  prompt,
  seed,
  width,
}: {
  /** Paint the gradient background; `false` leaves it transparent (shapes only, to lay over a source image). */
  background?: boolean
  height: number
  prompt: string
  seed: number
  width: number
}): string => {
  const digest = createHash('sha256').update(`${prompt}\u0000${seed}`).digest()
  const random = createRandom(digest.readUInt32BE(0))
  const hueA = Math.floor(random() * 360)
  const hueB = (hueA + 90 + Math.floor(random() * 180)) % 360
  const angle = Math.floor(random() * 360)
  const shapes: string[] = []
  const count = 10 + Math.floor(random() * 14)
  const unit = Math.min(width, height)
  for (let index = 0; index < count; index++) {
    const hue = Math.floor(random() * 360)
    const fill = `hsl(${hue} ${55 + Math.floor(random() * 40)}% ${35 + Math.floor(random() * 40)}%)`
    const opacity = (0.25 + random() * 0.6).toFixed(3)
    const x = Math.round(random() * width)
    const y = Math.round(random() * height)
    const size = Math.round(unit * (0.05 + random() * 0.35))
    if (random() < 0.5) {
      shapes.push(`<circle cx="${x}" cy="${y}" r="${size}" fill="${fill}" fill-opacity="${opacity}"/>`)
    } else {
      const rotation = Math.floor(random() * 360)
      shapes.push(
        `<rect x="${x - size}" y="${y - size / 2}" width="${size * 2}" height="${size}" rx="${Math.round(size / 6)}" fill="${fill}" fill-opacity="${opacity}" transform="rotate(${rotation} ${x} ${y})"/>`,
      )
    }
  }
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    `<defs><linearGradient id="g" gradientTransform="rotate(${angle} 0.5 0.5)">`,
    `<stop offset="0" stop-color="hsl(${hueA} 70% 45%)"/><stop offset="1" stop-color="hsl(${hueB} 70% 25%)"/>`,
    `</linearGradient></defs>`,
    background ? `<rect width="100%" height="100%" fill="url(#g)"/>` : '',
    ...shapes,
    `</svg>`,
  ].join('')
}

/**
 * Creates the built-in offline image model `local/image`, an AI SDK image model
 * (`@ai-sdk/provider` ImageModelV4, specification `v4`) that needs no account or network:
 * sharp renders a PNG from the prompt and seed.
 *
 * - `size` (`{width}x{height}`, 64–4096 px each side) is honoured; else `aspectRatio` at
 *   1024 px on the long side; else 1024×1024.
 * - The same prompt, seed and size always give the same bytes.
 * - Image editing (`files`, `supportsFileInputs: true`): the first file (bytes or base64; a URL
 *   file is not fetched and becomes a warning) is the background, covered to the output size,
 *   with the prompt's shapes laid over it; without `size` or `aspectRatio` the output keeps the
 *   source's dimensions (clamped to 64–4096 px). Further files and `mask` become warnings.
 *
 * @throws {RangeError} when `size` is outside 64–4096 pixels per side.
 */
export const createLocalImageModel = (): ImageModelV4 => ({
  async doGenerate(options) {
    const warnings: SharedV4Warning[] = []
    if (options.size && options.aspectRatio) {
      warnings.push({ details: 'size is used; aspectRatio is ignored', feature: 'aspectRatio', type: 'unsupported' })
    }
    const [source, ...extraFiles] = options.files ?? []
    if (source?.type === 'url') {
      warnings.push({ details: 'the offline model does not download URL files', feature: 'files', type: 'unsupported' })
    }
    if (extraFiles.length) {
      warnings.push({ details: 'only the first file is used', feature: 'files', type: 'unsupported' })
    }
    if (options.mask) {
      warnings.push({ details: 'the offline model does not inpaint', feature: 'mask', type: 'unsupported' })
    }
    const sourceBytes =
      source?.type === 'file'
        ? typeof source.data === 'string'
          ? Buffer.from(source.data, 'base64')
          : Buffer.from(source.data.buffer, source.data.byteOffset, source.data.byteLength)
        : undefined
    let { height, width } = resolveSize(options)
    if (sourceBytes && !options.size && !options.aspectRatio) {
      const metadata = await sharp(sourceBytes).metadata()
      const clamp = (side: number | undefined) =>
        Math.min(LOCAL_IMAGE_MAX_SIDE, Math.max(LOCAL_IMAGE_MIN_SIDE, side ?? DEFAULT_SIZE))
      width = clamp(metadata.autoOrient?.width ?? metadata.width)
      height = clamp(metadata.autoOrient?.height ?? metadata.height)
    }
    if (
      ![width, height].every(
        (side) => Number.isInteger(side) && side >= LOCAL_IMAGE_MIN_SIDE && side <= LOCAL_IMAGE_MAX_SIDE,
      )
    ) {
      throw new RangeError(
        `size must be between ${LOCAL_IMAGE_MIN_SIDE} and ${LOCAL_IMAGE_MAX_SIDE} pixels per side, got ${width}x${height}`,
      )
    }
    const seed = options.seed ?? 0
    // The call's images side by side: sharp renders each on libvips' own threads.
    const images = await Promise.all(
      Array.from({ length: options.n }, async (_, index) => {
        const svg = renderLocalImageSvg({
          background: !sourceBytes,
          height,
          prompt: options.prompt ?? '',
          seed: seed + index,
          width,
        })
        const png = sourceBytes
          ? await sharp(sourceBytes)
              .autoOrient()
              .resize(width, height, { fit: 'cover' })
              .composite([{ input: Buffer.from(svg) }])
              .png({ compressionLevel: 6 })
              .toBuffer()
          : await sharp(Buffer.from(svg)).png({ compressionLevel: 6 }).toBuffer()
        return new Uint8Array(png.buffer, png.byteOffset, png.byteLength)
      }),
    )
    return {
      images,
      response: { headers: undefined, modelId: 'image', timestamp: new Date() },
      warnings,
    }
  },
  maxImagesPerCall: 4,
  modelId: 'image',
  supportsFileInputs: true,
  provider: 'local',
  specificationVersion: 'v4',
})
