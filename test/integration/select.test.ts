/**
 * `select` with each of the plugin's computed fields alone, through the Local API, REST
 * (`?select[field]=true`) and Payload's SDK (`@payloadcms/sdk`), gives the value of a full read:
 * Payload reads only the selected columns, and the plugin widens the read by what the field is
 * made of.
 */
import { REST_GET } from '@payloadcms/next/routes'
import { PayloadSDK } from '@payloadcms/sdk'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type App, getApp, ORIGIN } from '../helpers/app'

const COMPUTED = ['imageUrl', 'videoUrl', 'posterUrl', 'thumbnailURL', 'shareUrl', 'storageKey', 'storageMode', 'url']

let app: App
let owner: Awaited<ReturnType<App['createUser']>>
let stopWorker: () => Promise<void>
const assets: Record<'image' | 'video', number | string> = { image: 0, video: 0 }

const generate = async (body: Record<string, unknown>) => {
  const response = await app.request('POST', 'generated-assets/generate', { body, token: owner.token })
  expect(response.status).toBe(202)
  const { id } = await response.json()
  const doc = await app.waitForAsset(id, (asset) => asset.status === 'ready' || asset.status === 'failed', 60_000)
  expect(doc.status).toBe('ready')
  const shared = await app.request('POST', `generated-assets/${id}/share`, { token: owner.token })
  expect(shared.status).toBe(200)
  return id as number | string
}

beforeAll(async () => {
  app = await getApp()
  owner = await app.createUser()
  stopWorker = app.startWorker()
  assets.image = await generate({ params: { size: '96x64' }, prompt: 'select: an image' })
  assets.video = await generate({
    model: 'local/video',
    params: { duration: 1, fps: 6, size: '96x64' },
    prompt: 'select: a video',
  })
}, 120_000)

afterAll(async () => {
  await stopWorker?.()
  await app?.close()
})

/** Payload's REST SDK, its requests handed to the app's REST route in-process. */
const sdk = () => {
  const get = REST_GET(app.config)
  return new PayloadSDK({
    baseURL: `${ORIGIN}/api`,
    fetch: (async (input: string | URL, init?: RequestInit) => {
      const url = new URL(String(input), `${ORIGIN}/api/`)
      const slug = url.pathname.replace(/^\/api\//, '').split('/')
      return get(new Request(url, init), { params: Promise.resolve({ slug }) })
    }) as typeof fetch,
  })
}

const user = () => app.payload.findByID({ collection: 'users', id: owner.id })

describe.each(['image', 'video'] as const)('select on a ready %s', (kind) => {
  it.each(COMPUTED)(
    'Local API: select { %s: true } alone gives the full read’s value and nothing else',
    async (field) => {
      const id = assets[kind]
      const reader = await user()
      const full = await app.payload.findByID({
        collection: 'generated-assets',
        id,
        overrideAccess: false,
        user: reader,
      })
      const selected = await app.payload.findByID({
        collection: 'generated-assets',
        id,
        overrideAccess: false,
        select: { [field]: true },
        user: reader,
      })
      expect(selected).toEqual({ [field]: (full as unknown as Record<string, unknown>)[field] ?? null, id })
      const { docs } = await app.payload.find({
        collection: 'generated-assets',
        overrideAccess: false,
        select: { [field]: true },
        user: reader,
        where: { id: { equals: id } },
      })
      expect(docs).toEqual([selected])
    },
  )

  it.each(COMPUTED)('REST: ?select[%s]=true alone gives the full read’s value', async (field) => {
    const id = assets[kind]
    const full = await (await app.request('GET', `generated-assets/${id}`, { token: owner.token })).json()
    const response = await app.request('GET', `generated-assets/${id}?select[${field}]=true`, { token: owner.token })
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ [field]: full[field] ?? null, id })
    const list = await app.request('GET', `generated-assets?where[id][equals]=${id}&select[${field}]=true`, {
      token: owner.token,
    })
    expect((await list.json()).docs).toEqual([{ [field]: full[field] ?? null, id }])
  })
})

