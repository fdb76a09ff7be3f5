/**
 * A generation worker in its own process, for the benchmarks: the plugin's `runWorker` on the demo
 * app's config, with **runWorker's default `pollInterval`** (2 s with Postgres, where an idle
 * worker starts a job quickly only through the NOTIFY the generate endpoint sends; 0.25 s on
 * other databases, which have no such wake-up) unless BENCH_POLL_INTERVAL is set.
 * (test/helpers/workerProcess.ts polls every 0.2 s, which would hide pickup latency.)
 *
 * Reads DATABASE_URL and S3_* like the app, and:
 * - BENCH_MODELS: JSON `Record<key, FakeModelSpec>` (test/fakes/fakeModels.ts); default the demo models;
 * - BENCH_PLUGIN_OPTIONS: JSON of further plugin options (maxVideoBytes, allowPrivateAddresses…);
 * - BENCH_POLL_INTERVAL: seconds between fallback polls;
 * - BENCH_CONCURRENCY: runWorker's `concurrency` (default: runWorker's);
 * - BENCH_PNG_FILE: registers the precomputed-PNG model (bench/lib/precomputedModel.ts) answering that file's bytes;
 * - BENCH_STATUS_LINES=1: prints `status {"id","status","t"}` (epoch ms) for every status write
 *   of an asset (a host afterChange hook; bench/lib/assetStatus.ts), the SQLite benchmarks' clock;
 * - BENCH_TRACE=1: diagnostics (bench/lib/workerTrace.ts), off for the headline figures;
 * - BENCH_CPU_PROFILE=<file>: a CPU profile from ready to stop (bench/lib/cpuProfile.ts).
 * Answers the stdin line `cpu` with its CPU time so far (bench/lib/cpuUsage.ts).
 * Prints `worker ready` once running; stops on SIGTERM.
 */
import { getPayload } from 'payload'
import { runWorker } from 'payload-plugin-generated-assets'

import { createAppConfig } from '../payload.config'
import { createFakeModels } from '../test/fakes/fakeModels'
import { addStatusHook, formatStatusLine } from './lib/assetStatus'
import { startCpuProfile } from './lib/cpuProfile'
import { answerCpuUsage } from './lib/cpuUsage'
import { getPrecomputedModels } from './lib/precomputedModel'

const models = {
  ...(process.env.BENCH_MODELS ? createFakeModels(JSON.parse(process.env.BENCH_MODELS)) : {}),
  ...(process.env.BENCH_PNG_FILE ? await getPrecomputedModels({ file: process.env.BENCH_PNG_FILE }) : {}),
}
const pluginOptions = {
  ...(process.env.BENCH_PLUGIN_OPTIONS ? JSON.parse(process.env.BENCH_PLUGIN_OPTIONS) : {}),
  ...(Object.keys(models).length ? { models } : {}),
}
const config = await createAppConfig({ pluginOptions })
if (process.env.BENCH_STATUS_LINES === '1') {
  addStatusHook({ config, onStatus: (id, status) => console.log(formatStatusLine(id, status)) })
}
const payload = await getPayload({ config })
if (process.env.BENCH_TRACE === '1') {
  const { installWorkerTrace } = await import('./lib/workerTrace')
  installWorkerTrace(payload)
}
const controller = new AbortController()
process.on('SIGTERM', () => controller.abort())
process.on('SIGINT', () => controller.abort())
const pollInterval = process.env.BENCH_POLL_INTERVAL ? Number(process.env.BENCH_POLL_INTERVAL) : undefined
const concurrency = process.env.BENCH_CONCURRENCY ? Number(process.env.BENCH_CONCURRENCY) : undefined
const stopProfile = await startCpuProfile()
answerCpuUsage()
const done = runWorker({ concurrency, payload, pollInterval, signal: controller.signal })
console.log(`worker ready pid=${process.pid}`)
await done
await stopProfile()
process.exit(0)
