/**
 * Pickup latency, 202 → generating.
 *
 * Ours: an idle plugin worker in a separate process (bench/workerProcess.ts: runWorker with its
 * default pollInterval of 2 s, so only the endpoint's NOTIFY makes it fast). Requests to
 * `POST /api/generated-assets/generate` (REST route handler, in this process) are spaced ~300 ms
 * apart (plus 0–100 ms jitter) and each waits for the previous asset to be ready, so the worker is
 * idle when a request arrives. Latency = arrival here of the asset's `generating` status event
 * (Postgres NOTIFY on `generated_assets_events`) − the moment the 202 came back.
 *
 * Baseline, same run: stock Payload Jobs Queue in a separate process with the documented `autoRun`
 * cron `* * * * * *` (bench/stockJobsWorker.ts). A trivial job is queued here with
 * `payload.jobs.queue` every ~300 ms (+ jitter) on a fixed schedule, not waiting for the previous
 * job (waiting would phase-lock each queue() to just after a cron tick); latency = arrival of the
 * NOTIFY the job sends as it starts − the moment `queue()` returned.
 *
 * Target: ours p50 ≤ 200 ms.
 */
import type { Payload } from 'payload'

import pg from 'pg'

import { getBenchApp } from './lib/app'
import { listen, parseAssetEvent } from './lib/listen'
import {
  type BenchResult,
  describeMachine,
  formatTable,
  now,
  round,
  sleep,
  summarize,
  warnIfBusy,
  writeResult,
} from './lib/report'
import { closePayload, migrate, startBenchServices } from './lib/services'
import { spawnBenchProcess } from './lib/spawn'

const NAME = 'pickupLatency'
const WARMUP = Number(process.env.BENCH_WARMUP ?? 3)
const RUNS = Math.max(20, Number(process.env.BENCH_RUNS ?? 30))
const SPACING_MS = 300
const TARGET_P50_MS = 200

const machine = describeMachine()
warnIfBusy()
const services = await startBenchServices({ name: 'pickup' })
let cleanup: (() => Promise<void>)[] = [services.stop]
const runCleanup = async () => {
  for (const step of cleanup.reverse()) await step().catch(() => undefined)
  cleanup = []
}

/** Waits until `SPACING_MS` (+ jitter) after the previous request. */
const pace = async (previous: number) => {
  const due = previous + SPACING_MS + Math.random() * 100
  const wait = due - now()
  if (wait > 0) await sleep(wait)
}

