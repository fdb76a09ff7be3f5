import type { PayloadRequest } from 'payload'

import { randomInt, randomUUID } from 'node:crypto'
import { commitTransaction, initTransaction, killTransaction } from 'payload'

import type { ResolvedGeneratedAssetsPluginOptions } from '../types.js'

import { QUEUED_BY_PLUGIN } from '../collections/getQueueOnCreateHooks.js'
import { queueGeneration } from '../jobs/queueGeneration.js'
import { enforceGenerationLimits } from '../limits/enforceGenerationLimits.js'
import { withUserGenerationLock } from '../limits/withUserGenerationLock.js'
import { getMaxImagesPerCall } from '../utilities/getMaxImagesPerCall.js'
import { notifyWorkers } from '../utilities/notifyWorkers.js'

/** Seeds are integers from 0 to 2^31 - 1; a batch's seeds count up from its first and wrap. */
const SEED_RANGE = 2 ** 31

/** The assets `createQueuedAssets` made: their ids in batch order, and the batch they share. */
export type QueuedAssets = {
  /** Shared by every variation of one request (`n` > 1); `undefined` for a single asset. */
  batch: string | undefined
  ids: (number | string)[]
}

/**
 * Creates `n` assets with `status: 'queued'` as the request's user and queues a generation task
 * for each, all in one transaction (every asset with its job, or none), then wakes the workers.
 *
 * With `n` > 1 the assets are the variations of one request: they share `batch` (a UUID) and
 * `batchSize`, have `batchIndex` 0 … n-1, and seeds counting up from the request's `params.seed`
 * (or from a random one), one each, stored as `seed`. Variations that one model call can make
 * together (the model's `maxImagesPerCall`) are made by the job of the group's first asset; the
 * others' jobs wait `leaseTimeout` seconds first and then find their asset ready, or make it
 * themselves when that job could not (a crashed worker, a failed call).
 *
 * On a database without transactions (`@payloadcms/db-sqlite` unless `transactionOptions` is
 * set) assets whose jobs could not be queued are deleted again; one left behind by a crash in
 * between is queued by the workers' orphan rescue (`runWorker`).
 *
 * @throws {GenerationLimitError} (429) when the `n` assets would take the user past
 *   `maxActiveGenerations` or `rateLimit`; nothing is created.
 */
export const createQueuedAssets = async ({
  data,
  n = 1,
  options,
  req,
}: {
  data: Record<string, unknown>
  /** Variations to make, 1 or more (checked against `maxVariations` by the caller). */
  n?: number
  options: ResolvedGeneratedAssetsPluginOptions
  req: PayloadRequest
}): Promise<QueuedAssets> => {
  const batch = n > 1 ? randomUUID() : undefined
  const items = Array.from({ length: n }, (_, index) => ({ ...data }))
  if (batch) {
    const params = { ...(data.params as Record<string, unknown> | undefined) }
    const firstSeed = typeof params.seed === 'number' ? params.seed : randomInt(0, SEED_RANGE)
    delete params.seed
    items.forEach((item, index) => {
      Object.assign(item, { batch, batchIndex: index, batchSize: n, params, seed: (firstSeed + index) % SEED_RANGE })
    })
  }
  const entry = options.models[data.model as string]
  const perCall = batch && entry ? await getMaxImagesPerCall(entry) : 1
  const ids = await withUserGenerationLock({
    req,
    run: async () => {
      const shouldCommit = await initTransaction(req)
      const hasTransaction = Boolean(req.transactionID)
      const created: (number | string)[] = []
      try {
        await enforceGenerationLimits({ count: n, options, req })
        const queuedAt = new Date().toISOString()
        for (const item of items) {
          const asset = await req.payload.create({
            collection: options.collectionSlug,
            // Its job is queued below: the hook that queues one for a plain create stays out.
            context: { [QUEUED_BY_PLUGIN]: true },
            data: { ...item, createdBy: req.user!.id, queuedAt, status: 'queued' },
            depth: 0,
            overrideAccess: false,
            req,
            user: req.user,
          })
          created.push(asset.id)
        }
        for (const [index, id] of created.entries()) {
          // The first of each group of `perCall` makes the group; the others' jobs are the fallback.
          const waitUntil = index % perCall ? new Date(Date.now() + options.leaseTimeout * 1000) : undefined
          await queueGeneration({ assetId: id, options, req, waitUntil })
        }
        if (shouldCommit) {
          await commitTransaction(req)
        }
      } catch (error) {
        await killTransaction(req)
        // Without a transaction (db-sqlite's default) the assets were saved on their own: take them back.
        if (!hasTransaction) {
          for (const id of created) {
            await req.payload
              .delete({ collection: options.collectionSlug, id, overrideAccess: true, req, trash: true })
              .catch((err: unknown) =>
                req.payload.logger.error({
                  err,
                  msg: `generated-assets: could not remove asset ${id} after its job failed to queue`,
                }),
              )
          }
        }
        throw error
      }
      return created
    },
  })
  await notifyWorkers({ payload: req.payload, queue: options.queue })
  return { batch, ids }
}

/**
 * One queued asset and its job ({@link createQueuedAssets} with `n` = 1). Answers the new id.
 *
 * @throws {GenerationLimitError} (429) as {@link createQueuedAssets}.
 */
export const createQueuedAsset = async (args: {
  data: Record<string, unknown>
  options: ResolvedGeneratedAssetsPluginOptions
  req: PayloadRequest
}): Promise<number | string> => (await createQueuedAssets({ ...args, n: 1 })).ids[0]!
