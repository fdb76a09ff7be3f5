import type { PayloadRequest } from 'payload'

import { randomInt } from 'node:crypto'
import pRetry from 'p-retry'
import { createLocalReq } from 'payload'

import type { ResolvedGeneratedAssetsPluginOptions } from '../types.js'
import type { StoredOperation } from './types.js'

import { getMaxImagesPerCall } from '../utilities/getMaxImagesPerCall.js'
import type { BatchMember } from './batchMembers.js'
import { claimBatchMembers, handBackBatchMembers, ingestBatchMembers, renewBatchMembers } from './batchMembers.js'
import { claimAsset, readStoredStatus, renewAssetLease, touchJob } from './claimAsset.js'
import { callModel } from './callModel.js'
import { englishFailure, englishRetrying } from '../translations/failureMessages.js'
import { classifyError } from './classifyError.js'
import { ingestOutput } from './ingestOutput.js'
import { loadSourceFiles } from './loadSourceFiles.js'
import { queueGeneration } from './queueGeneration.js'
import { setAssetStatus } from './setAssetStatus.js'
import { createLeaseOwner, takePreclaimedLease } from '../worker/claimNextJob.js'

/** Seconds before the first poll of a video operation; later polls back off ×1.5 up to 30 s. */
const FIRST_POLL_DELAY = 0.5
const MAX_POLL_DELAY = 30
/** Seconds of back-off before the first retry of a retryable failure; doubled each attempt. */
const RETRY_BASE_DELAY = 1

/** "Generation timed out after 15 minutes." (or seconds, below a minute), in English as stored. */
const describeTimeLimit = (seconds: number): string =>
  seconds < 60
    ? englishFailure('generatedAssets:failureTimedOutSeconds', { count: seconds })
    : englishFailure('generatedAssets:failureTimedOutMinutes', { count: Math.round(seconds / 60) })

/** Seconds a step waits for an unreachable database to say whether its last write was kept. */
const CONFIRM_TIMEOUT = 30

/** This step no longer holds its asset's lease: another worker took the asset over. */
class LeaseLostError extends Error {}

/**
 * A status write that the Local API reported done but the database did not keep. Payload's
 * Postgres adapter swallows a failed `COMMIT` (`@payloadcms/drizzle` `commitTransaction`; open fix:
 * payloadcms/payload#17726), so a
 * database that restarts while a write commits loses it silently. The step fails (Payload's job
 * retry, the stale-job reaper or the orphaned-asset rescue runs it again) instead of reporting a
 * status the asset does not have.
 */
class LostWriteError extends Error {}

/**
 * Runs one step of an asset's generation. Every step is short and resumable, so
 * no worker blocks for minutes and any worker can take over:
 * - `queued` → `generating`: the model is called through the AI SDK. An image model answers at
 *   once; a video model's operation is stored on the asset and polled by later runs (queued with
 *   `waitUntil`, back-off 0.5 s × 1.5ⁿ up to 30 s).
 * - `ingesting`: the output is stored ({@link ingestOutput}); then `ready`.
 * - variations (`batch`): an image model that makes several images per call makes the queued
 *   variations that follow this one in the same call ({@link claimBatchMembers}); each is stored
 *   under its own lease, or handed back to its own job when that fails.
 * - failures: retryable ones are re-queued with exponential back-off while `attempts` <
 *   `maxAttempts`; others, and running past `timeLimit`, mark the asset `failed`.
 *
 * The asset's lease ({@link claimAsset}) makes each step run in one worker at a time; a heartbeat
 * renews it while the step runs. A finished or held asset is left alone. Every write first
 * confirms the lease (renewing it): a worker that could not renew it in time (frozen, or cut off
 * from the database) and was taken over writes nothing when it carries on, and ends `skipped`.
 *
 * The step makes its own Local API request rather than using the job's `req`: Payload runs a
 * pass's jobs side by side on one shared request (only its `transactionID` is isolated), and
 * the Local API keeps per-call state on the request (`req.file`, `req.payloadUploadSizes`,
 * `req.query`), so two ingests at once would store one asset's file on the other.
 */
