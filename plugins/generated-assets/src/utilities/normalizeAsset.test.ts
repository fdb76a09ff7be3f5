import { describe, expect, it } from 'vitest'

import { absolutizeUrl } from './absolutizeUrl.js'
import { getRequestOrigin } from './getRequestOrigin.js'
import { getPersistedMediaUrl, getPosterUrl, normalizeAsset } from './normalizeAsset.js'

const requestWith = (headers: Record<string, string>, url = 'http://internal:3000/api/generated-assets') =>
  ({ headers: new Headers(headers), payload: { config: {} }, url }) as never

describe('absolute, persisted URLs behind proxies and on S3', () => {
  it('makes a local file path an absolute https share URL behind a proxy that sends x-forwarded-proto: https', () => {
    const origin = getRequestOrigin({ req: requestWith({ host: 'cms.example.com', 'x-forwarded-proto': 'https' }) })
    expect(origin).toBe('https://cms.example.com')
    const asset = normalizeAsset({
      collectionSlug: 'generated-assets',
      doc: {
        filename: 'fox.png',
        id: 1,
        kind: 'image',
        shareToken: 'tok_abcdefghijklmnop',
        url: '/api/generated-assets/file/fox.png',
      },
      origin,
      storageMode: 'local',
    })
    expect(asset.imageUrl).toBe('https://cms.example.com/api/generated-assets/file/fox.png')
    expect(asset.shareUrl).toBe('https://cms.example.com/api/generated-assets/share/tok_abcdefghijklmnop')
  })

  it('preserves an absolute S3 URL as it is', () => {
    const s3Url = 'https://bucket.s3.eu-west-1.amazonaws.com/generated/fox.png?X-Amz-Signature=abc'
    expect(absolutizeUrl(s3Url, 'https://cms.example.com')).toBe(s3Url)
    const asset = normalizeAsset({
      collectionSlug: 'generated-assets',
      doc: { filename: 'fox.png', id: 1, kind: 'image', url: s3Url },
      origin: 'https://cms.example.com',
      storageMode: 's3',
    })
    expect(asset.imageUrl).toBe(s3Url)
  })

  it('exposes inference time and duration in seconds', () => {
    const asset = normalizeAsset({
      collectionSlug: 'generated-assets',
      doc: {
        duration: 5.04,
        filename: 'clip.mp4',
        id: 2,
        inferenceTime: 41.7,
        kind: 'video',
        url: '/api/generated-assets/file/clip.mp4',
      },
      origin: 'http://localhost:3000',
      storageMode: 'local',
    })
    expect(asset.inferenceTime).toBe(41.7)
    expect(asset.duration).toBe(5.04)
    expect(asset.videoUrl).toBe('http://localhost:3000/api/generated-assets/file/clip.mp4')
    expect(asset.imageUrl).toBeNull()
  })

  it('never chooses the preview URL when a persisted URL exists', () => {
    const doc = {
      filename: 'fox.png',
      id: 3,
      kind: 'image' as const,
      previewUrl: 'https://replicate.delivery/pbxt/expires-in-an-hour.png',
      url: '/api/generated-assets/file/fox.png',
    }
    expect(getPersistedMediaUrl(doc)).toBe('/api/generated-assets/file/fox.png')
    const asset = normalizeAsset({
      collectionSlug: 'generated-assets',
      doc,
      origin: 'https://cms.example.com',
      storageMode: 's3',
    })
    expect(Object.values(asset)).not.toContain(doc.previewUrl)
  })

  it('does not hand out the preview URL even before the file is stored', () => {
    const asset = normalizeAsset({
      collectionSlug: 'generated-assets',
      doc: { id: 4, kind: 'image', previewUrl: 'https://replicate.delivery/x.png', status: 'ingesting' },
      origin: 'https://cms.example.com',
      storageMode: 's3',
    })
    expect(asset.imageUrl).toBeNull()
    expect(asset.thumbnailURL).toBeNull()
  })

  it("never uses a video's own URL as its poster", () => {
    const videoUrl = '/api/generated-assets/file/clip.mp4'
    expect(getPosterUrl({ kind: 'video', poster: { url: videoUrl }, url: videoUrl })).toBeNull()
    expect(getPosterUrl({ kind: 'video', poster: null, url: videoUrl })).toBeNull()
    expect(getPosterUrl({ kind: 'video', poster: { url: '/api/posters/file/clip.jpg' }, url: videoUrl })).toBe(
      '/api/posters/file/clip.jpg',
    )
    const asset = normalizeAsset({
      collectionSlug: 'generated-assets',
      doc: { filename: 'clip.mp4', id: 5, kind: 'video', url: videoUrl },
      origin: 'https://cms.example.com',
      storageMode: 'local',
    })
    expect(asset.posterUrl).not.toBe(asset.videoUrl)
    expect(asset.posterUrl).toBeNull()
  })
})

describe('getRequestOrigin', () => {
  it('prefers serverURL', () => {
    const req = {
      headers: new Headers({ host: 'internal' }),
      payload: { config: { serverURL: 'https://cms.example.com/' } },
    } as never
    expect(getRequestOrigin({ req })).toBe('https://cms.example.com')
  })

  it('honours x-forwarded-host and takes the first of several proxies', () => {
    expect(
      getRequestOrigin({
        req: requestWith({
          host: 'internal:3000',
          'x-forwarded-host': 'cms.example.com, proxy.local',
          'x-forwarded-proto': 'https,http',
        }),
      }),
    ).toBe('https://cms.example.com')
  })

  it('falls back to the request URL', () => {
    expect(getRequestOrigin({ req: requestWith({}, 'http://localhost:3000/api/x') })).toBe('http://localhost:3000')
  })
})

describe('absolutizeUrl', () => {
  it('handles empty values, relative paths and trailing slashes', () => {
    expect(absolutizeUrl(null, 'https://a.test')).toBeNull()
    expect(absolutizeUrl('', 'https://a.test')).toBeNull()
    expect(absolutizeUrl('api/x.png', 'https://a.test/')).toBe('https://a.test/api/x.png')
    expect(absolutizeUrl('/api/x.png', null)).toBe('/api/x.png')
    expect(absolutizeUrl('HTTP://CDN.test/x.png', 'https://a.test')).toBe('HTTP://CDN.test/x.png')
  })
})
