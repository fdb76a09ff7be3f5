/**
 * A generation worker in its own process, for tests that kill workers or race several of them.
 * Reads the database and bucket from the usual variables (DATABASE_URL, S3_*), and:
 * - WORKER_MODELS: JSON `Record<key, FakeModelSpec>` (test/fakes/fakeModels.ts); default the
 *   built-in local models;
 * - WORKER_PLUGIN_OPTIONS: JSON of further plugin options (leaseTimeout, allowPrivateAddresses…);
 * - WORKER_STALE_JOB_TIMEOUT: seconds (runWorker's staleJobTimeout).
 * Prints `worker ready` once running; stops on SIGTERM.
 */
import { getPayload } from 'payload'
import { runWorker } from 'payload-plugin-generated-assets'

import { createAppConfig } from '../../payload.config'
import { createFakeModels } from '../fakes/fakeModels'

const models = process.env.WORKER_MODELS ? createFakeModels(JSON.parse(process.env.WORKER_MODELS)) : undefined
const pluginOptions = { ...(process.env.WORKER_PLUGIN_OPTIONS ? JSON.parse(process.env.WORKER_PLUGIN_OPTIONS) : {}), models }
const payload = await getPayload({ config: createAppConfig({ pluginOptions }) })
const controller = new AbortController()
process.on('SIGTERM', () => controller.abort())
process.on('SIGINT', () => controller.abort())
const done = runWorker({
  payload,
  pollInterval: 0.2,
  signal: controller.signal,
  staleJobTimeout: Number(process.env.WORKER_STALE_JOB_TIMEOUT ?? 60),
})
console.log('worker ready')
await done
process.exit(0)
