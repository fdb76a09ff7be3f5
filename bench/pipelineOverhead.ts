/**
 * Pipeline overhead for a 1024×1024 image, ours next to stock Payload doing the same job, on
 * Postgres or (BENCH_DATABASE=sqlite) SQLite.
 *
 * Ours: `POST /api/generated-assets/generate` through Payload's REST route handler → the plugin's
 * worker (`runWorker` in this process, its defaults: woken by NOTIFY on Postgres, polling every
 * 0.25 s on SQLite) → `ready`, seen as the asset's `ready` status (Postgres: the plugin's status
 * event arriving on a LISTEN connection; SQLite: a host afterChange hook; bench/lib/assetStatus.ts).
 * The model answers precomputed PNG bytes at once (bench/lib/precomputedModel.ts), and its time is
 * subtracted anyway: overhead = (ready − request) − inferenceTime.
 *
 * Stock, same run, alternating with ours: a Payload app without the plugin in its own process
 * (bench/stockAppProcess.ts; the REST handlers need the process's default Payload instance), with
 * an upload collection of the same image sizes on the same S3 storage (bench/lib/stockConfig.ts):
 * `POST /api/stock-assets` through Payload's REST route handler (its hook queues a Jobs Queue job
 * in the create's transaction), then at once `payload.jobs.runByID` of that job, whose task stores
 * the same PNG bytes with `payload.update`. Timed from the request to the task's update having
 * returned (runByID's own end, after the job is marked done, is reported too).
 *
 * Reference (not a target): `payload.create` of the same bytes into the plugin's collection in
 * one call, in this process: what storing the file alone costs there.
 *
 * Target: ours p50 ≤ 1.0 × stock p50. BENCH_TRACE=1 adds where the time goes (calls per run, and
 * the median run's call sequence).
 */
import type { SanitizedConfig } from 'payload'

import { runWorker } from 'payload-plugin-generated-assets'

import { getBenchApp } from './lib/app'
import { addStatusHook, createStatusFeed, listenForStatusEvents, type StatusFeed } from './lib/assetStatus'
import { aggregateSpans, instrumentPayload } from './lib/instrument'
import { getPrecomputedModels, PRECOMPUTED_MODEL_KEY, writeBenchPNG } from './lib/precomputedModel'
import {
  type BenchResult,
  describeMachine,
  formatTable,
  formatTargets,
  now,
  round,
  summarize,
  warnIfBusy,
  writeResult,
} from './lib/report'
import { closePayload, getResultName, migrate, startBenchServices } from './lib/services'
import { spawnBenchProcess } from './lib/spawn'

const NAME = getResultName('pipelineOverhead')
const WARMUP = Number(process.env.BENCH_WARMUP ?? 3)
const RUNS = Math.max(20, Number(process.env.BENCH_RUNS ?? 30))
const TARGET_RATIO = 1.0

const machine = describeMachine()
warnIfBusy()
const services = await startBenchServices({ name: 'pipeline' })
let cleanup: (() => Promise<void>)[] = [services.stop]
const runCleanup = async () => {
  for (const step of cleanup.reverse()) await step().catch(() => undefined)
  cleanup = []
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void runCleanup().finally(() => process.exit(130)))
}

type StockRun = { createMs: number; doneMs: number; id: number | string; index: number; storedMs: number; window: [number, number] }

