/**
 * A generation worker in its own process, for the benchmarks: the plugin's `runWorker` on the demo
 * app's config, with **runWorker's default `pollInterval` (2 s)** unless BENCH_POLL_INTERVAL is
 * set, so an idle worker starts a job quickly only through the Postgres NOTIFY the generate
 * endpoint sends. (test/helpers/workerProcess.ts polls every 0.2 s, which would hide pickup latency.)
 *
 * Reads DATABASE_URL and S3_* like the app, and:
 * - BENCH_MODELS: JSON `Record<key, FakeModelSpec>` (test/fakes/fakeModels.ts); default the demo models;
 * - BENCH_PLUGIN_OPTIONS: JSON of further plugin options (maxVideoBytes, allowPrivateAddresses…);
 * - BENCH_POLL_INTERVAL: seconds between fallback polls;
 * - BENCH_CONCURRENCY: runWorker's `concurrency` (default: runWorker's);
 * - BENCH_TRACE=1: diagnostics (bench/lib/workerTrace.ts), off for the headline figures.
 * Prints `worker ready` once running; stops on SIGTERM.
 */
import { getPayload } from 'payload'
import { runWorker } from 'payload-plugin-generated-assets'

import { createAppConfig } from '../payload.config'
import { createFakeModels } from '../test/fakes/fakeModels'

const models = process.env.BENCH_MODELS ? createFakeModels(JSON.parse(process.env.BENCH_MODELS)) : undefined
const pluginOptions = {
  ...(process.env.BENCH_PLUGIN_OPTIONS ? JSON.parse(process.env.BENCH_PLUGIN_OPTIONS) : {}),
  ...(models ? { models } : {}),
}
const payload = await getPayload({ config: createAppConfig({ pluginOptions }) })
if (process.env.BENCH_TRACE === '1') {
  const { installWorkerTrace } = await import('./lib/workerTrace')
  installWorkerTrace(payload)
}
const controller = new AbortController()
process.on('SIGTERM', () => controller.abort())
process.on('SIGINT', () => controller.abort())
const pollInterval = process.env.BENCH_POLL_INTERVAL ? Number(process.env.BENCH_POLL_INTERVAL) : undefined
const concurrency = process.env.BENCH_CONCURRENCY ? Number(process.env.BENCH_CONCURRENCY) : undefined
const done = runWorker({ concurrency, payload, pollInterval, signal: controller.signal })
console.log(`worker ready pid=${process.pid}`)
await done
process.exit(0)
