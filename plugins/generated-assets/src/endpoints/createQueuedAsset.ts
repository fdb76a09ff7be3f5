import type { PayloadRequest } from 'payload'

import { commitTransaction, initTransaction, killTransaction } from 'payload'

import type { ResolvedGeneratedAssetsPluginOptions } from '../types.js'

import { queueGeneration } from '../jobs/queueGeneration.js'
import { enforceGenerationLimits } from '../limits/enforceGenerationLimits.js'
import { notifyWorkers } from '../utilities/notifyWorkers.js'

/**
 * Creates an asset with `status: 'queued'` as the request's user and queues its generation task
 * in the same transaction (both or neither), then wakes the workers. Answers the new id.
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
  const shouldCommit = await initTransaction(req)
  let id: number | string
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
    throw error
  }
  await notifyWorkers({ payload: req.payload, queue: options.queue })
  return id
}
