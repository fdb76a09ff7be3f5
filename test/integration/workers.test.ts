/**
 * Generation workers in their own processes (test/helpers/spawnWorker.ts) against the real test
 * Postgres and S3: several racing over one queue, and workers killed with SIGKILL at each stage
 * of a generation, then replaced. No worker runs in the test process: every job is run by a
 * spawned one. The test process only queues (through the real `generate` route), watches the
 * database, the bucket and the SSE stream, and plays the providers.
 */
import { createServer, type Server } from 'node:http'
import { randomUUID } from 'node:crypto'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'

import { createAppConfig } from '../../payload.config'
import { dashScopeSucceededWith, type DashScopeFake, startDashScopeFake } from '../fakes/dashscope'
import { createFakeModels, type FakeModelSpec } from '../fakes/fakeModels'
import { SAMPLE_MP4 } from '../fakes/samples'
import { type App, getApp, getS3, objectKeyOf } from '../helpers/app'
import { isSQLite, selectGenerationJobs } from '../helpers/database'
import { readEvents } from '../helpers/sse'
import { spawnWorker, type WorkerProcess } from '../helpers/spawnWorker'

const QUEUE = 'generated-assets'
const VIDEO_MODEL = 'alibaba/wan'
/** Seconds: short, so that a killed worker's asset and job are taken over within the test. */
const LEASE_TIMEOUT = 2
const STALE_JOB_TIMEOUT = 4

/**
 * A file server whose first download of each path sends the headers and half the bytes, then
 * holds the rest until the client goes away (a worker killed mid-download); later downloads of
 * the path are served whole. `requests` lists the paths asked for, in order.
 */
const startStallingFileServer = async ({ data, contentType }: { data: Buffer; contentType: string }) => {
  const requests: string[] = []
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname
    const isFirst = !requests.includes(path)
    requests.push(path)
    res.writeHead(200, { 'content-length': String(data.byteLength), 'content-type': contentType })
    if (isFirst) {
      res.write(data.subarray(0, Math.floor(data.byteLength / 2)))
      return
    }
    res.end(data)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  const { port } = server.address() as { port: number }
  return {
    requests,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
    url: `http://127.0.0.1:${port}`,
  }
}


