/**
 * The asset lease, which keeps two workers from running one step at once and lets a worker take
 * over a dead one's asset. Each database the plugin supports takes it with its own atomic
 * statement (`adapters/postgres`, `adapters/sqlite`); every other adapter uses the public path
 * (`payload.db.updateOne` with a `where`). Run on whichever database this project runs on, the
 * two paths are held to the same answers, under 20 concurrent claims as well.
 */
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import {
  claimAsset,
  claimLeasePublic,
  renewAssetLease,
  renewLeasePublic,
} from '../../plugins/generated-assets/dist/jobs/claimAsset.js'
import { type App, getApp } from '../helpers/app'

const SLUG = 'generated-assets'
let app: App
let userId: number | string

beforeAll(async () => {
  app = await getApp()
  userId = (await app.createUser()).id
})
afterAll(async () => {
  await app?.close()
})

/** An unfinished asset with no lease, created straight through the adapter (no job is queued). */
const createAsset = async (status = 'generating') =>
  (
    await app.payload.db.create({
      collection: SLUG,
      data: { createdBy: userId, kind: 'image', model: 'local/image', prompt: `lease ${randomUUID()}`, status },
    })
  ).id as number | string

const readLease = async (id: number | string) =>
  (await app.payload.db.findOne<any>({ collection: SLUG, where: { id: { equals: id } } }))!

type Paths = {
  claim: (args: { id: number | string; leaseSeconds: number; owner: string }) => Promise<boolean>
  renew: (args: { id: number | string; leaseSeconds: number; owner: string }) => Promise<boolean>
}

const paths: Record<'adapter' | 'public', Paths> = {
  adapter: {
    claim: (args) => claimAsset({ ...args, collectionSlug: SLUG, payload: app.payload }),
    renew: (args) => renewAssetLease({ ...args, collectionSlug: SLUG, payload: app.payload }),
  },
  public: {
    claim: (args) => claimLeasePublic({ ...args, payload: app.payload, slug: SLUG }),
    renew: (args) => renewLeasePublic({ ...args, payload: app.payload, slug: SLUG }),
  },
}

describe.each(['adapter', 'public'] as const)('the %s path', (pathName) => {
  const path = () => paths[pathName]

  it('gives a free lease to one of 20 workers claiming at once, and to nobody else until it expires', async () => {
    const id = await createAsset()
    const owners = Array.from({ length: 20 }, (_, index) => `worker-${index}`)
    const results = await Promise.all(owners.map((owner) => path().claim({ id, leaseSeconds: 30, owner })))
    expect(results.filter(Boolean)).toHaveLength(1)
    const winner = owners[results.indexOf(true)]!
    const stored = await readLease(id)
    expect(stored.leaseOwner).toBe(winner)
    expect(new Date(stored.leaseExpiresAt).getTime()).toBeGreaterThan(Date.now() + 20_000)
    // The holder may claim again (its job's step, after the worker picked the job); others may not.
    expect(await path().claim({ id, leaseSeconds: 30, owner: winner })).toBe(true)
    expect(await path().claim({ id, leaseSeconds: 30, owner: 'late-worker' })).toBe(false)
  })

  it('lets another worker take an expired lease over, after which the old holder can neither renew nor give it back', async () => {
    const id = await createAsset()
    expect(await path().claim({ id, leaseSeconds: 1, owner: 'dying-worker' })).toBe(true)
    await new Promise((resolve) => setTimeout(resolve, 1200))
    expect(await path().claim({ id, leaseSeconds: 30, owner: 'next-worker' })).toBe(true)
    expect(await path().renew({ id, leaseSeconds: 30, owner: 'dying-worker' })).toBe(false)
    expect(await path().renew({ id, leaseSeconds: 0, owner: 'dying-worker' })).toBe(false)
    expect((await readLease(id)).leaseOwner).toBe('next-worker')
    // Given back by its holder, the lease is free for anyone.
    expect(await path().renew({ id, leaseSeconds: 0, owner: 'next-worker' })).toBe(true)
    const freed = await readLease(id)
    expect([freed.leaseOwner, freed.leaseExpiresAt]).toEqual([null, null])
    expect(await path().claim({ id, leaseSeconds: 30, owner: 'third-worker' })).toBe(true)
  })

  it('never leases a finished asset', async () => {
    for (const status of ['ready', 'failed']) {
      const id = await createAsset(status)
      expect(await path().claim({ id, leaseSeconds: 30, owner: 'any-worker' })).toBe(false)
      expect((await readLease(id)).leaseOwner ?? null).toBeNull()
    }
  })
})
