/**
 * Pipeline overhead for a 1024×1024 image.
 *
 * Ours: `POST /api/generated-assets/generate` through Payload's REST route handler → the plugin's
 * worker (`runWorker`, in this process, default pollInterval, woken by NOTIFY) → `ready`, observed
 * as the `ready` status event on the plugin's Postgres channel. The model answers precomputed PNG
 * bytes at once (rendered once by `local/image`), and its time is subtracted anyway:
 * overhead = (ready − request) − inferenceTime.
 *
 * Baseline, same run: stock `payload.create` of the same PNG bytes into the same collection (so the
 * same two WebP image sizes and the same S3 storage), timed around the call.
 *
 * Target: median overhead ≤ 1.2 × median stock create.
 */
import type { GeneratedAssetsModel } from 'payload-plugin-generated-assets'

import { createLocalImageModel, runWorker } from 'payload-plugin-generated-assets'

import { getBenchApp } from './lib/app'
import { aggregateSpans, instrumentPayload } from './lib/instrument'
import { listen, parseAssetEvent } from './lib/listen'
import {
  type BenchResult,
  describeMachine,
  formatTable,
  now,
  round,
  summarize,
  warnIfBusy,
  writeResult,
} from './lib/report'
import { closePayload, migrate, startBenchServices } from './lib/services'

const NAME = 'pipelineOverhead'
const WARMUP = Number(process.env.BENCH_WARMUP ?? 3)
const RUNS = Math.max(20, Number(process.env.BENCH_RUNS ?? 30))
const MODEL_KEY = 'bench/precomputed-png'
const TARGET_RATIO = 1.2

const machine = describeMachine()
warnIfBusy()
const services = await startBenchServices({ name: 'pipeline' })
let cleanup: (() => Promise<void>)[] = [services.stop]
const runCleanup = async () => {
  for (const step of cleanup.reverse()) await step().catch(() => undefined)
  cleanup = []
}

