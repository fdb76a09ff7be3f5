/**
 * The access matrix: anonymous, editor A, editor B and an admin against every route
 * that reaches assets: Payload's REST collection routes (the file route included), the plugin's
 * endpoints, GraphQL queries and mutations, and the share routes. Nothing leaks: B never sees or
 * changes A's assets, anonymous users get only share routes, a trashed asset's file is served to
 * nobody but its owner, and an admin sees everything only because the `access` option says so.
 *
 * The app here widens access for admins through the plugin's `access` option; a second Payload
 * instance of the default config shows that, without it, an admin is an editor like any other.
 */
import type { Access, Payload } from 'payload'

import { REST_POST } from '@payloadcms/next/routes'
import { getPayload } from 'payload'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createAppConfig } from '../../payload.config'
import { type App, getApp, getS3, objectKeyOf, ORIGIN } from '../helpers/app'

/** Admins reach every asset; everyone else their own; anonymous users none (the demo's roles). */
const adminOrOwn: Access = ({ req }) => {
  if (!req.user) return false
  if ((req.user as { roles?: string }).roles === 'admin') return true
  return { createdBy: { equals: req.user.id } }
}

type Actor = 'A' | 'admin' | 'anonymous' | 'B'
type User = { email: string; id: number | string; token: string }
type Asset = Record<string, any> & { id: number }

let app: App
const users = {} as Record<Exclude<Actor, 'anonymous'>, User>
/**
 * A's assets: `shared` (ready, shared), `trashed` (ready, shared, then trashed), `failed`, `video` (with a poster),
 * `trashedVideo` (with a poster, trashed), `deletable`.
 */
const a = {} as Record<'deletable' | 'failed' | 'shared' | 'trashed' | 'trashedVideo' | 'video', Asset>
let b: Asset
let adminAsset: Asset
const shareTokens = {} as Record<'shared' | 'trashed', string>
let poster: Record<string, any>
let trashedPoster: Record<string, any>

const tokenOf = (actor: Actor) => (actor === 'anonymous' ? undefined : users[actor].token)
const call = (actor: Actor, method: string, path: string, body?: unknown, headers?: Record<string, string>) =>
  app.request(method, path, { body, headers, token: tokenOf(actor) })
const graphql = (actor: Actor, query: string, variables?: Record<string, unknown>) =>
  app.graphql(query, { token: tokenOf(actor), variables })

/** The asset's row as stored (bypassing access), to prove a refused request changed nothing. */
const stored = async (id: number | string): Promise<Asset> =>
  (await app.payload.findByID({ collection: 'generated-assets', depth: 0, id, overrideAccess: true, showHiddenFields: true, trash: true })) as unknown as Asset

const generate = async (actor: Actor, body: Record<string, unknown>): Promise<Asset> => {
  const response = await call(actor, 'POST', 'generated-assets/generate', body)
  expect(response.status).toBe(202)
  const { id } = await response.json()
  return app.waitForAsset(id, (asset) => asset.status === 'ready' || asset.status === 'failed', 60_000)
}

const share = async (id: number | string) => {
  const response = await call('A', 'POST', `generated-assets/${id}/share`)
  expect(response.status).toBe(200)
  return new URL((await response.json()).shareUrl).pathname.split('/').pop()!
}

/** Number of files in a ZIP archive (its local file headers). */
const zipEntries = (zip: Buffer) => {
  let count = 0
  for (let index = zip.indexOf('PK\x03\x04'); index !== -1; index = zip.indexOf('PK\x03\x04', index + 4)) count++
  return count
}

