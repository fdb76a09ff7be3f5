import type { Payload, Where } from 'payload'

import { randomUUID } from 'node:crypto'

import { GENERATE_TASK_SLUG } from '../defaults.js'
import { claimAsset, renewAssetLease } from '../jobs/claimAsset.js'

/** Identifies this process in asset leases. */
const PROCESS_ID = `${process.pid}-${randomUUID().slice(0, 8)}`

/** A new lease owner: one per step, not per process, so two lanes of one worker never share a lease. */
export const createLeaseOwner = (): string => `${PROCESS_ID}-${randomUUID().slice(0, 8)}`

/**
 * Leases taken by {@link claimNextJob} for the job it answered, by job id: the task handler of
 * that job, in this process, continues with the same lease instead of claiming it again.
 */
const preclaimedLeases = new Map<string, { collectionSlug: string; owner: string }>()

/** The lease {@link claimNextJob} took for `jobId` in this process, once; `undefined` otherwise. */
export const takePreclaimedLease = ({ jobId }: { jobId: number | string | undefined }) => {
  if (jobId === undefined) return undefined
  const lease = preclaimedLeases.get(String(jobId))
  preclaimedLeases.delete(String(jobId))
  return lease
}

/** How many runnable jobs one look considers. */
const CANDIDATES = 10

/** Payload's own definition of a runnable job (`runJobs`): not completed, not failed, not running, due. */
const getRunnableWhere = ({ queue }: { queue: string }): Where => ({
  and: [
    { queue: { equals: queue } },
    { completedAt: { exists: false } },
    { hasError: { not_equals: true } },
    { processing: { equals: false } },
    { or: [{ waitUntil: { exists: false } }, { waitUntil: { less_than: new Date().toISOString() } }] },
  ],
})

/**
 * Finds the next job of `queue` this worker may run, oldest first, and makes sure no other
 * worker runs it at the same time. Payload's own claim (`jobs.run`: find, then update) lets two
 * workers take one job; a generation job is therefore taken through its asset's lease
 * ({@link claimAsset}, atomic on every adapter the plugin supports): only the worker that holds
 * it runs the job, which it then starts with Payload's `jobs.runByID`. The job is looked at again
 * once the lease is held, so one that another worker has just run is not run twice. A job whose
 * asset is finished or gone is removed without running (it has nothing to do). Other tasks of the queue
 * (the trash purge) are answered as they are: they are safe to run twice.
 *
 * Answers the job's id and, for a generation, the lease owner now holding its asset
 * (see {@link takePreclaimedLease}), or `null` when nothing is runnable.
 */
export const claimNextJob = async ({
  collectionSlug,
  leaseSeconds,
  payload,
  queue,
}: {
  collectionSlug: string
  leaseSeconds: number
  payload: Payload
  queue: string
}): Promise<null | { id: number | string }> => {
  const { docs } = await payload.find({
    collection: 'payload-jobs',
    depth: 0,
    limit: CANDIDATES,
    overrideAccess: true,
    pagination: false,
    select: { input: true, taskSlug: true },
    sort: 'createdAt',
    where: getRunnableWhere({ queue }),
  })
  for (const job of docs as { id: number | string; input?: { assetId?: string }; taskSlug?: string }[]) {
    const assetId = job.input?.assetId
    if (job.taskSlug !== GENERATE_TASK_SLUG || !assetId) return { id: job.id }
    const owner = createLeaseOwner()
    const lease = { collectionSlug, id: assetId, leaseSeconds, owner, payload }
    if (!(await claimAsset(lease))) {
      const asset = await payload.db.findOne<{ id: number | string; status?: string }>({
        collection: collectionSlug,
        select: { status: true },
        where: { id: { equals: assetId } },
      })
      // Held by another worker's step: that asset's turn comes when the lease is given back.
      if (asset && asset.status !== 'ready' && asset.status !== 'failed') continue
      // Finished or gone: the job has nothing left to do (a variation's fallback job after its
      // batch made it, a duplicate). Removed, not run: two lanes running one job at once make
      // Payload's runner fail on the row the other deleted ("Cannot read properties of null").
      await payload.db
        .deleteMany({
          collection: 'payload-jobs',
          where: { and: [{ id: { equals: job.id } }, { processing: { equals: false } }] },
        })
        .catch(() => undefined)
      continue
    }
    const stillRunnable = await payload.db.findOne({
      collection: 'payload-jobs',
      where: { and: [{ id: { equals: job.id } }, getRunnableWhere({ queue })] },
    })
    if (!stillRunnable) {
      await renewAssetLease({ ...lease, leaseSeconds: 0 })
      continue
    }
    preclaimedLeases.set(String(job.id), { collectionSlug, owner })
    return { id: job.id }
  }
  return null
}
