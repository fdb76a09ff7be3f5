/**
 * The gallery reads its items through the database adapter (`readGalleryDocuments`) instead of the
 * Local API's `find`: these tests hold the two to the same answer, item for item and field for
 * field, for every reader (owner, other editor, admin), in the gallery and the trash, with
 * forwarded headers, under the demo config and under a host config that widens access with the
 * plugin's `access` option and builds file URLs with storage-s3's `generateFileURL`. They also
 * show that a collection the direct reader cannot reproduce falls back to the Local API.
 */
import type { Access, Payload, PayloadRequest } from 'payload'

import { s3Storage } from '@payloadcms/storage-s3'
import path from 'node:path'
import { buildConfig, createLocalReq } from 'payload'
import { generatedAssetsPlugin } from 'payload-plugin-generated-assets'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { seedAssets } from '../../bench/lib/seedAssets'
import { Users } from '../../collections/Users'
import { createDatabaseAdapter } from '../../payload.config'
import { ITEM_SELECT, queryGallery } from '../../plugins/generated-assets/dist/gallery/queryGallery.js'
import { readGalleryDocuments } from '../../plugins/generated-assets/dist/gallery/readGalleryDocuments.js'
import { type App, getApp, ORIGIN } from '../helpers/app'

type Actor = { id: number | string; token: string }

const adminOrOwn: Access = ({ req }) => {
  if (!req.user) return false
  if ((req.user as { roles?: string }).roles === 'admin') return true
  return { createdBy: { equals: req.user.id } }
}

const CDN = 'https://cdn.example.com/assets'

/** The demo config with another bucket URL scheme (`generateFileURL`) and the admin-widened `access`. */
const hostConfig = () => {
  const storage = {
    bucket: process.env.S3_BUCKET!,
    config: {
      credentials: { accessKeyId: process.env.S3_ACCESS_KEY_ID!, secretAccessKey: process.env.S3_SECRET_ACCESS_KEY! },
      endpoint: process.env.S3_ENDPOINT,
      forcePathStyle: true,
      region: process.env.S3_REGION,
      requestChecksumCalculation: 'WHEN_REQUIRED' as const,
      responseChecksumValidation: 'WHEN_REQUIRED' as const,
    },
  }
  const generateFileURL = ({ filename, prefix }: { filename: string; prefix?: string }) =>
    `${CDN}/${prefix ? `${prefix}/` : ''}${encodeURIComponent(filename)}`
  return buildConfig({
    admin: { avatar: 'default', user: Users.slug },
    collections: [Users],
    db: createDatabaseAdapter(),
    plugins: [
      generatedAssetsPlugin({ access: { delete: adminOrOwn, read: adminOrOwn, update: adminOrOwn }, storage }),
      s3Storage({
        ...storage,
        collections: { 'generated-asset-posters': { generateFileURL }, 'generated-assets': { generateFileURL } },
      }),
    ],
    secret: process.env.PAYLOAD_SECRET!,
    sharp,
    typescript: { outputFile: path.resolve('/tmp', 'unused-payload-types.ts') },
  })
}

/** Both read paths for one reader and query: the items and the documents they came from. */
const readBoth = async ({
  headers = {},
  payload,
  query,
  user,
}: {
  headers?: Record<string, string>
  payload: Payload
  query: Record<string, unknown>
  user: Record<string, unknown>
}) => {
  const read = async (readThrough: 'adapter' | 'localAPI') => {
    const req = (await createLocalReq(
      { req: { headers: new Headers({ host: new URL(ORIGIN).host, ...headers }) as never, url: `${ORIGIN}/api/x` }, user: user as never },
      payload,
    )) as PayloadRequest
    return queryGallery({
      options: { authCollection: 'users', collectionSlug: 'generated-assets', posterCollectionSlug: 'generated-asset-posters' } as never,
      query: { limit: 100, sort: 'newest', ...query } as never,
      readThrough,
      req,
    })
  }
  const [direct, reference] = [await read('adapter'), await read('localAPI')]
  return { direct, reference }
}

const userDoc = async (payload: Payload, id: number | string) => ({
  ...(await payload.findByID({ collection: 'users', depth: 0, id, overrideAccess: true })),
  collection: 'users',
})

