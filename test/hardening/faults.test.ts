/**
 * Faults: the database restarting, the S3 server going away, workers killed with
 * SIGKILL at each stage, a worker frozen past its lease, and providers slower than the time
 * limit, while generation workers in their own processes run jobs. After each fault every asset must end `ready`, or `failed` with a
 * message an editor can read, exactly once (one terminal job run), with no job left behind and
 * no orphan or missing object in the bucket.
 *
 * This file has its own database and S3 server (test/hardening/helpers/services.ts), so that
 * stopping them disturbs no other test file: the demo app's config is imported only once the
 * environment points at them.
 */
import type { GeneratedAssetsPluginOptions } from 'payload-plugin-generated-assets'

import { randomUUID } from 'node:crypto'
import { auditStorage as auditStorageCommand } from 'payload-plugin-generated-assets'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'

import type { DashScopeFakeBehavior } from '../fakes/dashscope'
import type { OpenAIFakeBehavior } from '../fakes/openai'

import { dashScopeSucceededWith, type DashScopeFake, startDashScopeFake } from '../fakes/dashscope'
import { createFakeModels, type FakeModelSpec } from '../fakes/fakeModels'
import { type OpenAIFake, startOpenAIFake } from '../fakes/openai'
import { SAMPLE_MP4 } from '../fakes/samples'
import { type App, getApp } from '../helpers/app'
import { isSQLite, isUnfinishedJob, migrateDatabase, selectRows } from '../helpers/database'
import { readEvents } from '../helpers/sse'
import { auditStorage, listBucket } from './helpers/auditStorage'
import { type HoldingFileServer, type S3Proxy, startHoldingFileServer, startS3Proxy } from './helpers/holdingServers'
import { type DedicatedServices, startDedicatedServices } from './helpers/services'
import {
  describeWorkers,
  killWorkers,
  poll,
  startWorker,
  type StartWorkerOptions,
  type TrackedWorker,
} from './helpers/workers'

const QUEUE = 'generated-assets'
const IMAGE_MODEL = 'local/image'
const OPENAI_IMAGE_MODEL = 'openai/gpt-image-1'
const VIDEO_MODEL = 'alibaba/wan'
/** Seconds: short, so that a killed worker's asset and job are taken over within the test. */
const LEASE_TIMEOUT = 2
const STALE_JOB_TIMEOUT = 4
/** Seconds the S3 server stays down. */
const S3_OUTAGE = 10

/** Options for every worker and the web side alike; rate limits (if the plugin has them) off. */
const PLUGIN_OPTIONS: Record<string, unknown> = {
  allowPrivateAddresses: true,
  leaseTimeout: LEASE_TIMEOUT,
  maxActiveGenerations: false,
  rateLimit: false,
}

type User = Awaited<ReturnType<App['createUser']>>

let services: DedicatedServices
let savedEnv: Record<string, string | undefined>
let app: App
let editor: User
let openai: OpenAIFake
let dashscope: DashScopeFake
let files: HoldingFileServer
let proxy: S3Proxy
let specs: Record<string, FakeModelSpec>
/** Provider answers by prompt, one per call, oldest first; a prompt with none left gets a plain success. */
const openaiScript = new Map<string, OpenAIFakeBehavior[]>()
const dashscopeScript = new Map<string, DashScopeFakeBehavior[]>()
/** Every worker a test used, killed ones included, for their reports. */
let workers: TrackedWorker[] = []
/** Two workers with the plugin's defaults, kept from one test to the next while they fit. */
let sharedWorkers: TrackedWorker[] = []

/** The shared workers (started on first use), counted as the test's. */
const useSharedWorkers = async () => {
  if (!sharedWorkers.length) {
    sharedWorkers = await Promise.all([spawn(), spawn()])
  } else {
    workers.push(...sharedWorkers)
  }
  return sharedWorkers
}

/** Stops the shared workers (and any other), for a test that must know which worker takes which job. */
const stopSharedWorkers = async () => {
  await killWorkers()
  sharedWorkers = []
}

const spawn = async (options: StartWorkerOptions = {}) => {
  const worker = await startWorker({
    models: specs,
    staleJobTimeout: STALE_JOB_TIMEOUT,
    ...options,
    pluginOptions: { ...PLUGIN_OPTIONS, ...options.pluginOptions },
  })
  workers.push(worker)
  return worker
}

