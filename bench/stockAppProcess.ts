/**
 * Stock Payload as a web process, for the pipeline-overhead baseline, in its own process (Payload's
 * REST route handlers find their instance by the process-wide default key, so the plugin's app
 * and the stock app cannot share one process): the stock config (bench/lib/stockConfig.ts) on
 * `BENCH_STOCK_DATABASE_URL`, pushing its schema first when `BENCH_STOCK_PUSH=1`.
 *
 * For each stdin line `store <index>`: `POST /api/stock-assets` through Payload's REST route handler
 * (`REST_POST`, a real `Request`, as the user), whose hook queues the store job in the create's
 * transaction; then, at once, `payload.jobs.runByID` of that job, which stores the PNG with
 * `payload.update`. Answers `stored {"index","id","createMs","storedMs","doneMs","window"}`:
 * ms from sending the request to the 201, to the task's update having returned, and to runByID
 * having returned (the job marked done); `window` is [start, end] in epoch ms. `error <message>` on failure.
 * `describe <id>` answers `described {…}`: what was stored (file size, type, width, image sizes).
 * BENCH_TRACE=1 adds `trace {"calls":[…]}` (Local API, adapter, SQL, S3 and sharp calls of the run).
 * Prints `stock app ready` once a user is logged in; stops on SIGTERM or stdin's end.
 */
import { createInterface } from 'node:readline'

import { getBenchApp } from './lib/app'
import { aggregateSpans, instrumentPayload } from './lib/instrument'
import { closePayload } from './lib/services'
import { createStockConfig, STOCK_COLLECTION } from './lib/stockConfig'

const jobs = new Map<string, number | string>()
const storedAt = new Map<string, number>()
const app = await getBenchApp({
  config: createStockConfig({
    databaseUrl: process.env.BENCH_STOCK_DATABASE_URL!,
    onQueued: (id, jobId) => jobs.set(String(id), jobId),
    onStored: (id) => storedAt.set(String(id), performance.now()),
    push: process.env.BENCH_STOCK_PUSH === '1',
  }),
})
const { payload } = app
const trace = process.env.BENCH_TRACE === '1' ? instrumentPayload(payload) : undefined
const user = await app.createUser()

const stop = async () => {
  await closePayload(payload)
  process.exit(0)
}
process.on('SIGTERM', () => void stop())
process.on('SIGINT', () => void stop())

const store = async (index: number) => {
  const startedAt = performance.now()
  const response = await app.post(
    STOCK_COLLECTION,
    { kind: 'image', model: 'bench/precomputed-png', params: { size: '1024x1024' }, prompt: `stock image ${index}` },
    user.token,
  )
  const createdAt = performance.now()
  if (response.status !== 201) throw new Error(`create answered ${response.status}: ${await response.text()}`)
  const { doc } = (await response.json()) as { doc: { id: number | string } }
  const jobId = jobs.get(String(doc.id))
  if (jobId === undefined) throw new Error(`no job was queued for ${doc.id}`)
  await payload.jobs.runByID({ id: jobId, overrideAccess: true, silent: true })
  const doneAt = performance.now()
  const stored = storedAt.get(String(doc.id))
  if (stored === undefined) throw new Error(`the job of ${doc.id} did not store the file`)
  const epoch = (at: number) => Math.round((performance.timeOrigin + at) * 100) / 100
  console.log(
    `stored ${JSON.stringify({
      createMs: createdAt - startedAt,
      doneMs: doneAt - startedAt,
      id: doc.id,
      index,
      storedMs: stored - startedAt,
      window: [epoch(startedAt), epoch(stored)],
    })}`,
  )
  if (trace) {
    const calls = aggregateSpans(trace.spans, startedAt, stored)
    trace.spans.length = 0
    console.log(`trace ${JSON.stringify({ calls })}`)
  }
}

/** `describe <id>`: answers `described {"filesize","mimeType","width","sizes"}` of the stored document. */
const describe = async (id: string) => {
  const doc = (await payload.findByID({ collection: STOCK_COLLECTION as never, depth: 0, id, overrideAccess: true })) as Record<string, any>
  const sizes = doc.sizes as Record<string, { filesize?: number; width?: number }> | undefined
  console.log(
    `described ${JSON.stringify({
      filesize: doc.filesize,
      mimeType: doc.mimeType,
      sizes: Object.fromEntries(Object.entries(sizes ?? {}).map(([name, size]) => [name, `${size.width}px ${size.filesize} B`])),
      width: doc.width,
    })}`,
  )
}

let queue = Promise.resolve()
const lines = createInterface({ input: process.stdin })
lines.on('close', () => void stop())
lines.on('line', (line) => {
  const [command, argument] = line.split(' ')
  const run = command === 'store' ? () => store(Number(argument)) : command === 'describe' ? () => describe(argument!) : undefined
  if (!run) return
  queue = queue.then(() =>
    run().catch((error: unknown) =>
      console.log(`error ${error instanceof Error ? error.stack : String(error)}`.replace(/\n/g, ' | ')),
    ),
  )
})
console.log(`stock app ready pid=${process.pid}`)