describe.each(['image', 'video'] as const)('select through @payloadcms/sdk on a ready %s', (kind) => {
  it.each(COMPUTED)('select { %s: true } alone gives the full read’s value', async (field) => {
    const id = assets[kind]
    const init = { headers: { Authorization: `JWT ${owner.token}` } }
    const full = (await sdk().findByID(
      { collection: 'generated-assets', id: id as number },
      init,
    )) as unknown as Record<string, unknown>
    const selected = await sdk().findByID(
      { collection: 'generated-assets', id: id as number, select: { [field]: true } as never },
      init,
    )
    expect(selected).toEqual({ [field]: full[field] ?? null, id })
    const { docs } = await sdk().find(
      { collection: 'generated-assets', select: { [field]: true } as never, where: { id: { equals: id } } },
      init,
    )
    expect(docs).toEqual([selected])
  })
})

describe('select through GraphQL (`select: true`: Payload reads only the queried fields)', () => {
  it.each(['image', 'video'] as const)('a %s’s computed fields alone are those of a full read', async (kind) => {
    const fields = COMPUTED.join(' ')
    const query = (select: boolean) =>
      app.graphql(`query ($id: Int!) { GeneratedAsset(id: $id, select: ${select}) { ${fields} } }`, {
        token: owner.token,
        variables: { id: Number(assets[kind]) },
      })
    const [full, selected] = [await query(false), await query(true)]
    expect(selected.errors).toBeUndefined()
    expect(full.data.GeneratedAsset.imageUrl ?? full.data.GeneratedAsset.videoUrl).toMatch(/^http:\/\/cms\.test\//)
    expect(selected.data.GeneratedAsset).toEqual(full.data.GeneratedAsset)
  })
})

describe('what the computed fields hold under select', () => {
  it('an image’s selected thumbnailURL is its WebP thumbnail, not the full PNG; its imageUrl the PNG', async () => {
    const query = `generated-assets/${assets.image}?select[thumbnailURL]=true&select[imageUrl]=true&select[shareUrl]=true`
    const doc = await (await app.request('GET', query, { token: owner.token })).json()
    expect(doc.thumbnailURL).toMatch(/^http:\/\/cms\.test\/api\/generated-assets\/file\/.+\.webp(\?|$)/)
    expect(doc.imageUrl).toMatch(/^http:\/\/cms\.test\/api\/generated-assets\/file\/.+\.png(\?|$)/)
    expect(doc.shareUrl).toMatch(/^http:\/\/cms\.test\/api\/generated-assets\/share\/[\w-]+$/)
  })

  it('a video’s selected posterUrl and thumbnailURL are still images, its videoUrl the MP4', async () => {
    const query = `generated-assets/${assets.video}?select[thumbnailURL]=true&select[posterUrl]=true&select[videoUrl]=true`
    const doc = await (await app.request('GET', query, { token: owner.token })).json()
    expect(doc.videoUrl).toMatch(/\.mp4(\?|$)/)
    expect(doc.posterUrl).toMatch(
      /^http:\/\/cms\.test\/api\/generated-asset-posters\/file\/.+\.(jpg|jpeg|png|webp)(\?|$)/,
    )
    expect(doc.thumbnailURL).toMatch(/^http:\/\/cms\.test\/api\/generated-asset-posters\/file\/.+\.webp(\?|$)/)
  })

  it('excluding a stored field the URLs are made of still gives the URLs, without that field', async () => {
    const full = await (await app.request('GET', `generated-assets/${assets.image}`, { token: owner.token })).json()
    const doc = await (
      await app.request('GET', `generated-assets/${assets.image}?select[filename]=false&select[sizes]=false`, {
        token: owner.token,
      })
    ).json()
    expect(doc).not.toHaveProperty('filename')
    expect(doc).not.toHaveProperty('sizes')
    expect(doc.imageUrl).toBe(full.imageUrl)
    expect(doc.thumbnailURL).toBe(full.thumbnailURL)
  })
})
