import type { PayloadRequest } from 'payload'

import { commitTransaction, initTransaction, killTransaction } from 'payload'

import type { ResolvedGeneratedAssetsPluginOptions } from '../types.js'

import { queueGeneration } from '../jobs/queueGeneration.js'
import { enforceGenerationLimits } from '../limits/enforceGenerationLimits.js'
import { withUserGenerationLock } from '../limits/withUserGenerationLock.js'
import { notifyWorkers } from '../utilities/notifyWorkers.js'

/**
 * Creates an asset with `status: 'queued'` as the request's user and queues its generation task
 * in the same transaction (both or neither), then wakes the workers. Answers the new id. On a
 * database without transactions (`@payloadcms/db-sqlite` unless `transactionOptions` is set) an
 * asset whose job could not be queued is deleted again; one left behind by a crash in between
 * is queued by the workers' orphan rescue (`runWorker`).
 *
 * @throws {GenerationLimitError} (429) when the user is at `maxActiveGenerations` or over
 *   `rateLimit`; nothing is created.
 */
export const createQueuedAsset = async ({
  data,
  options,
  req,
}: {
  data: Record<string, unknown>
  options: ResolvedGeneratedAssetsPluginOptions
  req: PayloadRequest
}): Promise<number | string> => {
  const id = await withUserGenerationLock({
    req,
    run: async () => {
      const shouldCommit = await initTransaction(req)
      const hasTransaction = Boolean(req.transactionID)
      let id: number | string | undefined
      try {
        await enforceGenerationLimits({ options, req })
        const asset = await req.payload.create({
          collection: options.collectionSlug,
          data: { ...data, createdBy: req.user!.id, queuedAt: new Date().toISOString(), status: 'queued' },
          depth: 0,
          overrideAccess: false,
          req,
          user: req.user,
        })
        id = asset.id
        await queueGeneration({ assetId: asset.id, options, req })
        if (shouldCommit) {
          await commitTransaction(req)
        }
      } catch (error) {
        await killTransaction(req)
        // Without a transaction (db-sqlite's default) the asset was saved on its own: take it back.
        if (!hasTransaction && id !== undefined) {
          await req.payload
            .delete({ collection: options.collectionSlug, id, overrideAccess: true, req, trash: true })
            .catch((err: unknown) =>
              req.payload.logger.error({
                err,
                msg: `generated-assets: could not remove asset ${id} after its job failed to queue`,
              }),
            )
        }
        throw error
      }
      return id!
    },
  })
  await notifyWorkers({ payload: req.payload, queue: options.queue })
  return id
}
