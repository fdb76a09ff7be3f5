/**
 * Stock Payload doing the plugin's job, for the baselines: no plugin, only what a Payload project
 * would write itself with Payload's public APIs.
 *
 * - Collection `stock-assets`: an upload collection with the plugin's collection's upload settings
 *   (read from the demo config: the same image sizes, `thumbnail` 480 px and `preview` 1280 px
 *   WebP, no crop or focal point, files not required on create), on the same S3 storage
 *   (`@payloadcms/storage-s3`, the demo's bucket and client settings), and a few plain fields
 *   (prompt, model, kind, status, params, createdBy). Its `afterChange` hook queues a
 *   {@link STOCK_STORE_TASK} job for every created document, in the create's transaction.
 * - Task {@link STOCK_STORE_TASK}: stores the benchmark PNG (`BENCH_PNG_FILE`, read once) on the
 *   document with `payload.update({ file })` and `status: 'ready'`, then calls `onStored`
 *   (default: prints `stock stored {"id","t"}`, t: epoch ms). Without the task's `req`: the Local
 *   API sets `req.file` on the request it is given, and the jobs one `jobs.run` takes share one
 *   request (only its transactionID is their own), so parallel jobs passing it stored each
 *   other's files (seen here as unique-filename errors).
 * - Task {@link STOCK_NOOP_TASK}: prints `stock started {"seq","t"}` as its first act (pickup latency).
 * - Both on the queue {@link STOCK_QUEUE}; `autoRun` (the documented cron) only when asked for.
 *
 * The stock side has a database of its own (`stockDatabaseUrl` of bench/lib/services.ts), whose
 * schema Payload's dev push makes (`push: true`, in the one process that starts first; the others
 * connect with `push: false`).
 */
import type { CollectionConfig, PayloadRequest, SanitizedConfig, TaskConfig } from 'payload'

import { postgresAdapter } from '@payloadcms/db-postgres'
import { sqliteAdapter } from '@payloadcms/db-sqlite'
import { s3Storage } from '@payloadcms/storage-s3'
import { readFileSync } from 'node:fs'
import { buildConfig } from 'payload'
import sharp from 'sharp'

import { Users } from '../../collections/Users'

export const STOCK_COLLECTION = 'stock-assets'
export const STOCK_QUEUE = 'bench-stock'
export const STOCK_NOOP_TASK = 'benchNoop'
export const STOCK_STORE_TASK = 'benchStoreFile'

const epochNow = () => Math.round((performance.timeOrigin + performance.now()) * 10) / 10

let png: Buffer | undefined
const getPNG = () => (png ??= readFileSync(process.env.BENCH_PNG_FILE!))