beforeAll(async () => {
  app = await getApp({
    configPromise: createAppConfig({ pluginOptions: { access: { delete: adminOrOwn, read: adminOrOwn, update: adminOrOwn } } }),
  })
  users.A = await app.createUser()
  users.B = await app.createUser()
  const email = `admin-${Date.now()}@example.com`
  const password = 'correct horse battery staple'
  const admin = await app.payload.create({ collection: 'users', data: { email, password, roles: 'admin' } })
  const login = await app.request('POST', 'users/login', { body: { email, password } })
  users.admin = { email, id: admin.id, token: (await login.json()).token }

  const stopWorker = app.startWorker()
  try {
    const small = { params: { size: '64x64' } }
    ;[a.shared, a.trashed, a.failed, a.deletable, b, adminAsset] = await Promise.all([
      generate('A', { ...small, prompt: 'matrix: A shared' }),
      generate('A', { ...small, prompt: 'matrix: A trashed' }),
      generate('A', { ...small, prompt: 'matrix: A failed' }),
      generate('A', { ...small, prompt: 'matrix: A deletable' }),
      generate('B', { ...small, prompt: 'matrix: B own' }),
      generate('admin', { ...small, prompt: 'matrix: admin own' }),
    ])
    const video = { model: 'local/video', params: { duration: 1, fps: 6, size: '96x64' } }
    ;[a.video, a.trashedVideo] = await Promise.all([
      generate('A', { ...video, prompt: 'matrix: A video' }),
      generate('A', { ...video, prompt: 'matrix: A trashed video' }),
    ])
  } finally {
    await stopWorker()
  }
  for (const asset of [...Object.values(a), b, adminAsset]) expect(asset.status).toBe('ready')
  poster = await app.payload.findByID({ collection: 'generated-asset-posters', id: a.video.poster, overrideAccess: true })
  trashedPoster = await app.payload.findByID({
    collection: 'generated-asset-posters',
    id: a.trashedVideo.poster,
    overrideAccess: true,
  })
  expect((await call('A', 'PATCH', `generated-assets/${a.trashedVideo.id}`, { deletedAt: new Date().toISOString() })).status).toBe(200)
  shareTokens.shared = await share(a.shared.id)
  shareTokens.trashed = await share(a.trashed.id)
  const trashed = await call('A', 'PATCH', `generated-assets/${a.trashed.id}`, { deletedAt: new Date().toISOString() })
  expect(trashed.status).toBe(200)
  a.trashed = await stored(a.trashed.id)
  expect(a.trashed.deletedAt).toBeTruthy()
  await app.payload.update({ collection: 'generated-assets', data: { error: 'boom', status: 'failed' }, id: a.failed.id, overrideAccess: true })
  a.failed = await stored(a.failed.id)
}, 240_000)

afterAll(async () => {
  await app?.close()
})

/** Expected HTTP status for each actor. */
type Row = [name: string, method: string, path: () => string, expected: Record<Actor, number>, body?: unknown]

const everyone = (status: number) => ({ A: status, admin: status, anonymous: status, B: status })

