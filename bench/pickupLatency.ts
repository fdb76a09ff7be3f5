/**
 * Pickup latency, 202 → generating, on Postgres or (BENCH_DATABASE=sqlite) SQLite.
 *
 * Ours: an idle plugin worker in a separate process, as users run it (bench/workerProcess.ts:
 * runWorker with its defaults: on Postgres it polls every 2 s, so only the endpoint's NOTIFY makes
 * it fast; on SQLite it polls every 0.25 s). Requests to `POST /api/generated-assets/generate`
 * (REST route handler, in this process) are spaced ~300 ms apart (plus 0–100 ms jitter) and each
 * waits for the previous asset to be ready, so the worker is idle when a request arrives.
 * Latency = the asset's `generating` status becoming visible − the moment the 202 came back:
 * on Postgres the arrival here of its status event (NOTIFY on `generated_assets_events`, sent at
 * commit); on SQLite the worker's own afterChange hook (bench/lib/assetStatus.ts; epoch times
 * from the worker's stdout, the same clock).
 *
 * Baseline, same run: stock Payload's Jobs Queue in a separate process with the documented
 * `autoRun` cron `* * * * * *` (bench/stockJobsWorker.ts on bench/lib/stockConfig.ts, its own
 * database on the same server). A trivial job is queued here with `payload.jobs.queue` every
 * ~300 ms (+ jitter) on a fixed schedule, not waiting for the previous job (waiting would
 * phase-lock each queue() to just after a cron tick); latency = the job's first act (it prints
 * the time, read from the worker's stdout) − the moment `queue()` returned.
 *
 * Targets: ours p50 ≤ 50 ms on Postgres, ≤ 500 ms on SQLite.
 */
import type { Payload } from 'payload'

import { createStatusFeed, listenForStatusEvents, parseStatusLine, type StatusFeed } from './lib/assetStatus'
import { getBenchApp } from './lib/app'
import {
  type BenchResult,
  describeMachine,
  formatTable,
  formatTargets,
  now,
  round,
  sleep,
  summarize,
  warnIfBusy,
  writeResult,
} from './lib/report'
import { closePayload, getResultName, migrate, startBenchServices } from './lib/services'
import { spawnBenchProcess } from './lib/spawn'

const NAME = getResultName('pickupLatency')
const WARMUP = Number(process.env.BENCH_WARMUP ?? 3)
const RUNS = Math.max(20, Number(process.env.BENCH_RUNS ?? 30))
const SPACING_MS = 300

