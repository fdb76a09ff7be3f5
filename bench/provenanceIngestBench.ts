/**
 * The cost of the provenance step per stored 1024×1024 image, through the real ingest path: the
 * plugin's `ingestOutput` (the one place a generated file enters storage: sniffing, the probe,
 * the XMP written into the original, Payload's `payload.update` with the file making the WebP
 * sizes with the metadata kept, the upload of the original and its sizes to S3, the asset marked
 * ready) with provenance on (the default) and with `provenance: false`, alternating run by run in
 * the same process, on the same database and bucket. C2PA signing is off.
 *
 * Both sides call `ingestOutput` on the same app: the collection's `withMetadata` and its sizes
 * hook act only on what `ingestOutput` marks on the request, so the `provenance: false` side does
 * exactly what an app configured with `provenance: false` does.
 *
 * Also timed on its own, same run: `writeProvenance` of the original (the ExifTool round trips:
 * the C2PA check and the in-place write) and the thumbnail made with the metadata kept, where the
 * difference goes.
 *
 * Target: median(on) ≤ 1.10 × median(off). Run: `npm run build:plugin && npx tsx bench/provenanceIngestBench.ts`
 * (BENCH_RUNS, default 30 each; BENCH_DATABASE=sqlite for SQLite).
 */
import type { Config, SanitizedConfig } from 'payload'

import { copyFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { createLocalReq } from 'payload'
import sharp from 'sharp'

import { resolveOptions } from '../plugins/generated-assets/dist/defaults.js'
import { ingestOutput } from '../plugins/generated-assets/dist/jobs/ingestOutput.js'
import { endProvenanceTool, writeProvenance } from '../plugins/generated-assets/dist/media/writeProvenance.js'
import { DIGITAL_SOURCE_TYPES } from '../plugins/generated-assets/dist/utilities/getAIDisclosure.js'
import { getBenchApp } from './lib/app'
import { getPrecomputedModels, PRECOMPUTED_MODEL_KEY, writeBenchPNG } from './lib/precomputedModel'
import { type BenchResult, describeMachine, formatTable, now, round, summarize, warnIfBusy, writeResult } from './lib/report'
import { closePayload, getResultName, migrate, startBenchServices } from './lib/services'

const NAME = getResultName('provenanceIngest')
const WARMUP = Number(process.env.BENCH_WARMUP ?? 3)
const RUNS = Math.max(10, Number(process.env.BENCH_RUNS ?? 30))
const TARGET_RATIO = 1.1

const machine = describeMachine()
warnIfBusy()
const services = await startBenchServices({ name: 'provenance-ingest' })
let cleanup: (() => Promise<void>)[] = [services.stop]
const runCleanup = async () => {
  for (const step of cleanup.reverse()) await step().catch(() => undefined)
  cleanup = []
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void runCleanup().finally(() => process.exit(130)))
}