export const runGeneration = async ({
  assetId,
  jobId,
  options,
  req: jobReq,
}: {
  assetId: number | string
  /** The running job, whose `updatedAt` the heartbeat keeps fresh so the reaper leaves it alone. */
  jobId?: number | string
  options: ResolvedGeneratedAssetsPluginOptions
  /** The job's request: only its `payload` and `context` are used. */
  req: PayloadRequest
}): Promise<{ status: string }> => {
  const { payload } = jobReq
  const req = await createLocalReq({ context: { ...jobReq.context } }, payload)
  const collection = options.collectionSlug
  const leaseArgs = {
    collectionSlug: collection,
    id: assetId,
    leaseSeconds: options.leaseTimeout,
    // The lease the worker took to pick this job, else a new owner (a job run by Payload's own runner).
    owner: takePreclaimedLease({ jobId })?.owner ?? createLeaseOwner(),
    payload,
  }
  if (!(await claimAsset(leaseArgs))) {
    return { status: 'skipped' }
  }
  /** Variations of the asset's batch that this step makes in the same model call. */
  let members: BatchMember[] = []
  const heartbeat = setInterval(
    () => {
      void renewAssetLease(leaseArgs).catch(() => undefined)
      if (members.length) void renewBatchMembers(members)
      if (jobId !== undefined) void touchJob({ id: jobId, payload }).catch(() => undefined)
    },
    Math.max(1000, (options.leaseTimeout * 1000) / 3),
  )
  const confirmLease = async () => {
    if (!(await renewAssetLease(leaseArgs))) {
      throw new LeaseLostError(`generated-assets: another worker took asset ${assetId} over`)
    }
  }
  /**
   * Throws {@link LostWriteError} when the asset's stored status is not `status` (and the asset
   * exists). A database that cannot be reached (restarting) is asked again with back-off for up
   * to {@link CONFIRM_TIMEOUT} seconds, so that a write that did commit is reported as done; past
   * that, the read's error is thrown and the step runs again.
   */
  const confirmStored = async (status: string) => {
    const stored = await pRetry(() => readStoredStatus({ collectionSlug: collection, id: assetId, payload }), {
      factor: 2,
      maxRetryTime: CONFIRM_TIMEOUT * 1000,
      maxTimeout: 2000,
      minTimeout: 100,
      retries: 20,
    })
    if (stored !== undefined && stored !== null && stored !== status) {
      throw new LostWriteError(
        `generated-assets: the database did not keep asset ${assetId} ${status} (it is ${stored}); the step runs again`,
      )
    }
  }
  const update = async (data: Record<string, unknown>) => {
    await confirmLease()
    const doc = await payload.update({ collection, data, depth: 0, id: assetId, overrideAccess: true, req, trash: true })
    if (typeof data.status === 'string') await confirmStored(data.status)
    return doc
  }
  // Fenced in the statement itself: it writes only while this step holds the lease (and renews it).
  const setStatus = async (status: 'generating' | 'ingesting', data: Parameters<typeof setAssetStatus>[0]['data']) => {
    const updated = await setAssetStatus({
      collectionSlug: collection,
      data,
      id: assetId,
      lease: { owner: leaseArgs.owner, seconds: options.leaseTimeout },
      req,
      status,
    })
    if (!updated) throw new LeaseLostError(`generated-assets: another worker took asset ${assetId} over`)
  }
  try {
    const asset = await payload.findByID({ collection, depth: 0, id: assetId, overrideAccess: true, req, trash: true })
    if (asset.status === 'ready' || asset.status === 'failed') {
      return { status: asset.status as string }
    }
    const entry = options.models[asset.model as string]
    const queuedAt = new Date((asset.queuedAt as string | undefined) ?? (asset.createdAt as string)).getTime()
    const timedOut = {
      error: describeTimeLimit(options.timeLimit),
      errorCode: 'timed_out',
      operation: null,
      status: 'failed',
    }
    const remaining = options.timeLimit * 1000 - (Date.now() - queuedAt)
    if (remaining <= 0) {
      await update(timedOut)
      return { status: 'failed' }
    }
    const sourceUrl = asset.sourceUrl as null | string | undefined
    if (!entry && !sourceUrl) {
      await update({
        error: englishFailure('generatedAssets:failureUnknownModel', { model: String(asset.model) }),
        errorCode: 'unknown_model',
        status: 'failed',
      })
      return { status: 'failed' }
    }
    const storedOperation = (asset.operation as null | StoredOperation | undefined) ?? null
    const attempts = ((asset.attempts as number | undefined) ?? 0) + (storedOperation ? 0 : 1)
    const params = { ...entry?.defaults, ...(asset.params as Record<string, unknown> | null) } as Record<string, any>
    const seed: number =
      typeof params.seed === 'number' ? params.seed : ((asset.seed as null | number) ?? randomInt(0, 2 ** 31 - 1))
    let membersDone: Promise<void> | undefined

    try {
      // An import (POST /ingest) has no model call: its URL is the output.
      if (sourceUrl) {
        await setStatus('ingesting', { attempts, error: null, errorCode: null })
        await ingestOutput({
          asset: asset as never,
          confirmLease,
          options,
          output: { type: 'url', url: sourceUrl },
          req,
          timeoutMs: remaining,
        })
        await confirmStored('ready')
        return { status: 'ready' }
      }
      if (!storedOperation) {
        await setStatus('generating', { attempts, error: null, errorCode: null, seed })
      }
      // Source images are sent when a call starts; polls of a running operation need none.
      const files = storedOperation
        ? []
        : await loadSourceFiles({
            collectionSlug: collection,
            maxBytes: options.maxImageBytes,
            req,
            sources: asset.sources,
          })
      // Variations that one call can make come along (the images after the first are theirs).
      if (!storedOperation && asset.batch) {
        const perCall = await getMaxImagesPerCall(entry!)
        if (perCall > 1) members = await claimBatchMembers({ asset, max: perCall - 1, options, req })
      }
      // A provider that never answers is cut off at the time limit, not held for the HTTP client's own timeout.
      const result = await callModel({
        abortSignal: AbortSignal.timeout(remaining),
        entry: entry!,
        files,
        n: 1 + members.length,
        params,
        prompt: asset.prompt as string,
        seed,
        storedOperation,
      })
      if (result.status === 'pending') {
        const pollCount = storedOperation ? ((asset.pollCount as number | undefined) ?? 0) + 1 : 0
        const operation: StoredOperation = storedOperation ?? {
          operation: result.operation,
          startedAt: new Date().toISOString(),
        }
        await update({
          operation,
          pollCount,
          ...(storedOperation
            ? { error: null, errorCode: null, status: 'generating' }
            : { warnings: result.warnings.length ? result.warnings : null }),
        })
        const delay = Math.min(FIRST_POLL_DELAY * 1.5 ** pollCount, MAX_POLL_DELAY)
        await queueGeneration({ assetId, options, req, waitUntil: new Date(Date.now() + delay * 1000) })
        return { status: 'generating' }
      }
      const warnings = [...((storedOperation && (asset.warnings as unknown[] | null)) || []), ...result.warnings]
      if (members.length) {
        membersDone = ingestBatchMembers({
          call: {
            inferenceTime: result.inferenceTime ?? null,
            provider: entry!.model.provider,
            warnings: result.warnings.length ? result.warnings : null,
          },
          members,
          options,
          outputs: result.outputs?.slice(1) ?? [],
          req,
          timeoutMs: options.timeLimit * 1000 - (Date.now() - queuedAt),
        })
      }
      await setStatus('ingesting', {
        error: null,
        errorCode: null,
        inferenceTime: result.inferenceTime ?? null,
        previewUrl: result.output.type === 'url' ? result.output.url : null,
        provider: entry!.model.provider,
        usage: result.usage ?? null,
        warnings: warnings.length ? warnings : null,
      })
      await ingestOutput({
        asset: asset as never,
        confirmLease,
        options,
        output: result.output,
        req,
        timeoutMs: options.timeLimit * 1000 - (Date.now() - queuedAt),
      })
      await membersDone
      await confirmStored('ready')
      return { status: 'ready' }
    } catch (error) {
      // Variations of a shared call: stored on their own, or back to their own jobs if the call failed.
      if (membersDone) await membersDone
      else if (members.length) await handBackBatchMembers({ members, options, req })
      if (error instanceof LeaseLostError || error instanceof LostWriteError) throw error
      if (Date.now() - queuedAt >= options.timeLimit * 1000) {
        await update(timedOut)
        return { status: 'failed' }
      }
      const classified = classifyError(error)
      // A failed poll is a failed attempt too (the poll itself counted none), so a provider that
      // keeps failing its status checks ends after maxAttempts rather than at the time limit.
      const usedAttempts = storedOperation ? attempts + 1 : attempts
      if (classified.isRetryable && usedAttempts < options.maxAttempts) {
        const delay = RETRY_BASE_DELAY * 2 ** (usedAttempts - 1)
        payload.logger.warn({
          err: error,
          msg: `generated-assets: attempt ${usedAttempts} of ${assetId} failed; retrying in ${delay} s`,
        })
        await update({
          attempts: usedAttempts,
          error: englishRetrying(classified.message),
          errorCode: classified.code,
          // The provider's operation is still running: keep polling it rather than paying for a new one.
          operation: storedOperation,
          status: storedOperation ? 'generating' : 'queued',
        })
        await queueGeneration({ assetId, options, req, waitUntil: new Date(Date.now() + delay * 1000) })
        return { status: 'queued' }
      }
      payload.logger.error({ err: error, msg: `generated-assets: generation of ${assetId} failed` })
      await update({
        // A provider's own verdict on a running task ends that attempt; it is not another one.
        attempts: classified.isRetryable ? usedAttempts : attempts,
        error: classified.message,
        errorCode: classified.code,
        operation: null,
        status: 'failed',
      })
      await payload
        .delete({
          collection: options.posterCollectionSlug,
          overrideAccess: true,
          req,
          where: { asset: { equals: assetId } },
        })
        .catch(() => undefined)
      return { status: 'failed' }
    }
  } catch (error) {
    if (!(error instanceof LeaseLostError)) throw error
    payload.logger.warn({ err: error, msg: `${error.message} while this worker was still running a step of it` })
    return { status: 'skipped' }
  } finally {
    clearInterval(heartbeat)
    await renewAssetLease({ ...leaseArgs, leaseSeconds: 0 }).catch(() => undefined)
  }
}