beforeAll(async () => {
  services = await startDedicatedServices({ bucket: 'generated-assets-faults' })
  savedEnv = Object.fromEntries(Object.keys(services.env).map((key) => [key, process.env[key]]))
  Object.assign(process.env, services.env)
  ;[openai, dashscope, files, proxy] = await Promise.all([
    startOpenAIFake({
      behavior: ({ request }) =>
        openaiScript.get((request.body as { prompt?: string })?.prompt ?? '')?.shift() ?? { kind: 'success' },
    }),
    startDashScopeFake({
      behavior: ({ request }) =>
        dashscopeScript.get((request.body as { input?: { prompt?: string } })?.input?.prompt ?? '')?.shift() ?? {
          kind: 'success',
        },
    }),
    startHoldingFileServer({ contentType: 'video/mp4', data: SAMPLE_MP4 }),
    startS3Proxy({ target: services.env.S3_ENDPOINT! }),
  ])
  specs = {
    [IMAGE_MODEL]: { kind: 'image', label: 'Local (offline)', modelId: 'local-image', provider: 'local' },
    [OPENAI_IMAGE_MODEL]: {
      apiKey: openai.apiKey,
      baseURL: openai.baseURL,
      kind: 'image',
      label: 'GPT Image 1',
      modelId: 'gpt-image-1',
      provider: 'openai',
    },
    [VIDEO_MODEL]: {
      apiKey: dashscope.apiKey,
      baseURL: dashscope.baseURL,
      kind: 'video',
      label: 'Wan',
      modelId: 'wan2.2-t2v-plus',
      provider: 'alibaba',
    },
  }
  // Imported now: the config reads DATABASE_URL and S3_* when it loads.
  const { createAppConfig } = await import('../../payload.config')
  app = await getApp({
    configPromise: createAppConfig({
      pluginOptions: { ...PLUGIN_OPTIONS, models: createFakeModels(specs) } as GeneratedAssetsPluginOptions,
    }),
  })
  keepPoolErrorsFromEndingProcess(app)
  await migrateDatabase(app.payload)
  editor = await app.createUser()
})

afterEach(async ({ task }) => {
  if (task.result?.state === 'fail' || process.env.HARDENING_VERBOSE) console.error(describeWorkers(200_000))
  await killWorkers({ except: sharedWorkers })
  workers = []
  proxy.release()
  files.release()
})

afterAll(async () => {
  await killWorkers()
  await app?.close()
  await Promise.all([openai?.stop(), dashscope?.stop(), files?.stop(), proxy?.stop()])
  await services?.stop()
  for (const [key, value] of Object.entries(savedEnv ?? {})) {
    if (value === undefined) delete process.env[key]
    else process.env[key] = value
  }
})

/**
 * What the plugin's workers do (worker/handlePoolErrors.ts), done for the web side in this
 * process: Payload's Postgres adapter leaves the `'error'` events of its pool and of checked-out
 * clients unhandled, so without this a database restart ends the web process too.
 */
const keepPoolErrorsFromEndingProcess = ({ payload }: App) => {
  type Emitter = { listeners: (event: string) => Function[]; on: (event: string, listener: (value: any) => void) => void }
  const pool = (payload.db as unknown as { pool?: Emitter }).pool
  if (!pool) return
  const ignore = () => undefined
  pool.on('error', ignore)
  pool.on('acquire', (client: Emitter) => {
    if (!client.listeners('error').includes(ignore)) client.on('error', ignore)
  })
}

const generate = async (body: Record<string, unknown>): Promise<string> => {
  const response = await app.request('POST', 'generated-assets/generate', { body, token: editor.token })
  const json = await response.json()
  if (response.status !== 202) throw new Error(`generate answered ${response.status}: ${JSON.stringify(json)}`)
  return String(json.id)
}

const generateImage = (prompt: string) => generate({ model: IMAGE_MODEL, params: { size: '64x64' }, prompt })

const findAssets = async (ids: string[]) => {
  const { docs } = await app.payload.find({
    collection: 'generated-assets',
    depth: 0,
    limit: ids.length,
    overrideAccess: true,
    trash: true,
    where: { id: { in: ids } },
  })
  return docs as Record<string, any>[]
}

/** Generation jobs of these assets that are not finished: pending, waiting for a retry, or processing. */
const findUnfinishedJobs = async (ids: string[]) =>
  (await selectRows({ payload: app.payload, table: 'payload_jobs' }))
    .filter((job) => job.queue === QUEUE && isUnfinishedJob(job as never) && ids.includes(String(job.input?.assetId)))
    .map(({ id }) => ({ id })) as { id: number }[]