try {
  const { png } = await writeBenchPNG({ directory: services.directory })
  const pluginOptions = { defaultModel: PRECOMPUTED_MODEL_KEY, models: await getPrecomputedModels({ png }) }
  const { createAppConfig } = await import('../payload.config')
  const config: SanitizedConfig = await createAppConfig({ pluginOptions })
  const { payload } = await getBenchApp({ config: Promise.resolve(config) })
  cleanup.push(() => closePayload(payload))
  cleanup.push(() => endProvenanceTool())
  await migrate(payload)
  // The options as the plugin resolved them for this config (its collections' slugs, defaults).
  const on = resolveOptions({ config: config as unknown as Config, options: pluginOptions })
  const off = { ...on, provenance: false as const }

  /** One ingest of the PNG into a fresh asset; its milliseconds. */
  const ingestOnce = async (options: typeof on, index: number) => {
    const asset = await payload.create({
      collection: 'generated-assets',
      data: { kind: 'image', model: PRECOMPUTED_MODEL_KEY, modelName: 'Precomputed PNG', prompt: `bench ${index}`, provider: 'bench', status: 'ingesting' },
      depth: 0,
      overrideAccess: true,
    })
    const req = await createLocalReq({}, payload)
    const start = now()
    await ingestOutput({ asset: asset as never, options, output: { data: new Uint8Array(png), mediaType: 'image/png', type: 'bytes' }, req })
    return now() - start
  }

  for (let index = 0; index < WARMUP; index++) {
    await ingestOnce(on, -1 - 2 * index)
    await ingestOnce(off, -2 - 2 * index)
  }
  const times = { off: [] as number[], on: [] as number[] }
  for (let index = 0; index < RUNS; index++) {
    // Alternating, the order flipped every other pair so neither side always runs first.
    const order = index % 2 === 0 ? (['on', 'off'] as const) : (['off', 'on'] as const)
    for (const side of order) times[side].push(await ingestOnce(side === 'on' ? on : off, 2 * index + (side === 'on' ? 0 : 1)))
  }

  // Where the difference goes: the ExifTool write of the original, and the thumbnail keeping its metadata.
  const pristine = path.join(services.directory, 'pristine.png')
  const file = path.join(services.directory, 'marked.png')
  await writeFile(pristine, png)
  const provenance = { aiSystem: 'Precomputed PNG (bench)', aiSystemVersion: 'precomputed-png', createdAt: new Date(), digitalSourceType: DIGITAL_SOURCE_TYPES.trainedAlgorithmicMedia }
  const stages = { copy: [] as number[], thumbnailKept: [] as number[], thumbnailPlain: [] as number[], write: [] as number[] }
  for (let index = 0; index < RUNS + WARMUP; index++) {
    let start = now()
    await copyFile(pristine, file)
    const copied = now() - start
    start = now()
    await writeProvenance({ path: file, provenance })
    const written = now() - start
    const thumbnail = (keep: boolean) => {
      let image = sharp(file).rotate().resize({ width: 480, withoutEnlargement: true }).webp({ quality: 80 })
      if (keep) image = image.withMetadata()
      return image.toBuffer()
    }
    start = now()
    await thumbnail(false)
    const plain = now() - start
    start = now()
    await thumbnail(true)
    const kept = now() - start
    if (index < WARMUP) continue
    stages.copy.push(copied)
    stages.write.push(written)
    stages.thumbnailPlain.push(plain)
    stages.thumbnailKept.push(kept)
  }

  const onSummary = summarize(times.on)
  const offSummary = summarize(times.off)
  const ratio = onSummary.p50 / offSummary.p50
  const overheadPct = (ratio - 1) * 100
  const writeMs = summarize(stages.write).p50
  const keptExtraMs = summarize(stages.thumbnailKept).p50 - summarize(stages.thumbnailPlain).p50
  console.log(`\nIngest of a 1024×1024 PNG (${png.length} bytes), original + Payload's sizes, ${services.database}, ${RUNS} runs each, alternating:`)
  console.log(
    formatTable([
      ['side', 'p50 ms', 'p95 ms', 'min ms', 'max ms'],
      ['provenance on', round(onSummary.p50), round(onSummary.p95), round(onSummary.min), round(onSummary.max)],
      ['provenance: false', round(offSummary.p50), round(offSummary.p95), round(offSummary.min), round(offSummary.max)],
    ]),
  )
  console.log(`overhead: ${round(onSummary.p50 - offSummary.p50)} ms, ${round(overheadPct)} % (target ≤ ${round((TARGET_RATIO - 1) * 100)} %): ${ratio <= TARGET_RATIO ? 'PASS' : 'MISS'}`)
  console.log(`of which: writeProvenance of the original ${round(writeMs)} ms; the thumbnail keeping the metadata +${round(keptExtraMs)} ms`)

  const result: BenchResult = {
    baseline: { label: 'ingest p50, provenance: false', unit: 'ms', value: round(offSummary.p50) },
    database: services.database,
    date: new Date().toISOString(),
    details: {
      imageBytes: png.length,
      off: offSummary,
      on: onSummary,
      overheadMs: round(onSummary.p50 - offSummary.p50),
      overheadPct: round(overheadPct),
      stages: {
        thumbnailKeptExtraMs: round(keptExtraMs),
        thumbnailPlainMs: round(summarize(stages.thumbnailPlain).p50),
        writeProvenanceMs: round(writeMs),
      },
    },
    machine,
    name: NAME,
    notes: ['Same process, same database and bucket; C2PA signing off.'],
    ours: { label: 'ingest p50, provenance on', unit: 'ms', value: round(onSummary.p50) },
    target: { description: `p50 with provenance ≤ ${TARGET_RATIO} × p50 without`, pass: ratio <= TARGET_RATIO },
    title: 'Provenance cost per 1024² image ingest (original + sizes)',
  }
  console.log(`\nresults: ${await writeResult(result)}`)
} catch (error) {
  console.error(error)
  process.exitCode = 1
} finally {
  await runCleanup()
}
process.exit(process.exitCode ?? 0)
