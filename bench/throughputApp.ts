/**
 * The web process of the throughput benchmark (bench/throughput.ts), one per side, each with its
 * own Payload as the process's default instance (Payload's REST route handlers need that):
 * - BENCH_SIDE=ours: the demo app with the plugin (precomputed-PNG model from BENCH_PNG_FILE,
 *   limits raised past the run's size, still checked), migrating first when BENCH_MIGRATE=1;
 *   a generation is `POST /api/generated-assets/generate` (202);
 * - BENCH_SIDE=stock: the stock config (bench/lib/stockConfig.ts, BENCH_STOCK_DATABASE_URL,
 *   pushing its schema); a generation is `POST /api/stock-assets` (201; its hook queues the job).
 * Both through Payload's REST route handler, as BENCH_USERS users (default 4), one per client.
 *
 * For each stdin line `go <label> <count> <clients>`: `clients` clients send `count` requests in
 * all, each its next as soon as the previous is answered; then the documents are counted
 * (`payload.count`, every 25 ms) until all of them are `ready` (or the rest `failed`; stock: no
 * job left to run). Answers
 * `done {"label","count","firstRequestAt","lastAcceptedAt","lastReadyAt","failed","jobErrors","lastUpdatedAt"}`
 * in epoch ms (lastReadyAt: the count that saw the last one; lastUpdatedAt: the newest
 * `updatedAt` among them, the worker's clock; failed: documents not ready; jobErrors: the
 * messages of the stock jobs that failed, e.g. a second run of a job another worker also took).
 * `cpu` answers its CPU time so far (bench/lib/cpuUsage.ts). BENCH_CPU_PROFILE=<file>: a CPU profile from ready to stop. Prints `throughput app ready`; stops on SIGTERM.
 */
import type { Payload } from 'payload'
import type { BenchApp } from './lib/app'

import { createInterface } from 'node:readline'

import { getBenchApp } from './lib/app'
import { epochNow } from './lib/assetStatus'
import { startCpuProfile } from './lib/cpuProfile'
import { CPU_LINE } from './lib/cpuUsage'
import { getPrecomputedModels, PRECOMPUTED_MODEL_KEY } from './lib/precomputedModel'
import { closePayload, migrate } from './lib/services'
import { createStockConfig, STOCK_COLLECTION } from './lib/stockConfig'

const side = process.env.BENCH_SIDE
if (side !== 'ours' && side !== 'stock') throw new Error('BENCH_SIDE must be ours or stock')
const USERS = Number(process.env.BENCH_USERS ?? 4)

let app: BenchApp
let collection: string
let request: (index: number, token: string) => Promise<number | string>
if (side === 'ours') {
  const { createAppConfig } = await import('../payload.config')
  app = await getBenchApp({
    config: createAppConfig({
      pluginOptions: {
        defaultModel: PRECOMPUTED_MODEL_KEY,
        maxActiveGenerations: 1_000_000,
        models: await getPrecomputedModels({ file: process.env.BENCH_PNG_FILE! }),
        rateLimit: { limit: 1_000_000, window: 60 },
      },
    }),
  })
  if (process.env.BENCH_MIGRATE === '1') await migrate(app.payload)
  collection = 'generated-assets'
  request = async (index, token) => {
    const response = await app.post(
      'generated-assets/generate',
      { model: PRECOMPUTED_MODEL_KEY, params: { size: '1024x1024' }, prompt: `throughput image ${index}` },
      token,
    )
    if (response.status !== 202) throw new Error(`generate answered ${response.status}: ${await response.text()}`)
    return ((await response.json()) as { id: number | string }).id
  }
} else {
  app = await getBenchApp({
    config: createStockConfig({ databaseUrl: process.env.BENCH_STOCK_DATABASE_URL!, push: true }),
  })
  collection = STOCK_COLLECTION
  request = async (index, token) => {
    const response = await app.post(
      STOCK_COLLECTION,
      { kind: 'image', model: PRECOMPUTED_MODEL_KEY, params: { size: '1024x1024' }, prompt: `throughput image ${index}` },
      token,
    )
    if (response.status !== 201) throw new Error(`create answered ${response.status}: ${await response.text()}`)
    return ((await response.json()) as { doc: { id: number | string } }).doc.id
  }
}
const payload: Payload = app.payload
const users: { id: number | string; token: string }[] = []
for (let n = 0; n < USERS; n++) users.push(await app.createUser())