describe('REST: who gets what', () => {
  const rows: Row[] = [
    ['list the collection', 'GET', () => 'generated-assets', { A: 200, admin: 200, anonymous: 403, B: 200 }],
    ['count the collection', 'GET', () => 'generated-assets/count', { A: 200, admin: 200, anonymous: 403, B: 200 }],
    ["read A's asset", 'GET', () => `generated-assets/${a.shared.id}`, { A: 200, admin: 200, anonymous: 403, B: 404 }],
    ["read A's trashed asset", 'GET', () => `generated-assets/${a.trashed.id}?trash=true`, { A: 200, admin: 200, anonymous: 403, B: 404 }],
    ["A's file", 'GET', () => `generated-assets/file/${a.shared.filename}`, { A: 200, admin: 200, anonymous: 403, B: 403 }],
    ["A's thumbnail file", 'GET', () => `generated-assets/file/${a.shared.sizes.thumbnail.filename}`, { A: 200, admin: 200, anonymous: 403, B: 403 }],
    ["A's trashed file: only its owner", 'GET', () => `generated-assets/file/${a.trashed.filename}`, { A: 200, admin: 403, anonymous: 403, B: 403 }],
    ["A's trashed thumbnail: only its owner", 'GET', () => `generated-assets/file/${a.trashed.sizes.thumbnail.filename}`, { A: 200, admin: 403, anonymous: 403, B: 403 }],
    ["A's video poster file", 'GET', () => `generated-asset-posters/file/${poster.filename}`, { A: 200, admin: 200, anonymous: 403, B: 403 }],
    ["A's video poster document", 'GET', () => `generated-asset-posters/${poster.id}`, { A: 200, admin: 200, anonymous: 403, B: 404 }],
    ["A's trashed video's poster file: only its owner", 'GET', () => `generated-asset-posters/file/${trashedPoster.filename}`, { A: 200, admin: 403, anonymous: 403, B: 403 }],
    ["A's trashed video's poster thumbnail: only its owner", 'GET', () => `generated-asset-posters/file/${trashedPoster.sizes.thumbnail.filename}`, { A: 200, admin: 403, anonymous: 403, B: 403 }],
    ['the share page', 'GET', () => `generated-assets/share/${shareTokens.shared}`, everyone(200)],
    ['the shared file (302 to a signed URL)', 'GET', () => `generated-assets/share/${shareTokens.shared}/file`, everyone(302)],
    ['the shared thumbnail', 'GET', () => `generated-assets/share/${shareTokens.shared}/thumbnail`, everyone(302)],
    ['the share page of a trashed asset', 'GET', () => `generated-assets/share/${shareTokens.trashed}`, everyone(404)],
    ['the shared file of a trashed asset', 'GET', () => `generated-assets/share/${shareTokens.trashed}/file`, everyone(404)],
    ["share A's asset (no rotation: the same link)", 'POST', () => `generated-assets/${a.shared.id}/share`, { A: 200, admin: 200, anonymous: 401, B: 404 }],
    ['the gallery', 'GET', () => 'generated-assets/gallery', { A: 200, admin: 200, anonymous: 401, B: 200 }],
    ['events (SSE)', 'GET', () => 'generated-assets/events', { A: 200, admin: 200, anonymous: 401, B: 200 }],
    ['zip download', 'GET', () => `generated-assets/download-zip?ids=${a.shared.id}`, { A: 200, admin: 200, anonymous: 401, B: 200 }],
    ['bulk', 'POST', () => 'generated-assets/bulk', { A: 200, admin: 200, anonymous: 401, B: 200 }, { action: 'star', ids: [999_999] }],
    ['generate (bad input: nothing created)', 'POST', () => 'generated-assets/generate', { A: 400, admin: 400, anonymous: 401, B: 400 }, { prompt: '' }],
    ['ingest (bad input: nothing created)', 'POST', () => 'generated-assets/ingest', { A: 400, admin: 400, anonymous: 401, B: 400 }, { url: 'nope' }],
    ["list users", 'GET', () => 'users', { A: 200, admin: 200, anonymous: 403, B: 200 }],
    ["read A's account", 'GET', () => `users/${users.A.id}`, { A: 200, admin: 200, anonymous: 403, B: 404 }],
  ]

  it.each(rows)('%s', async (_name, method, path, expected, body) => {
    const controller = new AbortController()
    const actual = {} as Record<Actor, number>
    for (const actor of ['anonymous', 'A', 'B', 'admin'] as const) {
      const response = await app.request(method, path(), { body, signal: controller.signal, token: tokenOf(actor) })
      actual[actor] = response.status
      await response.body?.cancel()
    }
    controller.abort()
    expect(actual).toEqual(expected)
  })
})