/** Generation jobs of these assets that a worker could take now (not processing, not waiting). */
const findRunnableJobs = async (ids: string[]) =>
  (await selectRows({ payload: app.payload, table: 'payload_jobs' }))
    .filter(
      (job) =>
        job.queue === QUEUE &&
        isUnfinishedJob(job as never) &&
        job.processing === false &&
        ids.includes(String(job.input?.assetId)),
    )
    .map(({ id }) => ({ id })) as { id: number }[]

const isSettled = (asset: Record<string, any>) => asset.status === 'ready' || asset.status === 'failed'

/** Waits until every asset is ready or failed, released (no lease) and has no unfinished job; answers them. */
const waitUntilSettled = async (ids: string[], timeout = 90_000) => {
  let last: Record<string, any>[] = []
  await poll(
    async () => {
      last = await findAssets(ids)
      if (last.length !== ids.length || !last.every((asset) => isSettled(asset) && !asset.leaseOwner)) return false
      return (await findUnfinishedJobs(ids)).length === 0
    },
    {
      interval: 250,
      message: () =>
        `assets not settled: ${JSON.stringify(last.filter((a) => !isSettled(a) || a.leaseOwner).map((a) => [a.id, a.status, a.leaseOwner]))}`,
      timeout,
    },
  )
  return last
}

/**
 * Every job run the workers reported for each asset, oldest first, as `<pid>/<job id>: <status>`
 * (`ready`, `failed`, or a step's `generating`, `queued`, `skipped`), by asset id.
 */
const findJobRuns = (ids: string[]) => {
  const reports = workers
    .flatMap((worker) => worker.timedReports())
    .filter(({ report }) => report.kind === 'job' && ids.includes(report.assetId))
    .sort((a, b) => a.at - b.at)
  const runs = new Map<string, string[]>(ids.map((id) => [id, []]))
  for (const { report } of reports) {
    if (report.kind === 'job') runs.get(report.assetId)!.push(`${report.pid}/${report.jobId}: ${report.status}`)
  }
  return runs
}

const isTerminalRun = (run: string) => run.endsWith(': ready') || run.endsWith(': failed')

/**
 * What every fault must leave: each asset ready (with its file) or failed with a message, ended
 * by exactly one job run, video posters only for ready videos (one each), and a bucket whose every
 * object belongs to a document and every document's files stored.
 */
const expectSettledOnce = async (ids: string[]) => {
  const assets = await waitUntilSettled(ids)
  expect(
    assets
      .filter((asset) => (asset.status === 'ready' ? !asset.filename : !asset.error))
      .map((asset) => [asset.id, asset.status, asset.filename, asset.error]),
  ).toEqual([])
  expect([...findJobRuns(ids)].filter(([, runs]) => runs.filter(isTerminalRun).length !== 1)).toEqual([])
  const { docs: posters } = await app.payload.find({
    collection: 'generated-asset-posters',
    depth: 0,
    overrideAccess: true,
    pagination: false,
    where: { asset: { in: ids } },
  })
  const postersOf = (id: string) => posters.filter((poster) => String(poster.asset) === id).length
  expect(
    assets
      .filter((asset) => postersOf(String(asset.id)) !== (asset.kind === 'video' && asset.status === 'ready' ? 1 : 0))
      .map((asset) => [asset.id, asset.kind, asset.status, postersOf(String(asset.id))]),
  ).toEqual([])
  const audit = await auditStorage({ fix: false, payload: app.payload })
  expect({ missing: audit.missing, orphans: audit.orphans }).toEqual({ missing: [], orphans: [] })
  // And the command users run (`payload audit:storage`) agrees.
  const userAudit = await auditStorageCommand({ payload: app.payload })
  expect({ missing: userAudit.missing, orphans: userAudit.orphans }).toEqual({ missing: [], orphans: [] })
  return assets
}

/** e.g. `9 ready, 1 failed (network: Network or storage error: …), attempts {"1":8,"2":2}`. */
const summarize = (assets: Record<string, any>[]) => {
  const failed = assets.filter((asset) => asset.status === 'failed')
  const messages = [...new Set(failed.map((asset) => `${asset.errorCode}: ${asset.error}`))]
  const attempts = assets.reduce<Record<string, number>>(
    (counts, asset) => ({ ...counts, [asset.attempts]: (counts[asset.attempts] ?? 0) + 1 }),
    {},
  )
  return (
    `${assets.length - failed.length} ready, ${failed.length} failed${messages.length ? ` (${messages.join('; ')})` : ''}, ` +
    `attempts ${JSON.stringify(attempts)}`
  )
}


