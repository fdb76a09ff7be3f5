/**
 * A 500 MB video from a fake provider: peak RSS growth of the worker.
 *
 * Ours: the plugin's worker in its own process (bench/workerProcess.ts) with a video model
 * (`@ai-sdk/alibaba`) pointed at the DashScope fake (test/fakes/dashscope.ts), which serves a real
 * 500 MiB MP4 (bench/lib/bigVideo.ts) as the task's `video_url`. The generation is requested through
 * the REST route handler here; the worker downloads, probes, extracts the poster and stores the
 * video in S3, and the asset becomes `ready`. The worker's VmRSS is sampled every 50 ms from
 * /proc/<pid>/status; growth = peak between request and ready − idle (median over the 2 s before
 * the request). VmHWM (reset through clear_refs just before) is reported as a cross-check.
 *
 * Baseline, same run: stock `payload.create` of the same file with `filePath` (Local API) into the
 * same collection, in a separate process (bench/stockCreateProcess.ts), sampled the same way.
 *
 * Both processes first handle a small MP4 (warm-up), so code loaded on first use is not counted.
 * Target: ours ≤ 150 MB (10^6 bytes).
 */
import { writeFile } from 'node:fs/promises'
import path from 'node:path'

import { getBenchApp } from './lib/app'
import { ensureBigVideo, probe } from './lib/bigVideo'
import { listen, parseAssetEvent } from './lib/listen'
import { type BenchResult, describeMachine, formatTable, now, percentile, round, sleep, warnIfBusy, writeResult } from './lib/report'
import { readPeakRss, readRss, resetPeakRss, type RssSampler, startRssSampler, toMB } from './lib/rss'
import { closePayload, migrate, startBenchServices } from './lib/services'
import { spawnBenchProcess } from './lib/spawn'
import { createTestS3Client } from '../test/helpers/s3'

const NAME = 'largeVideoMemory'
const TARGET_MB = 150
const IDLE_WINDOW_MS = 2000
const READY_TIMEOUT_MS = 10 * 60_000
const MODEL_KEY = 'bench/video'

const machine = describeMachine()
warnIfBusy()
const video = await ensureBigVideo()
const videoInfo = await probe(video.path)
const services = await startBenchServices({ name: 'memory' })
let cleanup: (() => Promise<void>)[] = [services.stop]
const runCleanup = async () => {
  for (const step of cleanup.reverse()) await step().catch(() => undefined)
  cleanup = []
}

type Measurement = {
  /** performance.now() of the request and of the end. */
  window: [number, number]
  idleBytes: number
  peakSampledBytes: number
  peakHwmBytes: number | undefined
  growthMB: number
  growthHwmMB: number | undefined
  durationMs: number
  samples: number
  /** RSS in MB every ~0.5 s from the request to the end, for the record. */
  timeline: { ms: number; mb: number }[]
}

/** Samples the idle window, resets VmHWM, runs `work`, and answers the growth. */
const measure = async ({ pid, sampler, work }: { pid: number; sampler: RssSampler; work: () => Promise<void> }) => {
  const idleFrom = now()
  await sleep(IDLE_WINDOW_MS)
  const idleBytes = percentile(
    sampler.since(idleFrom).map((sample) => sample.bytes),
    50,
  )
  const canReset = resetPeakRss(pid)
  const startedAt = now()
  await work()
  const endedAt = now()
  await sleep(100)
  const during = sampler.since(startedAt).filter((sample) => sample.at <= endedAt + 100)
  const peakSampledBytes = Math.max(...during.map((sample) => sample.bytes))
  const peakHwmBytes = canReset ? readPeakRss(pid) : undefined
  const timeline: Measurement['timeline'] = []
  for (const sample of during) {
    const ms = Math.round(sample.at - startedAt)
    if (timeline.length === 0 || ms - timeline[timeline.length - 1]!.ms >= 500) timeline.push({ mb: toMB(sample.bytes), ms })
  }
  return {
    durationMs: Math.round(endedAt - startedAt),
    growthHwmMB: peakHwmBytes === undefined ? undefined : toMB(peakHwmBytes - idleBytes),
    growthMB: toMB(peakSampledBytes - idleBytes),
    idleBytes,
    peakHwmBytes,
    peakSampledBytes,
    samples: during.length,
    timeline,
    window: [startedAt, endedAt],
  } satisfies Measurement
}