describe('REST: what each one sees', () => {
  const ids = async (actor: Actor, query: string) => {
    const response = await call(actor, 'GET', `generated-assets?limit=1000&depth=0${query}`)
    expect(response.status).toBe(200)
    return ((await response.json()).docs as Asset[]).map((doc) => doc.id)
  }

  it("lists: B sees only B's, A only A's, the admin everyone's", async () => {
    const onlyB = await ids('B', '')
    expect(onlyB).toContain(b.id)
    for (const asset of [...Object.values(a), adminAsset]) expect(onlyB).not.toContain(asset.id)
    const onlyA = await ids('A', '')
    expect(onlyA).toEqual(expect.arrayContaining([a.shared.id, a.video.id]))
    expect(onlyA).not.toContain(b.id)
    expect(await ids('admin', '')).toEqual(expect.arrayContaining([a.shared.id, b.id, adminAsset.id]))
  })

  it("queries cannot reach A's assets for B: by creator, by id, in the trash, or by share token", async () => {
    expect(await ids('B', `&where[createdBy][equals]=${users.A.id}`)).toEqual([])
    expect(await ids('B', `&where[id][equals]=${a.shared.id}`)).toEqual([])
    expect(await ids('B', `&trash=true&where[deletedAt][exists]=true`)).toEqual([])
    const byToken = await call('B', 'GET', `generated-assets?where[shareToken][equals]=${shareTokens.shared}`)
    expect((await byToken.json()).docs ?? []).toEqual([])
    const count = await (await call('B', 'GET', `generated-assets/count?where[createdBy][equals]=${users.A.id}`)).json()
    expect(count.totalDocs).toBe(0)
  })

  it("the gallery: B never gets A's assets, live or trashed, whatever the filter", async () => {
    for (const query of ['', `createdBy=${users.A.id}`, 'trash=true', 'q=matrix', 'kind=video']) {
      const { items } = await (await call('B', 'GET', `generated-assets/gallery?limit=100&${query}`)).json()
      expect(items.map((item: Asset) => item.id).filter((id: number) => id !== b.id)).toEqual([])
    }
    const admin = await (await call('admin', 'GET', `generated-assets/gallery?limit=100&q=matrix`)).json()
    expect(admin.items.map((item: Asset) => item.id)).toEqual(expect.arrayContaining([a.shared.id, b.id]))
  })

  it("the zip holds only what the reader may read", async () => {
    const zip = async (actor: Actor, query: string) =>
      zipEntries(Buffer.from(await (await call(actor, 'GET', `generated-assets/download-zip?${query}`)).arrayBuffer()))
    expect(await zip('B', `ids=${a.shared.id},${a.video.id}`)).toBe(0)
    expect(await zip('B', `createdBy=${users.A.id}`)).toBe(0)
    expect(await zip('B', `trash=true`)).toBe(0)
    expect(await zip('A', `ids=${a.shared.id},${a.video.id}`)).toBe(2)
    expect(await zip('admin', `ids=${a.shared.id},${b.id}`)).toBe(2)
  })

  it("share URLs and tokens are only the owner's to see", async () => {
    const asOwner = await (await call('A', 'GET', `generated-assets/${a.shared.id}`)).json()
    expect(asOwner.shareUrl).toContain(shareTokens.shared)
    const asAdmin = await (await call('admin', 'GET', `generated-assets/${a.shared.id}`)).json()
    expect(asAdmin.shareToken).toBeUndefined()
    expect(JSON.stringify(asAdmin)).not.toContain(shareTokens.shared)
  })

  it('users: editors reach only their own account and cannot make themselves admins', async () => {
    const list = await (await call('B', 'GET', 'users?limit=100')).json()
    expect(list.docs.map((user: { id: number }) => user.id)).toEqual([users.B.id])
    expect((await call('B', 'PATCH', `users/${users.A.id}`, { email: 'taken-over@example.com' })).status).toBe(403)
    expect((await call('B', 'DELETE', `users/${users.A.id}`)).status).toBe(403)
    expect((await call('B', 'POST', 'users', { email: 'new@example.com', password: 'x'.repeat(12) })).status).toBe(403)
    const promoted = await call('B', 'PATCH', `users/${users.B.id}`, { roles: 'admin' })
    expect(promoted.status).toBe(200)
    const me = await app.payload.findByID({ collection: 'users', id: users.B.id, overrideAccess: true })
    expect(me.roles).toBe('editor')
    const accountA = await app.payload.findByID({ collection: 'users', id: users.A.id, overrideAccess: true })
    expect(accountA.email).toBe(users.A.email)
  })
})

