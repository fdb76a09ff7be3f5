/**
 * Where storage-s3 puts the plugin's files, read back from the bucket itself: under the plugin's
 * folder (`generated-assets/`, posters in `generated-assets/posters/`) with no `prefix` given to
 * `s3Storage`, beneath a collection `prefix` the host gives it, and with `useCompositePrefixes`.
 * In each layout the keys the plugin computes (getStorageInfo: share links, the worker's own video
 * upload, audit:storage) are exactly the ones storage-s3 wrote, Payload's file route and the share
 * link serve the stored bytes, and a permanent delete leaves nothing behind.
 *
 * Each layout is a host config of its own (the demo's database and bucket, its own Payload
 * instance), run one after another. Real database (Postgres or SQLite), s3rver, sharp, ffmpeg.
 */
import type { Endpoint, Payload } from 'payload'

import { DeleteObjectCommand, GetObjectCommand, paginateListObjectsV2, PutObjectCommand } from '@aws-sdk/client-s3'
import { s3Storage } from '@payloadcms/storage-s3'
import { buildConfig, createLocalReq, getPayload } from 'payload'
import { auditStorage, type GeneratedAssetsPluginOptions, generatedAssetsPlugin, runWorker } from 'payload-plugin-generated-assets'
import sharp from 'sharp'
import { afterAll, describe, expect, it } from 'vitest'

import { Users } from '../../collections/Users'
import { createAppConfig } from '../../payload.config'
import { isSQLite } from '../helpers/database'
import { createTestS3Client } from '../helpers/s3'

const ASSETS = 'generated-assets'
const POSTERS = 'generated-asset-posters'
const bucket = process.env.S3_BUCKET!
const s3 = createTestS3Client()
const s3Config = {
  credentials: { accessKeyId: process.env.S3_ACCESS_KEY_ID!, secretAccessKey: process.env.S3_SECRET_ACCESS_KEY! },
  endpoint: process.env.S3_ENDPOINT,
  forcePathStyle: true,
  region: process.env.S3_REGION,
  requestChecksumCalculation: 'WHEN_REQUIRED' as const,
  responseChecksumValidation: 'WHEN_REQUIRED' as const,
}

type Layout = {
  name: string
  /** The plugin's `storage` option beyond bucket and config. */
  plugin: NonNullable<GeneratedAssetsPluginOptions['storage']>
  /** What the host gives s3Storage for the plugin's collections. */
  s3: { collections: Record<string, { prefix: string } | true>; useCompositePrefixes?: boolean }
  /** The folders storage-s3 must write the assets and the posters to. */
  folders: { assets: string; posters: string }
}

const LAYOUTS: Layout[] = [
  {
    folders: { assets: 'generated-assets', posters: 'generated-assets/posters' },
    name: 'no prefix given to s3Storage',
    plugin: {},
    s3: { collections: { [ASSETS]: true, [POSTERS]: true } },
  },
  {
    folders: { assets: 'media/generated-assets', posters: 'media/generated-assets/posters' },
    name: 'a collection prefix given to s3Storage',
    plugin: { collectionPrefix: 'media' },
    s3: { collections: { [ASSETS]: { prefix: 'media' }, [POSTERS]: { prefix: 'media' } } },
  },
  {
    folders: { assets: 'cdn/generated-assets', posters: 'cdn/generated-assets/posters' },
    name: 'a collection prefix with useCompositePrefixes',
    plugin: { collectionPrefix: 'cdn', useCompositePrefixes: true },
    s3: { collections: { [ASSETS]: { prefix: 'cdn' }, [POSTERS]: { prefix: 'cdn' } }, useCompositePrefixes: true },
  },
]

/** A host project's config on the demo's database: its users, the plugin, storage-s3 as the layout says. */
const createHostConfig = async (layout: Layout) => {
  const demo = await createAppConfig()
  return buildConfig({
    admin: { user: Users.slug },
    collections: [Users],
    db: demo.db,
    plugins: [
      generatedAssetsPlugin({ storage: { bucket, config: s3Config, ...layout.plugin } }),
      s3Storage({ bucket, collections: layout.s3.collections, config: s3Config, useCompositePrefixes: layout.s3.useCompositePrefixes }),
    ],
    secret: process.env.PAYLOAD_SECRET!,
    sharp,
    upload: { limits: { fileSize: 1024 * 1024 * 1024 }, useTempFiles: true },
  })
}

