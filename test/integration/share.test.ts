import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type App, getApp, getS3, objectKeyOf } from '../helpers/app'
import { isSQLite, recordSQL } from '../helpers/database'

/** The first bind parameter as the driver writes it (recordSQL). */
const PARAM = isSQLite ? '\\?' : '\\$1'

let app: App
let owner: Awaited<ReturnType<App['createUser']>>
let stopWorker: () => Promise<void>

beforeAll(async () => {
  app = await getApp()
  owner = await app.createUser()
  stopWorker = app.startWorker()
})

afterAll(async () => {
  await stopWorker?.()
  await app?.close()
})

const createReady = async (body: Record<string, unknown>) => {
  const response = await app.request('POST', 'generated-assets/generate', { body, token: owner.token })
  const { id } = await response.json()
  return app.waitForAsset(id, (asset) => asset.status === 'ready' || asset.status === 'failed', 60_000)
}

const share = async (id: number | string, query = '') => {
  const response = await app.request('POST', `generated-assets/${id}/share${query}`, { token: owner.token })
  expect(response.status).toBe(200)
  const { shareUrl } = await response.json()
  return { path: new URL(shareUrl).pathname.replace(/^\/api\//, ''), shareUrl: shareUrl as string }
}

/** GET a share file route anonymously and follow its redirect to the signed S3 URL. */
const getShared = async (path: string, headers: Record<string, string> = {}) => {
  const response = await app.request('GET', path, { headers })
  if (response.status !== 302) return response
  return fetch(response.headers.get('location')!, { headers })
}

describe('share links', () => {
  it('rotating replaces the link at once; revoking ends it; sharing again makes a new one', async () => {
    const doc = await createReady({ params: { size: '96x96' }, prompt: 'rotate and revoke' })
    const first = await share(doc.id)
    expect((await app.request('GET', `${first.path}/file`)).status).toBe(302)

    const rotated = await share(doc.id, '?rotate=1')
    expect(rotated.shareUrl).not.toBe(first.shareUrl)
    expect((await app.request('GET', `${first.path}/file`)).status).toBe(404)
    expect((await app.request('GET', first.path, { headers: { accept: 'application/json' } })).status).toBe(404)
    expect((await app.request('GET', `${rotated.path}/file`)).status).toBe(302)

    const revoked = await app.request('DELETE', `generated-assets/${doc.id}/share`, { token: owner.token })
    expect(revoked.status).toBe(200)
    expect(await revoked.json()).toEqual({ shareUrl: null })
    for (const suffix of ['', '/file', '/thumbnail']) {
      expect((await app.request('GET', `${rotated.path}${suffix}`)).status).toBe(404)
    }
    const rest = await (await app.request('GET', `generated-assets/${doc.id}`, { token: owner.token })).json()
    expect(rest.shareUrl).toBeNull()

    const again = await share(doc.id)
    expect(again.shareUrl).not.toBe(rotated.shareUrl)
    expect((await app.request('GET', `${again.path}/file`)).status).toBe(302)
  })

  it('only a user who may update the asset can share, rotate or revoke it', async () => {
    const doc = await createReady({ params: { size: '64x64' }, prompt: 'not yours' })
    const stranger = await app.createUser()
    for (const [method, query] of [
      ['POST', ''],
      ['POST', '?rotate=1'],
      ['DELETE', ''],
    ] as const) {
      expect((await app.request(method, `generated-assets/${doc.id}/share${query}`, { token: stranger.token })).status).toBe(404)
      expect((await app.request(method, `generated-assets/${doc.id}/share${query}`)).status).toBe(401)
    }
  })

  it('trashing ends the link on every route, restoring brings the same link back', async () => {
    const doc = await createReady({ params: { size: '64x64' }, prompt: 'trash and restore' })
    const { path } = await share(doc.id)
    await app.request('PATCH', `generated-assets/${doc.id}`, { body: { deletedAt: new Date().toISOString() }, token: owner.token })
    for (const suffix of ['', '/file', '/thumbnail']) {
      expect((await app.request('GET', `${path}${suffix}`)).status).toBe(404)
    }
    const restored = await app.request('PATCH', `generated-assets/${doc.id}?trash=true`, { body: { deletedAt: null }, token: owner.token })
    expect(restored.status).toBe(200)
    expect((await app.request('GET', `${path}/file`)).status).toBe(302)
  })

  it('serves a URL signed for the current minute, short-lived, cached for a minute at most', async () => {
    const doc = await createReady({ params: { size: '64x64' }, prompt: 'signed every minute' })
    const { path } = await share(doc.id)
    const before = Date.now()
    const first = await app.request('GET', `${path}/file`)
    const location = new URL(first.headers.get('location')!)
    // Signed at the start of the current minute (X-Amz-Date, ISO 8601 basic format), for 300 s.
    const signedAt = Date.parse(location.searchParams.get('X-Amz-Date')!.replace(/^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/, '$1-$2-$3T$4:$5:$6Z'))
    expect(signedAt % 60_000).toBe(0)
    expect(before - signedAt).toBeLessThan(60_000 + 1000)
    expect(location.searchParams.get('X-Amz-Expires')).toBe('300')
    expect(first.headers.get('cache-control')).toBe('public, max-age=60, s-maxage=60')
    const second = await app.request('GET', `${path}/file`)
    if (Date.now() - signedAt < 60_000) {
      // Within the minute: the same URL, so the same ETag, and 304 to it.
      expect(second.headers.get('location')).toBe(first.headers.get('location'))
      const revalidated = await app.request('GET', `${path}/file`, { headers: { 'If-None-Match': first.headers.get('etag')! } })
      expect(revalidated.status).toBe(Date.now() - signedAt < 60_000 ? 304 : 302)
    }
  })

  it('serves the thumbnail and a download with a sensible name', async () => {
    const doc = await createReady({ params: { size: '800x600' }, prompt: 'Thumbnails & downloads!' })
    const { path } = await share(doc.id)
    const thumbnail = await getShared(`${path}/thumbnail`)
    expect(thumbnail.status).toBe(200)
    const meta = await sharp(Buffer.from(await thumbnail.arrayBuffer())).metadata()
    expect([meta.format, meta.width]).toEqual(['webp', 480])

    // A download is a signed URL too: the bucket answers the bytes with the attachment header.
    const download = await app.request('GET', `${path}/file?download=1`)
    expect(download.status).toBe(302)
    const fromBucket = await fetch(download.headers.get('location')!)
    expect(fromBucket.status).toBe(200)
    expect(fromBucket.headers.get('content-disposition')).toBe(`attachment; filename="thumbnails-downloads-ga${doc.id}.png"`)
    expect(new URL(download.headers.get('location')!).pathname).toBe(`/${process.env.S3_BUCKET}/generated-assets/${doc.filename}`)
    expect(Buffer.from(await fromBucket.arrayBuffer()).equals(await getS3().get(objectKeyOf(doc)))).toBe(true)
  })

  it('shares a video: file with Range support, poster, and og:video on the page', async () => {
    const doc = await createReady({ model: 'local/video', params: { duration: 2, size: '320x180' }, prompt: 'shared clip' })
    expect(doc.status).toBe('ready')
    const { path, shareUrl } = await share(doc.id)
    const original = await getS3().get(objectKeyOf(doc))

    const ranged = await getShared(`${path}/file`, { range: 'bytes=0-1023' })
    expect(ranged.status).toBe(206)
    expect(Buffer.from(await ranged.arrayBuffer()).equals(original.subarray(0, 1024))).toBe(true)

    const poster = await getShared(`${path}/poster`)
    expect(poster.status).toBe(200)
    expect((await sharp(Buffer.from(await poster.arrayBuffer())).metadata()).width).toBe(320)

    const json = await (await app.request('GET', path, { headers: { accept: 'application/json' } })).json()
    expect(json).toMatchObject({ kind: 'video', posterUrl: `${shareUrl}/poster`, shareUrl, videoUrl: `${shareUrl}/file` })
    expect(json.duration).toBeCloseTo(2, 1)
    expect(json.imageUrl).toBeNull()

    const html = await (await app.request('GET', path, { headers: { accept: 'text/html' } })).text()
    expect(html).toContain(`<meta property="og:video" content="${shareUrl}/file">`)
    expect(html).toContain(`<meta property="og:image" content="${shareUrl}/poster">`)
    expect(html).toContain(`poster="${shareUrl}/poster"`)

    // The GraphQL gallery gives the video its poster's URLs and renditions, and the poster itself.
    const { data, errors } = await app.graphql(
      `query { generatedAssetsGallery(q: "shared clip", kind: "video") { items { id posterUrl thumbnailURL imageSizes { name width } poster { id } } } }`,
      { token: owner.token },
    )
    expect(errors).toBeUndefined()
    const item = data.generatedAssetsGallery.items.find((entry: { id: unknown }) => entry.id === doc.id)
    expect(item).toMatchObject({ poster: { id: doc.poster }, posterUrl: expect.stringMatching(/-poster\.jpg(\?|$)/), thumbnailURL: expect.stringMatching(/\.webp(\?|$)/) })
    expect(item.imageSizes.map(({ name, width }: { name: string; width: number }) => [name, width])).toEqual([['original', 320]])
  })

  it('lists every rendition in the share JSON, each loads anonymously at its width, and the page gives them as srcset', async () => {
    const doc = await createReady({ params: { size: '800x1200' }, prompt: 'a tall rendition' })
    const { path, shareUrl } = await share(doc.id)
    const json = await (await app.request('GET', path, { headers: { accept: 'application/json' } })).json()
    expect(json.imageSizes.map(({ name, width }: { name: string; width: number }) => [name, width])).toEqual([
      ['thumbnail', 480],
      ['original', 800],
    ])
    for (const size of json.imageSizes) {
      expect(size.url).toBe(`${shareUrl}/sizes/${size.name}`)
      const response = await getShared(new URL(size.url).pathname.replace(/^\/api\//, ''))
      expect(response.status).toBe(200)
      const meta = await sharp(Buffer.from(await response.arrayBuffer())).metadata()
      expect([meta.width, meta.height, `image/${meta.format}`]).toEqual([size.width, size.height, size.mimeType])
    }
    expect(json.placeholder).toMatch(/^data:image\//)
    expect((await app.request('GET', `${path}/sizes/no-such-size`)).status).toBe(404)
    expect((await app.request('GET', `${path}/sizes/__proto__`)).status).toBe(404)

    const html = await (await app.request('GET', path, { headers: { accept: 'text/html' } })).text()
    expect(html).toContain(`srcset="${shareUrl}/sizes/thumbnail 480w, ${shareUrl}/sizes/original 800w"`)

    await app.request('DELETE', `generated-assets/${doc.id}/share`, { token: owner.token })
    expect((await app.request('GET', `${path}/sizes/thumbnail`)).status).toBe(404)
  })

  const shareBoth = async () => {
    const image = await createReady({ params: { size: '64x64' }, prompt: 'narrow lookup' })
    const video = await createReady({ model: 'local/video', params: { duration: 1, size: '160x90' }, prompt: 'narrow clip' })
    const [imagePath, videoPath] = await Promise.all([image, video].map(async (doc) => (await share(doc.id)).path))
    return { image, imagePath, video, videoPath }
  }

  /** The bucket key a share file route's 302 points at (`null` for any other answer) and its status. */
  const served = async (path: string) => {
    const response = await app.request('GET', path)
    const location = response.status === 302 ? new URL(response.headers.get('location')!) : null
    return {
      key: location && decodeURIComponent(location.pathname).replace(`/${process.env.S3_BUCKET}/`, ''),
      status: response.status,
    }
  }

  it.skipIf(isSQLite)('on Postgres, looks a shared file up with one narrow query, not the adapter\'s query builder', async () => {
    const { imagePath, videoPath } = await shareBoth()
    const db = app.payload.db as unknown as { findOne: (...args: unknown[]) => unknown }
    const { findOne } = db
    let findOneCalls = 0
    db.findOne = function (this: unknown, ...args: unknown[]) {
      findOneCalls++
      return findOne.apply(this, args)
    }
    const sql = recordSQL(app.payload)
    try {
      expect((await served(`${imagePath}/file`)).status).toBe(302)
      expect(sql.statements).toEqual([
        expect.stringMatching(new RegExp(`^select .* from "generated_assets" where "share_token" = ${PARAM} and "status" = 'ready' and "deleted_at" is null limit 1$`)),
      ])
      sql.statements.length = 0
      expect((await served(`${videoPath}/poster`)).status).toBe(302)
      expect(sql.statements).toEqual([
        expect.stringMatching(new RegExp(` from "generated_assets" where "share_token" = ${PARAM} `)),
        expect.stringMatching(new RegExp(` from "generated_asset_posters" where "id" = ${PARAM} limit 1$`)),
      ])
      expect(findOneCalls).toBe(0)
    } finally {
      sql.stop()
      db.findOne = findOne
    }
  })

  it('the fast path and the public path (the adapter\'s findOne) serve the same file, thumbnail, poster and poster thumbnail, and the same 404s', async () => {
    const { image, imagePath, video, videoPath } = await shareBoth()
    const trashed = await createReady({ params: { size: '64x64' }, prompt: 'trashed share' })
    const { path: trashedPath } = await share(trashed.id)
    await app.payload.update({ collection: 'generated-assets', data: { deletedAt: new Date().toISOString() }, id: trashed.id, overrideAccess: true })
    const paths = [
      ...['file', 'thumbnail', 'poster'].map((part) => `${imagePath}/${part}`),
      ...['file', 'thumbnail', 'poster'].map((part) => `${videoPath}/${part}`),
      ...['sizes/thumbnail', 'sizes/original', 'sizes/preview'].map((part) => `${imagePath}/${part}`),
      ...['sizes/thumbnail', 'sizes/original'].map((part) => `${videoPath}/${part}`),
      `${trashedPath}/file`,
      'generated-assets/share/not-a-token-of-any-asset-0123/thumbnail',
    ]
    const serveAll = async () => {
      const results = []
      for (const path of paths) results.push(await served(path))
      return results
    }
    const poster = await app.payload.findByID({ collection: 'generated-asset-posters', id: video.poster, overrideAccess: true })
    const expected = [
      { key: `generated-assets/${image.filename}`, status: 302 },
      { key: `generated-assets/${image.sizes.thumbnail.filename}`, status: 302 },
      { key: null, status: 404 },
      { key: `generated-assets/${video.filename}`, status: 302 },
      { key: `generated-assets/posters/${(poster.sizes as { thumbnail: { filename: string } }).thumbnail.filename}`, status: 302 },
      { key: `generated-assets/posters/${poster.filename}`, status: 302 },
      { key: `generated-assets/${image.sizes.thumbnail.filename}`, status: 302 },
      { key: `generated-assets/${image.filename}`, status: 302 },
      // 64 px wide: no preview (1280 px) was made.
      { key: null, status: 404 },
      { key: `generated-assets/posters/${(poster.sizes as { thumbnail: { filename: string } }).thumbnail.filename}`, status: 302 },
      { key: `generated-assets/posters/${poster.filename}`, status: 302 },
      { key: null, status: 404 },
      { key: null, status: 404 },
    ]
    expect(await serveAll()).toEqual(expected)
    // The public path: a database the plugin has no fast path for (getDatabaseKind answers `other`).
    const db = app.payload.db as unknown as { findOne: (...args: unknown[]) => unknown; name: string }
    const { findOne, name } = db
    let findOneCalls = 0
    db.findOne = function (this: unknown, ...args: unknown[]) {
      findOneCalls++
      return findOne.apply(this, args)
    }
    db.name = 'no-fast-path'
    try {
      expect(await serveAll()).toEqual(expected)
      expect(findOneCalls).toBeGreaterThanOrEqual(paths.length)
    } finally {
      db.name = name
      db.findOne = findOne
    }
  })
})
