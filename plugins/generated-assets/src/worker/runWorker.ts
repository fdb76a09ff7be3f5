import type { Payload } from 'payload'

import { randomUUID } from 'node:crypto'
import { createLocalReq } from 'payload'

import { DEFAULT_QUEUE, JOBS_NOTIFY_CHANNEL } from '../defaults.js'
import { claimNextJob } from './claimNextJob.js'
import { handlePoolErrors } from './handlePoolErrors.js'
import { scheduleDueTasks } from './scheduleDueTasks.js'
import { claimAsset, renewAssetLease } from '../jobs/claimAsset.js'
import { queueGeneration } from '../jobs/queueGeneration.js'
import { getPostgresPool, getTableName } from '../utilities/getPostgres.js'

/** Options of {@link runWorker}. */
export type RunWorkerOptions = {
  /** Most jobs one pass runs at once. @default 4 */
  concurrency?: number
  /** The initialised Payload instance (`await getPayload({ config })`). */
  payload: Payload
  /** Seconds between polls when no notification arrives (the fallback path). @default 2 */
  pollInterval?: number
  /** Queue to run. @default 'generated-assets' */
  queue?: string
  /**
   * Seconds after which a job still marked `processing` without a heartbeat is considered
   * abandoned by a crashed worker and made runnable again (Payload itself never does this).
   * Use twice the plugin's `leaseTimeout`. @default 60
   */
  staleJobTimeout?: number
  /** Stops the worker; the promise resolves once the current pass has finished. */
  signal?: AbortSignal
}

/** Where the plugin's collection config records its queue (`custom['plugin-generated-assets'].queue`). */
const PLUGIN_CUSTOM_KEY = 'plugin-generated-assets'
/** Seconds between two checks for due scheduled tasks (Payload's autoRun checks once a minute by default). */
const SCHEDULE_CHECK_INTERVAL = 10
/** Seconds a rescuing worker holds an orphaned asset while it queues its job. */
const RESCUE_LEASE_SECONDS = 30

/**
 * Queues a job again for each asset of `queue` that is unfinished, has no job left to run, and
 * whose lease a worker took and never gave back (it died holding it) and has expired. The lease
 * keeps a step from running twice, but a job that finds the asset leased ends `skipped`; when the
 * holder then dies, nothing would run the asset again. That happens when Payload's non-atomic
 * claim hands one job to two workers and the one holding the asset is killed, or when the reaper
 * frees a job before its dead holder's lease expires (`staleJobTimeout` not above `leaseTimeout`).
 * Assets never leased (e.g. created through REST without the generate route) are left alone.
 * Each asset is queued once, by whichever worker takes its lease ({@link claimAsset}). Postgres
 * only (no-op elsewhere). Answers how many assets were queued.
 */
const requeueOrphanedAssets = async ({ payload, queue }: { payload: Payload; queue: string }): Promise<number> => {
  const pool = getPostgresPool({ payload })
  if (!pool) return 0
  const jobs = getTableName({ payload, slug: 'payload-jobs' })
  const owner = `rescue-${process.pid}-${randomUUID().slice(0, 8)}`
  let count = 0
  for (const collection of payload.config.collections) {
    if ((collection.custom?.[PLUGIN_CUSTOM_KEY] as undefined | { queue?: string })?.queue !== queue) continue
    const table = getTableName({ payload, slug: collection.slug })
    const hasNoJob = `a.status in ('queued', 'generating', 'ingesting') and not exists (
      select 1 from ${jobs} j where j.queue = $1 and j.completed_at is null and j.has_error is not true
        and j.input ->> 'assetId' = a.id::text)`
    const { rows } = await pool.query(
      `select a.id from ${table} a
       where a.lease_owner is not null and a.lease_expires_at < now() and ${hasNoJob} order by a.id limit 100`,
      [queue],
    )
    for (const { id } of rows as { id: number | string }[]) {
      const lease = { collectionSlug: collection.slug, id, leaseSeconds: RESCUE_LEASE_SECONDS, owner, payload }
      if (!(await claimAsset(lease))) continue
      try {
        // Nobody queues a step of an asset without its lease, which this worker now holds: look again, then queue.
        const again = await pool.query(`select a.id from ${table} a where a.id = $2 and ${hasNoJob}`, [queue, id])
        if (!again.rowCount) continue
        const req = await createLocalReq({}, payload)
        await queueGeneration({ assetId: id, options: { queue }, req })
        count += 1
      } finally {
        await renewAssetLease({ ...lease, leaseSeconds: 0 })
      }
    }
  }
  return count
}

type ListenClient = {
  on: (event: 'error' | 'notification', listener: (value: any) => void) => void
  query: (text: string) => Promise<unknown>
  release: (error?: boolean | Error) => void
}

/**
 * Runs generation jobs until `signal` aborts. With the Postgres adapter the worker `LISTEN`s
 * on a channel that the `generate` endpoint notifies after its transaction commits, so an idle
 * worker starts a queued job at once; it also polls every `pollInterval` seconds, which picks up
 * retries whose back-off has elapsed and works with any database adapter.
 *
 * Jobs that a crashed worker left `processing` (Payload leaves them so forever) are made
 * runnable again after `staleJobTimeout` seconds without a heartbeat; the asset lease keeps a
 * step from running twice at once. Unfinished assets left with no job at all (their job ended
 * `skipped` while a now dead worker held them) are queued again once their lease expires.
 *
 * Tasks of the queue with a `schedule` (the plugin's trash purge) are queued when due, checked
 * every 10 seconds beside the lanes, so no `autoRun` is needed.
 *
 * Several workers may run at once, in one process or many (`npm run worker`). A database restart
 * does not end the process: the failed connections are logged and replaced.
 */
