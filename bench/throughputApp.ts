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
 * (`payload.count`, every 25 ms) until all of them are `ready` or `failed`. Answers
 * `done {"label","count","firstRequestAt","lastAcceptedAt","lastReadyAt","failed","lastUpdatedAt"}`
 * in epoch ms (lastReadyAt: the count that saw the last one; lastUpdatedAt: the newest
 * `updatedAt` among them, the worker's clock). Prints `throughput app ready`; stops on SIGTERM.
 */
import type { Payload } from 'payload'
import type { BenchApp } from './lib/app'

import { createInterface } from 'node:readline'

import { getBenchApp } from './lib/app'
import { epochNow } from './lib/assetStatus'
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

const stop = async () => {
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
  const finished = { and: [{ id: { greater_than: base } }, { status: { in: ['ready', 'failed'] } }] }
  const deadline = Date.now() + 15 * 60_000
  let lastReadyAt: number
  for (;;) {
    const { totalDocs: ended } = await payload.count({ collection, overrideAccess: true, where: finished } as never)
    // Stock documents have no `failed` status: a job that failed is one with hasError.
    const totalDocs = side === 'stock' ? ended + (await countFailedJobs()) - failedJobsBefore : ended
    if (totalDocs >= count) {
      lastReadyAt = epochNow()
      break
    }
    if (Date.now() > deadline) throw new Error(`${label}: only ${totalDocs} of ${count} finished within 15 min`)
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
  const { totalDocs: failedDocs } = await payload.count({
    collection,
    overrideAccess: true,
    where: { and: [{ id: { greater_than: base } }, { status: { equals: 'failed' } }] },
  } as never)
  const failed = side === 'stock' ? (await countFailedJobs()) - failedJobsBefore : failedDocs
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
  console.log(`done ${JSON.stringify({ count, failed, firstRequestAt, label, lastAcceptedAt, lastReadyAt, lastUpdatedAt })}`)
}

let queue = Promise.resolve()
const lines = createInterface({ input: process.stdin })
lines.on('close', () => void stop())
lines.on('line', (line) => {
  const [command, label, count, clients] = line.split(' ')
  if (command !== 'go') return
  queue = queue.then(() =>
    go(label!, Number(count), Number(clients)).catch((error: unknown) =>
      console.log(`error ${error instanceof Error ? error.stack : String(error)}`.replace(/\n/g, ' | ')),
    ),
  )
})
console.log(`throughput app ready pid=${process.pid} side=${side}`)
