/**
 * A public gallery: a host whose `access.read` lets anyone read assets. Payload's own REST and
 * file routes then serve every rendition of a ready image to anonymous visitors (what a public
 * site's `srcset` loads), while an asset in the trash keeps its files for its owner only.
 * Real database (Postgres or SQLite), s3rver through storage-s3, sharp.
 */
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createAppConfig } from '../../payload.config'
import { type App, getApp } from '../helpers/app'

let app: App
let owner: Awaited<ReturnType<App['createUser']>>
let stopWorker: () => Promise<void>

beforeAll(async () => {
  app = await getApp({ configPromise: createAppConfig({ pluginOptions: { access: { read: () => true } } }) })
  owner = await app.createUser()
  stopWorker = app.startWorker()
})

afterAll(async () => {
  await stopWorker?.()
  await app?.close()
})

/** GET a URL the app handed out, anonymously, following a redirect to the bucket. */
const getAnonymously = async (url: string) => {
  const response = await app.request('GET', new URL(url).pathname.replace(/^\/api\//, '') + new URL(url).search)
  if (response.status !== 302) return response
  return fetch(response.headers.get('location')!)
}

describe('a public gallery (access.read open to anyone)', () => {
  it("serves every rendition of a ready image to anonymous visitors through Payload's file routes", async () => {
    const generated = await app.request('POST', 'generated-assets/generate', {
      body: { params: { size: '1600x900' }, prompt: 'a public wide picture' },
      token: owner.token,
    })
    const { id } = await generated.json()
    await app.waitForAsset(id, (doc) => doc.status === 'ready' || doc.status === 'failed', 60_000)

    const found = await app.request('GET', `generated-assets/${id}`)
    expect(found.status).toBe(200)
    const asset = await found.json()
    expect(asset.status).toBe('ready')
    expect(asset.imageSizes.map(({ name, width }: { name: string; width: number }) => [name, width])).toEqual([
      ['thumbnail', 480],
      ['preview', 1280],
      ['original', 1600],
    ])
    for (const size of asset.imageSizes) {
      const response = await getAnonymously(size.url)
      expect([size.name, response.status]).toEqual([size.name, 200])
      const meta = await sharp(Buffer.from(await response.arrayBuffer())).metadata()
      expect([size.name, meta.width, meta.height, `image/${meta.format}`]).toEqual([size.name, size.width, size.height, size.mimeType])
    }

    // In the trash, the files are the owner's alone again.
    await app.request('PATCH', `generated-assets/${id}`, { body: { deletedAt: new Date().toISOString() }, token: owner.token })
    for (const size of asset.imageSizes) {
      expect([size.name, (await getAnonymously(size.url)).status]).toEqual([size.name, 403])
    }
  })
})