describe.each([
  ['the demo config', false],
  ['a host config (access option, generateFileURL)', true],
])('gallery items read through the adapter equal the Local API’s: %s', (_name, isHost) => {
  let app: App
  let owner: Actor
  let other: Actor
  let admin: Actor
  let ids: { firstId: number; lastId: number }

  beforeAll(async () => {
    // Payload caches its instance per key for good; each config here needs its own.
    ;(globalThis as { _payload?: Map<string, unknown> })._payload?.delete('default')
    app = await getApp(isHost ? { configPromise: hostConfig() } : undefined)
    owner = await app.createUser()
    other = await app.createUser()
    const email = `admin-direct-${Date.now()}-${isHost}@example.com`
    const password = 'correct horse battery staple'
    const created = await app.payload.create({ collection: 'users', data: { email, password, roles: 'admin' } })
    admin = { id: created.id, token: '' }
    // 200 rows, newest first: every 13th a video with a poster, every 97th failed; of each hundred
    // the first 50 the owner's, the rest the other editor's and the admin's in turn.
    ids = await seedAssets({ count: 200, ownerShare: 0.5, payload: app.payload, userIds: [owner.id, other.id, admin.id] })
    // Share some of each owner's, and trash a few of each (below the Local API, as the seed).
    const now = new Date().toISOString()
    for (let id = ids.firstId + 45; id <= ids.firstId + 56; id++) {
      await app.payload.db.updateOne({
        collection: 'generated-assets',
        data: { sharedAt: now, shareToken: `tok${id}abcdefghijklmnopqrst` },
        id,
      })
    }
    for (const offset of [2, 46, 51, 60]) {
      await app.payload.db.updateOne({ collection: 'generated-assets', data: { deletedAt: now }, id: ids.firstId + offset })
    }
  }, 120_000)

  afterAll(async () => {
    await app?.close()
  })

  it.each([
    ['owner', 'gallery', {}],
    ['owner', 'trash', { trash: true }],
    ['owner', 'filtered, counted, forwarded', { count: true, kind: 'video' }],
    ['other editor', 'gallery', {}],
    ['admin', 'gallery', {}],
    ['admin', 'trash', { trash: true }],
  ] as const)('%s, %s', async (actor, _what, query) => {
    const id = actor === 'owner' ? owner.id : actor === 'admin' ? admin.id : other.id
    const user = await userDoc(app.payload, id)
    const headers: Record<string, string> = _what.includes('forwarded') ? { 'x-forwarded-host': 'gallery.example.org', 'x-forwarded-proto': 'https' } : {}
    const { direct, reference } = await readBoth({ headers, payload: app.payload, query, user })
    expect(direct.items.length).toBeGreaterThan(0)
    expect(direct.items).toEqual(reference.items)
    expect(direct.nextCursor).toEqual(reference.nextCursor)
    expect(direct.totalDocs).toEqual(reference.totalDocs)
    // Field for field, the documents too (what the items are built from).
    expect(direct.docs.map((doc) => ({ ...doc }))).toEqual(reference.docs.map((doc) => ({ ...doc })))

    const seeded = direct.items.filter((item) => Number(item.id) >= ids.firstId && Number(item.id) <= ids.lastId)
    const creators = new Set(seeded.map((item) => String(item.createdBy?.id)))
    expect(seeded.length).toBeGreaterThan(0)
    if (actor === 'admin' && isHost) {
      // The access option lets the admin see every asset; only owners see their share links.
      // (Other test files' assets share this database, so ask for the other editor's by filter.)
      const others = await readBoth({ payload: app.payload, query: { ...query, createdBy: other.id }, user })
      expect(others.direct.items.length).toBeGreaterThan(0)
      expect(others.direct.items).toEqual(others.reference.items)
      for (const item of [...seeded, ...others.direct.items]) {
        if (String(item.createdBy?.id) !== String(admin.id)) expect(item.shareUrl).toBeNull()
      }
      expect(others.direct.items.some((item) => item.createdBy?.label.includes('@'))).toBe(true)
    } else {
      expect([...creators]).toEqual([String(id)])
    }
    for (const item of seeded) {
      expect(Boolean(item.deletedAt)).toBe(Boolean((query as { trash?: boolean }).trash))
      if (item.status !== 'ready') continue
      const url = item.imageUrl ?? item.videoUrl
      if (isHost) expect(url?.startsWith(`${CDN}/`)).toBe(true)
      else expect(url?.startsWith(headers['x-forwarded-host'] ? 'https://gallery.example.org/api/' : `${ORIGIN}/api/`)).toBe(true)
      if (item.kind === 'video') expect(item.posterUrl).toBeTruthy()
    }
  })

  it('reads the items through the adapter\'s find, once per collection (no fallback to the Local API)', async () => {
    const req = (await createLocalReq({ user: (await userDoc(app.payload, owner.id)) as never }, app.payload)) as PayloadRequest
    const db = app.payload.db as unknown as { find: (...args: unknown[]) => unknown }
    const { find } = db
    const collections: unknown[] = []
    db.find = function (this: unknown, ...args: unknown[]) {
      collections.push((args[0] as { collection?: unknown }).collection)
      return find.apply(this, args)
    }
    try {
      const docs = await readGalleryDocuments({
        collectionSlug: 'generated-assets',
        limit: 3,
        populate: { 'generated-asset-posters': { filename: true, url: true }, users: { email: true } },
        req,
        select: ITEM_SELECT,
        sort: '-createdAt',
        trash: false,
      })
      expect(docs).toHaveLength(3)
      // One adapter read of the assets, one of their creators (the demo's assets here are images: no posters).
      expect(collections).toEqual(['generated-assets', 'users'])
    } finally {
      db.find = find
    }
  })

  it('refuses anonymous readers as the Local API does', async () => {
    const read = async (readThrough: 'adapter' | 'localAPI') =>
      queryGallery({
        options: { authCollection: 'users', collectionSlug: 'generated-assets' } as never,
        query: { limit: 10, sort: 'newest' } as never,
        readThrough,
        req: (await createLocalReq({}, app.payload)) as PayloadRequest,
      }).then(
        () => 'answered',
        (error: { status?: number }) => error.status,
      )
    expect(await read('adapter')).toBe(await read('localAPI'))
    expect(await read('adapter')).toBe(403)
  })

  it("runs the collection's afterOperation hooks on what it read, as the Local API does", async () => {
    const config = app.payload.collections['generated-assets'].config
    const hooks = config.hooks
    const req = (await createLocalReq({ user: (await userDoc(app.payload, owner.id)) as never }, app.payload)) as PayloadRequest
    const seen: string[] = []
    try {
      config.hooks = {
        ...hooks,
        afterOperation: [
          ...(hooks.afterOperation ?? []),
          ({ operation, result }) => {
            seen.push(operation)
            const page = result as { docs: Record<string, unknown>[] }
            return { ...page, docs: page.docs.map((doc) => ({ ...doc, prompt: `hooked: ${String(doc.prompt)}` })) }
          },
        ],
      }
      const docs = await readGalleryDocuments({
        collectionSlug: 'generated-assets',
        limit: 2,
        req,
        select: { id: true, prompt: true },
        sort: '-createdAt',
        trash: false,
      })
      expect(seen).toEqual(['find'])
      expect(docs?.map((doc) => doc.prompt)).toEqual([expect.stringMatching(/^hooked: /), expect.stringMatching(/^hooked: /)])
    } finally {
      config.hooks = hooks
    }
  })

  it('falls back to the Local API for a collection it cannot reproduce (a beforeRead hook)', async () => {
    const config = app.payload.collections['generated-assets'].config
    const hooks = config.hooks
    const req = (await createLocalReq({ user: (await userDoc(app.payload, owner.id)) as never }, app.payload)) as PayloadRequest
    // A fresh select object, so the reader plans anew for the changed config.
    const args = { collectionSlug: 'generated-assets', limit: 5, req, select: { id: true, prompt: true }, sort: '-createdAt', trash: false }
    try {
      config.hooks = { ...hooks, beforeRead: [({ doc }) => doc] }
      expect(await readGalleryDocuments({ ...args, select: { prompt: true } })).toBeUndefined()
    } finally {
      config.hooks = hooks
    }
    expect(await readGalleryDocuments({ ...args, select: { prompt: true } })).toHaveLength(5)
  })
})