try {
  const { file: pngFile, png } = await writeBenchPNG({ directory: services.directory })

  // --- ours: the demo app with the plugin, in this process ---
  const { createAppConfig } = await import('../payload.config')
  const config: SanitizedConfig = await createAppConfig({
    pluginOptions: {
      // One user sends every request: a rate limit past any run's size (the limiter still runs: its cost is in the figure).
      rateLimit: { limit: 1_000_000, window: 60 },
      defaultModel: PRECOMPUTED_MODEL_KEY,
      models: await getPrecomputedModels({ png }),
    },
  })
  let feed: StatusFeed
  if (services.database === 'sqlite') {
    feed = createStatusFeed()
    addStatusHook({ config, onStatus: (id, status) => feed.push({ at: now(), id, status }) })
  } else {
    feed = await listenForStatusEvents({ connectionString: services.databaseUrl })
  }
  cleanup.push(() => feed.close())
  const app = await getBenchApp({ config: Promise.resolve(config) })
  const { payload } = app
  cleanup.push(() => closePayload(payload))
  await migrate(payload)
  const user = await app.createUser()
  // Diagnostics: where the time goes (Local API, adapter and SQL calls), at a small cost.
  const trace = process.env.BENCH_TRACE === '1' ? instrumentPayload(payload) : undefined

  const controller = new AbortController()
  const concurrency = process.env.BENCH_CONCURRENCY ? Number(process.env.BENCH_CONCURRENCY) : undefined
  const worker = runWorker({ concurrency, payload, signal: controller.signal })
  cleanup.push(async () => {
    controller.abort()
    await worker
  })

  // --- stock: Payload without the plugin, in its own process ---
  const pending = new Map<string, { reject: (error: Error) => void; resolve: (line: string) => void }>()
  const stockTraces: { calls: ReturnType<typeof aggregateSpans> }[] = []
  const stockApp = await spawnBenchProcess({
    env: { BENCH_PNG_FILE: pngFile, BENCH_STOCK_DATABASE_URL: services.stockDatabaseUrl, BENCH_STOCK_PUSH: '1' },
    onLine: (line) => {
      const [kind] = line.split(' ', 1)
      const body = line.slice(kind!.length + 1)
      if (kind === 'trace') stockTraces.push(JSON.parse(body))
      if (kind === 'error') for (const waiter of pending.values()) waiter.reject(new Error(`stock app: ${body}`))
      if (kind !== 'stored' && kind !== 'described') return
      const key = kind === 'stored' ? `stored ${(JSON.parse(body) as StockRun).index}` : 'described'
      pending.get(key)?.resolve(body)
      pending.delete(key)
    },
    readyLine: 'stock app ready',
    script: 'bench/stockAppProcess.ts',
  })
  cleanup.push(() => stockApp.stop())
  const askStock = (command: string, key: string) =>
    new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`stock app: no answer to ${command}`)), 60_000)
      pending.set(key, {
        reject: (error) => {
          clearTimeout(timer)
          reject(error)
        },
        resolve: (line) => {
          clearTimeout(timer)
          resolve(line)
        },
      })
      stockApp.send(command)
    })
  const runStock = async (index: number): Promise<StockRun> =>
    JSON.parse(await askStock(`store ${index}`, `stored ${index}`)) as StockRun

  type OursRun = {
    id: number | string
    /** performance.now() of the request and of the ready event. */
    window: [number, number]
    /** ms from the request to: the 202, the `generating`, `ingesting` and `ready` statuses. */
    accepted: number
    generating: number
    ingesting: number
    ready: number
    inferenceMs: number
    overhead: number
  }
  const runOurs = async (index: number): Promise<OursRun> => {
    const startedAt = now()
    const response = await app.post(
      'generated-assets/generate',
      { model: PRECOMPUTED_MODEL_KEY, params: { size: '1024x1024' }, prompt: `bench image ${index}` },
      user.token,
    )
    const acceptedAt = now()
    if (response.status !== 202) throw new Error(`generate answered ${response.status}: ${await response.text()}`)
    const { id } = (await response.json()) as { id: number | string }
    const done = await feed.waitFor(id, ['ready', 'failed'], 60_000)
    const doc = await payload.findByID({ collection: 'generated-assets', depth: 0, id, overrideAccess: true })
    if (doc.status !== 'ready') throw new Error(`asset ${id} ended ${doc.status}: ${doc.error}`)
    const inferenceMs = ((doc.inferenceTime as number | null) ?? 0) * 1000
    return {
      accepted: acceptedAt - startedAt,
      generating: feed.firstAt(id, 'generating') - startedAt,
      id,
      inferenceMs,
      ingesting: feed.firstAt(id, 'ingesting') - startedAt,
      overhead: done.at - startedAt - inferenceMs,
      ready: done.at - startedAt,
      window: [startedAt, done.at],
    }
  }

  /** Reference: one `payload.create` with the file into the plugin's collection. */
  const runReference = async (index: number): Promise<number> => {
    const startedAt = now()
    await payload.create({
      collection: 'generated-assets',
      data: { kind: 'image', model: PRECOMPUTED_MODEL_KEY, prompt: `reference image ${index}`, status: 'ready' },
      depth: 0,
      file: { data: Buffer.from(png), mimetype: 'image/png', name: `reference-image-${index}.png`, size: png.byteLength },
      overrideAccess: true,
    })
    return now() - startedAt
  }

  console.log(`${NAME} (${services.database}): ${WARMUP} warm-up + ${RUNS} measured runs each, alternating (PNG ${png.byteLength} bytes)`)
  for (let index = 0; index < WARMUP; index++) {
    await runOurs(-1 - index)
    await runStock(-1 - index)
    await runReference(-1 - index)
  }
  stockTraces.length = 0
  const ours: OursRun[] = []
  const stock: StockRun[] = []
  const reference: number[] = []
  for (let index = 0; index < RUNS; index++) {
    // Alternate which side goes first, so neither always follows the other's leftovers.
    if (index % 2 === 0) {
      ours.push(await runOurs(index))
      stock.push(await runStock(index))
    } else {
      stock.push(await runStock(index))
      ours.push(await runOurs(index))
    }
    reference.push(await runReference(index))
  }

  // Both sides stored the same thing: the file and its two WebP sizes.
  const describeDoc = async (id: number | string) => {
    const doc = await payload.findByID({ collection: 'generated-assets', depth: 0, id, overrideAccess: true })
    const sizes = doc.sizes as Record<string, { filesize?: number; width?: number }> | undefined
    return {
      filesize: doc.filesize,
      mimeType: doc.mimeType,
      sizes: Object.fromEntries(Object.entries(sizes ?? {}).map(([name, size]) => [name, `${size.width}px ${size.filesize} B`])),
      width: doc.width,
    }
  }
  const sampleOurs = await describeDoc(ours[0]!.id)
  const sampleStock = JSON.parse(await askStock(`describe ${stock[0]!.id}`, 'described'))

  const overhead = summarize(ours.map((run) => run.overhead))
  const stockSummary = summarize(stock.map((run) => run.storedMs))
  const stockDone = summarize(stock.map((run) => run.doneMs))
  const stockCreate = summarize(stock.map((run) => run.createMs))
  const referenceSummary = summarize(reference)
  const ratio = overhead.p50 / stockSummary.p50
  const stage = (pick: (run: OursRun) => number) => summarize(ours.map(pick))
  const stages = {
    '1 request → 202': stage((run) => run.accepted),
    '2 202 → generating': stage((run) => run.generating - run.accepted),
    '3 generating → ingesting (model call incl.)': stage((run) => run.ingesting - run.generating),
    '4 ingesting → ready': stage((run) => run.ready - run.ingesting),
    'inferenceTime (subtracted)': stage((run) => run.inferenceMs),
    'request → ready (total)': stage((run) => run.ready),
  }
  const row = (label: string, summary: ReturnType<typeof summarize>) => [label, summary.n, summary.p50, summary.p95, summary.min, summary.max]

  console.log('')
  console.log(
    formatTable([
      [`1024×1024 PNG, ms (${services.database})`, 'n', 'p50', 'p95', 'min', 'max'],
      row('ours: request → ready − inferenceTime', overhead),
      row('stock: REST create → job stored the file (runByID at once)', stockSummary),
      row('  stock: REST create → 201', stockCreate),
      row('  stock: REST create → runByID returned (job marked done)', stockDone),
      row('(reference) payload.create with the file, plugin collection', referenceSummary),
    ]),
  )
  console.log('')
  console.log(
    formatTable([
      ['ours by stage, ms', 'p50', 'p95'],
      ...Object.entries(stages).map(([name, summary]) => [name, summary.p50, summary.p95]),
    ]),
  )
  const pass = ratio <= TARGET_RATIO
  const targets = [
    {
      measure: 'request → stored, p50 (ours − model time)',
      ours: `${round(overhead.p50)} ms`,
      pass,
      ratio: `${round(ratio, 2)}×`,
      stock: `${round(stockSummary.p50)} ms`,
      target: `ours ≤ ${TARGET_RATIO.toFixed(1)}× stock`,
    },
  ]
  console.log(`\n${formatTargets(targets)}`)
  console.log(`stored, ours:  ${JSON.stringify(sampleOurs)}`)
  console.log(`stored, stock: ${JSON.stringify(sampleStock)}`)

  let traceDetails: Record<string, unknown> | undefined
  if (trace) {
    const perRun = (windows: [number, number][]) => {
      const totals = new Map<string, { calls: number; layer: string; ms: number }>()
      for (const [from, to] of windows) {
        for (const entry of aggregateSpans(trace.spans, from, to)) {
          const total = totals.get(entry.name) ?? { calls: 0, layer: entry.layer, ms: 0 }
          total.calls += entry.calls
          total.ms += entry.ms
          totals.set(entry.name, total)
        }
      }
      return [...totals.entries()]
        .map(([name, total]) => ({ calls: total.calls / windows.length, layer: total.layer, ms: total.ms / windows.length, name }))
        .sort((a, b) => b.ms - a.ms)
    }
    const oursSpans = perRun(ours.map((run) => run.window))
    const stockTotals = new Map<string, { calls: number; layer: string; ms: number }>()
    for (const { calls } of stockTraces) {
      for (const entry of calls) {
        const total = stockTotals.get(entry.name) ?? { calls: 0, layer: entry.layer, ms: 0 }
        total.calls += entry.calls
        total.ms += entry.ms
        stockTotals.set(entry.name, total)
      }
    }
    const stockSpans = [...stockTotals.entries()]
      .map(([name, total]) => ({ calls: total.calls / stockTraces.length, layer: total.layer, ms: total.ms / stockTraces.length, name }))
      .sort((a, b) => b.ms - a.ms)
    const show = (title: string, rows: typeof oursSpans) =>
      console.log(
        `\n${formatTable([
          [title, 'layer', 'calls/run', 'ms/run (summed)'],
          ...rows.filter((entry) => entry.ms >= 1).slice(0, 30).map((entry) => [entry.name, entry.layer, round(entry.calls, 2), entry.ms]),
        ])}`,
      )
    show('TRACE ours: calls between request and ready', oursSpans)
    show('TRACE stock: calls between request and stored (stock process)', stockSpans)
    // The call sequence of the median run.
    const median = [...ours].sort((a, b) => a.ready - b.ready)[Math.floor(ours.length / 2)]!
    const [from, to] = median.window
    const sequence = trace.spans
      .filter((span) => span.start >= from && span.start <= to && span.layer !== 'db')
      .sort((a, b) => a.start - b.start)
      .map((span) => ({ at: round(span.start - from), ms: round(span.end - span.start), name: span.name }))
    console.log(`\nTRACE sequence of ours' median run (${round(median.ready)} ms), api + sql + s3 + sharp calls:`)
    for (const step of sequence) console.log(`  +${String(step.at).padStart(6)} ms  ${String(step.ms).padStart(6)} ms  ${step.name}`)
    traceDetails = { medianRunSequence: sequence, ours: oursSpans, stock: stockSpans }
  }

  const result: BenchResult = {
    baseline: { label: 'stock REST create + job stores the file, p50', unit: 'ms', value: round(stockSummary.p50) },
    database: services.database,
    date: new Date().toISOString(),
    details: {
      ours: { overhead, runs: ours, stages },
      pngBytes: png.byteLength,
      ratioOfMedians: round(ratio, 3),
      reference: { description: 'payload.create with the file into the plugin collection, one call', summary: referenceSummary },
      stock: { create: stockCreate, done: stockDone, runs: stock, summary: stockSummary },
      stored: { ours: sampleOurs, stock: sampleStock },
      trace: traceDetails,
      warmup: WARMUP,
    },
    machine,
    name: NAME,
    notes: [
      `Database: ${services.database}. Ours: worker in this process (runWorker defaults, concurrency ${concurrency ?? 'default'}); request through the REST_POST route handler.`,
      services.database === 'sqlite'
        ? 'ready = the status write as a host afterChange hook sees it (db-sqlite without transactions: written).'
        : 'ready = arrival of the ready status event (Postgres NOTIFY on generated_assets_events, sent at commit) in this process.',
      'Stock: bench/stockAppProcess.ts, REST create through REST_POST, then payload.jobs.runByID at once; the task stores the same bytes with payload.update (same image sizes, same S3 storage).',
    ],
    ours: { label: 'overhead p50 (request→ready − inferenceTime)', unit: 'ms', value: round(overhead.p50) },
    target: { description: `ours p50 ≤ ${TARGET_RATIO.toFixed(1)}× stock p50 (ratio ${round(ratio, 2)}×)`, pass },
    targets,
    title: `Pipeline overhead, 1024×1024 image (${services.database})`,
  }
  console.log(`\nresults: ${await writeResult(result)}`)
} catch (error) {
  console.error(error)
  process.exitCode = 1
} finally {
  await runCleanup()
}
process.exit(process.exitCode ?? 0)