try {
  // The bytes both sides store: a real 1024×1024 PNG from the offline model, rendered once.
  const local = createLocalImageModel()
  const rendered = await local.doGenerate({
    n: 1,
    prompt: 'a lighthouse at dawn, benchmark',
    providerOptions: {},
    seed: 7,
    size: '1024x1024',
  } as never)
  const png = Buffer.from(rendered.images[0] as Uint8Array)

  const precomputedModel = {
    doGenerate: async () => ({
      images: [new Uint8Array(png)],
      response: { headers: undefined, modelId: 'precomputed-png', timestamp: new Date() },
      warnings: [],
    }),
    maxImagesPerCall: 1,
    modelId: 'precomputed-png',
    provider: 'bench',
    specificationVersion: 'v4',
  } as unknown as GeneratedAssetsModel['model']

  const { createAppConfig } = await import('../payload.config')
  const app = await getBenchApp({
    config: createAppConfig({
      pluginOptions: {
        // One user sends every request: a rate limit past any run's size (the limiter still runs: its cost is in the figure).
        rateLimit: { limit: 1_000_000, window: 60 },
        defaultModel: MODEL_KEY,
        models: { [MODEL_KEY]: { kind: 'image', label: 'Precomputed PNG', model: precomputedModel } },
      },
    }),
  })
  const { payload } = app
  cleanup.push(() => closePayload(payload))
  await migrate(payload)
  const user = await app.createUser()
  // Diagnostics: where the time goes (Local API, adapter and SQL calls), at a small cost.
  const trace = process.env.BENCH_TRACE === '1' ? instrumentPayload(payload) : undefined

  const listener = await listen({ channels: ['generated_assets_events'], connectionString: services.databaseUrl })
  cleanup.push(listener.close)

  const controller = new AbortController()
  const concurrency = process.env.BENCH_CONCURRENCY ? Number(process.env.BENCH_CONCURRENCY) : undefined
  const worker = runWorker({ concurrency, payload, signal: controller.signal })
  cleanup.push(async () => {
    controller.abort()
    await worker
  })

  type OursRun = {
    id: number | string
    /** performance.now() of the request and of the ready event. */
    window: [number, number]
    /** ms from the request to: the 202, the `generating`, `ingesting` and `ready` events. */
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
      { model: MODEL_KEY, params: { size: '1024x1024' }, prompt: `bench image ${index}` },
      user.token,
    )
    const acceptedAt = now()
    if (response.status !== 202) throw new Error(`generate answered ${response.status}: ${await response.text()}`)
    const { id } = (await response.json()) as { id: number | string }
    const isMine = (status: string[]) => (n: Parameters<typeof parseAssetEvent>[0]) => {
      const event = parseAssetEvent(n)
      return String(event?.id) === String(id) && status.includes(event!.status)
    }
    const done = await listener.waitFor(isMine(['ready', 'failed']), 60_000, `asset ${id} ready`)
    const doc = await payload.findByID({ collection: 'generated-assets', depth: 0, id, overrideAccess: true })
    if (doc.status !== 'ready') throw new Error(`asset ${id} ended ${doc.status}: ${doc.error}`)
    const at = (status: string) => listener.received.find(isMine([status]))?.receivedAt ?? Number.NaN
    const inferenceMs = ((doc.inferenceTime as number | null) ?? 0) * 1000
    return {
      accepted: acceptedAt - startedAt,
      generating: at('generating') - startedAt,
      id,
      inferenceMs,
      ingesting: at('ingesting') - startedAt,
      overhead: done.receivedAt - startedAt - inferenceMs,
      ready: done.receivedAt - startedAt,
      window: [startedAt, done.receivedAt],
    }
  }

  const runStock = async (index: number): Promise<{ id: number | string; ms: number; window: [number, number] }> => {
    const startedAt = now()
    const doc = await payload.create({
      collection: 'generated-assets',
      data: { kind: 'image', model: MODEL_KEY, prompt: `stock image ${index}`, status: 'ready' },
      depth: 0,
      file: { data: Buffer.from(png), mimetype: 'image/png', name: `stock-image-${index}.png`, size: png.byteLength },
      overrideAccess: true,
    })
    return { id: doc.id, ms: now() - startedAt, window: [startedAt, now()] }
  }

  /**
   * Reference, not the target: the least any create-then-store-later pipeline does — create the
   * queued document, then `payload.update` it with the file (what ingest ends with) — back to back
   * in this process, with no endpoint, job, worker, lease or status updates.
   */
  const runFloor = async (index: number): Promise<number> => {
    const startedAt = now()
    const doc = await payload.create({
      collection: 'generated-assets',
      data: { kind: 'image', model: MODEL_KEY, prompt: `floor image ${index}`, status: 'queued' },
      depth: 0,
      overrideAccess: true,
    })
    await payload.update({
      collection: 'generated-assets',
      data: { height: 1024, status: 'ready', width: 1024 },
      depth: 0,
      file: { data: Buffer.from(png), mimetype: 'image/png', name: `floor-image-${index}.png`, size: png.byteLength },
      id: doc.id,
      overrideAccess: true,
    })
    return now() - startedAt
  }

  console.log(`${NAME}: ${WARMUP} warm-up + ${RUNS} measured runs each, alternating (PNG ${png.byteLength} bytes)`)
  for (let index = 0; index < WARMUP; index++) {
    await runOurs(-1 - index)
    await runStock(-1 - index)
    await runFloor(-1 - index)
  }
  const ours: OursRun[] = []
  const stock: { id: number | string; ms: number; window: [number, number] }[] = []
  const floor: number[] = []
  for (let index = 0; index < RUNS; index++) {
    // Alternate which side goes first, so neither always follows the other's leftovers.
    if (index % 2 === 0) {
      ours.push(await runOurs(index))
      stock.push(await runStock(index))
    } else {
      stock.push(await runStock(index))
      ours.push(await runOurs(index))
    }
    floor.push(await runFloor(index))
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
  const sampleStock = await describeDoc(stock[0]!.id)

  const overhead = summarize(ours.map((run) => run.overhead))
  const stockSummary = summarize(stock.map((run) => run.ms))
  const floorSummary = summarize(floor)
  const ratio = overhead.p50 / stockSummary.p50
  const stage = (pick: (run: OursRun) => number) => summarize(ours.map(pick))
  const stages = {
    '1 request → 202': stage((run) => run.accepted),
    '2 202 → generating event': stage((run) => run.generating - run.accepted),
    '3 generating → ingesting (model call incl.)': stage((run) => run.ingesting - run.generating),
    '4 ingesting → ready event': stage((run) => run.ready - run.ingesting),
    'inferenceTime (subtracted)': stage((run) => run.inferenceMs),
    'request → ready (total)': stage((run) => run.ready),
  }

  console.log('')
  console.log(
    formatTable([
      ['1024×1024 PNG, ms', 'n', 'p50', 'p95', 'min', 'max'],
      ['ours: request → ready − inferenceTime', overhead.n, overhead.p50, overhead.p95, overhead.min, overhead.max],
      ['stock payload.create (same bytes)', stockSummary.n, stockSummary.p50, stockSummary.p95, stockSummary.min, stockSummary.max],
      ['(reference) create queued + update with file', floorSummary.n, floorSummary.p50, floorSummary.p95, floorSummary.min, floorSummary.max],
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
  console.log('')
  console.log(`ratio of medians: ${round(ratio, 2)}× (target ≤ ${TARGET_RATIO}×) → ${pass ? 'PASS' : 'FAIL'}`)
  console.log(`(reference: create-then-update-with-file alone is ${round(floorSummary.p50 / stockSummary.p50, 2)}× stock)`)
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
    const stockSpans = perRun(stock.map((run) => run.window))
    const show = (title: string, rows: typeof oursSpans) =>
      console.log(
        `\n${formatTable([
          [title, 'layer', 'calls/run', 'ms/run (summed)'],
          ...rows.filter((row) => row.ms >= 1).slice(0, 30).map((row) => [row.name, row.layer, round(row.calls, 2), row.ms]),
        ])}`,
      )
    show('TRACE ours: calls between request and ready', oursSpans)
    show('TRACE stock: calls inside payload.create', stockSpans)
    // The call sequence of the median run.
    const median = [...ours].sort((a, b) => a.ready - b.ready)[Math.floor(ours.length / 2)]!
    const [from, to] = median.window
    const sequence = trace.spans
      .filter((span) => span.start >= from && span.start <= to && span.layer !== 'db')
      .sort((a, b) => a.start - b.start)
      .map((span) => ({ at: round(span.start - from), ms: round(span.end - span.start), name: span.name }))
    console.log(`\nTRACE sequence of the median run (${round(median.ready)} ms), api + sql calls:`)
    for (const step of sequence) console.log(`  +${String(step.at).padStart(6)} ms  ${String(step.ms).padStart(6)} ms  ${step.name}`)
    traceDetails = { medianRunSequence: sequence, ours: oursSpans, stock: stockSpans }
  }

  const result: BenchResult = {
    baseline: { label: 'stock payload.create p50', unit: 'ms', value: round(stockSummary.p50) },
    date: new Date().toISOString(),
    details: {
      ours: { overhead, runs: ours, stages },
      reference: { description: 'payload.create (queued) then payload.update with the file, back to back', ratioOfMedians: round(floorSummary.p50 / stockSummary.p50, 3), summary: floorSummary },
      pngBytes: png.byteLength,
      ratioOfMedians: round(ratio, 3),
      stock: { runs: stock, summary: stockSummary },
      stored: { ours: sampleOurs, stock: sampleStock },
      trace: traceDetails,
      warmup: WARMUP,
    },
    machine,
    name: NAME,
    notes: [
      `Worker in-process (runWorker, default pollInterval 2 s, concurrency ${concurrency ?? 'default'}, woken by NOTIFY); request through REST_POST route handler.`,
      'ready = arrival of the ready status event (Postgres NOTIFY on generated_assets_events) in this process.',
    ],
    ours: { label: 'overhead p50 (request→ready − inferenceTime)', unit: 'ms', value: round(overhead.p50) },
    target: { description: `overhead p50 ≤ ${TARGET_RATIO}× stock create p50 (ratio ${round(ratio, 2)}×)`, pass },
    title: 'Pipeline overhead, 1024×1024 image',
  }
  console.log(`\nresults: ${await writeResult(result)}`)
} catch (error) {
  console.error(error)
  process.exitCode = 1
} finally {
  await runCleanup()
}
process.exit(process.exitCode ?? 0)