describe("REST: B cannot change A's assets", () => {
  it('PATCH, DELETE, bulk, share, revoke and retry by B or anonymous change nothing', async () => {
    const ids = [a.shared.id, a.failed.id, a.deletable.id, a.trashed.id, a.video.id]
    const before = await Promise.all(ids.map(stored))
    const keysBefore = await getS3().keys()
    const attempts: [Actor, string, string, unknown?][] = []
    for (const actor of ['anonymous', 'B'] as const) {
      attempts.push(
        [actor, 'PATCH', `generated-assets/${a.shared.id}`, { prompt: 'defaced', starred: true }],
        [actor, 'PATCH', `generated-assets/${a.trashed.id}?trash=true`, { deletedAt: null }],
        [actor, 'PATCH', `generated-assets?where[id][in]=${ids.join(',')}`, { prompt: 'defaced' }],
        [actor, 'DELETE', `generated-assets/${a.deletable.id}`],
        [actor, 'DELETE', `generated-assets/${a.trashed.id}?trash=true`],
        [actor, 'DELETE', `generated-assets?where[id][in]=${ids.join(',')}`],
        [actor, 'DELETE', `generated-assets?trash=true&where[id][in]=${ids.join(',')}`],
        [actor, 'POST', `generated-assets/${a.shared.id}/share?rotate=1`],
        [actor, 'DELETE', `generated-assets/${a.shared.id}/share`],
        [actor, 'POST', `generated-assets/${a.failed.id}/retry`],
        [actor, 'POST', 'generated-assets/bulk', { action: 'star', ids }],
        [actor, 'POST', 'generated-assets/bulk', { action: 'restore', ids }],
        [actor, 'POST', 'generated-assets/bulk', { action: 'delete', ids }],
        [actor, 'POST', 'generated-assets/bulk', { action: 'trash', where: { createdBy: { equals: users.A.id } } }],
        [actor, 'POST', 'generated-assets/bulk', { action: 'delete', filter: { trash: 'true' } }],
        [actor, 'POST', `generated-assets/${a.shared.id}/duplicate`],
      )
    }
    for (const [actor, method, path, body] of attempts) {
      const response = await call(actor, method, path, body)
      expect(response.status, `${actor} ${method} ${path}`).toBeLessThan(500)
      if (response.status < 300) {
        // Allowed to answer (bulk, list updates): then it must report nothing changed.
        const json = await response.json()
        expect(json.changed ?? json.docs?.length ?? 0, `${actor} ${method} ${path}`).toBe(0)
      }
    }
    expect(await Promise.all(ids.map(stored))).toEqual(before)
    expect(await getS3().keys()).toEqual(keysBefore)
    // The shared link still works, untouched.
    expect((await call('anonymous', 'GET', `generated-assets/share/${shareTokens.shared}/file`)).status).toBe(302)
  })

  it('B cannot forge an asset into A\'s gallery or borrow A\'s poster or files', async () => {
    const response = await call('B', 'POST', 'generated-assets', {
      createdBy: users.A.id,
      filename: a.shared.filename,
      model: 'local/image',
      poster: poster.id,
      prompt: 'forged',
      shareToken: 'f'.repeat(32),
      sizes: { thumbnail: { filename: a.shared.sizes.thumbnail.filename } },
      status: 'ready',
    })
    // Payload accepts the create (an upload collection without a file) but keeps none of the forged fields.
    expect(response.status).toBe(201)
    {
      const { doc } = await response.json()
      const forged = await stored(doc.id)
      expect(forged.createdBy).toBe(users.B.id)
      expect(forged.poster ?? null).toBeNull()
      expect(forged.filename ?? null).toBeNull()
      expect(forged.sizes?.thumbnail?.filename ?? null).toBeNull()
      expect(forged.shareToken ?? null).toBeNull()
      // Sharing it does not hand out A's poster or thumbnail either.
      const shared = await call('B', 'POST', `generated-assets/${doc.id}/share`)
      const token = new URL((await shared.json()).shareUrl).pathname.split('/').pop()
      for (const part of ['', '/file', '/poster', '/thumbnail']) {
        expect((await call('anonymous', 'GET', `generated-assets/share/${token}${part}`)).status).toBe(404)
      }
    }
    const own = await call('B', 'PATCH', `generated-assets/${b.id}`, {
      poster: poster.id,
      sizes: { thumbnail: { filename: a.shared.sizes.thumbnail.filename } },
    })
    expect(own.status).toBe(200)
    const after = await stored(b.id)
    expect(after.poster ?? null).toBeNull()
    expect(after.sizes.thumbnail.filename).toBe(b.sizes.thumbnail.filename)
    expect((await call('B', 'GET', `generated-assets/file/${a.shared.sizes.thumbnail.filename}`)).status).toBe(403)
  })

  it("uploads with the same base name never share, overwrite or remove another user's image sizes", async () => {
    const upload = async (actor: 'A' | 'B', name: string, bytes: Buffer, type: string) => {
      const form = new FormData()
      form.append('_payload', JSON.stringify({ kind: 'image', model: 'upload', prompt: `uploaded ${name}` }))
      form.append('file', new Blob([new Uint8Array(bytes)], { type }), name)
      const response = await REST_POST(app.config)(
        new Request(`${ORIGIN}/api/generated-assets`, { body: form, headers: { authorization: `JWT ${users[actor].token}` }, method: 'POST' }),
        { params: Promise.resolve({ slug: ['generated-assets'] }) },
      )
      expect(response.status).toBe(201)
      return stored((await response.json()).doc.id)
    }
    const picture = sharp({ create: { background: '#c33', channels: 3, height: 30, width: 40 } })
    const mine = await upload('B', 'photo.png', await picture.clone().png().toBuffer(), 'image/png')
    const theirs = await upload('A', 'photo.jpg', await picture.clone().jpeg().toBuffer(), 'image/jpeg')
    expect(theirs.sizes.thumbnail.filename).not.toBe(mine.sizes.thumbnail.filename)
    const thumbnail = await getS3().get(objectKeyOf(mine, mine.sizes.thumbnail.filename))
    expect((await call('A', 'DELETE', `generated-assets/${theirs.id}`)).status).toBe(200)
    expect(await getS3().get(objectKeyOf(mine, mine.sizes.thumbnail.filename))).toEqual(thumbnail)
    expect(await getS3().exists(objectKeyOf(mine))).toBe(true)
  })

  it('the owner and the admin may change A\'s assets (the access option at work)', async () => {
    expect((await call('A', 'PATCH', `generated-assets/${a.shared.id}`, { starred: true })).status).toBe(200)
    expect((await call('admin', 'PATCH', `generated-assets/${a.shared.id}`, { starred: false })).status).toBe(200)
    expect((await stored(a.shared.id)).starred).toBe(false)
    expect((await call('admin', 'DELETE', `generated-assets/${a.deletable.id}`)).status).toBe(200)
    await expect(stored(a.deletable.id)).rejects.toThrow('Not Found')
    expect(await getS3().exists(objectKeyOf(a.deletable))).toBe(false)
    expect((await call('A', 'POST', `generated-assets/${a.failed.id}/retry`)).status).toBe(202)
  })
})