/** Every key in the bucket that belongs to one of the assets `ids` (their files, sizes and posters). */
const keysOf = async (ids: (number | string)[]) => {
  const keys: string[] = []
  for await (const page of paginateListObjectsV2({ client: s3 }, { Bucket: bucket })) {
    for (const { Key } of page.Contents ?? []) {
      if (Key && ids.some((id) => new RegExp(`-ga${id}(-poster)?(-\\d+x\\d+)?\\.\\w+$`).test(Key))) keys.push(Key)
    }
  }
  return keys.sort()
}

const getObject = async (Key: string) =>
  Buffer.from(await (await s3.send(new GetObjectCommand({ Bucket: bucket, Key }))).Body!.transformToByteArray())

/** Calls one of the plugin's endpoints of the assets collection as `user`, the way Payload's REST route does. */
const callEndpoint = async ({
  body,
  method,
  path,
  payload,
  routeParams = {},
  user,
}: {
  body?: unknown
  method: string
  path: string
  payload: Payload
  routeParams?: Record<string, string>
  user?: Record<string, unknown>
}) => {
  const endpoints = payload.collections[ASSETS]!.config.endpoints as Endpoint[]
  const endpoint = endpoints.find((each) => each.path === path && each.method === method)!
  const req = await createLocalReq({ user: user as never }, payload)
  Object.assign(req, {
    routeParams,
    searchParams: new URLSearchParams(),
    text: async () => (body === undefined ? '' : JSON.stringify(body)),
  })
  return endpoint.handler(req)
}

const waitForReady = async (payload: Payload, id: number | string) => {
  for (const deadline = Date.now() + 60_000; Date.now() < deadline; ) {
    const doc = await payload.findByID({ collection: ASSETS, depth: 0, id, overrideAccess: true })
    if (doc.status === 'ready' || doc.status === 'failed') return doc as Record<string, any>
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`asset ${id} did not finish in 60 s`)
}

const closePayload = async (payload: Payload) => {
  await payload.destroy()
  const pool = (payload.db as unknown as { pool?: { end: () => Promise<void>; on: (event: string, listener: () => void) => void } }).pool
  pool?.on('error', () => undefined)
  void pool?.end().catch(() => undefined)
}

afterAll(() => s3.destroy())

