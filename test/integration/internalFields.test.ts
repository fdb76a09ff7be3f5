/**
 * The pipeline's internal fields (leases, attempts, the provider's operation and answers) through
 * the public API: an editor's REST and GraphQL reads of their own asset have none of them, nor can
 * an editor filter on them; an admin's have them (the demo's `access.readInternalFields`). The
 * worker, which reads them with the Local API, still finishes the assets.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type App, getApp } from '../helpers/app'

const INTERNAL = [
  'attempts',
  'leaseExpiresAt',
  'leaseOwner',
  'operation',
  'pollCount',
  'previewUrl',
  'queuedAt',
  'usage',
]

let app: App
let stopWorker: () => Promise<void>
const users: Record<'admin' | 'editor', { id: number | string; token: string }> = {} as never
const assets: Record<'admin' | 'editor', number | string> = {} as never

const login = async (role: 'admin' | 'editor') => {
  const email = `${role}-internal-${Date.now()}@example.com`
  const password = 'correct horse battery staple'
  const user = await app.payload.create({ collection: 'users', data: { email, password, roles: role } as never })
  const response = await app.request('POST', 'users/login', { body: { email, password } })
  return { id: user.id, token: (await response.json()).token as string }
}

beforeAll(async () => {
  app = await getApp()
  stopWorker = app.startWorker()
  for (const role of ['admin', 'editor'] as const) {
    users[role] = await login(role)
    const response = await app.request('POST', 'generated-assets/generate', {
      body: { params: { size: '64x64' }, prompt: `internal fields of an ${role}'s asset` },
      token: users[role].token,
    })
    const { id } = await response.json()
    const doc = await app.waitForAsset(id, (asset) => asset.status === 'ready' || asset.status === 'failed', 60_000)
    expect(doc.status).toBe('ready')
    assets[role] = id
  }
}, 120_000)

afterAll(async () => {
  await stopWorker?.()
  await app?.close()
})

const graphqlRead = (role: 'admin' | 'editor') =>
  app.graphql(`query ($id: Int!) { GeneratedAsset(id: $id) { id status seed ${INTERNAL.join(' ')} } }`, {
    token: users[role].token,
    variables: { id: Number(assets[role]) },
  })

describe('internal fields', () => {
  it("are not in an editor's REST read of their own asset, one or many", async () => {
    const one = await (
      await app.request('GET', `generated-assets/${assets.editor}`, { token: users.editor.token })
    ).json()
    expect(one).toMatchObject({ id: assets.editor, status: 'ready' })
    expect(Number.isInteger(one.seed)).toBe(true)
    for (const field of INTERNAL) expect([field, field in one]).toEqual([field, false])
    const many = await (await app.request('GET', 'generated-assets?limit=100', { token: users.editor.token })).json()
    for (const doc of many.docs) for (const field of INTERNAL) expect([field, field in doc]).toEqual([field, false])
    const gallery = await (await app.request('GET', 'generated-assets/gallery', { token: users.editor.token })).json()
    expect(gallery.items.map((item: { id: unknown }) => item.id)).toContain(assets.editor)
  })

  it("are null in an editor's GraphQL read", async () => {
    const { data, errors } = await graphqlRead('editor')
    expect(errors).toBeUndefined()
    expect(data.GeneratedAsset).toMatchObject({ status: 'ready' })
    for (const field of INTERNAL) expect([field, data.GeneratedAsset[field]]).toEqual([field, null])
  })

  it('cannot be filtered on by an editor', async () => {
    const response = await app.request('GET', 'generated-assets?where[leaseOwner][exists]=false', {
      token: users.editor.token,
    })
    expect(response.status).toBeGreaterThanOrEqual(400)
    expect(response.status).toBeLessThan(500)
  })

  it("are in an admin's REST and GraphQL reads", async () => {
    const doc = await (
      await app.request('GET', `generated-assets/${assets.admin}`, { token: users.admin.token })
    ).json()
    expect(doc).toMatchObject({ attempts: 1, leaseOwner: null, status: 'ready' })
    for (const field of INTERNAL) expect([field, field in doc]).toEqual([field, true])
    const { data, errors } = await graphqlRead('admin')
    expect(errors).toBeUndefined()
    expect(data.GeneratedAsset).toMatchObject({ attempts: 1, leaseOwner: null })
    expect(data.GeneratedAsset.queuedAt).toEqual(expect.any(String))
  })
})