/** Size of the stored object of `filename` in the benchmark's bucket, under the plugin's default `generated-assets/` prefix (what S3 really holds, not the document's claim). */
const storedObjectBytes = async (filename: string): Promise<number | undefined> => {
  const { HeadObjectCommand } = await import('@aws-sdk/client-s3')
  const client = createTestS3Client()
  try {
    return (await client.send(new HeadObjectCommand({ Bucket: process.env.S3_BUCKET!, Key: `generated-assets/${filename}` }))).ContentLength
  } finally {
    client.destroy()
  }
}

/**
 * With BENCH_TRACE=1: the worker's own trace lines (bench/lib/workerTrace.ts) during the big run,
 * printed as its calls with the RSS and Buffer memory they ran with, and the download's progress.
 */
const diagnose = ({ output, window }: { output: string; window: [number, number] }) => {
  const from = performance.timeOrigin + window[0]
  const to = performance.timeOrigin + window[1]
  const lines = output.split('\n')
  const mem = lines
    .filter((line) => line.startsWith('trace mem '))
    .map((line) => JSON.parse(line.slice('trace mem '.length)) as { arrayBuffers: number; download: number; heapUsed: number; rss: number; t: number })
    .filter((sample) => sample.t >= from - 2000 && sample.t <= to + 200)
  const spans = lines
    .filter((line) => line.startsWith('trace span '))
    .map((line) => JSON.parse(line.slice('trace span '.length)) as { layer: string; name: string; t0: number; t1: number })
    .filter((span) => span.t0 >= from && span.t0 <= to)
    .sort((a, b) => a.t0 - b.t0)
  const idle = mem.filter((sample) => sample.t < from)
  const base = idle.length ? idle[idle.length - 1]! : mem[0]!
  const during = (t0: number, t1: number) => mem.filter((sample) => sample.t >= t0 && sample.t <= t1)
  const maxOf = (samples: typeof mem, key: 'arrayBuffers' | 'rss') => samples.length ? Math.max(...samples.map((sample) => sample[key])) : Number.NaN
  const rows = spans
    .filter((span) => span.layer !== 'sql' && span.t1 - span.t0 >= 5)
    .map((span) => {
      const inSpan = during(span.t0, span.t1)
      return {
        arrayBuffersMaxMB: inSpan.length ? toMB(maxOf(inSpan, 'arrayBuffers') - base.arrayBuffers) : Number.NaN,
        ms: Math.round(span.t1 - span.t0),
        name: span.name,
        rssMaxGrowthMB: inSpan.length ? toMB(maxOf(inSpan, 'rss') - base.rss) : Number.NaN,
        startS: round((span.t0 - from) / 1000, 2),
      }
    })
  const full = mem.find((sample) => sample.download >= 0.99 * BIG_VIDEO_SIZE_HINT.value)
  const peak = mem.filter((sample) => sample.t >= from).reduce((best, sample) => (sample.rss > best.rss ? sample : best), base)
  console.log('\nTRACE worker calls during the big run (growth over the idle sample before it):')
  console.log(
    formatTable([
      ['call', 'start s', 'ms', 'max RSS growth MB', 'max Buffer growth MB'],
      ...rows.map((row) => [row.name, row.startS, row.ms, row.rssMaxGrowthMB, row.arrayBuffersMaxMB]),
    ]),
  )
  const downloadRows: (number | string)[][] = []
  let lastMark = -Infinity
  for (const sample of mem.filter((sample) => sample.t >= from)) {
    if (sample.t - lastMark < 500) continue
    lastMark = sample.t
    downloadRows.push([
      round((sample.t - from) / 1000, 2),
      toMB(sample.download),
      toMB(sample.rss - base.rss),
      toMB(sample.arrayBuffers - base.arrayBuffers),
      toMB(sample.heapUsed - base.heapUsed),
    ])
  }
  console.log('')
  console.log(formatTable([['t s', 'downloaded MB', 'RSS growth MB', 'Buffers growth MB', 'JS heap growth MB'], ...downloadRows]))
  console.log(
    `download complete at ${full ? round((full.t - from) / 1000, 2) : '?'} s; peak RSS at ${round((peak.t - from) / 1000, 2)} s: ` +
      `RSS +${toMB(peak.rss - base.rss)} MB, Buffers +${toMB(peak.arrayBuffers - base.arrayBuffers)} MB, JS heap +${toMB(peak.heapUsed - base.heapUsed)} MB`,
  )
  return { calls: rows, peak: { ...peak, atS: round((peak.t - from) / 1000, 2) }, timeline: downloadRows }
}
const BIG_VIDEO_SIZE_HINT = { value: 0 }