// Postgres only: SQLite is a file in the app's own processes, with no server to restart.
describe.skipIf(isSQLite)('Postgres restarted while jobs run', () => {
  /** Seconds the database stays down: longer than a lease and than the stale-job timeout. */
  const POSTGRES_OUTAGE = 5

  it('every asset ends ready or failed with a message, once; the workers and the event stream carry on', async () => {
    const runId = randomUUID().slice(0, 8)
    await useSharedWorkers()
    const stream = readEvents({ app, token: editor.token })
    try {
      await stream.ready
      const ids: string[] = []
      // Provider calls that outlast the outage: their worker cannot renew its lease meanwhile.
      const slowIds: string[] = []
      for (let index = 0; index < 2; index++) {
        const prompt = `pg restart ${runId} slow ${index}`
        openaiScript.set(prompt, [{ delayMs: (POSTGRES_OUTAGE + 10) * 1000, kind: 'success' }])
        slowIds.push(await generate({ model: OPENAI_IMAGE_MODEL, prompt }))
      }
      for (let index = 0; index < 4; index++) {
        const prompt = `pg restart ${runId} video ${index}`
        dashscopeScript.set(prompt, [{ kind: 'success', pendingPolls: 3 }])
        ids.push(await generate({ model: VIDEO_MODEL, prompt }))
      }
      ids.push(
        ...slowIds,
        ...(await Promise.all(Array.from({ length: 30 }, (_, index) => generateImage(`pg restart ${runId} image ${index}`)))),
      )
      // Stop once some are done, the slow ones are waiting for the provider, and others are in every stage.
      let last: Record<string, any>[] = []
      await poll(
        async () => {
          last = await findAssets(ids)
          return (
            last.filter((asset) => asset.status === 'ready').length >= 3 &&
            last.filter((asset) => slowIds.includes(String(asset.id))).every((asset) => asset.status === 'generating') &&
            last.some((asset) => !isSettled(asset))
          )
        },
        {
          interval: 50,
          message: () => `the assets did not reach the stages wanted: ${JSON.stringify(last.map((a) => [a.id, a.status]))}`,
        },
      )
      const stages = (await findAssets(ids)).reduce<Record<string, number>>(
        (counts, asset) => ({ ...counts, [asset.status]: (counts[asset.status] ?? 0) + 1 }),
        {},
      )
      const stoppedAt = Date.now()
      await services.postgres!.stop()
      await new Promise((resolve) => setTimeout(resolve, POSTGRES_OUTAGE * 1000 - (Date.now() - stoppedAt)))
      await services.postgres!.start()
      const downFor = (Date.now() - stoppedAt) / 1000

      const assets = await expectSettledOnce(ids)
      const settledAfter = (Date.now() - stoppedAt) / 1000
      expect(sharedWorkers.filter((worker) => worker.hasExited()).map((worker) => worker.child.pid)).toEqual([])

      // The live gallery keeps working: a new asset's completion reaches the stream opened before the restart.
      const after = await generateImage(`pg restart ${runId} after`)
      await stream.waitFor((event) => event.event === 'generation_complete' && String(event.data.id) === after)
      console.info(
        `postgres restart (down ${downFor.toFixed(1)} s, assets by status then: ${JSON.stringify(stages)}): ` +
          `${summarize(assets)}; all settled ${settledAfter.toFixed(1)} s after the stop`,
      )
    } finally {
      stream.close()
    }
  })
})

