import { describe, expect, it } from 'vitest'

import { getImageSizes } from './getImageSizes.js'

const doc = {
  filename: 'fox.png',
  height: 1536,
  mimeType: 'image/png',
  sizes: {
    preview: { filename: 'fox-1280x1920.webp', height: 1920, mimeType: 'image/webp', url: '/api/a/file/fox-1280x1920.webp', width: 1280 },
    skipped: { filename: null, height: null, mimeType: null, url: null, width: null },
    thumbnail: { filename: 'fox-480x720.webp', height: 720, mimeType: 'image/webp', url: '/api/a/file/fox-480x720.webp', width: 480 },
  },
  url: '/api/a/file/fox.png',
  width: 1024,
}

describe('getImageSizes', () => {
  it('lists the original and every stored size, narrowest first, with absolute URLs', () => {
    expect(getImageSizes({ doc, origin: 'https://cms.test' })).toEqual([
      { height: 720, mimeType: 'image/webp', name: 'thumbnail', url: 'https://cms.test/api/a/file/fox-480x720.webp', width: 480 },
      { height: 1536, mimeType: 'image/png', name: 'original', url: 'https://cms.test/api/a/file/fox.png', width: 1024 },
      { height: 1920, mimeType: 'image/webp', name: 'preview', url: 'https://cms.test/api/a/file/fox-1280x1920.webp', width: 1280 },
    ])
  })

  it('gives each width once, the original winning a tie, and lets the caller choose the URLs', () => {
    const sizes = getImageSizes({
      doc: { ...doc, sizes: { ...doc.sizes, preview: { ...doc.sizes.preview, height: 1536, width: 1024 } } },
      origin: null,
      urlOf: ({ name }) => `https://share.test/t/sizes/${name}`,
    })
    expect(sizes.map(({ name, url, width }) => [name, width, url])).toEqual([
      ['thumbnail', 480, 'https://share.test/t/sizes/thumbnail'],
      ['original', 1024, 'https://share.test/t/sizes/original'],
    ])
  })

  it('is empty for a document without a stored file or dimensions', () => {
    expect(getImageSizes({ doc: { ...doc, filename: null }, origin: null })).toEqual([])
    expect(getImageSizes({ doc: null, origin: null })).toEqual([])
    expect(getImageSizes({ doc: { ...doc, height: null, sizes: null }, origin: null })).toEqual([])
  })
})