// The keys are storage-s3's and the plugin's alone; on SQLite the default layout checks the
// prefix column and the deletes, the other layouts only add minutes.
describe.each(isSQLite ? LAYOUTS.slice(0, 1) : LAYOUTS)('storage-s3 with $name', (layout) => {
  it('stores every file under the plugin folder, at the keys the plugin computes; serves and deletes them there', async () => {
    const payload = await getPayload({ config: createHostConfig(layout), key: `storage-prefix-${layout.name}` })
    const controller = new AbortController()
    const worker = runWorker({ payload, pollInterval: 0.2, signal: controller.signal })
    try {
      const user = {
        ...(await payload.create({ collection: 'users', data: { email: `prefix-${Date.now()}@example.com`, password: 'correct horse battery staple' } })),
        collection: 'users',
      }
      const generate = async (body: Record<string, unknown>) => {
        const response = await callEndpoint({ body, method: 'post', path: '/generate', payload, user })
        expect(response.status).toBe(202)
        return (await response.json()).id as number | string
      }
      // First, so that the assets below are newer: audit:storage takes an object of an unknown
      // asset above every id it read for a newer asset's, not an orphan.
      const deleted = await generate({ params: { size: '64x64' }, prompt: `deleted ${layout.name}` })
      const [imageId, videoId] = [
        await generate({ params: { size: '640x480' }, prompt: `prefixed image ${layout.name}` }),
        await generate({ model: 'local/video', params: { duration: 1, fps: 8, size: '320x240' }, prompt: `prefixed video ${layout.name}` }),
      ]
      const [image, video] = [await waitForReady(payload, imageId), await waitForReady(payload, videoId)]
      expect([image.error, video.error]).toEqual([null, null])
      const poster = await payload.findByID({ collection: POSTERS, id: video.poster, overrideAccess: true })

      // What storage-s3 (and, for the video, the worker's own upload) wrote: only under the folders.
      const written = await keysOf([image.id, video.id])
      const expected = [
        `${layout.folders.assets}/${image.filename}`,
        // The sizes Payload made (no `preview` for an image narrower than it).
        ...Object.values(image.sizes as Record<string, { filename: null | string }>)
          .filter(({ filename }) => filename)
          .map(({ filename }) => `${layout.folders.assets}/${filename}`),
        `${layout.folders.assets}/${video.filename}`,
        `${layout.folders.posters}/${poster.filename}`,
        `${layout.folders.posters}/${(poster.sizes as { thumbnail: { filename: string } }).thumbnail.filename}`,
      ].sort()
      expect(written).toEqual(expected)

      // The keys the plugin computes (getStorageInfo) are those very objects: REST's storageKey,
      // and audit:storage, which checks every computed key in the bucket and reports every object
      // of its folders that no computed key names, finds none missing and none left over.
      expect(image.storageKey).toBe(`${layout.folders.assets}/${image.filename}`)
      expect(video.storageKey).toBe(`${layout.folders.assets}/${video.filename}`)
      const audited = await auditStorage({ payload })
      expect(audited.missing.filter(({ id }) => [image.id, video.id].includes(id))).toEqual([])
      expect(audited.orphans.filter((key) => written.includes(key))).toEqual([])

      // Payload's file route (storage-s3's own handler, its own key rule) serves the stored bytes…
      const handler = payload.collections[ASSETS]!.config.upload.handlers![0]!
      const req = await createLocalReq({}, payload)
      const served = (await handler(req, { doc: video as never, headers: new Headers(), params: { collection: ASSETS, filename: video.filename } })) as Response
      expect(served.status).toBe(200)
      const stored = await getObject(`${layout.folders.assets}/${video.filename}`)
      expect(Buffer.from(await served.arrayBuffer()).equals(stored)).toBe(true)

      // …and so does the share link's signed URL, for the video and its poster.
      const shared = await callEndpoint({ method: 'post', path: '/:id/share', payload, routeParams: { id: String(video.id) }, user })
      const token = new URL((await shared.json()).shareUrl).pathname.split('/').pop()!
      for (const [part, key] of [
        ['file', `${layout.folders.assets}/${video.filename}`],
        ['poster', `${layout.folders.posters}/${poster.filename}`],
      ] as const) {
        const redirect = await callEndpoint({ method: 'get', path: `/share/:token/${part}`, payload, routeParams: { token } })
        expect(redirect.status).toBe(302)
        const signed = await fetch(redirect.headers.get('location')!)
        expect(signed.status).toBe(200)
        expect(Buffer.from(await signed.arrayBuffer()).equals(await getObject(key))).toBe(true)
      }

      // audit:storage lists the right folder: it finds an orphan planted there (it is not asked to
      // fix: the database holds other files' assets, stored in other layouts).
      await waitForReady(payload, deleted)
      await payload.delete({ collection: ASSETS, id: deleted, overrideAccess: true })
      const orphan = `${layout.folders.assets}/left-behind-ga${deleted}.png`
      await s3.send(new PutObjectCommand({ Body: Buffer.from('orphan'), Bucket: bucket, Key: orphan }))
      const audit = await auditStorage({ payload })
      expect(audit.orphans).toContain(orphan)
      expect(audit.missing.filter(({ id }) => [image.id, video.id].includes(id))).toEqual([])
      await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: orphan }))

      // A permanent delete removes every object of both assets.
      for (const id of [image.id, video.id]) await payload.delete({ collection: ASSETS, id, overrideAccess: true })
      expect(await keysOf([image.id, video.id])).toEqual([])
    } finally {
      controller.abort()
      await worker
      await closePayload(payload)
    }
  }, 180_000)
})
