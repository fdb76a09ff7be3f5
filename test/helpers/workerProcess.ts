/**
 * A generation worker in its own process, for tests that kill workers or race several of them.
 * Reads the database and bucket from the usual variables (DATABASE_URL, S3_*), and:
 * - WORKER_MODELS: JSON `Record<key, FakeModelSpec>` (test/fakes/fakeModels.ts); default the
 *   built-in local models (`local/image`, `local/video`);
 * - WORKER_PLUGIN_OPTIONS: JSON of further plugin options (leaseTimeout, allowPrivateAddresses…);
 * - WORKER_STALE_JOB_TIMEOUT: seconds (runWorker's staleJobTimeout);
 * - WORKER_CONCURRENCY: most jobs one pass runs at once (runWorker's concurrency, default 4).
 * Prints `worker ready` once running; stops on SIGTERM.
 *
 * What it did is printed as one line per event, `ga:<kind> <json>` (see `WorkerReport` in
 * spawnWorker.ts), for tests to check what ran where:
 * - `ga:model-call {"pid","key","method","prompt"}` each time a model is called (`doGenerate`,
 *   `doStart`; polls with `doStatus` are not reported);
 * - `ga:job {"pid","jobId","assetId","status"}` each time a generation job finishes, with the step's
 *   result (`ready`, `generating`, `queued`, `failed`, `skipped` when another worker held the asset).
 */
import type { GeneratedAssetsModel } from 'payload-plugin-generated-assets'

import { getPayload } from 'payload'
import { runWorker } from 'payload-plugin-generated-assets'

import { createAppConfig } from '../../payload.config'
import { createFakeModels, type FakeModelSpec } from '../fakes/fakeModels'

/** The plugin's default models, built here so that their calls can be reported. */
const DEFAULT_MODELS: Record<string, FakeModelSpec> = {
  'local/image': { kind: 'image', label: 'Local (offline)', modelId: 'local-image', provider: 'local' },
  'local/video': { kind: 'video', label: 'Local video (offline)', modelId: 'local-video', provider: 'local' },
}

const report = (kind: string, data: Record<string, unknown>) =>
  console.log(`ga:${kind} ${JSON.stringify({ pid: process.pid, ...data })}`)

/** The model with its `doGenerate`/`doStart` reported before they run; everything else unchanged. */
const withCallReports = ({ key, model }: { key: string; model: GeneratedAssetsModel['model'] }) =>
  new Proxy(model, {
    get: (target, property, receiver) => {
      const value = Reflect.get(target, property, receiver)
      if ((property === 'doGenerate' || property === 'doStart') && typeof value === 'function') {
        return (options: { prompt?: unknown }) => {
          report('model-call', { key, method: property, prompt: options?.prompt })
          return value.call(target, options)
        }
      }
      return value
    },
  })

const specs: Record<string, FakeModelSpec> = process.env.WORKER_MODELS
  ? JSON.parse(process.env.WORKER_MODELS)
  : DEFAULT_MODELS
const models = Object.fromEntries(
  Object.entries(createFakeModels(specs)).map(([key, entry]) => [
    key,
    { ...entry, model: withCallReports({ key, model: entry.model }) },
  ]),
)
const pluginOptions = {
  ...(process.env.WORKER_PLUGIN_OPTIONS ? JSON.parse(process.env.WORKER_PLUGIN_OPTIONS) : {}),
  models,
}
const config = await createAppConfig({ pluginOptions })
for (const task of config.jobs?.tasks ?? []) {
  const handler = task.handler
  if (typeof handler !== 'function') continue
  task.handler = (async (args: Parameters<typeof handler>[0]) => {
    const result = await handler(args)
    report('job', {
      assetId: (args.input as { assetId?: string } | undefined)?.assetId,
      jobId: args.job?.id,
      status: (result as { output?: { status?: string } })?.output?.status,
    })
    return result
  }) as typeof handler
}
const payload = await getPayload({ config })
const controller = new AbortController()
process.on('SIGTERM', () => controller.abort())
process.on('SIGINT', () => controller.abort())
const done = runWorker({
  concurrency: Number(process.env.WORKER_CONCURRENCY || 4),
  payload,
  pollInterval: 0.2,
  signal: controller.signal,
  staleJobTimeout: Number(process.env.WORKER_STALE_JOB_TIMEOUT ?? 60),
})
console.log('worker ready')
await done
process.exit(0)
