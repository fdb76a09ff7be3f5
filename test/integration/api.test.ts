import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type App, getApp } from '../helpers/app'
import { insertRows } from '../helpers/database'

let app: App
let editor: Awaited<ReturnType<App['createUser']>>
let other: Awaited<ReturnType<App['createUser']>>

/**
 * Inserts `count` finished-looking assets for a user below the Local API (prompts `${prefix} 0…`,
 * each a second older than the one before, every third starred); answers their ids in that order.
 */
const seed = async ({ count, prefix, userId }: { count: number; prefix: string; userId: number | string }) => {
  const now = Date.now()
  const rows = await insertRows({
    payload: app.payload,
    rows: Array.from({ length: count }, (_, n) => ({
      createdAt: new Date(now - n * 1000).toISOString(),
      createdBy: userId,
      kind: 'image',
      model: 'local/image',
      modelName: 'Local (offline)',
      prompt: `${prefix} ${n}`,
      starred: n % 3 === 0,
      status: 'ready',
      updatedAt: new Date(now).toISOString(),
    })),
    table: 'generated_assets',
  })
  return rows.map((row) => row.id as number)
}

beforeAll(async () => {
  app = await getApp()
  editor = await app.createUser()
  other = await app.createUser()
})

afterAll(async () => {
  await app?.close()
})

const gallery = async (query: string, token = editor.token) => {
  const response = await app.request('GET', `generated-assets/gallery?${query}`, { token })
  return { body: await response.json(), status: response.status }
}

describe('gallery endpoint (keyset)', () => {
  it('pages through 1,000 assets with inserts between pages, yielding each exactly once', async () => {
    const ids = await seed({ count: 1000, prefix: 'paging', userId: editor.id })
    const seen: number[] = []
    let cursor: null | string = null
    let pages = 0
    do {
      const { body, status } = await gallery(`limit=100&q=paging${cursor ? `&cursor=${cursor}` : ''}`)
      expect(status).toBe(200)
      seen.push(...body.items.map((item: { id: number }) => item.id))
      cursor = body.nextCursor
      // Someone keeps generating: newer assets must not shift the pages being read.
      await seed({ count: 5, prefix: 'paging newer', userId: editor.id })
      pages++
    } while (cursor && pages < 50)
    const fromSeed = seen.filter((id) => ids.includes(id))
    expect(new Set(seen).size).toBe(seen.length)
    expect(fromSeed.length).toBe(1000)
  })

  it('filters, sorts and caps the limit; items are normalized with absolute URLs', async () => {
    await seed({ count: 30, prefix: 'filterable', userId: editor.id })
    const starred = await gallery('q=filterable&starred=true&limit=100')
    expect(starred.body.items.length).toBe(10)
    const oldest = await gallery('q=filterable&sort=oldest&limit=3')
    const newest = await gallery('q=filterable&sort=newest&limit=3')
    expect(oldest.body.items[0].prompt).toBe('filterable 29')
    expect(newest.body.items[0].prompt).toBe('filterable 0')
    expect((await gallery('limit=1000')).body.items.length).toBe(100)
    expect(newest.body.items[0]).toMatchObject({ kind: 'image', model: 'local/image', modelName: 'Local (offline)', status: 'ready' })
    expect(Object.keys(newest.body.items[0])).toEqual(expect.arrayContaining(['imageUrl', 'thumbnailURL', 'shareUrl', 'storageKey', 'inferenceTime', 'duration']))
  })

  it("never shows another editor's assets", async () => {
    await seed({ count: 5, prefix: 'hidden-from-other', userId: editor.id })
    const { body } = await gallery('q=hidden-from-other', other.token)
    expect(body.items).toEqual([])
  })

  const bad: [string, string][] = [
    ['a malformed cursor', 'cursor=not-a-cursor'],
    ['a forged cursor', `cursor=${Buffer.from('{"x":1}').toString('base64url')}`],
    ['a zero limit', 'limit=0'],
    ['a negative limit', 'limit=-5'],
    ['a non-numeric limit', 'limit=ten'],
    ['an unknown kind', 'kind=audio'],
    ['an unknown status', 'status=done'],
    ['a non-boolean starred', 'starred=yes'],
    ['a bad date', 'from=yesterday'],
    ['an unknown sort', 'sort=random'],
    ['an unknown parameter', 'colour=red'],
    ['a repeated parameter', 'kind=image&kind=video'],
  ]
  it.each(bad)('answers 400 to %s', async (_name, query) => {
    const { body, status } = await gallery(query)
    expect(status).toBe(400)
    expect(body.errors[0].message).toEqual(expect.any(String))
  })

  it('answers 401 to anonymous readers', async () => {
    expect((await app.request('GET', 'generated-assets/gallery')).status).toBe(401)
  })
})

