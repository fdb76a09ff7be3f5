import { describe, expect, it } from 'vitest'

import { createImageLoader, pickImageSize, toImageProps, toSrcSet } from './image.js'

const size = (name: string, width: number, height: number) => ({
  height,
  mimeType: 'image/webp',
  name,
  url: `https://cms.example/api/generated-assets/file/${name}.webp`,
  width,
})

/** A 2048 × 1536 image with Payload's upload sizes, in the order the plugin gives them. */
const imageSizes = [size('thumbnail', 400, 300), size('card', 768, 576), size('preview', 1280, 960), size('original', 2048, 1536)]

const asset = {
  alt: 'A lighthouse at dusk',
  height: 1536,
  imageSizes,
  placeholder: 'data:image/webp;base64,UklGRh4AAABXRUJQVlA4',
  width: 2048,
}

describe('toSrcSet', () => {
  it('lists every rendition with its width descriptor, narrowest first', () => {
    expect(toSrcSet([...imageSizes].reverse())).toBe(
      [
        'https://cms.example/api/generated-assets/file/thumbnail.webp 400w',
        'https://cms.example/api/generated-assets/file/card.webp 768w',
        'https://cms.example/api/generated-assets/file/preview.webp 1280w',
        'https://cms.example/api/generated-assets/file/original.webp 2048w',
      ].join(', '),
    )
  })

  it('gives each width once and skips renditions without a URL or dimensions', () => {
    expect(
      toSrcSet([size('a', 400, 300), size('b', 400, 300), { ...size('c', 800, 600), url: '' }, size('d', 0, 0)]),
    ).toBe('https://cms.example/api/generated-assets/file/a.webp 400w')
    expect(toSrcSet([])).toBe('')
  })
})

describe('pickImageSize and createImageLoader', () => {
  it('pick the narrowest rendition at least as wide as asked, else the widest', () => {
    expect(pickImageSize(imageSizes, 1)?.name).toBe('thumbnail')
    expect(pickImageSize(imageSizes, 400)?.name).toBe('thumbnail')
    expect(pickImageSize(imageSizes, 401)?.name).toBe('card')
    expect(pickImageSize(imageSizes, 1080)?.name).toBe('preview')
    expect(pickImageSize(imageSizes, 3840)?.name).toBe('original')
    expect(pickImageSize([], 640)).toBeUndefined()
    const loader = createImageLoader([...imageSizes].reverse())
    expect(loader({ quality: 75, src: 'ignored', width: 640 })).toBe(imageSizes[1]!.url)
    expect(loader({ src: 'ignored', width: 3840 })).toBe(imageSizes[3]!.url)
  })

  it('refuses an asset without renditions', () => {
    expect(() => createImageLoader([])).toThrow(/no stored renditions/)
  })
})

describe('toImageProps', () => {
  it('gives next/image the widest src, the dimensions, alt, the blur placeholder and a loader', () => {
    const props = toImageProps(asset, { sizes: '(min-width: 768px) 33vw, 100vw' })
    expect(props).toEqual({
      alt: 'A lighthouse at dusk',
      blurDataURL: asset.placeholder,
      height: 1536,
      loader: expect.any(Function),
      placeholder: 'blur',
      sizes: '(min-width: 768px) 33vw, 100vw',
      src: imageSizes[3]!.url,
      width: 2048,
    })
    // What next/image asks for its srcset (its default deviceSizes) lands on a stored rendition.
    expect([640, 750, 828, 1080, 1200, 1920, 2048, 3840].map((width) => props!.loader!({ src: props!.src, width }))).toEqual([
      imageSizes[1]!.url,
      imageSizes[1]!.url,
      imageSizes[2]!.url,
      imageSizes[2]!.url,
      imageSizes[2]!.url,
      imageSizes[3]!.url,
      imageSizes[3]!.url,
      imageSizes[3]!.url,
    ])
  })

  it('falls back to the widest rendition for missing dimensions and to an empty alt', () => {
    const props = toImageProps({ alt: null, height: null, imageSizes: [imageSizes[0]!], placeholder: null, width: null })
    expect(props).toEqual({ alt: '', height: 300, src: imageSizes[0]!.url, unoptimized: true, width: 400 })
  })

  it('answers null while the asset has no stored rendition', () => {
    expect(toImageProps({ ...asset, imageSizes: [] })).toBeNull()
  })
})

describe('GraphQL selections', () => {
  it('take renditions whose fields may be null, and leave out the incomplete ones', () => {
    const fromGraphQL = {
      alt: null,
      height: null,
      imageSizes: [null, { height: null, name: 'broken', url: 'https://cms.example/x.webp', width: 100 }, { ...imageSizes[0]!, mimeType: null }],
      placeholder: null,
      width: null,
    }
    expect(toSrcSet(fromGraphQL.imageSizes)).toBe(`${imageSizes[0]!.url} 400w`)
    expect(pickImageSize(fromGraphQL.imageSizes, 10)?.name).toBe('thumbnail')
    expect(toImageProps(fromGraphQL)).toMatchObject({ height: 300, src: imageSizes[0]!.url, width: 400 })
    expect(toImageProps({ imageSizes: null })).toBeNull()
  })
})