const machine = describeMachine()
warnIfBusy()
const services = await startBenchServices({ name: 'pickup' })
const TARGET_P50_MS = services.database === 'sqlite' ? 500 : 50
let cleanup: (() => Promise<void>)[] = [services.stop]
const runCleanup = async () => {
  for (const step of cleanup.reverse()) await step().catch(() => undefined)
  cleanup = []
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void runCleanup().finally(() => process.exit(130)))
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

  // Postgres: the plugin's status events; SQLite: the worker's status lines (see the header).
  let feed: StatusFeed
  if (services.database === 'sqlite') {
    feed = createStatusFeed()
  } else {
    feed = await listenForStatusEvents({ connectionString: services.databaseUrl })
    cleanup.push(() => feed.close())
  }

  // --- ours: the plugin's worker, idle ---
  const worker = await spawnBenchProcess({
    env: services.database === 'sqlite' ? { BENCH_STATUS_LINES: '1' } : {},
    onLine: (line) => {
      const event = parseStatusLine(line)
      if (event && services.database === 'sqlite') feed.push(event)
    },
    readyLine: 'worker ready',
    script: 'bench/workerProcess.ts',
  })
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
    const generating = await feed.waitFor(id, ['generating', 'failed'], 30_000)
    const ready = await feed.waitFor(id, ['ready', 'failed'], 30_000)
    if (generating.status !== 'generating' || ready.status !== 'ready') throw new Error(`asset ${id} failed`)
    return {
      accepted: acceptedAt - startedAt,
      id,
      latency: generating.at - acceptedAt,
      requestToGenerating: generating.at - startedAt,
    }
  }
  console.log(`${NAME}: ours, ${WARMUP} warm-up + ${RUNS} requests ~${SPACING_MS} ms apart`)
  for (let index = 0; index < WARMUP; index++) await runOurs(-1 - index)
  const ours: OursRun[] = []
  for (let index = 0; index < RUNS; index++) ours.push(await runOurs(index))
  await worker.stop()

  // --- baseline: stock Jobs Queue, autoRun every second, on its own database ---
  const { getPayload } = await import('payload')
  const { createStockConfig, STOCK_NOOP_TASK, STOCK_QUEUE } = await import('./lib/stockConfig')
  // A second Payload instance in this process (its own cache key), with the stock config, to queue
  // jobs; it pushes the stock schema before the stock worker starts.
  const stockPayload: Payload = await getPayload({
    config: createStockConfig({ databaseUrl: services.stockDatabaseUrl, push: true }),
    key: 'bench-stock',
  })
  cleanup.push(() => closePayload(stockPayload))
  const started = new Map<number, number>()
  const startWaiters = new Map<number, (at: number) => void>()
  const stockWorker = await spawnBenchProcess({
    env: { BENCH_STOCK_DATABASE_URL: services.stockDatabaseUrl, BENCH_STOCK_MODE: 'autoRun' },
    onLine: (line) => {
      if (!line.startsWith('stock started ')) return
      const { seq, t } = JSON.parse(line.slice('stock started '.length)) as { seq: number; t: number }
      const at = t - performance.timeOrigin
      started.set(seq, at)
      startWaiters.get(seq)?.(at)
    },
    readyLine: 'stock worker ready',
    script: 'bench/stockJobsWorker.ts',
  })
  cleanup.push(() => stockWorker.stop())
  await sleep(1500)

  // Jobs are queued on a fixed ~300 ms (+ jitter) schedule without waiting for the previous one to
  // run: waiting would phase-lock every queue() to just after a cron tick (latency ≈ 1 s always).
  let seq = 0
  const runStock = async (): Promise<number> => {
    const mine = ++seq
    await stockPayload.jobs.queue({ input: { seq: mine } as never, queue: STOCK_QUEUE, task: STOCK_NOOP_TASK as never })
    const queuedAt = now()
    const startedAt =
      started.get(mine) ??
      (await new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`stock job ${mine} did not run within 30 s`)), 30_000)
        startWaiters.set(mine, (at) => {
          clearTimeout(timer)
          startWaiters.delete(mine)
          resolve(at)
        })
      }))
    return startedAt - queuedAt
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
      [`pickup latency, ms (${services.database})`, 'n', 'p50', 'p95', 'min', 'max'],
      ['ours: 202 → generating (worker process, defaults)', oursSummary.n, oursSummary.p50, oursSummary.p95, oursSummary.min, oursSummary.max],
      ['stock Jobs Queue autoRun * * * * * *', stockSummary.n, stockSummary.p50, stockSummary.p95, stockSummary.min, stockSummary.max],
    ]),
  )
  const accepted = summarize(ours.map((run) => run.accepted))
  console.log(`\n(ours, request → 202: p50 ${round(accepted.p50)} ms, p95 ${round(accepted.p95)} ms; not included above)`)
  const targets = [
    {
      measure: 'pickup p50 (202 → generating; stock: queue → task starts)',
      ours: `${round(oursSummary.p50)} ms`,
      pass,
      ratio: `${round(oursSummary.p50 / stockSummary.p50, 3)}×`,
      stock: `${round(stockSummary.p50)} ms`,
      target: `ours ≤ ${TARGET_P50_MS} ms`,
    },
    {
      measure: 'pickup p95',
      ours: `${round(oursSummary.p95)} ms`,
      ratio: `${round(oursSummary.p95 / stockSummary.p95, 3)}×`,
      stock: `${round(stockSummary.p95)} ms`,
      target: '(reported)',
    },
  ]
  console.log(`\n${formatTargets(targets)}`)

  const result: BenchResult = {
    baseline: { label: 'stock autoRun pickup p50', unit: 'ms', value: round(stockSummary.p50) },
    database: services.database,
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
      services.database === 'sqlite'
        ? 'Plugin worker: separate process, runWorker defaults (polls every 0.25 s without NOTIFY); generating = the worker\'s afterChange hook (epoch time on its stdout).'
        : 'Plugin worker: separate process, runWorker defaults (poll 2 s, LISTEN/NOTIFY wake-up); generating = arrival of its status NOTIFY here.',
      'Stock: separate process, getPayload({ cron: true }), jobs.autoRun [{ cron: "* * * * * *", queue: "bench-stock" }], own database; start = the task\'s first act (epoch time on its stdout).',
    ],
    ours: { label: 'pickup p50 (202 → generating)', unit: 'ms', value: round(oursSummary.p50) },
    target: { description: `ours p50 ≤ ${TARGET_P50_MS} ms`, pass },
    targets,
    title: `Pickup latency, 202 → generating (${services.database})`,
  }
  console.log(`\nresults: ${await writeResult(result)}`)
} catch (error) {
  console.error(error)
  process.exitCode = 1
} finally {
  await runCleanup()
}
process.exit(process.exitCode ?? 0)