describe('GraphQL', () => {
  it("B and anonymous can neither read nor change A's assets; the admin can read them", async () => {
    const before = await stored(a.shared.id)
    for (const actor of ['anonymous', 'B'] as const) {
      const one = await graphql(actor, `query($id: Int!) { GeneratedAsset(id: $id) { id prompt } }`, { id: a.shared.id })
      expect(one.data?.GeneratedAsset ?? null).toBeNull()
      const many = await graphql(actor, `{ GeneratedAssets(limit: 100, where: { prompt: { like: "matrix" } }) { docs { id } } }`)
      const seen = (many.data?.GeneratedAssets?.docs ?? []).map((doc: Asset) => doc.id)
      expect(seen.filter((id: number) => id !== b.id)).toEqual([])
      const gallery = await graphql(actor, `{ generatedAssetsGallery(createdBy: "${users.A.id}") { items { id } } }`)
      expect(gallery.data?.generatedAssetsGallery?.items ?? []).toEqual([])
      for (const mutation of [
        `mutation($id: Int!) { updateGeneratedAsset(id: $id, data: { prompt: "defaced", starred: true }) { id } }`,
        `mutation($id: Int!) { deleteGeneratedAsset(id: $id) { id } }`,
        `mutation($id: ID!) { shareGeneratedAsset(id: $id, rotate: true) }`,
        `mutation($id: ID!) { revokeGeneratedAssetShare(id: $id) }`,
      ]) {
        const result = await graphql(actor, mutation, { id: a.shared.id })
        expect(result.errors?.length, mutation).toBeGreaterThan(0)
      }
      const userUpdate = await graphql(actor, `mutation($id: Int!) { updateUser(id: $id, data: { email: "taken@example.com" }) { id } }`, {
        id: users.A.id,
      })
      expect(userUpdate.errors?.length).toBeGreaterThan(0)
    }
    expect(await stored(a.shared.id)).toEqual(before)
    const asAdmin = await graphql('admin', `query($id: Int!) { GeneratedAsset(id: $id) { id prompt shareUrl } }`, { id: a.shared.id })
    expect(asAdmin.data.GeneratedAsset).toMatchObject({ id: a.shared.id, prompt: 'matrix: A shared', shareUrl: null })
  })

  it('B cannot create an asset in A\'s name', async () => {
    const created = await graphql('B', `mutation($by: Int) { createGeneratedAsset(data: { prompt: "forged by graphql", model: "local/image", kind: image, status: ready, createdBy: $by }) { id } }`, {
      by: users.A.id,
    })
    expect(created.errors).toBeUndefined()
    expect((await stored(created.data.createGeneratedAsset.id)).createdBy).toBe(users.B.id)
  })
})