try {
  BIG_VIDEO_SIZE_HINT.value = video.size
  console.log(`${NAME}: ${video.path} (${video.size} bytes, ${JSON.stringify(videoInfo)})`)
  const { readFile } = await import('node:fs/promises')
  const { startDashScopeFake } = await import('../test/fakes/dashscope')
  const { SAMPLE_MP4 } = await import('../test/fakes/samples')
  const { createFakeModels } = await import('../test/fakes/fakeModels')

  const videoBytes = await readFile(video.path)
  const fake = await startDashScopeFake({
    behavior: { kind: 'success', video: { contentType: 'video/mp4', data: videoBytes, name: 'big.mp4' } },
  })
  cleanup.push(fake.stop)
  // The first task (warm-up) gets the fake's small sample MP4.
  fake.enqueueBehavior({ behaviors: [{ kind: 'success' }] })

  const specs = {
    [MODEL_KEY]: { apiKey: fake.apiKey, baseURL: fake.baseURL, kind: 'video' as const, modelId: 'wan2.6-t2v', provider: 'alibaba' as const },
  }
  const pluginOptions = { allowPrivateAddresses: true, maxVideoBytes: 2 * 1024 * 1024 * 1024 }

  const { createAppConfig } = await import('../payload.config')
  const app = await getBenchApp({
    config: createAppConfig({ pluginOptions: { ...pluginOptions, models: createFakeModels(specs) } }),
  })
  cleanup.push(() => closePayload(app.payload))
  await migrate(app.payload)
  const user = await app.createUser()
  const listener = await listen({ channels: ['generated_assets_events'], connectionString: services.databaseUrl })
  cleanup.push(listener.close)

  // --- ours ---
  const worker = await spawnBenchProcess({
    env: {
      BENCH_MODELS: JSON.stringify(specs),
      BENCH_PLUGIN_OPTIONS: JSON.stringify(pluginOptions),
      // One job at a time: the figure is one video's memory (and the working tree's runWorker lanes
      // can hand one job to several lanes of a process at once; see the report).
      BENCH_CONCURRENCY: process.env.BENCH_CONCURRENCY ?? '1',
      // Polls of the provider operation are queued with waitUntil (no NOTIFY): poll the queue often.
      BENCH_POLL_INTERVAL: '0.5',
    },
    readyLine: 'worker ready',
    script: 'bench/workerProcess.ts',
  })
  cleanup.push(() => worker.stop())
  const workerSampler = startRssSampler({ pid: worker.pid })
  cleanup.push(async () => workerSampler.stop())
  const workerColdBytes = readRss(worker.pid)!

  const generate = async (prompt: string) => {
    const response = await app.post('generated-assets/generate', { model: MODEL_KEY, prompt }, user.token)
    if (response.status !== 202) throw new Error(`generate answered ${response.status}: ${await response.text()}`)
    const { id } = (await response.json()) as { id: number | string }
    await listener.waitFor(
      (n) => {
        const event = parseAssetEvent(n)
        return String(event?.id) === String(id) && (event!.status === 'ready' || event!.status === 'failed')
      },
      READY_TIMEOUT_MS,
      `asset ${id} ready`,
    )
    const doc = await app.payload.findByID({ collection: 'generated-assets', depth: 0, id, overrideAccess: true })
    if (doc.status !== 'ready') throw new Error(`asset ${id} ended ${doc.status}: ${doc.error}\n${worker.output().slice(-3000)}`)
    return doc
  }
  console.log('ours: warm-up with a small MP4…')
  await generate('warm-up clip')
  console.log('ours: 500 MiB video…')
  let oursDoc: Record<string, unknown> = {}
  const ours = await measure({
    pid: worker.pid,
    sampler: workerSampler,
    work: async () => {
      oursDoc = (await generate('a very long clip')) as unknown as Record<string, unknown>
    },
  })
  const oursObjectBytes = await storedObjectBytes(oursDoc.filename as string)
  if (oursDoc.filesize !== video.size || oursObjectBytes !== video.size) {
    throw new Error(`ours stored ${oursDoc.filesize} bytes (S3 object ${oursObjectBytes}), not ${video.size}`)
  }
  const diagnosis = process.env.BENCH_TRACE === '1' ? diagnose({ output: worker.output(), window: ours.window }) : undefined
  workerSampler.stop()
  await worker.stop()

  // --- baseline: stock payload.create with filePath, in its own process ---
  const smallPath = path.join(services.directory, 'small.mp4')
  await writeFile(smallPath, SAMPLE_MP4)
  const stock = await spawnBenchProcess({ readyLine: 'stock ready', script: 'bench/stockCreateProcess.ts' })
  cleanup.push(() => stock.stop())
  const stockSampler = startRssSampler({ pid: stock.pid })
  cleanup.push(async () => stockSampler.stop())
  const stockColdBytes = readRss(stock.pid)!
  const create = async (filePath: string, prompt: string) => {
    const from = stock.cursor()
    stock.send(`create ${JSON.stringify({ filePath, prompt })}`)
    const line = await Promise.race([
      stock.waitForLine('created ', READY_TIMEOUT_MS, from),
      stock.waitForLine('error ', READY_TIMEOUT_MS, from).then((error) => {
        throw new Error(`stock create failed: ${error}`)
      }),
    ])
    return JSON.parse(line.slice('created '.length)) as { id: number | string; ms: number }
  }
  console.log('stock: warm-up with a small MP4…')
  await create(smallPath, 'warm-up clip')
  console.log('stock: 500 MiB video…')
  let stockId: number | string = ''
  const baseline = await measure({
    pid: stock.pid,
    sampler: stockSampler,
    work: async () => {
      stockId = (await create(video.path, 'a very long clip')).id
    },
  })
  const stockDoc = await app.payload.findByID({ collection: 'generated-assets', depth: 0, id: stockId, overrideAccess: true })
  const stockObjectBytes = await storedObjectBytes(stockDoc.filename as string)
  if (stockDoc.filesize !== video.size || stockObjectBytes !== video.size) {
    throw new Error(`stock stored ${stockDoc.filesize} bytes (S3 object ${stockObjectBytes}), not ${video.size}`)
  }
  stockSampler.stop()
  await stock.stop()

  const pass = ours.growthMB <= TARGET_MB
  console.log('')
  console.log(
    formatTable([
      ['500 MiB MP4, RSS in MB (10^6 B)', 'idle', 'peak', 'growth', 'growth (VmHWM)', 'time s'],
      [
        'ours: worker, request → ready',
        toMB(ours.idleBytes),
        toMB(ours.peakSampledBytes),
        ours.growthMB,
        ours.growthHwmMB ?? 'n/a',
        ours.durationMs / 1000,
      ],
      [
        'stock payload.create({ filePath })',
        toMB(baseline.idleBytes),
        toMB(baseline.peakSampledBytes),
        baseline.growthMB,
        baseline.growthHwmMB ?? 'n/a',
        baseline.durationMs / 1000,
      ],
    ]),
  )
  console.log(`\ntarget: ours growth ≤ ${TARGET_MB} MB → ${pass ? 'PASS' : 'FAIL'}`)
  console.log(`ours RSS timeline (ms: MB): ${ours.timeline.map((point) => `${point.ms}:${point.mb}`).join(' ')}`)

  const result: BenchResult = {
    baseline: { label: 'stock create peak RSS growth', unit: 'MB', value: baseline.growthMB },
    date: new Date().toISOString(),
    details: {
      baseline: { ...baseline, coldMB: toMB(stockColdBytes), storedBytes: stockDoc.filesize, storedObjectBytes: stockObjectBytes },
      diagnosis,
      ours: { ...ours, coldMB: toMB(workerColdBytes), storedBytes: oursDoc.filesize, storedObjectBytes: oursObjectBytes },
      video: { ...videoInfo, bytes: video.size, path: video.path },
    },
    machine,
    name: NAME,
    notes: [
      'RSS of the Node process only; ffprobe/ffmpeg child processes of the worker are not included.',
      'idle = median VmRSS over the 2 s before the request; peak = max VmRSS sampled every 50 ms until ready.',
      'Both processes handled a small MP4 first, so first-use code loading is not counted.',
    ],
    ours: { label: 'worker peak RSS growth', unit: 'MB', value: ours.growthMB },
    target: { description: `ours ≤ ${TARGET_MB} MB`, pass },
    title: 'Peak RSS growth, 500 MB video',
  }
  console.log(`\nresults: ${await writeResult(result)}`)
} catch (error) {
  console.error(error)
  process.exitCode = 1
} finally {
  await runCleanup()
}
process.exit(process.exitCode ?? 0)
