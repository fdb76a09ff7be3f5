/**
 * Generation presets (`generated-asset-presets`) through Payload's REST routes and GraphQL:
 * anonymous users, an owner (A), another editor (B) and an admin, against private and shared
 * presets. A reads their own presets and every shared one; B never reads A's private preset and
 * never changes or deletes A's presets, shared or not; nobody files a preset under another
 * user's name; bad values answer 400 with the field's message and save nothing.
 *
 * The app here widens update and delete for admins through the plugin's `access.presets` option
 * (with the exported defaults for everyone else); a second Payload instance of the default config,
 * which also no longer configures the model `test/retired`, shows that without it an admin is an
 * editor like any other, and that a preset of a removed model keeps it (renaming works) while no
 * preset may be switched to a model that is not configured.
 */
import type { Access, Payload } from 'payload'

import { getPayload } from 'payload'
import { createLocalImageModel, ownOrSharedPresets, ownPresets } from 'payload-plugin-generated-assets'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { getDemoModels } from '../../models'
import { createAppConfig } from '../../payload.config'
import { type App, getApp } from '../helpers/app'

const PRESETS = 'generated-asset-presets'
const RETIRED_MODEL = 'test/retired'

const isAdmin = (user: unknown) => (user as { roles?: string } | null)?.roles === 'admin'
/** Admins change and delete every preset; everyone else the defaults (their own). */
const adminOrOwnPresets: Access = (args) => isAdmin(args.req.user) || ownPresets(args)
const adminOrOwnOrShared: Access = (args) => isAdmin(args.req.user) || ownOrSharedPresets(args)

type Actor = 'A' | 'admin' | 'anonymous' | 'B'
type User = { email: string; id: number | string; token: string }
type Preset = Record<string, any> & { id: number | string }

let app: App
const users = {} as Record<Exclude<Actor, 'anonymous'>, User>
/** A's private and shared presets, B's private one, the admin's private one. */
const presets = {} as Record<'aPrivate' | 'aShared' | 'adminPrivate' | 'bPrivate', Preset>
const stamp = Date.now()

const tokenOf = (actor: Actor) => (actor === 'anonymous' ? undefined : users[actor].token)
const call = (actor: Actor, method: string, path: string, body?: unknown) =>
  app.request(method, path, { body, token: tokenOf(actor) })

/** The preset's row as stored (bypassing access), to prove a refused request changed nothing. */
const stored = async (id: number | string) =>
  (await app.payload.findByID({ collection: PRESETS, depth: 0, disableErrors: true, id, overrideAccess: true })) as Preset | null

const create = async (actor: Actor, data: Record<string, unknown>): Promise<Preset> => {
  const response = await call(actor, 'POST', PRESETS, data)
  expect(response.status, JSON.stringify(await response.clone().json())).toBe(201)
  return (await response.json()).doc
}

/** Ids of this test's presets that `actor` lists through REST. */
const listed = async (actor: Actor): Promise<(number | string)[]> => {
  const response = await call(actor, 'GET', `${PRESETS}?limit=1000&depth=0&where[name][like]=${stamp}`)
  expect(response.status).toBe(200)
  return ((await response.json()).docs as Preset[]).map((doc) => doc.id)
}

/** The first error message of a Payload error answer (a ValidationError's field message when there is one). */
const messageOf = async (response: Response): Promise<string> => {
  const body = await response.json()
  return [body.errors?.[0]?.message, ...(body.errors?.[0]?.data?.errors ?? []).map((error: { message: string }) => error.message)].join(' | ')
}

const valid = (name: string) => ({
  model: 'local/image',
  name: `${name} ${stamp}`,
  negativePrompt: 'blurry, text',
  params: { seed: 42, size: '512x512' },
  promptPrefix: 'A watercolour of',
  promptSuffix: 'soft morning light',
})

beforeAll(async () => {
  app = await getApp({
    configPromise: createAppConfig({
      pluginOptions: {
        access: { presets: { delete: adminOrOwnPresets, read: adminOrOwnOrShared, update: adminOrOwnPresets } },
        models: {
          ...getDemoModels(),
          [RETIRED_MODEL]: { label: 'Retired (tests)', model: createLocalImageModel() },
        },
      },
    }),
  })
  users.A = await app.createUser()
  users.B = await app.createUser()
  const email = `admin-${stamp}@example.com`
  const password = 'correct horse battery staple'
  const admin = await app.payload.create({ collection: 'users', data: { email, password, roles: 'admin' } })
  const login = await app.request('POST', 'users/login', { body: { email, password } })
  users.admin = { email, id: admin.id, token: (await login.json()).token }

  presets.aPrivate = await create('A', valid('A private'))
  // A names B as the owner: ignored, the owner is who creates it.
  presets.aShared = await create('A', { ...valid('A shared'), model: RETIRED_MODEL, owner: users.B.id, visibility: 'shared' })
  presets.bPrivate = await create('B', valid('B private'))
  presets.adminPrivate = await create('admin', valid('admin private'))
}, 240_000)

afterAll(async () => {
  await app?.close()
})