export const createStockConfig = async ({
  autoRun = false,
  databaseUrl,
  onQueued,
  onStored = (id) => console.log(`stock stored ${JSON.stringify({ id, t: epochNow() })}`),
  push,
}: {
  /** Adds Payload's documented `autoRun` cron, every second, for the stock queue (to `getPayload({ cron: true })`). */
  autoRun?: boolean
  databaseUrl: string
  /** Called in the create's hook with the id of the job it queued. */
  onQueued?: (id: number | string, jobId: number | string) => void
  /** Called once the store task's update has returned (committed). Default: prints `stock stored {"id","t"}`. */
  onStored?: (id: number | string) => void
  /** Whether this instance pushes the schema (only the first process of a run). */
  push: boolean
}): Promise<SanitizedConfig> => {
  // The plugin's collection's upload settings, as the demo config builds them (image sizes included).
  const { createAppConfig } = await import('../../payload.config')
  const appConfig = await createAppConfig()
  const pluginUpload = appConfig.collections.find((collection) => collection.slug === 'generated-assets')!.upload
  const { adminThumbnail, crop, focalPoint, imageSizes, mimeTypes } = pluginUpload

  const stockAssets: CollectionConfig = {
    slug: STOCK_COLLECTION,
    access: {
      create: ({ req }) => Boolean(req.user),
      read: ({ req }) => (req.user ? { createdBy: { equals: req.user.id } } : false),
      update: ({ req }) => (req.user ? { createdBy: { equals: req.user.id } } : false),
    },
    fields: [
      { name: 'prompt', type: 'textarea', required: true },
      { name: 'model', type: 'text', required: true },
      { name: 'kind', type: 'select', defaultValue: 'image', options: ['image', 'video'], required: true },
      {
        name: 'status',
        type: 'select',
        defaultValue: 'queued',
        index: true,
        options: ['queued', 'ready', 'failed'],
        required: true,
      },
      { name: 'params', type: 'json' },
      { name: 'createdBy', type: 'relationship', index: true, relationTo: 'users' },
    ],
    hooks: {
      afterChange: [
        async ({ doc, operation, req }) => {
          if (operation === 'create') {
            const job = (await req.payload.jobs.queue({
              input: { id: doc.id },
              queue: STOCK_QUEUE,
              req,
              task: STOCK_STORE_TASK,
            } as never)) as { id: number | string }
            onQueued?.(doc.id, job.id)
          }
          return doc
        },
      ],
      beforeChange: [
        ({ data, operation, req }) => {
          if (operation === 'create' && req.user) data.createdBy = req.user.id
          return data
        },
      ],
    },
    upload: { adminThumbnail, crop, filesRequiredOnCreate: false, focalPoint, imageSizes, mimeTypes },
  }

  // Cast: the demo's generated types (payload-types.ts) know only the demo's task and collection slugs.
  const storeTask = {
    slug: STOCK_STORE_TASK,
    handler: async ({ input, req }: { input: unknown; req: PayloadRequest }) => {
      const { id } = input as { id: number | string }
      const data = Buffer.from(getPNG())
      await req.payload.update({
        collection: STOCK_COLLECTION,
        data: { status: 'ready' },
        depth: 0,
        file: { data, mimetype: 'image/png', name: `stock-asset-${id}.png`, size: data.byteLength },
        id,
        overrideAccess: true,
      } as never)
      onStored(id)
      return { output: {} }
    },
    inputSchema: [{ name: 'id', type: 'number', required: true }],
  } as unknown as TaskConfig
  const noopTask = {
    slug: STOCK_NOOP_TASK,
    handler: async ({ input }: { input: unknown }) => {
      console.log(`stock started ${JSON.stringify({ seq: (input as { seq: number }).seq, t: epochNow() })}`)
      return { output: {} }
    },
    inputSchema: [{ name: 'seq', type: 'number', required: true }],
  } as unknown as TaskConfig

  const isSQLite = databaseUrl.startsWith('file:')
  return buildConfig({
    admin: { user: Users.slug },
    collections: [Users, stockAssets],
    // The same adapter settings as the demo config (payload.config.ts), on the stock database.
    db: isSQLite
      ? sqliteAdapter({ busyTimeout: 5000, client: { url: databaseUrl }, push, wal: true })
      : postgresAdapter({ pool: { connectionString: databaseUrl }, push }),
    jobs: {
      autoRun: autoRun ? [{ cron: '* * * * * *', limit: 10, queue: STOCK_QUEUE }] : undefined,
      tasks: [storeTask, noopTask],
    },
    plugins: [
      s3Storage({
        bucket: process.env.S3_BUCKET!,
        collections: { [STOCK_COLLECTION]: true } as never,
        config: {
          credentials: { accessKeyId: process.env.S3_ACCESS_KEY_ID!, secretAccessKey: process.env.S3_SECRET_ACCESS_KEY! },
          endpoint: process.env.S3_ENDPOINT,
          forcePathStyle: true,
          region: process.env.S3_REGION,
          requestChecksumCalculation: 'WHEN_REQUIRED',
          responseChecksumValidation: 'WHEN_REQUIRED',
        },
      }),
    ],
    secret: process.env.PAYLOAD_SECRET!,
    sharp,
    telemetry: false,
    upload: appConfig.upload,
  })
}
