/**
 * Putting a generated asset into the host's own upload collection (`targets: ['media']`):
 * `POST /api/generated-assets/:id/use` makes a `media` document through the Local API as the
 * user, so storage-s3 stores it under `media/` with the collection's own image sizes, with the
 * asset's bytes and alt text and `generatedAsset` pointing back; the same asset twice gives the
 * same document. Bad requests answer 4xx and create nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type App, getApp, getS3, objectKeyOf } from '../helpers/app'

let app: App
let owner: { id: number | string; token: string }
let other: { token: string }
let stopWorker: (() => Promise<void>) | undefined
let asset: Record<string, any>

const use = (id: number | string, body: unknown, token?: string) =>
  app.request('POST', `generated-assets/${id}/use`, { body, token })

const mediaCount = async () => (await app.payload.count({ collection: 'media', overrideAccess: true })).totalDocs

beforeAll(async () => {
  app = await getApp()
  owner = await app.createUser()
  other = await app.createUser()
  stopWorker = app.startWorker()
  const response = await app.request('POST', 'generated-assets/generate', {
    body: { model: 'local/image', params: { size: '320x200' }, prompt: 'use in media: a red kite over the dunes' },
    token: owner.token,
  })
  const { id } = (await response.json()) as { id: number }
  asset = await app.waitForAsset(id, (doc) => doc.status === 'ready' || doc.status === 'failed')
  expect(asset.status).toBe('ready')
})

afterAll(async () => {
  await stopWorker?.()
  await app?.close()
})

describe('use a generated asset in a target collection', () => {
  it("makes a media document with the asset's bytes, alt and a relation back, stored by the media collection's adapter", async () => {
    const response = await use(asset.id, { collection: 'media' }, owner.token)
    expect(response.status, await response.clone().text()).toBe(201)
    const { id } = (await response.json()) as { id: number }
    const media = await app.payload.findByID({ collection: 'media', depth: 0, id, overrideAccess: true })
    expect(media).toMatchObject({ alt: asset.alt, generatedAsset: asset.id, height: 200, width: 320 })
    expect(asset.alt).toBe('Use in media: a red kite over the dunes.')
    const original = await getS3().get(objectKeyOf(asset))
    expect(await getS3().get(`media/${media.filename}`)).toEqual(original)
    // The media collection's own image size was made and stored beside it.
    expect(await getS3().exists(`media/${(media.sizes as any).card.filename}`)).toBe(true)
  })

  it('gives the same document when the asset is used there again', async () => {
    const before = await mediaCount()
    const first = (await (await use(asset.id, { collection: 'media' }, owner.token)).json()) as { id: number }
    const again = await use(asset.id, { collection: 'media' }, owner.token)
    expect(again.status).toBe(200)
    expect(((await again.json()) as { id: number }).id).toBe(first.id)
    expect(await mediaCount()).toBe(before)
  })

  it.each([
    ['anonymous', () => use(asset.id, { collection: 'media' }), 401],
    ['a collection that is not a target', () => use(asset.id, { collection: 'users' }, owner.token), 400],
    ['no collection', () => use(asset.id, {}, owner.token), 400],
    ["another user's asset", () => use(asset.id, { collection: 'media' }, other.token), 404],
    ['an asset that does not exist', () => use(999_999, { collection: 'media' }, owner.token), 404],
    ['an id that is no id', () => use('nope', { collection: 'media' }, owner.token), 404],
  ])('refuses %s (%#) and creates nothing', async (_, call, status) => {
    const before = await mediaCount()
    const response = await call()
    expect(response.status).toBe(status)
    expect(((await response.json()) as { errors: { message: string }[] }).errors[0]!.message).toBeTruthy()
    expect(await mediaCount()).toBe(before)
  })

  it('refuses an asset that is not ready yet (400)', async () => {
    const queued = await app.payload.create({
      collection: 'generated-assets',
      data: { createdBy: owner.id as number, kind: 'image', model: 'local/image', prompt: 'never ready', status: 'failed' },
      overrideAccess: true,
    })
    const response = await use(queued.id, { collection: 'media' }, owner.token)
    expect(response.status).toBe(400)
  })
})