describe('creating a preset', () => {
  it('stores every field, private unless asked, owned by whoever created it', async () => {
    expect(presets.aPrivate).toMatchObject({
      model: 'local/image',
      negativePrompt: 'blurry, text',
      params: { seed: 42, size: '512x512' },
      promptPrefix: 'A watercolour of',
      promptSuffix: 'soft morning light',
      visibility: 'private',
    })
    expect((await stored(presets.aPrivate.id))!.owner).toBe(users.A.id)
    expect((await stored(presets.aShared.id))!.owner).toBe(users.A.id)
    expect(presets.aShared.visibility).toBe('shared')
  })

  it('is refused to anonymous users (403), nothing created', async () => {
    const before = await app.payload.count({ collection: PRESETS, overrideAccess: true })
    const response = await call('anonymous', 'POST', PRESETS, valid('anonymous'))
    expect(response.status).toBe(403)
    expect((await app.payload.count({ collection: PRESETS, overrideAccess: true })).totalDocs).toBe(before.totalDocs)
  })
})

describe('who reads which preset', () => {
  it('anonymous users read none (403)', async () => {
    expect((await call('anonymous', 'GET', PRESETS)).status).toBe(403)
    expect((await call('anonymous', 'GET', `${PRESETS}/${presets.aShared.id}`)).status).toBe(403)
  })

  it("the owner reads their own presets and everyone's shared ones, not another's private one", async () => {
    expect((await listed('A')).sort()).toEqual([presets.aPrivate.id, presets.aShared.id].sort())
    expect((await listed('B')).sort()).toEqual([presets.aShared.id, presets.bPrivate.id].sort())
  })

  it("another editor gets 404 for A's private preset, 200 for A's shared one", async () => {
    expect((await call('B', 'GET', `${PRESETS}/${presets.aPrivate.id}`)).status).toBe(404)
    const shared = await call('B', 'GET', `${PRESETS}/${presets.aShared.id}`)
    expect(shared.status).toBe(200)
    expect((await shared.json()).name).toBe(presets.aShared.name)
  })

  it('the admin reads every preset (the access option says so)', async () => {
    expect((await listed('admin')).sort()).toEqual(Object.values(presets).map((preset) => preset.id).sort())
  })

  it('GraphQL answers by the same rules', async () => {
    const query = `query { GeneratedAssetPresets(limit: 1000, where: { name: { like: "${stamp}" } }) { docs { id visibility } } }`
    const ids = async (actor: Actor) =>
      ((await app.graphql(query, { token: tokenOf(actor) })).data?.GeneratedAssetPresets?.docs ?? []).map((doc: Preset) => doc.id)
    expect((await ids('B')).sort()).toEqual([presets.aShared.id, presets.bPrivate.id].sort())
    expect(await ids('anonymous')).toEqual([])
  })
})

describe('who changes and deletes which preset', () => {
  it("another editor changes and deletes neither A's private nor A's shared preset; nothing changes", async () => {
    for (const preset of [presets.aPrivate, presets.aShared]) {
      const before = await stored(preset.id)
      const patched = await call('B', 'PATCH', `${PRESETS}/${preset.id}`, { name: `taken ${stamp}`, visibility: 'private' })
      expect(patched.status).toBeGreaterThanOrEqual(400)
      expect(patched.status).toBeLessThan(500)
      const deleted = await call('B', 'DELETE', `${PRESETS}/${preset.id}`)
      expect(deleted.status).toBeGreaterThanOrEqual(400)
      expect(deleted.status).toBeLessThan(500)
      expect(await stored(preset.id)).toEqual(before)
    }
  })

  it('anonymous users change and delete nothing (403)', async () => {
    const before = await stored(presets.aShared.id)
    expect((await call('anonymous', 'PATCH', `${PRESETS}/${presets.aShared.id}`, { name: 'x' })).status).toBe(403)
    expect((await call('anonymous', 'DELETE', `${PRESETS}/${presets.aShared.id}`)).status).toBe(403)
    expect(await stored(presets.aShared.id)).toEqual(before)
  })

  it('the owner renames and shares their own preset, but cannot give it to another user', async () => {
    const response = await call('B', 'PATCH', `${PRESETS}/${presets.bPrivate.id}`, {
      name: `B renamed ${stamp}`,
      owner: users.A.id,
      visibility: 'shared',
    })
    expect(response.status).toBe(200)
    expect(await stored(presets.bPrivate.id)).toMatchObject({ name: `B renamed ${stamp}`, owner: users.B.id, visibility: 'shared' })
    // Now shared: A reads it too.
    expect(await listed('A')).toContain(presets.bPrivate.id)
  })

  it("the admin changes and deletes another user's preset (the access option says so)", async () => {
    const victim = await create('B', valid('B to be deleted by the admin'))
    expect((await call('admin', 'PATCH', `${PRESETS}/${victim.id}`, { name: `admin renamed ${stamp}` })).status).toBe(200)
    expect((await stored(victim.id))!.name).toBe(`admin renamed ${stamp}`)
    expect((await call('admin', 'DELETE', `${PRESETS}/${victim.id}`)).status).toBe(200)
    expect(await stored(victim.id)).toBeNull()
  })

  it('the owner deletes their own preset', async () => {
    const own = await create('A', valid('A to delete'))
    expect((await call('A', 'DELETE', `${PRESETS}/${own.id}`)).status).toBe(200)
    expect(await stored(own.id)).toBeNull()
  })

  it('unknown ids answer 404 to a read, 403 or 404 to a change, with a message', async () => {
    expect((await call('A', 'GET', `${PRESETS}/987654321`)).status).toBe(404)
    // Payload answers Forbidden where access is a query that no document matches (an editor), else Not Found (the admin).
    for (const actor of ['A', 'admin'] as const) {
      for (const [method, body] of [['PATCH', { name: 'x' }], ['DELETE']] as const) {
        const response = await call(actor, method, `${PRESETS}/987654321`, body)
        expect([403, 404]).toContain(response.status)
        expect(await messageOf(response)).toBeTruthy()
      }
    }
  })
})