const stopProfile = await startCpuProfile()
const stop = async () => {
  await stopProfile()
  await closePayload(payload)
  process.exit(0)
}
process.on('SIGTERM', () => void stop())
process.on('SIGINT', () => void stop())

const lastId = async (): Promise<number> => {
  const { docs } = await payload.find({ collection, depth: 0, limit: 1, overrideAccess: true, pagination: false, sort: '-id', trash: true } as never)
  return Number((docs[0] as { id?: number } | undefined)?.id ?? 0)
}

/** Stock jobs that failed (the store task threw; no retries are configured). */
const countFailedJobs = async () =>
  (await payload.count({ collection: 'payload-jobs', overrideAccess: true, where: { hasError: { equals: true } } })).totalDocs
/** Stock jobs yet to run or running (done ones are deleted: Payload's deleteJobOnComplete). */
const countPendingJobs = async () =>
  (
    await payload.count({
      collection: 'payload-jobs',
      overrideAccess: true,
      where: { and: [{ completedAt: { exists: false } }, { hasError: { not_equals: true } }] },
    })
  ).totalDocs
/** The error messages of the stock jobs that failed after the first `skip` (oldest first). */
const listJobErrors = async (skip: number): Promise<string[]> => {
  const { docs } = await payload.find({
    collection: 'payload-jobs',
    depth: 0,
    limit: 0,
    overrideAccess: true,
    pagination: false,
    sort: 'id',
    where: { hasError: { equals: true } },
  })
  return docs.slice(skip).map((job) => String((job.error as { message?: string } | null)?.message ?? job.error))
}

const go = async (label: string, count: number, clients: number) => {
  const base = await lastId()
  const failedJobsBefore = side === 'stock' ? await countFailedJobs() : 0
  const firstRequestAt = epochNow()
  let next = 0
  let lastAcceptedAt = 0
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      for (let index = next++; index < count; index = next++) {
        await request(index, users[client % users.length]!.token)
        lastAcceptedAt = epochNow()
      }
    }),
  )
  const batch = { id: { greater_than: base } }
  const countStatus = async (status: string) =>
    (await payload.count({ collection, overrideAccess: true, where: { and: [batch, { status: { equals: status } }] } } as never))
      .totalDocs
  const deadline = Date.now() + 15 * 60_000
  let lastReadyAt: number
  let ready: number
  for (;;) {
    ready = await countStatus('ready')
    // Ours ends each asset `ready` or `failed`. Stock documents have no `failed`: one whose job
    // failed stays queued, so the batch has ended when no job is left to run.
    const hasEnded =
      ready >= count ||
      (side === 'ours' ? ready + (await countStatus('failed')) >= count : (await countPendingJobs()) === 0)
    if (hasEnded) {
      lastReadyAt = epochNow()
      break
    }
    if (Date.now() > deadline) throw new Error(`${label}: only ${ready} of ${count} ready within 15 min`)
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
  const failed = count - ready
  const jobErrors = side === 'stock' ? await listJobErrors(failedJobsBefore) : []
  const { docs } = await payload.find({
    collection,
    depth: 0,
    limit: 1,
    overrideAccess: true,
    pagination: false,
    select: { updatedAt: true },
    sort: '-updatedAt',
    where: { id: { greater_than: base } },
  } as never)
  const lastUpdatedAt = new Date(String((docs[0] as { updatedAt?: string } | undefined)?.updatedAt)).getTime()
  console.log(
    `done ${JSON.stringify({ count, failed, firstRequestAt, jobErrors, label, lastAcceptedAt, lastReadyAt, lastUpdatedAt })}`,
  )
}

let queue = Promise.resolve()
const lines = createInterface({ input: process.stdin })
lines.on('close', () => void stop())
lines.on('line', (line) => {
  const [command, label, count, clients] = line.split(' ')
  if (command === 'cpu') console.log(`${CPU_LINE}${JSON.stringify(process.cpuUsage())}`)
  if (command !== 'go') return
  queue = queue.then(() =>
    go(label!, Number(count), Number(clients)).catch((error: unknown) =>
      console.log(`error ${error instanceof Error ? error.stack : String(error)}`.replace(/\n/g, ' | ')),
    ),
  )
})
console.log(`throughput app ready pid=${process.pid} side=${side}`)