describe(`S3 server stopped for ${S3_OUTAGE} s in the middle of ingest`, () => {
  it('every asset ends ready or failed with a message, once, with no orphan; failed ones succeed when retried', async () => {
    const runId = randomUUID().slice(0, 8)
    files.hold()
    await useSharedWorkers()
    const videoIds: string[] = []
    for (let index = 0; index < 3; index++) {
      const prompt = `s3 outage ${runId} video ${index}`
      dashscopeScript.set(prompt, [dashScopeSucceededWith({ videoURL: `${files.url}/s3-outage-${runId}-${index}.mp4` })])
      videoIds.push(await generate({ model: VIDEO_MODEL, prompt }))
    }
    // Each video is being downloaded, half of it received: the workers are in the middle of ingest.
    await poll(
      async () => files.held() === 3 && (await findAssets(videoIds)).every((asset) => asset.status === 'ingesting'),
      { message: 'the videos did not reach ingest' },
    )
    await services.s3.stop()
    const stoppedAt = Date.now()
    files.release()
    // More work arrives while S3 is down.
    const imageIds = await Promise.all(
      Array.from({ length: 6 }, (_, index) => generateImage(`s3 outage ${runId} image ${index}`)),
    )
    await new Promise((resolve) => setTimeout(resolve, S3_OUTAGE * 1000 - (Date.now() - stoppedAt)))
    await services.s3.start()
    const ids = [...videoIds, ...imageIds]

    const assets = await expectSettledOnce(ids)
    const outcome = summarize(assets)
    const failed = assets.filter((asset) => asset.status === 'failed')
    // The editor retries what failed, now that storage is back.
    for (const asset of failed) {
      const response = await app.request('POST', `generated-assets/${asset.id}/retry`, { token: editor.token })
      expect(response.status).toBe(202)
    }
    const retried = await waitUntilSettled(ids)
    expect(retried.filter((asset) => asset.status !== 'ready').map((asset) => [asset.id, asset.error])).toEqual([])
    const audit = await auditStorage({ fix: false, payload: app.payload })
    expect({ missing: audit.missing, orphans: audit.orphans }).toEqual({ missing: [], orphans: [] })
    console.info(`s3 outage (${S3_OUTAGE} s): ${outcome}; after retrying the failed ones: ${summarize(retried)}`)
  })
})

describe('a worker killed with SIGKILL at each stage', () => {
  it('generating, downloading and uploading: another worker takes each over after the lease and stores it once', async () => {
    const runId = randomUUID().slice(0, 8)
    await stopSharedWorkers()
    // Generating: the provider's first answer never comes.
    const generatingPrompt = `kill ${runId} generating`
    openaiScript.set(generatingPrompt, [{ delayMs: Infinity, kind: 'success' }])
    const generatingId = await generate({ model: OPENAI_IMAGE_MODEL, prompt: generatingPrompt })
    // Ingesting: the video's download stops half-way.
    files.hold()
    const downloadingPrompt = `kill ${runId} downloading`
    dashscopeScript.set(downloadingPrompt, [dashScopeSucceededWith({ videoURL: `${files.url}/kill-${runId}.mp4` })])
    const downloadingId = await generate({ model: VIDEO_MODEL, prompt: downloadingPrompt })
    // Uploading: the main file reaches the bucket, the image sizes' uploads never finish.
    const uploadingId = await generateImage(`kill ${runId} uploading`)
    proxy.setHold((request) => request.method === 'PUT' && request.path.includes(`-ga${uploadingId}-`))
    const ids = [generatingId, downloadingId, uploadingId]

    const first = await spawn({ env: { S3_ENDPOINT: proxy.url } })
    // Once the first worker holds every job, the next one starts meanwhile: it finds nothing to take until the kill.
    await poll(async () => (await findUnfinishedJobs(ids)).length === 3 && (await findRunnableJobs(ids)).length === 0, {
      message: 'the first worker did not take every job',
    })
    const starting = spawn()
    await poll(
      async () => {
        const [generating, downloading] = await findAssets([generatingId, downloadingId]).then((assets) =>
          [generatingId, downloadingId].map((id) => assets.find((asset) => String(asset.id) === id)),
        )
        return (
          generating?.status === 'generating' &&
          openai.requests.some((request) => (request.body as { prompt?: string })?.prompt === generatingPrompt) &&
          downloading?.status === 'ingesting' &&
          files.held() === 1 &&
          proxy.held().length > 0
        )
      },
      { message: 'the worker did not reach all three stages' },
    )
    const isMainStored = [...(await listBucket()).keys()].some((key) => key.includes(`-ga${uploadingId}.`))
    await first.kill()
    const killedAt = Date.now()
    proxy.release()
    files.release()
    expect((await findAssets(ids)).map((asset) => asset.status).sort()).toEqual(['generating', 'ingesting', 'ingesting'])

    await starting
    const spawnedAt = Date.now()
    const assets = await expectSettledOnce(ids)
    expect(assets.filter((asset) => asset.status !== 'ready').map((asset) => [asset.id, asset.error])).toEqual([])
    // The provider was asked again only for the image whose call was cut; the video's task was polled, not restarted.
    expect(openai.requests.filter((request) => (request.body as { prompt?: string })?.prompt === generatingPrompt)).toHaveLength(2)
    expect(
      dashscope.requests.filter(
        (request) => request.method === 'POST' && (request.body as { input?: { prompt?: string } })?.input?.prompt === downloadingPrompt,
      ),
    ).toHaveLength(1)
    const readyAfter = assets.map((asset) => ((new Date(asset.completedAt).getTime() - killedAt) / 1000).toFixed(1))
    console.info(
      `SIGKILL at generating / downloading / uploading (main file ${isMainStored ? 'already' : 'not yet'} stored): ` +
        `ready ${readyAfter.join(' / ')} s after the kill, of which ${Math.max(0, (spawnedAt - killedAt) / 1000).toFixed(1)} s ` +
        `waiting for the next worker to start (lease ${LEASE_TIMEOUT} s, stale job ${STALE_JOB_TIMEOUT} s)`,
    )
  })
})