describe('bad values', () => {
  const cases: [string, Record<string, unknown>, RegExp][] = [
    ['an unknown model', { model: 'nope/none' }, /Unknown model "nope\/none"/],
    ['no model', { model: undefined }, /model/i],
    ['a blank name', { name: '   ' }, /name/i],
    ['a seed out of range', { params: { seed: -1 } }, /params\.seed must be an integer from 0 to 2147483647/],
    ['an unknown param', { params: { steps: 30 } }, /Unknown param "steps"|steps/],
    ['params that are no object', { params: [1, 2] }, /params must be an object/],
    ['a visibility that is not offered', { visibility: 'public' }, /visibility/i],
    ['a prompt prefix over the prompt length', { promptPrefix: 'x'.repeat(4001) }, /promptPrefix|4000/],
    ['a name that is no text', { name: { first: 'x' } }, /name must be a string/],
    ['a negative prompt that is no text', { negativePrompt: 42 }, /negativePrompt must be a string/],
    ['a model that is no text', { model: ['local/image'] }, /model must be a string/],
    ['params that are no JSON', { params: '{not json' }, /params|JSON/i],
  ]
  it.each(cases)('%s answers 400 with a message, nothing created', async (_, change, message) => {
    const before = await app.payload.count({ collection: PRESETS, overrideAccess: true })
    const response = await call('A', 'POST', PRESETS, { ...valid('bad'), ...change })
    expect(response.status).toBe(400)
    expect(await messageOf(response)).toMatch(message)
    expect((await app.payload.count({ collection: PRESETS, overrideAccess: true })).totalDocs).toBe(before.totalDocs)
  })

  it('a bad update answers 400 and changes nothing', async () => {
    const before = await stored(presets.aPrivate.id)
    const response = await call('A', 'PATCH', `${PRESETS}/${presets.aPrivate.id}`, { model: 'nope/none', name: `changed ${stamp}` })
    expect(response.status).toBe(400)
    expect(await messageOf(response)).toMatch(/Unknown model/)
    expect(await stored(presets.aPrivate.id)).toEqual(before)
  })
})

describe('without the access option, and without the model test/retired', () => {
  let plain: Payload
  beforeAll(async () => {
    plain = await getPayload({ config: await createAppConfig(), key: 'presets-default-access' })
  })
  afterAll(async () => {
    await plain?.destroy()
  })
  const asUser = async (actor: Exclude<Actor, 'anonymous'>) => ({
    ...(await plain.findByID({ collection: 'users', id: users[actor].id, overrideAccess: true })),
    collection: 'users',
  })

  it("an admin is an editor like any other: reads their own and shared presets, changes none of another's", async () => {
    const admin = await asUser('admin')
    const { docs } = await plain.find({
      collection: PRESETS,
      limit: 1000,
      overrideAccess: false,
      user: admin,
      where: { name: { like: String(stamp) } },
    })
    // B's preset was shared above.
    expect(docs.map((doc) => doc.id).sort()).toEqual([presets.aShared.id, presets.adminPrivate.id, presets.bPrivate.id].sort())
    await expect(
      plain.update({ collection: PRESETS, data: { name: 'taken' }, id: presets.aShared.id, overrideAccess: false, user: admin }),
    ).rejects.toThrow()
    expect((await stored(presets.aShared.id))!.name).toBe(presets.aShared.name)
  })

  it('a preset of a model no longer configured keeps it when renamed; none is switched to such a model', async () => {
    const owner = await asUser('A')
    const renamed = await plain.update({
      collection: PRESETS,
      data: { model: RETIRED_MODEL, name: `A shared renamed ${stamp}` },
      id: presets.aShared.id,
      overrideAccess: false,
      user: owner,
    })
    expect(renamed).toMatchObject({ model: RETIRED_MODEL, name: `A shared renamed ${stamp}` })
    const refused = await plain
      .update({ collection: PRESETS, data: { model: RETIRED_MODEL }, id: presets.aPrivate.id, overrideAccess: false, user: owner })
      .then(() => null, (error: { data?: { errors?: { message: string }[] } }) => error)
    expect(refused?.data?.errors?.[0]?.message).toMatch(/Unknown model "test\/retired"/)
    expect((await stored(presets.aPrivate.id))!.model).toBe('local/image')
  })
})