try {
  const { createAppConfig } = await import('../payload.config')
  // One user sends every request: a rate limit past any run's size (the limiter still runs: its cost is in the figure).
  const app = await getBenchApp({ config: createAppConfig({ pluginOptions: { rateLimit: { limit: 1_000_000, window: 60 } } }) })
  cleanup.push(() => closePayload(app.payload))
  await migrate(app.payload)
  const user = await app.createUser()

  const { STOCK_JOBS_CHANNEL, STOCK_QUEUE, STOCK_TASK_SLUG, addStockTaskSlug, createStockJobsConfig } = await import(
    './lib/stockJobsConfig'
  )
  const listener = await listen({
    channels: ['generated_assets_events', STOCK_JOBS_CHANNEL],
    connectionString: services.databaseUrl,
  })
  cleanup.push(listener.close)

  // --- ours: the plugin's worker, idle, woken by NOTIFY ---
  const worker = await spawnBenchProcess({ readyLine: 'worker ready', script: 'bench/workerProcess.ts' })
  cleanup.push(() => worker.stop())
  // Let it settle into its idle wait (first pass done, LISTEN registered).
  await sleep(1000)

  type OursRun = { id: number | string; latency: number; requestToGenerating: number; accepted: number }
  let previous = -Infinity
  const runOurs = async (index: number): Promise<OursRun> => {
    await pace(previous)
    const startedAt = now()
    previous = startedAt
    const response = await app.post(
      'generated-assets/generate',
      { model: 'local/image', params: { size: '64x64' }, prompt: `pickup ${index}` },
      user.token,
    )
    const acceptedAt = now()
    if (response.status !== 202) throw new Error(`generate answered ${response.status}: ${await response.text()}`)
    const { id } = (await response.json()) as { id: number | string }
    const is = (statuses: string[]) => (n: Parameters<typeof parseAssetEvent>[0]) => {
      const event = parseAssetEvent(n)
      return String(event?.id) === String(id) && statuses.includes(event!.status)
    }
    const generating = await listener.waitFor(is(['generating', 'failed']), 30_000, `asset ${id} generating`)
    const ready = await listener.waitFor(is(['ready', 'failed']), 30_000, `asset ${id} ready`)
    if (parseAssetEvent(ready)!.status !== 'ready') throw new Error(`asset ${id} failed`)
    return {
      accepted: acceptedAt - startedAt,
      id,
      latency: generating.receivedAt - acceptedAt,
      requestToGenerating: generating.receivedAt - startedAt,
    }
  }
  console.log(`${NAME}: ours, ${WARMUP} warm-up + ${RUNS} requests ~${SPACING_MS} ms apart`)
  for (let index = 0; index < WARMUP; index++) await runOurs(-1 - index)
  const ours: OursRun[] = []
  for (let index = 0; index < RUNS; index++) ours.push(await runOurs(index))
  await worker.stop()

  // --- baseline: stock Jobs Queue, autoRun every second ---
  const client = new pg.Client({ connectionString: services.databaseUrl })
  await client.connect()
  for (const statement of addStockTaskSlug) await client.query(statement)
  await client.end()
  const { getPayload } = await import('payload')
  // A second Payload instance in this process (its own cache key), with the stock config, to queue jobs.
  const stockPayload: Payload = await getPayload({ config: createStockJobsConfig({ autoRun: false }), key: 'bench-stock' })
  cleanup.push(() => closePayload(stockPayload))
  const stockWorker = await spawnBenchProcess({ readyLine: 'stock worker ready', script: 'bench/stockJobsWorker.ts' })
  cleanup.push(() => stockWorker.stop())
  await sleep(1500)

  // Jobs are queued on a fixed ~300 ms (+ jitter) schedule without waiting for the previous one to
  // run: waiting would phase-lock every queue() to just after a cron tick (latency ≈ 1 s always).
  let seq = 0
  const runStock = async (): Promise<number> => {
    const mine = String(++seq)
    await stockPayload.jobs.queue({ input: { seq: Number(mine) } as never, queue: STOCK_QUEUE, task: STOCK_TASK_SLUG as never })
    const queuedAt = now()
    const started = await listener.waitFor(
      (n) => n.channel === STOCK_JOBS_CHANNEL && n.payload === mine,
      30_000,
      `stock job ${mine} to run`,
    )
    return started.receivedAt - queuedAt
  }
  const runStockBatch = async (count: number): Promise<number[]> => {
    const pending: Promise<number>[] = []
    let last = -Infinity
    for (let index = 0; index < count; index++) {
      await pace(last)
      last = now()
      pending.push(runStock())
    }
    return Promise.all(pending)
  }
  console.log(`${NAME}: stock, ${WARMUP} warm-up + ${RUNS} jobs queued ~${SPACING_MS} ms apart`)
  await runStockBatch(WARMUP)
  const stock = await runStockBatch(RUNS)
  await stockWorker.stop()

  const oursSummary = summarize(ours.map((run) => run.latency))
  const stockSummary = summarize(stock)
  const pass = oursSummary.p50 <= TARGET_P50_MS
  console.log('')
  console.log(
    formatTable([
      ['pickup latency, ms', 'n', 'p50', 'p95', 'min', 'max'],
      ['ours: 202 → generating (NOTIFY wake)', oursSummary.n, oursSummary.p50, oursSummary.p95, oursSummary.min, oursSummary.max],
      ['stock Jobs Queue autoRun * * * * * *', stockSummary.n, stockSummary.p50, stockSummary.p95, stockSummary.min, stockSummary.max],
    ]),
  )
  const accepted = summarize(ours.map((run) => run.accepted))
  console.log(`\n(ours, request → 202: p50 ${round(accepted.p50)} ms, p95 ${round(accepted.p95)} ms; not included above)`)
  console.log(`target: ours p50 ≤ ${TARGET_P50_MS} ms → ${pass ? 'PASS' : 'FAIL'}`)

  const result: BenchResult = {
    baseline: { label: 'stock autoRun pickup p50', unit: 'ms', value: round(stockSummary.p50) },
    date: new Date().toISOString(),
    details: {
      ours: { accepted, latencies: ours, summary: oursSummary },
      spacingMs: SPACING_MS,
      stock: { latencies: stock.map((value) => round(value, 2)), summary: stockSummary },
      warmup: WARMUP,
    },
    machine,
    name: NAME,
    notes: [
      'Plugin worker: separate process, runWorker default pollInterval (2 s), LISTEN/NOTIFY wake-up.',
      'Stock: separate process, getPayload({ cron: true }), jobs.autoRun [{ cron: "* * * * * *", queue: "bench-stock" }].',
      'Times are arrivals of Postgres NOTIFYs at the benchmark process.',
    ],
    ours: { label: 'pickup p50 (202 → generating)', unit: 'ms', value: round(oursSummary.p50) },
    target: { description: `ours p50 ≤ ${TARGET_P50_MS} ms`, pass },
    title: 'Pickup latency, 202 → generating',
  }
  console.log(`\nresults: ${await writeResult(result)}`)
} catch (error) {
  console.error(error)
  process.exitCode = 1
} finally {
  await runCleanup()
}
process.exit(process.exitCode ?? 0)