describe('bulk endpoint', () => {
  it('stars, trashes and restores many assets, counting what changed', async () => {
    const ids = await seed({ count: 4, prefix: 'bulk-own', userId: editor.id })
    const foreign = await seed({ count: 2, prefix: 'bulk-foreign', userId: other.id })
    const bulk = async (body: unknown) => {
      const response = await app.request('POST', 'generated-assets/bulk', { body, token: editor.token })
      return { body: await response.json(), status: response.status }
    }
    const foreignBefore = await app.payload.find({ collection: 'generated-assets', overrideAccess: true, where: { id: { in: foreign } } })
    const starred = await bulk({ action: 'star', ids: [...ids, ...foreign] })
    expect(starred.status).toBe(200)
    expect(starred.body).toMatchObject({ action: 'star', changed: 4, matched: 4 })
    const foreignDocs = await app.payload.find({ collection: 'generated-assets', overrideAccess: true, where: { id: { in: foreign } } })
    expect(foreignDocs.docs.map((doc) => [doc.id, doc.starred, doc.updatedAt])).toEqual(
      foreignBefore.docs.map((doc) => [doc.id, doc.starred, doc.updatedAt]),
    )

    expect((await bulk({ action: 'trash', ids })).body).toMatchObject({ changed: 4 })
    expect((await gallery('q=bulk-own')).body.items).toEqual([])
    expect((await bulk({ action: 'restore', ids })).body).toMatchObject({ changed: 4 })
    expect((await gallery('q=bulk-own')).body.items.length).toBe(4)

    expect((await bulk({ action: 'trash', where: { prompt: { like: 'bulk-own' } } })).body).toMatchObject({ changed: 4 })
    expect((await bulk({ action: 'delete', ids: [...ids, ...foreign] })).body).toMatchObject({ changed: 4, matched: 4 })
    const left = await app.payload.find({ collection: 'generated-assets', overrideAccess: true, trash: true, where: { id: { in: [...ids, ...foreign] } } })
    expect(left.docs.map((doc) => doc.id).sort()).toEqual([...foreign].sort())
  })

  const bad: [string, unknown][] = [
    ['no action', { ids: [1] }],
    ['an unknown action', { action: 'explode', ids: [1] }],
    ['neither ids nor where', { action: 'star' }],
    ['empty ids', { action: 'star', ids: [] }],
    ['ids of the wrong type', { action: 'star', ids: [{}] }],
    ['a where on an unknown field', { action: 'star', where: { nope: { equals: 1 } } }],
  ]
  it.each(bad)('answers 400 to %s and changes nothing', async (_name, body) => {
    const response = await app.request('POST', 'generated-assets/bulk', { body, token: editor.token })
    expect(response.status).toBe(400)
  })
})

describe('GraphQL additions', () => {
  it('pages the gallery, queues a generation, shares and revokes', async () => {
    await seed({ count: 3, prefix: 'graphql-gallery', userId: editor.id })
    const page = await app.graphql(
      `query { generatedAssetsGallery(q: "graphql-gallery", limit: 2) { nextCursor items { id prompt model imageUrl shareUrl } } }`,
      { token: editor.token },
    )
    expect(page.errors).toBeUndefined()
    expect(page.data.generatedAssetsGallery.items.map((item: { prompt: string }) => item.prompt)).toEqual(['graphql-gallery 0', 'graphql-gallery 1'])
    const next = await app.graphql(
      `query($cursor: String) { generatedAssetsGallery(q: "graphql-gallery", limit: 2, cursor: $cursor) { nextCursor items { prompt } } }`,
      { token: editor.token, variables: { cursor: page.data.generatedAssetsGallery.nextCursor } },
    )
    expect(next.data.generatedAssetsGallery).toEqual({ items: [{ prompt: 'graphql-gallery 2' }], nextCursor: null })

    const queued = await app.graphql(`mutation { generateAsset(prompt: "from graphql", params: { size: "64x64" }) { id status prompt model } }`, {
      token: editor.token,
    })
    expect(queued.errors).toBeUndefined()
    expect(queued.data.generateAsset).toMatchObject({ model: 'local/image', prompt: 'from graphql', status: 'queued' })

    const bad = await app.graphql(`mutation { generateAsset(prompt: "  ") { id } }`, { token: editor.token })
    expect(bad.errors?.[0]?.message).toMatch(/prompt/)

    const id = queued.data.generateAsset.id
    const shared = await app.graphql(`mutation { shareGeneratedAsset(id: ${id}) }`, { token: editor.token })
    expect(shared.data.shareGeneratedAsset).toMatch(/^http:\/\/cms\.test\/api\/generated-assets\/share\/[\w-]{32}$/)
    const stranger = await app.graphql(`mutation { shareGeneratedAsset(id: ${id}) }`, { token: other.token })
    expect(stranger.errors?.[0]?.message).toBe('Not Found')
    const revoked = await app.graphql(`mutation { revokeGeneratedAssetShare(id: ${id}) }`, { token: editor.token })
    expect(revoked.data.revokeGeneratedAssetShare).toBe(true)
    const anonymous = await app.graphql(`query { generatedAssetsGallery { nextCursor } }`)
    expect(anonymous.errors?.[0]?.message).toMatch(/logged in/)
  })
})

describe('pipeline-owned fields', () => {
  it('cannot be written through REST, even by the owner', async () => {
    const [id] = await seed({ count: 1, prefix: 'locked fields', userId: editor.id })
    const response = await app.request('PATCH', `generated-assets/${id}`, {
      body: { leaseOwner: 'me', model: 'openai/other', prompt: 'locked fields edited', starred: true, status: 'failed' },
      token: editor.token,
    })
    expect(response.status).toBe(200)
    const doc = await app.payload.findByID({ collection: 'generated-assets', id: id!, overrideAccess: true })
    expect(doc).toMatchObject({ leaseOwner: null, model: 'local/image', prompt: 'locked fields edited', starred: true, status: 'ready' })
  })
})
