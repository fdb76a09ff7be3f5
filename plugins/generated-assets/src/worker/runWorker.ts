import type { Payload } from 'payload'

import { createLocalReq } from 'payload'

import { getDatabaseKind } from '../adapters/getDatabaseKind.js'
import { listenForNotifications } from '../adapters/postgres/listenForNotifications.js'
import { DEFAULT_QUEUE, GENERATE_TASK_SLUG, JOBS_NOTIFY_CHANNEL } from '../defaults.js'
import { claimAsset, renewAssetLease } from '../jobs/claimAsset.js'
import { queueGeneration } from '../jobs/queueGeneration.js'
import { claimNextJob, createLeaseOwner } from './claimNextJob.js'
import { handlePoolErrors } from '../adapters/postgres/handlePoolErrors.js'
import { scheduleDueTasks } from './scheduleDueTasks.js'

/** Options of {@link runWorker}. */
export type RunWorkerOptions = {
  /** Most jobs one pass runs at once. @default 4 */
  concurrency?: number
  /** The initialised Payload instance (`await getPayload({ config })`). */
  payload: Payload
  /**
   * Seconds between polls for runnable jobs when no notification arrives. With Postgres an idle
   * worker is woken by `NOTIFY` the moment a job is queued, and polls every 2 s for retries whose
   * back-off has elapsed; other databases have no such wake-up and are polled every 0.25 s.
   * @default 2 with Postgres, 0.25 otherwise
   */
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
/** Seconds between two polls when no `NOTIFY` can wake a worker (every adapter but Postgres). */
const POLL_INTERVAL_WITHOUT_NOTIFY = 0.25

/** The assets collections of `queue` in this config: `{ slug, leaseTimeout }` each. */
const getQueueCollections = ({ payload, queue }: { payload: Payload; queue: string }) =>
  payload.config.collections.flatMap((collection) => {
    const custom = collection.custom?.[PLUGIN_CUSTOM_KEY] as undefined | { leaseTimeout?: number; queue?: string }
    return custom?.queue === queue ? [{ leaseTimeout: custom.leaseTimeout ?? 30, slug: collection.slug }] : []
  })

/**
 * Queues a job again for each asset of `queue` that is unfinished, has no job left to run, and
 * that no worker holds (its lease is free or expired), once it has been left alone for
 * `staleAfter` seconds. An asset can end up so when it was created without its job (through
 * Payload's REST `create`, or on a database without transactions when queueing failed after the
 * create), when its job was deleted, or when a worker died holding it after its job ended
 * `skipped`. Each asset is queued once, by whichever worker takes its lease ({@link claimAsset}).
 * Answers how many assets were queued.
 */
const requeueOrphanedAssets = async ({
  payload,
  queue,
  staleAfter,
}: {
  payload: Payload
  queue: string
  staleAfter: number
}): Promise<number> => {
  let count = 0
  const now = Date.now()
  for (const { slug } of getQueueCollections({ payload, queue })) {
    const { docs } = await payload.find({
      collection: slug,
      depth: 0,
      limit: 100,
      overrideAccess: true,
      pagination: false,
      select: { status: true },
      sort: 'updatedAt',
      trash: true,
      where: {
        and: [
          { status: { in: ['queued', 'generating', 'ingesting'] } },
          { updatedAt: { less_than: new Date(now - staleAfter * 1000).toISOString() } },
          {
            or: [
              { leaseExpiresAt: { exists: false } },
              { leaseExpiresAt: { less_than: new Date(now).toISOString() } },
            ],
          },
        ],
      },
    })
    for (const { id } of docs as { id: number | string }[]) {
      if (await hasPendingJob({ assetId: id, payload, queue })) continue
      const owner = createLeaseOwner()
      const lease = { collectionSlug: slug, id, leaseSeconds: RESCUE_LEASE_SECONDS, owner, payload }
      if (!(await claimAsset(lease))) continue
      try {
        // Nobody queues a step of an asset without its lease, which this worker now holds: look again, then queue.
        if (await hasPendingJob({ assetId: id, payload, queue })) continue
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

/** Whether `queue` holds a job of the asset that has yet to finish (queued, waiting or running). */
const hasPendingJob = async ({
  assetId,
  payload,
  queue,
}: {
  assetId: number | string
  payload: Payload
  queue: string
}): Promise<boolean> => {
  const { totalDocs } = await payload.count({
    collection: 'payload-jobs',
    overrideAccess: true,
    where: {
      and: [
        { queue: { equals: queue } },
        { taskSlug: { equals: GENERATE_TASK_SLUG } },
        { completedAt: { exists: false } },
        { hasError: { not_equals: true } },
        { 'input.assetId': { equals: String(assetId) } },
      ],
    },
  })
  return totalDocs > 0
}

/**
 * Runs the jobs of `queue` on Payload's Jobs Queue until `signal` aborts, with any database
 * adapter. Each job is picked through its asset's lease ({@link claimNextJob}) and run with
 * `payload.jobs.runByID`, so no two workers run one job. With Postgres an idle worker `LISTEN`s on
 * a channel that the `generate` endpoint notifies after its transaction commits, so it starts a
 * queued job at once; every worker also polls every `pollInterval` seconds, which picks up
 * retries whose back-off has elapsed and is the only wake-up on other databases.
 *
 * Jobs that a crashed worker left `processing` (Payload leaves them so forever) are made
 * runnable again after `staleJobTimeout` seconds without a heartbeat; the asset lease keeps a
 * step from running twice at once. Unfinished assets left with no job at all (created without
 * one, or whose job ended `skipped` while a now dead worker held them) are queued again once
 * they have been left alone for `staleJobTimeout` seconds and no worker holds them.
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
  pollInterval: pollIntervalOption,
  queue = DEFAULT_QUEUE,
  signal,
  staleJobTimeout = 60,
}: RunWorkerOptions): Promise<void> => {
  handlePoolErrors({ payload })
  const hasNotify = getDatabaseKind({ payload }) === 'postgres'
  const pollInterval = pollIntervalOption ?? (hasNotify ? 2 : POLL_INTERVAL_WITHOUT_NOTIFY)
  const [assetsCollection] = getQueueCollections({ payload, queue })
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
    const requeued = await requeueOrphanedAssets({ payload, queue, staleAfter: staleJobTimeout })
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

  const listener = hasNotify
    ? listenForNotifications({
        channel: JOBS_NOTIFY_CHANNEL,
        onPayload: (message) => {
          if (message === queue) wakeUp()
        },
        payload,
      })
    : undefined

  // `concurrency` independent lanes, each running one job at a time: a slow job (a long download,
  // a hung provider) holds only its own lane, never the others' free slots.
  const lane = async () => {
    while (!signal?.aborted) {
      const lookedAt = Date.now()
      let didRunJob = false
      try {
        await reapStaleJobs()
        const job = assetsCollection
          ? await claimNextJob({
              collectionSlug: assetsCollection.slug,
              leaseSeconds: assetsCollection.leaseTimeout,
              payload,
              queue,
            })
          : null
        if (job) {
          // There may be more: let another lane look while this one runs its job.
          wakeUp()
          await payload.jobs.runByID({ id: job.id, overrideAccess: true, silent: { info: true } })
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
    listener?.close()
  }
}