export const runWorker = async ({
  concurrency = 4,
  payload,
  pollInterval = 2,
  queue = DEFAULT_QUEUE,
  signal,
  staleJobTimeout = 60,
}: RunWorkerOptions): Promise<void> => {
  handlePoolErrors({ payload })
  // Time of the last wake-up (a NOTIFY, a reaped job, the abort): a lane that started looking for
  // work before it looks again instead of sleeping, so no wake-up is lost.
  let wokenAt = 0
  const sleepers = new Set<() => void>()
  /**
   * Wakes one sleeping lane: a NOTIFY says one job was queued, so one lane looks (four lanes
   * that all looked for one job cost four claim queries). A lane that takes a job wakes the next,
   * so a burst of jobs still spreads over every lane.
   */
  const wakeUp = () => {
    wokenAt = Date.now()
    const [first] = sleepers
    first?.()
  }
  const wakeAll = () => {
    wokenAt = Date.now()
    for (const wake of [...sleepers]) wake()
  }
  signal?.addEventListener('abort', wakeAll)

  let lastReapAt = 0
  const reapStaleJobs = async () => {
    if (Date.now() - lastReapAt < (staleJobTimeout * 1000) / 4) return
    lastReapAt = Date.now()
    const { docs } = await payload.update({
      collection: 'payload-jobs',
      data: { processing: false },
      depth: 0,
      overrideAccess: true,
      where: {
        and: [
          { queue: { equals: queue } },
          { processing: { equals: true } },
          { completedAt: { exists: false } },
          { updatedAt: { less_than: new Date(Date.now() - staleJobTimeout * 1000).toISOString() } },
        ],
      },
    })
    if (docs.length) {
      payload.logger.warn(`generated-assets worker: ${docs.length} abandoned job(s) made runnable again`)
      wakeUp()
    }
    const requeued = await requeueOrphanedAssets({ payload, queue })
    if (requeued) {
      payload.logger.warn(`generated-assets worker: ${requeued} asset(s) left without a job queued again`)
      wakeUp()
    }
  }

  // Scheduled tasks (the trash purge) are queued by the workers themselves, as Payload's autoRun
  // would, in a loop of their own beside the lanes: checking never delays a lane's next claim.
  const scheduleTasks = async () => {
    while (!signal?.aborted) {
      try {
        await scheduleDueTasks({ payload, queue })
      } catch (err) {
        payload.logger.error({ err, msg: 'generated-assets worker: queueing scheduled tasks failed' })
      }
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer)
          signal?.removeEventListener('abort', done)
          resolve()
        }
        const timer = setTimeout(done, SCHEDULE_CHECK_INTERVAL * 1000)
        signal?.addEventListener('abort', done)
      })
    }
  }

  let listenClient: ListenClient | undefined
  const pool = (payload.db as unknown as { pool?: { connect: () => Promise<ListenClient> } }).pool
  if (pool && typeof pool.connect === 'function') {
    try {
      listenClient = await pool.connect()
      listenClient.on('notification', (message: { channel: string; payload?: string }) => {
        if (message.channel === JOBS_NOTIFY_CHANNEL && (!message.payload || message.payload === queue)) {
          wakeUp()
        }
      })
      listenClient.on('error', (err) =>
        payload.logger.warn({ err, msg: 'generated-assets worker: LISTEN connection failed; polling only' }),
      )
      await listenClient.query(`LISTEN ${JOBS_NOTIFY_CHANNEL}`)
    } catch (err) {
      payload.logger.warn({ err, msg: 'generated-assets worker: LISTEN is unavailable; polling only' })
      listenClient?.release(true)
      listenClient = undefined
    }
  }

  // `concurrency` independent lanes, each running one job at a time: a slow job (a long download,
  // a hung provider) holds only its own lane, never the others' free slots.
  const lane = async () => {
    while (!signal?.aborted) {
      const lookedAt = Date.now()
      let didRunJob = false
      try {
        await reapStaleJobs()
        const jobId = await claimNextJob({ payload, queue })
        if (jobId === undefined) {
          // Not Postgres: Payload's own (non-atomic) claim; the asset lease still prevents double runs.
          const result = await payload.jobs.run({ limit: 1, queue, silent: { info: true } })
          didRunJob = Object.keys(result?.jobStatus ?? {}).length > 0
          if (didRunJob) wakeUp()
        } else if (jobId !== null) {
          // There may be more: let another lane look while this one runs its job.
          wakeUp()
          await payload.jobs.runByID({ id: jobId, silent: { info: true } })
          didRunJob = true
        }
      } catch (err) {
        payload.logger.error({ err, msg: 'generated-assets worker: running jobs failed' })
      }
      if (didRunJob || wokenAt >= lookedAt || signal?.aborted) {
        continue
      }
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer)
          sleepers.delete(done)
          resolve()
        }
        const timer = setTimeout(done, pollInterval * 1000)
        sleepers.add(done)
      })
    }
  }

  try {
    await Promise.all([...Array.from({ length: Math.max(1, concurrency) }, () => lane()), scheduleTasks()])
  } finally {
    signal?.removeEventListener('abort', wakeAll)
    if (listenClient) {
      // Close the connection rather than returning a LISTENing one to the pool.
      listenClient.release(true)
    }
  }
}