describe('without the access option', () => {
  let plain: Payload
  beforeAll(async () => {
    plain = await getPayload({ config: await createAppConfig(), key: 'access-matrix-default-access' })
  })
  afterAll(async () => {
    await plain?.destroy()
  })

  it("an admin is an editor like any other: sees and changes only their own assets", async () => {
    const admin = { ...(await plain.findByID({ collection: 'users', id: users.admin.id, overrideAccess: true })), collection: 'users' }
    const { docs } = await plain.find({ collection: 'generated-assets', limit: 1000, overrideAccess: false, user: admin })
    expect(docs.map((doc) => doc.id)).toEqual([adminAsset.id])
    await expect(
      plain.update({ collection: 'generated-assets', data: { starred: true }, id: b.id, overrideAccess: false, user: admin }),
    ).rejects.toThrow()
  })
})

describe('boards and review links', () => {
  const actors: Actor[] = ['A', 'B', 'admin', 'anonymous']
  const createBoard = async (actor: Actor, title: string) => {
    const response = await call(actor, 'POST', 'generated-asset-boards', { title })
    expect(response.status).toBe(201)
    return (await response.json()).doc.id as number
  }

  it('A\'s board is A\'s and the admin\'s (through the access option): read, change, share, fill', async () => {
    const board = await createBoard('A', 'matrix: A board')
    const statuses = async (method: string, path: string, body?: unknown) =>
      Object.fromEntries(await Promise.all(actors.map(async (actor) => [actor, (await call(actor, method, path, body)).status])))
    expect(await statuses('GET', `generated-asset-boards/${board}`)).toEqual({ A: 200, B: 404, admin: 200, anonymous: 403 })
    expect(await statuses('POST', `generated-asset-boards/${board}/share`)).toEqual({ A: 200, B: 404, admin: 200, anonymous: 401 })
    expect(await statuses('PATCH', `generated-asset-boards/${board}`, { title: 'matrix: renamed' })).toMatchObject({ A: 200, admin: 200 })
    // Payload's update by id answers 403 where `update` access matches nothing; nothing changes.
    expect((await call('B', 'PATCH', `generated-asset-boards/${board}`, { title: 'by B' })).status).toBe(403)
    expect((await app.payload.findByID({ collection: 'generated-asset-boards', id: board })).title).toBe('matrix: renamed')
    expect((await call('anonymous', 'POST', 'generated-asset-boards', { title: 'anonymous' })).status).toBe(403)
    // The owner's share token is the owner's alone to read.
    const asAdmin = await (await call('admin', 'GET', `generated-asset-boards/${board}`)).json()
    expect(asAdmin.shareToken).toBeUndefined()
    expect((await (await call('A', 'GET', `generated-asset-boards/${board}`)).json()).shareToken).toMatch(/^[\w-]{32}$/)

    // Filling: B can put nothing on A's board, not even B's own asset; the admin may put B's asset there.
    const add = (actor: Actor, ids: number[]) => call(actor, 'POST', 'generated-assets/bulk', { action: 'addToBoard', board, ids })
    expect((await add('B', [b.id])).status).toBe(404)
    expect((await add('anonymous', [a.shared.id])).status).toBe(401)
    expect(await (await add('A', [a.shared.id, b.id])).json()).toMatchObject({ changed: 1, matched: 1 })
    expect(await (await add('admin', [b.id])).json()).toMatchObject({ changed: 1, matched: 1 })
    // Each sees in the board what they may read of it.
    const counts = async (actor: Actor) =>
      ((await (await call(actor, 'GET', 'generated-asset-boards/summary')).json()).docs as { count: number; id: number }[]).find(
        (entry) => entry.id === board,
      )?.count
    expect({ A: await counts('A'), B: await counts('B'), admin: await counts('admin') }).toEqual({ A: 1, B: undefined, admin: 2 })
    const gallery = async (actor: Actor) =>
      ((await (await call(actor, 'GET', `generated-assets/gallery?board=${board}`)).json()).items as { id: number }[]).map((item) => item.id)
    expect(await gallery('A')).toEqual([a.shared.id])
    expect((await gallery('B')).includes(a.shared.id)).toBe(false)

    // The review link shows both to anyone, and nothing off the board.
    const shareUrl = (await (await call('A', 'POST', `generated-asset-boards/${board}/share`)).json()).shareUrl as string
    const path = new URL(shareUrl).pathname.replace(/^\/api\//, '')
    const listed = await (await call('anonymous', 'GET', path, undefined, { Accept: 'application/json' })).json()
    expect(listed.items.map((item: { id: number }) => item.id).sort()).toEqual([a.shared.id, b.id].sort())
    for (const other of [adminAsset.id, a.video.id, a.trashed.id]) {
      expect((await call('anonymous', 'GET', `${path}/items/${other}/file`)).status).toBe(404)
    }
    // An asset's share token is no board token, and a board token no asset token.
    expect((await call('anonymous', 'GET', `generated-asset-boards/share/${shareTokens.shared}`)).status).toBe(404)
    expect((await call('anonymous', 'GET', `generated-assets/share/${path.split('/').pop()}`)).status).toBe(404)
  })
})