/** Polls `check` every 100 ms until it answers something truthy; throws `message` after `timeout` ms. */
const poll = async <T>(
  check: () => Promise<T> | T,
  { message, timeout = 30_000 }: { message: string; timeout?: number },
) => {
  const deadline = Date.now() + timeout
  for (;;) {
    const value = await check()
    if (value) return value
    if (Date.now() > deadline) throw new Error(`${message} (after ${timeout} ms)`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

let app: App
let dashscope: DashScopeFake
let files: Awaited<ReturnType<typeof startStallingFileServer>>
let editor: Awaited<ReturnType<App['createUser']>>
let editorEvents: ReturnType<typeof readEvents>
let specs: Record<string, FakeModelSpec>
let workerOptions: Parameters<typeof spawnWorker>[0]

/** Workers one test spawned (killed after it) and workers a describe block shares (killed after the block). */
const testWorkers = new Set<WorkerProcess>()
const sharedWorkers = new Set<WorkerProcess>()
const starting = new Set<Promise<WorkerProcess>>()

/** Spawns a worker that is killed after the test (or, with `sharedWorkers`, the block), whatever the outcome. */
const startWorker = async ({
  options = workerOptions,
  scope = testWorkers,
}: { options?: Parameters<typeof spawnWorker>[0]; scope?: Set<WorkerProcess> } = {}) => {
  const started = spawnWorker(options)
  starting.add(started)
  try {
    const worker = await started
    scope.add(worker)
    return worker
  } finally {
    starting.delete(started)
  }
}

const killWorkers = async (scope: Set<WorkerProcess>) => {
  await Promise.allSettled([...starting])
  await Promise.all([...scope].map((worker) => worker.kill()))
  scope.clear()
}

beforeAll(async () => {
  dashscope = await startDashScopeFake()
  files = await startStallingFileServer({ contentType: 'video/mp4', data: SAMPLE_MP4 })
  specs = {
    'local/image': { kind: 'image', label: 'Local (offline)', modelId: 'local-image', provider: 'local' },
    'local/video': { kind: 'video', label: 'Local video (offline)', modelId: 'local-video', provider: 'local' },
    [VIDEO_MODEL]: {
      apiKey: dashscope.apiKey,
      baseURL: dashscope.baseURL,
      kind: 'video',
      label: 'Wan',
      modelId: 'wan2.2-t2v-plus',
      provider: 'alibaba',
    },
  }
  // One editor queues 50 generations at once here: the per-user limits are not what is tested.
  const pluginOptions = {
    allowPrivateAddresses: true,
    leaseTimeout: LEASE_TIMEOUT,
    maxActiveGenerations: false as const,
    rateLimit: false as const,
  }
  workerOptions = { models: specs, pluginOptions, staleJobTimeout: STALE_JOB_TIMEOUT }
  // The web side knows the same models as the workers (the generate route validates the key).
  app = await getApp({
    configPromise: createAppConfig({ pluginOptions: { ...pluginOptions, models: createFakeModels(specs) } }),
  })
  editor = await app.createUser()
  editorEvents = readEvents({ app, token: editor.token })
  await editorEvents.ready
})

afterEach(async ({ task }) => {
  const outputs = [...testWorkers, ...sharedWorkers].map(
    (worker) => `--- worker ${worker.child.pid}\n${worker.output()}`,
  )
  await killWorkers(testWorkers)
  if (task.result?.state === 'fail') {
    // What the workers printed (errors are logged there) is the first thing to read.
    console.error(outputs.join('\n').slice(-20_000))
  }
})

afterAll(async () => {
  await killWorkers(testWorkers)
  await killWorkers(sharedWorkers)
  editorEvents?.close()
  await dashscope?.stop()
  await files?.stop()
  await app?.close()
})

const generate = async (body: Record<string, unknown>, token = editor.token): Promise<number | string> => {
  const response = await app.request('POST', 'generated-assets/generate', { body, token })
  const json = await response.json()
  if (response.status !== 202) throw new Error(`generate answered ${response.status}: ${JSON.stringify(json)}`)
  return json.id
}

const findAsset = (id: number | string) =>
  app.payload.findByID({ collection: 'generated-assets', depth: 0, id, overrideAccess: true, trash: true })

const isSettled = (asset: { status: string }) => asset.status === 'ready' || asset.status === 'failed'

/** The generation jobs of one asset, straight from the job table. */
const findJobs = async (assetId?: number | string) =>
  // Generation jobs only: the scheduled trash purge waits on the same queue for its next run.
  (await selectGenerationJobs({ payload: app.payload, queue: QUEUE })).filter(
    (job) => assetId === undefined || String(job.input?.assetId) === String(assetId),
  )

/** Waits until no generation job is processing or left to run (every job of the queue completed). */
const waitForIdleQueue = () =>
  poll(async () => (await findJobs()).every((job) => !job.processing && (job.completedAt || job.hasError)), {
    message: 'jobs still processing or pending',
  })

/** Bucket keys of every asset and poster document's stored files (main files and image sizes). */
const findStoredNames = async () => {
  const names = new Set<string>()
  for (const collection of ['generated-assets', 'generated-asset-posters'] as const) {
    const { docs } = await app.payload.find({
      collection,
      depth: 0,
      overrideAccess: true,
      pagination: false,
      trash: true,
    })
    for (const doc of docs as Record<string, any>[]) {
      if (doc.filename) names.add(objectKeyOf(doc))
      for (const size of Object.values(doc.sizes ?? {}) as { filename?: null | string }[]) {
        if (size?.filename) names.add(objectKeyOf(doc, size.filename))
      }
    }
  }
  return names
}

/** Every key in the bucket (getS3 lists one page: more than 1000 keys would hide some). */
const listKeys = async () => {
  const keys = await getS3().keys()
  expect(keys.length).toBeLessThan(1000)
  return keys
}

/** Keys of the asset's main file and of its poster (sizes excluded). */
const keysOf = (keys: string[], id: number | string) => ({
  main: keys.filter((key) => key.includes(`-ga${id}.`)),
  poster: keys.filter((key) => key.includes(`-ga${id}-poster.`)),
})

/** How long after `killedAt` (ms) the asset was ready, and how much of it went into starting the new worker. */
const describeRecovery = ({ asset, killedAt, spawnedAt }: { asset: any; killedAt: number; spawnedAt: number }) =>
  `${((new Date(asset.completedAt).getTime() - killedAt) / 1000).toFixed(1)} s after the kill ` +
  `(starting the new worker took ${((spawnedAt - killedAt) / 1000).toFixed(1)} s)`

/** Whether `worker` printed that it finished a job of asset `id` with the asset ready. */
const hasReported = ({ id, worker }: { id: number | string; worker: WorkerProcess }) =>
  worker.reports().some((report) => report.kind === 'job' && report.assetId === String(id) && report.status === 'ready')

const terminalEvents = (id: number | string) =>
  editorEvents.events.filter(
    (event) =>
      String(event.data.id) === String(id) &&
      (event.event === 'generation_complete' || event.event === 'generation_failed'),
  )

/**
 * What every recovered video must look like: ready once (one terminal event), one stored video
 * and one poster in the bucket, one poster document, no orphan object anywhere in the bucket, and
 * no stuck job.
 */
const expectRecoveredVideo = async (id: number | string) => {
  await editorEvents.waitFor((event) => String(event.data.id) === String(id) && event.event === 'generation_complete')
  await waitForIdleQueue()
  const asset = await findAsset(id)
  expect(asset).toMatchObject({ error: null, kind: 'video', leaseOwner: null, operation: null, status: 'ready' })
  expect(terminalEvents(id)).toHaveLength(1)

  const keys = await listKeys()
  const own = keysOf(keys, id)
  expect(own.main).toEqual([objectKeyOf(asset)])
  expect(own.poster).toHaveLength(1)
  const { docs: posters } = await app.payload.find({
    collection: 'generated-asset-posters',
    overrideAccess: true,
    where: { asset: { equals: id } },
  })
  expect(posters.map((poster) => objectKeyOf(poster))).toEqual(own.poster)

  const stored = await findStoredNames()
  expect(keys.filter((key) => !stored.has(key))).toEqual([])
  const jobs = await findJobs(id)
  expect(jobs.filter((job) => job.processing || !job.completedAt)).toEqual([])
  return asset
}

describe('two worker processes on one queue', () => {
  let first: WorkerProcess
  let second: WorkerProcess

  beforeAll(async () => {
    // The plugin's defaults (local models, 30 s leases) and Payload's non-atomic job claim.
    ;[first, second] = await Promise.all([
      startWorker({ options: {}, scope: sharedWorkers }),
      startWorker({ options: {}, scope: sharedWorkers }),
    ])
  })

  afterAll(() => killWorkers(sharedWorkers))

  it('race over 50 jobs: every asset generated once, ready, one stored file each', async () => {
    const runId = randomUUID().slice(0, 8)
    const prompts = Array.from({ length: 50 }, (_, index) => `race ${runId} number ${index}`)
    const startedAt = performance.now()
    // Queued while both workers idle and listen: each NOTIFY wakes both, which then claim the same jobs.
    const ids = await Promise.all(
      prompts.map((prompt, index) => generate({ params: { seed: index, size: '64x64' }, prompt })),
    )
    const assets = await poll(
      async () => {
        const { docs } = await app.payload.find({
          collection: 'generated-assets',
          depth: 0,
          limit: 100,
          overrideAccess: true,
          where: { id: { in: ids } },
        })
        return docs.length === ids.length && docs.every(isSettled) ? docs : undefined
      },
      { message: 'not every asset settled', timeout: 60_000 },
    )
    const seconds = (performance.now() - startedAt) / 1000
    await waitForIdleQueue()

    expect(assets.filter((asset) => asset.status !== 'ready').map((asset) => [asset.id, asset.error])).toEqual([])
    expect(assets.filter((asset) => asset.attempts !== 1).map((asset) => [asset.id, asset.attempts])).toEqual([])

    const keys = await listKeys()
    const mainKeys = assets.flatMap((asset) => keysOf(keys, asset.id).main)
    expect(mainKeys).toHaveLength(50)
    expect(new Set(mainKeys)).toEqual(new Set(assets.map((asset) => objectKeyOf(asset))))

    // Each prompt reached the model once, in one of the two processes.
    const reports = [...first.reports(), ...second.reports()]
    const calls = reports.filter((report) => report.kind === 'model-call' && prompts.includes(report.prompt as string))
    const callsPerPrompt = new Map<unknown, number>()
    for (const call of calls) {
      if (call.kind === 'model-call') callsPerPrompt.set(call.prompt, (callsPerPrompt.get(call.prompt) ?? 0) + 1)
    }
    expect([...callsPerPrompt.values()].filter((count) => count !== 1)).toEqual([])
    expect(callsPerPrompt.size).toBe(50)
    // Each asset's job finished `ready` once; any other run of it (a double claim) was skipped.
    const jobReports = reports.filter((report) => report.kind === 'job' && ids.map(String).includes(report.assetId))
    const readyRuns = jobReports.filter((report) => report.kind === 'job' && report.status === 'ready')
    expect(readyRuns).toHaveLength(50)
    expect(new Set(readyRuns.map((report) => report.kind === 'job' && report.assetId)).size).toBe(50)
    const skipped = jobReports.filter((report) => report.kind === 'job' && report.status === 'skipped')
    console.info(
      `race: 50 assets in ${seconds.toFixed(2)} s (${(50 / seconds).toFixed(1)} assets/s); ` +
        `model calls by worker: ${first.child.pid}=${calls.filter((c) => c.pid === first.child.pid).length}, ` +
        `${second.child.pid}=${calls.filter((c) => c.pid === second.child.pid).length}; ` +
        `double-claimed job runs skipped: ${skipped.length}`,
    )
  })

  it('streams generation_started and generation_complete for a job a worker in another process ran', async () => {
    const user = await app.createUser()
    const stream = readEvents({ app, token: user.token })
    try {
      await stream.ready
      const id = await generate({ params: { size: '64x64' }, prompt: 'events from another process' }, user.token)
      const complete = await stream.waitFor(
        (event) => event.event === 'generation_complete' && String(event.data.id) === String(id),
      )
      expect(complete.data.asset.imageUrl).toMatch(
        /\/api\/generated-assets\/file\/events-from-another-process-ga\d+\.png\?prefix=generated-assets$/,
      )
      const names = stream.events.filter((event) => String(event.data.id) === String(id)).map((event) => event.event)
      // Postgres NOTIFY delivers every state; the poll other databases use coalesces the states a
      // small image passes through within one look (generating, ingesting), so only its end is sure.
      if (!isSQLite) {
        expect(names).toContain('generation_started')
        expect(names.indexOf('generation_started')).toBeLessThan(names.indexOf('generation_complete'))
      }
      expect(names.filter((name) => name === 'generation_complete')).toHaveLength(1)
      // The job really ran in the other process.
      await poll(() => hasReported({ id, worker: first }) || hasReported({ id, worker: second }), {
        message: 'no worker reported the job',
      })
    } finally {
      stream.close()
    }
  })
})

describe('a worker killed with SIGKILL, then replaced', () => {
  it('mid-ingest: the next worker takes over and stores it once, with one poster and no orphans', async () => {
    const videoURL = `${files.url}/ingest-${randomUUID()}.mp4`
    dashscope.enqueueBehavior({ behaviors: [dashScopeSucceededWith({ videoURL })] })
    const creates = dashscope.requests.filter((request) => request.method === 'POST').length
    const first = await startWorker()
    const id = await generate({ model: VIDEO_MODEL, prompt: 'killed while downloading' })
    await poll(
      async () => (await findAsset(id)).status === 'ingesting' && files.requests.includes(new URL(videoURL).pathname),
      { message: 'the worker did not start the download' },
    )
    await first.kill()
    const killedAt = Date.now()
    expect((await findAsset(id)).status).toBe('ingesting')

    const second = await startWorker()
    const spawnedAt = Date.now()
    const asset = await expectRecoveredVideo(id)
    console.info(`mid-ingest kill: ready ${describeRecovery({ asset, killedAt, spawnedAt })}`)
    // The provider was asked once; the file was downloaded again by the second worker.
    expect(dashscope.requests.filter((request) => request.method === 'POST').length - creates).toBe(1)
    expect(files.requests.filter((path) => path === new URL(videoURL).pathname)).toHaveLength(2)
    expect(asset.attempts).toBe(1)
    await poll(() => hasReported({ id, worker: second }), { message: 'the second worker did not report the job' })
  })

  it('an asset whose job was skipped while its holder was dying is queued again once the lease expires', async () => {
    // The state a double claim (Payload's job claim is not atomic; the race above sees it) leaves when the
    // worker that won the lease is then killed: the loser ran the same job, found the asset leased, and
    // completed the job as `skipped`, so the asset is mid-step, leased by a dead process, and has no job.
    const id = await generate({ params: { size: '64x64' }, prompt: 'orphaned by a double claim' })
    // Below the Local API, as the workers' own writes are: no hooks, no events.
    await app.payload.db.updateMany({
      collection: 'payload-jobs',
      data: { completedAt: new Date().toISOString(), processing: false },
      where: { id: { in: (await findJobs(id)).map((job) => job.id) } },
    })
    await app.payload.db.updateOne({
      collection: 'generated-assets',
      data: {
        attempts: 1,
        leaseExpiresAt: new Date(Date.now() + LEASE_TIMEOUT * 1000).toISOString(),
        leaseOwner: 'dead-worker',
        status: 'generating',
      },
      id,
    })
    const orphanedAt = Date.now()

    await startWorker()
    const spawnedAt = Date.now()
    await editorEvents.waitFor((event) => String(event.data.id) === String(id) && isSettled(event.data))
    await waitForIdleQueue()
    const asset = await findAsset(id)
    console.info(`orphaned asset: ready ${describeRecovery({ asset, killedAt: orphanedAt, spawnedAt })}`)
    expect(asset).toMatchObject({ attempts: 2, error: null, leaseOwner: null, status: 'ready' })
    expect(terminalEvents(id)).toHaveLength(1)
    expect(keysOf(await listKeys(), id).main).toEqual([objectKeyOf(asset)])
  })

  // Postgres only: the pick-up is held by a row lock (SELECT … FOR UPDATE) seen in pg_stat_activity; SQLite has no row locks.
  it.skipIf(isSQLite)('while picking its job up, and while generating: each asset ends ready exactly once', async () => {
    // The first create never answers (a provider call in flight when the worker dies); the next one succeeds.
    dashscope.enqueueBehavior({ behaviors: [{ delayMs: Infinity, kind: 'success' }] })
    const prompt = `killed while generating ${randomUUID().slice(0, 8)}`
    const generatingId = await generate({ model: VIDEO_MODEL, prompt })
    const queuedId = await generate({ params: { size: '64x64' }, prompt: 'killed before it began' })
    const creates = () => dashscope.requests.filter((request) => (request.body as any)?.input?.prompt === prompt)
    // Hold the image asset's row: the worker that picks its job up blocks in the asset's lease claim,
    // before it has marked the job processing or run any step.
    const pool = (
      app.payload.db as unknown as { pool: { connect: () => Promise<any>; query: (...args: any[]) => any } }
    ).pool
    const lock = await pool.connect()
    let isLocked = true
    let killedAt = 0
    try {
      await lock.query('begin')
      await lock.query('select id from generated_assets where id = $1 for update', [queuedId])
      // Started once both are queued, so its first pass takes both jobs.
      const first = await startWorker()
      await poll(
        async () => {
          const [job] = await findJobs(queuedId)
          const { rows } = await pool.query(
            `select 1 from pg_stat_activity where wait_event_type = 'Lock' and query ilike '%lease_owner%'`,
          )
          return (
            job &&
            !job.processing &&
            rows.length > 0 &&
            (await findAsset(generatingId)).status === 'generating' &&
            creates().length
          )
        },
        { message: 'the worker did not reach both stages' },
      )
      await first.kill()
      killedAt = Date.now()
      await lock.query('rollback')
      isLocked = false
    } finally {
      if (isLocked) await lock.query('rollback').catch(() => undefined)
      lock.release()
    }
    expect((await findAsset(queuedId)).status).toBe('queued')
    expect((await findJobs(queuedId)).map((job) => job.processing)).toEqual([false])

    await startWorker()
    const spawnedAt = Date.now()
    const video = await expectRecoveredVideo(generatingId)
    console.info(`generating kill: ready ${describeRecovery({ asset: video, killedAt, spawnedAt })}`)
    // The interrupted call counts as an attempt; the provider was asked again.
    expect(video.attempts).toBe(2)
    expect(creates()).toHaveLength(2)

    await editorEvents.waitFor((event) => String(event.data.id) === String(queuedId) && isSettled(event.data))
    await waitForIdleQueue()
    const image = await findAsset(queuedId)
    console.info(`queued kill: ready ${describeRecovery({ asset: image, killedAt, spawnedAt })}`)
    expect(image).toMatchObject({ attempts: 1, error: null, leaseOwner: null, status: 'ready' })
    expect(terminalEvents(queuedId)).toHaveLength(1)
    expect(keysOf(await listKeys(), queuedId).main).toEqual([objectKeyOf(image)])
  })
})