describe('a worker frozen past its lease, then resumed', () => {
  // What a database outage longer than the lease does to a worker mid-step (it cannot renew its
  // lease, so another worker takes the asset over), made deterministic: SIGSTOP, as a long GC
  // pause, a throttled container or a suspended VM would.
  it('the frozen worker stops its step when it wakes: the asset ends once, with one poster and no orphan', async () => {
    const runId = randomUUID().slice(0, 8)
    files.hold()
    await stopSharedWorkers()
    const prompt = `frozen ${runId} video`
    dashscopeScript.set(prompt, [dashScopeSucceededWith({ videoURL: `${files.url}/frozen-${runId}.mp4` })])
    const id = await generate({ model: VIDEO_MODEL, prompt })
    const frozen = await spawn()
    await poll(async () => files.held() === 1 && (await findAssets([id]))[0]?.status === 'ingesting', {
      message: 'the worker did not start the download',
    })
    frozen.child.kill('SIGSTOP')
    const reportsBefore = frozen.timedReports().length
    try {
      // The rest of its download waits in its socket; the next worker's download is served whole.
      files.release()
      const next = await spawn()
      await poll(() => next.timedReports().some(({ report }) => report.kind === 'job' && report.assetId === id && report.status === 'ready'), {
        message: 'the next worker did not take the asset over',
        timeout: 60_000,
      })
    } finally {
      frozen.child.kill('SIGCONT')
    }
    // Whatever the woken worker does with its step, it reports it.
    await poll(
      () =>
        frozen
          .timedReports()
          .slice(reportsBefore)
          .some(({ report }) => report.kind === 'job' && report.assetId === id),
      { message: 'the woken worker did not finish its step' },
    )
    const [asset] = await expectSettledOnce([id])
    expect(asset).toMatchObject({ attempts: 1, error: null, status: 'ready' })
    console.info(`frozen worker: its step ended ${JSON.stringify(findJobRuns([id]).get(id))}`)
  })
})

describe('a provider slower than the time limit', () => {
  it('fails that asset as timed out, once and without calling again, and leaves the others alone', async () => {
    const runId = randomUUID().slice(0, 8)
    await stopSharedWorkers()
    const timeLimit = 3
    const slowImagePrompt = `slow ${runId} image`
    const slowVideoPrompt = `slow ${runId} video`
    openaiScript.set(slowImagePrompt, [{ delayMs: 60_000, kind: 'success' }])
    dashscopeScript.set(slowVideoPrompt, [{ delayMs: 60_000, kind: 'success' }])
    await spawn({ pluginOptions: { timeLimit } })
    const slowIds = [
      await generate({ model: OPENAI_IMAGE_MODEL, prompt: slowImagePrompt }),
      await generate({ model: VIDEO_MODEL, prompt: slowVideoPrompt }),
    ]
    const fastIds = [
      await generate({ model: OPENAI_IMAGE_MODEL, prompt: `fast ${runId} image` }),
      await generateImage(`fast ${runId} local image`),
    ]
    const assets = await expectSettledOnce([...slowIds, ...fastIds])
    const byId = new Map(assets.map((asset) => [String(asset.id), asset]))
    for (const id of slowIds) {
      expect(byId.get(id)).toMatchObject({ attempts: 1, errorCode: 'timed_out', filename: null, status: 'failed' })
      expect(byId.get(id)!.error).toMatch(/timed out/)
    }
    for (const id of fastIds) expect(byId.get(id)).toMatchObject({ error: null, status: 'ready' })
    expect(openai.requests.filter((request) => (request.body as { prompt?: string })?.prompt === slowImagePrompt)).toHaveLength(1)
    expect(
      dashscope.requests.filter((request) => (request.body as { input?: { prompt?: string } })?.input?.prompt === slowVideoPrompt),
    ).toHaveLength(1)
  })
})
