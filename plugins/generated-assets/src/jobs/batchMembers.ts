import type { Payload, PayloadRequest } from 'payload'

import { createLocalReq } from 'payload'

import type { ResolvedGeneratedAssetsPluginOptions } from '../types.js'
import type { GenerationOutput } from './types.js'

import { createLeaseOwner } from '../worker/claimNextJob.js'
import { claimAsset, readStoredStatus, renewAssetLease } from './claimAsset.js'
import { ingestOutput } from './ingestOutput.js'
import { queueGeneration } from './queueGeneration.js'
import { setAssetStatus } from './setAssetStatus.js'

/** Seconds a variation handed back waits before its own job makes it alone. */
const HAND_BACK_DELAY = 2

type Asset = Record<string, unknown> & { id: number | string }

/** A variation that the step of its batch's first asset makes in the same model call. */
export type BatchMember = {
  asset: Asset
  lease: {
    collectionSlug: string
    id: number | string
    leaseSeconds: number
    owner: string
    payload: Payload
  }
}

/**
 * Takes the leases of the variations that follow `asset` in its batch (`batchIndex` + 1, + 2, …,
 * up to `max` of them, stopping at the first that is not `queued`, already held, or missing), so
 * that one model call makes them all: the call's images are the leader's and then theirs, in
 * `batchIndex` order. Each taken variation is set `generating` (one more attempt). Answers them
 * in order; none for an asset that is not in a batch.
 */
export const claimBatchMembers = async ({
  asset,
  max,
  options,
  req,
}: {
  asset: Asset
  max: number
  options: ResolvedGeneratedAssetsPluginOptions
  req: PayloadRequest
}): Promise<BatchMember[]> => {
  const { payload } = req
  if (!asset.batch || max < 1 || typeof asset.batchIndex !== 'number') return []
  const first = asset.batchIndex + 1
  const { docs } = await payload.find({
    collection: options.collectionSlug,
    depth: 0,
    limit: max,
    overrideAccess: true,
    pagination: false,
    req,
    sort: 'batchIndex',
    trash: true,
    where: {
      and: [
        { batch: { equals: asset.batch } },
        { batchIndex: { greater_than_equal: first } },
        { batchIndex: { less_than: first + max } },
      ],
    },
  })
  // The leases in batch order (one short statement each), so the call's images stay contiguous.
  const claimed: BatchMember[] = []
  for (const [offset, doc] of (docs as Asset[]).entries()) {
    if (doc.batchIndex !== first + offset || doc.status !== 'queued' || doc.operation || doc.sourceUrl) break
    const lease = {
      collectionSlug: options.collectionSlug,
      id: doc.id,
      leaseSeconds: options.leaseTimeout,
      owner: createLeaseOwner(),
      payload,
    }
    if (!(await claimAsset(lease))) break
    claimed.push({ asset: doc, lease })
  }
  // Then the `generating` writes side by side, each through a request of its own (a Payload
  // operation keeps its transaction on its request).
  const isSet = await Promise.all(
    claimed.map(async ({ asset: doc, lease }) =>
      setAssetStatus({
        collectionSlug: options.collectionSlug,
        data: { attempts: ((doc.attempts as number | undefined) ?? 0) + 1, error: null, errorCode: null },
        id: doc.id,
        lease: { owner: lease.owner, seconds: lease.leaseSeconds },
        req: await createLocalReq({ context: { ...req.context } }, payload),
        status: 'generating',
      }),
    ),
  )
  // A variation whose write did not happen (its lease was lost) ends the run of members; those
  // after it go back to their own jobs.
  const taken = isSet.includes(false) ? isSet.indexOf(false) : claimed.length
  const members = claimed.slice(0, taken)
  const rest = claimed.slice(taken).filter((_, index) => isSet[taken + index])
  if (rest.length) await handBackBatchMembers({ members: rest, options, req })
  return members
}

/** Renews every member's lease (the step's heartbeat). */
export const renewBatchMembers = async (members: BatchMember[]): Promise<void> => {
  await Promise.all(members.map((member) => renewAssetLease(member.lease).catch(() => false)))
}

/**
 * Gives variations back to their own jobs: each still held is set `queued` again, its lease
 * released, and its job queued to run in 2 s (or after `delaySeconds`), so it is made alone.
 * Used when the shared call failed or a variation's output could not be stored. Never throws.
 */
export const handBackBatchMembers = async ({
  delaySeconds = HAND_BACK_DELAY,
  members,
  options,
  req,
}: {
  delaySeconds?: number
  members: BatchMember[]
  options: ResolvedGeneratedAssetsPluginOptions
  req: PayloadRequest
}): Promise<void> => {
  const { payload } = req
  for (const member of members) {
    try {
      if (!(await renewAssetLease(member.lease))) continue
      await payload.update({
        collection: options.collectionSlug,
        data: { leaseExpiresAt: null, leaseOwner: null, status: 'queued' },
        depth: 0,
        id: member.asset.id,
        overrideAccess: true,
        req,
        trash: true,
      })
      await queueGeneration({
        assetId: member.asset.id,
        options,
        req,
        waitUntil: new Date(Date.now() + delaySeconds * 1000),
      })
    } catch (err) {
      payload.logger.warn({ err, msg: `generated-assets: could not hand variation ${member.asset.id} back to its job` })
    }
  }
}

/**
 * Stores each member's output of the shared call (`outputs[k]` for `members[k]`) as its file,
 * side by side, each through a request of its own and under its own lease, and marks it `ready`
 * ({@link ingestOutput}). A member whose output is missing or cannot be stored is handed back to
 * its own job ({@link handBackBatchMembers}); the others are unaffected. Never throws.
 */
export const ingestBatchMembers = async ({
  call,
  members,
  options,
  outputs,
  req,
  timeoutMs,
}: {
  /** What the shared call recorded, written on every member. */
  call: { inferenceTime: null | number; provider: string; warnings: unknown[] | null }
  members: BatchMember[]
  options: ResolvedGeneratedAssetsPluginOptions
  outputs: GenerationOutput[]
  req: PayloadRequest
  timeoutMs: number
}): Promise<void> => {
  const { payload } = req
  await Promise.all(
    members.map(async (member, index) => {
      const output = outputs[index]
      const memberReq = await createLocalReq({ context: { ...req.context } }, payload)
      const confirmLease = async () => {
        if (!(await renewAssetLease(member.lease))) {
          throw new Error(`generated-assets: another worker took variation ${member.asset.id} over`)
        }
      }
      try {
        if (!output) throw new Error('the model returned fewer images than asked for')
        const isSet = await setAssetStatus({
          collectionSlug: options.collectionSlug,
          data: { error: null, errorCode: null, ...call, previewUrl: null, usage: null },
          id: member.asset.id,
          lease: { owner: member.lease.owner, seconds: member.lease.leaseSeconds },
          req: memberReq,
          status: 'ingesting',
        })
        if (!isSet) return
        await ingestOutput({ asset: member.asset as never, confirmLease, options, output, req: memberReq, timeoutMs })
        const stored = await readStoredStatus({ collectionSlug: options.collectionSlug, id: member.asset.id, payload })
        if (stored !== undefined && stored !== null && stored !== 'ready') {
          throw new Error(`the database did not keep variation ${member.asset.id} ready`)
        }
      } catch (err) {
        payload.logger.warn({ err, msg: `generated-assets: variation ${member.asset.id} is made by its own job` })
        await handBackBatchMembers({ members: [member], options, req: memberReq })
      }
    }),
  )
}
