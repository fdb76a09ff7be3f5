/**
 * The admin gallery's server side: trash and counts in the gallery endpoint, bulk actions on a
 * filter, ZIP downloads, generation from a source image, and prompt search answered by the
 * trigram index.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { seedGallery } from '../../bench/gallerySeed'
import { type App, getApp } from '../helpers/app'
import { isSQLite } from '../helpers/database'
import { s3TargetFromEnv } from '../../bench/lib/s3Target'

let app: App
let editor: Awaited<ReturnType<App['createUser']>>
let other: Awaited<ReturnType<App['createUser']>>
const stamp = Date.now()

type Pool = { query: (text: string, values?: unknown[]) => Promise<{ rows: any[] }> }
const pool = () => (app.payload.db as unknown as { pool: Pool }).pool

let seeds = 0
const seed = (userId: number | string, prefix: string, count: number) =>
  seedGallery({
    count,
    distinct: 4,
    filePrefix: `${prefix}-${stamp}-${++seeds}`,
    payload: app.payload,
    prompt: (n) => `${prefix} ${stamp} ${n % 2 ? 'odd' : 'even'} ${n}`,
    s3: s3TargetFromEnv(),
    storeOriginals: true,
    userId,
  })

const get = async (path: string, token = editor.token) => {
  const response = await app.request('GET', `generated-assets/${path}`, { token })
  return { body: response.headers.get('content-type')?.includes('json') ? await response.json() : null, response }
}
const bulk = async (body: unknown) => {
  const response = await app.request('POST', 'generated-assets/bulk', { body, token: editor.token })
  return { body: await response.json(), status: response.status }
}

beforeAll(async () => {
  app = await getApp()
  editor = await app.createUser()
  other = await app.createUser()
})

afterAll(async () => {
  await app?.close()
})

describe('gallery endpoint: trash, counts and gallery items', () => {
  it('counts the matches, pages the trash apart from the gallery, and hands out tile fields', async () => {
    const ids = await seed(editor.id, 'trashable', 6)
    await bulk({ action: 'trash', ids: ids.slice(0, 2) })
    const live = await get(`gallery?q=trashable%20${stamp}&count=true&limit=3`)
    expect(live.body.totalDocs).toBe(4)
    expect(live.body.items).toHaveLength(3)
    expect(live.body.nextCursor).toEqual(expect.any(String))
    const trash = await get(`gallery?q=trashable%20${stamp}&trash=true&count=true`)
    expect(trash.body.totalDocs).toBe(2)
    expect(trash.body.items.map((item: { id: number }) => item.id).sort()).toEqual(ids.slice(0, 2).sort())
    expect(trash.body.items[0].deletedAt).toEqual(expect.any(String))
    expect(live.body.items[0]).toMatchObject({
      createdBy: { id: editor.id, label: editor.email },
      deletedAt: null,
      params: { seed: expect.any(Number), size: '512x512' },
      placeholder: expect.stringMatching(/^data:image\/webp;base64,/),
      starred: expect.any(Boolean),
      thumbnailURL: expect.stringMatching(/^http:\/\/cms\.test\/api\/generated-assets\/file\/.+\.webp$/),
    })
    expect(live.body.items[0]).not.toHaveProperty('operation')
    expect(live.body.items[0].imageSizes).toEqual([
      {
        height: 480,
        mimeType: 'image/webp',
        name: 'thumbnail',
        url: expect.stringMatching(/^http:\/\/cms\.test\/api\/generated-assets\/file\/.+-480x480\.webp$/),
        width: 480,
      },
      { height: 512, mimeType: 'image/png', name: 'original', url: live.body.items[0].imageUrl, width: 512 },
    ])
  })

  it('gives GraphQL gallery items the same renditions as whole numbers, the placeholder and the creator', async () => {
    const [id] = await seed(editor.id, 'graphql-sizes', 1)
    const query = `query($q: String) { generatedAssetsGallery(q: $q) { items {
      id placeholder imageUrl createdBy { id email } imageSizes { name width height url mimeType }
    } } }`
    const { data, errors } = await app.graphql(query, { token: editor.token, variables: { q: `graphql-sizes ${stamp}` } })
    expect(errors).toBeUndefined()
    const [item] = data.generatedAssetsGallery.items
    expect(item.id).toBe(id)
    expect(item.createdBy).toEqual({ email: editor.email, id: editor.id })
    expect(item.placeholder).toMatch(/^data:image\/webp;base64,/)
    expect(item.imageSizes.map(({ name, width }: { name: string; width: number }) => [name, width])).toEqual([
      ['thumbnail', 480],
      ['original', 512],
    ])
    expect(item.imageSizes[1].url).toBe(item.imageUrl)
    const rest = await get(`gallery?q=graphql-sizes%20${stamp}`)
    expect(rest.body.items[0].imageSizes).toEqual(item.imageSizes)
    const introspection = await app.graphql(`{ __type(name: "GeneratedAsset_ImageSizes") { fields { name type { name ofType { name } } } } }`, {
      token: editor.token,
    })
    const types = Object.fromEntries(
      introspection.data.__type.fields.map((field: { name: string; type: { name: null | string; ofType: { name: string } | null } }) => [
        field.name,
        field.type.name ?? field.type.ofType?.name,
      ]),
    )
    expect(types).toMatchObject({ height: 'Int', mimeType: 'String', name: 'String', url: 'String', width: 'Int' })
  })
})

describe('bulk actions on a filter ("all N matching")', () => {
  it('acts on exactly what the gallery shows, never on the trash or on other users’ assets', async () => {
    const ids = await seed(editor.id, 'filtered', 10)
    const foreign = await seed(other.id, 'filtered', 3)
    await bulk({ action: 'trash', ids: [ids[0]] })
    const filter = { q: `filtered ${stamp} even` }
    // Live even ones: 0, 2, 4, 6, 8 minus the trashed 0.
    expect((await bulk({ action: 'star', filter })).body).toMatchObject({ changed: 4, matched: 4 })
    expect((await bulk({ action: 'delete', filter })).body).toMatchObject({ changed: 4, matched: 4 })
    const left = await app.payload.find({
      collection: 'generated-assets',
      limit: 100,
      overrideAccess: true,
      trash: true,
      where: { prompt: { like: `filtered ${stamp}` } },
    })
    expect(left.docs.map((doc) => doc.id).sort()).toEqual(
      [ids[0], ids[1], ids[3], ids[5], ids[7], ids[9], ...foreign].sort(),
    )

    // Empty the trash: every trashed asset of the user, and only those.
    expect((await bulk({ action: 'delete', filter: { trash: 'true' } })).body.changed).toBeGreaterThanOrEqual(1)
    expect((await get(`gallery?trash=true&count=true`)).body.totalDocs).toBe(0)
    expect(
      await app.payload.count({ collection: 'generated-assets', overrideAccess: true, where: { id: { in: foreign } } }),
    ).toMatchObject({ totalDocs: 3 })
  })

  it('answers 400 to a bad filter', async () => {
    expect((await bulk({ action: 'star', filter: { kind: 'audio' } })).status).toBe(400)
  })
})

describe('download-zip endpoint', () => {
  it('streams the stored files of the listed assets, or of a filter, as a ZIP archive', async () => {
    const ids = await seed(editor.id, 'zipped', 3)
    const byIds = await app.request('GET', `generated-assets/download-zip?ids=${ids.join(',')}`, {
      token: editor.token,
    })
    expect(byIds.status).toBe(200)
    expect(byIds.headers.get('content-type')).toBe('application/zip')
    expect(byIds.headers.get('content-disposition')).toMatch(
      /^attachment; filename="generated-assets-\d{4}-\d{2}-\d{2}\.zip"$/,
    )
    const archive = Buffer.from(await byIds.arrayBuffer())
    expect(archive.subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]))
    const text = archive.toString('latin1')
    for (const id of ids) expect(text).toContain(`${id}-zipped-${stamp}`)
    // Stored, so each PNG appears whole: three PNG signatures.
    expect(text.split('\x89PNG').length - 1).toBe(3)

    const byFilter = await app.request('GET', `generated-assets/download-zip?q=zipped%20${stamp}%20odd`, {
      token: editor.token,
    })
    const filtered = Buffer.from(await byFilter.arrayBuffer()).toString('latin1')
    expect(filtered).toContain(`${ids[1]}-zipped-${stamp}`)
    expect(filtered).not.toContain(`${ids[0]}-zipped-${stamp}`)
  })

  it('leaves out what the user may not read, and refuses anonymous and bad requests', async () => {
    const [foreign] = await seed(other.id, 'zip-foreign', 1)
    const response = await app.request('GET', `generated-assets/download-zip?ids=${foreign}`, { token: editor.token })
    expect(response.status).toBe(200)
    expect(Buffer.from(await response.arrayBuffer()).toString('latin1')).not.toContain('zip-foreign')
    expect((await app.request('GET', `generated-assets/download-zip?ids=${foreign}`)).status).toBe(401)
    expect((await app.request('GET', 'generated-assets/download-zip?ids=a%20b', { token: editor.token })).status).toBe(
      400,
    )
    expect((await app.request('GET', 'generated-assets/download-zip?colour=red', { token: editor.token })).status).toBe(
      400,
    )
  })
})

describe('generate with a source image (Reuse)', () => {
  it('stores the source on the new asset, and refuses sources the user cannot see', async () => {
    const [source] = await seed(editor.id, 'source', 1)
    const response = await app.request('POST', 'generated-assets/generate', {
      body: { prompt: `from a source ${stamp}`, sources: [source] },
      token: editor.token,
    })
    expect(response.status).toBe(202)
    const { id } = (await response.json()) as { id: number }
    const doc = await app.payload.findByID({ collection: 'generated-assets', depth: 0, id, overrideAccess: true })
    expect(doc.sources).toEqual([source])
    const [foreign] = await seed(other.id, 'source-foreign', 1)
    const refused = await app.request('POST', 'generated-assets/generate', {
      body: { prompt: `from a foreign source ${stamp}`, sources: [foreign] },
      token: editor.token,
    })
    expect(refused.status).toBe(400)
    const malformed = await app.request('POST', 'generated-assets/generate', {
      body: { prompt: 'x', sources: 'nope' },
      token: editor.token,
    })
    expect(malformed.status).toBe(400)
  })
})

// Postgres only: the trigram index (migrations/*_gallery_search.ts) has no SQLite equivalent.
describe.skipIf(isSQLite)('prompt search in the database', () => {
  it('is answered by the trigram index on prompt (ILIKE per word)', async () => {
    const client = await (pool() as unknown as { connect: () => Promise<Pool & { release: () => void }> }).connect()
    try {
      await client.query('begin')
      // The tables are small here: make the planner show what it can use rather than what is cheapest now.
      await client.query('set local enable_seqscan = off')
      await client.query('set local enable_indexscan = off')
      const { rows } = await client.query(
        `explain select id from generated_assets where prompt ilike '%lighthouse%' and prompt ilike '%dawn%'`,
      )
      expect(rows.map((row) => row['QUERY PLAN']).join('\n')).toContain('generated_assets_prompt_trgm_idx')
      await client.query('rollback')
    } finally {
      client.release()
    }
  })
})
