import type { PayloadRequest } from 'payload'

import type { ResolvedGeneratedAssetsPluginOptions } from '../types.js'

import { GENERATE_TASK_SLUG } from '../defaults.js'

/**
 * Queues a run of the `generateAsset` task for an asset, now or at `waitUntil` (a poll of a
 * video operation, a retry after back-off). With `req` the job joins the request's transaction.
 */
export const queueGeneration = async ({
  assetId,
  options,
  req,
  waitUntil,
}: {
  assetId: number | string
  options: Pick<ResolvedGeneratedAssetsPluginOptions, 'queue'>
  req: PayloadRequest
  waitUntil?: Date
}): Promise<void> => {
  await req.payload.jobs.queue({
    input: { assetId: String(assetId) } as never,
    queue: options.queue,
    req,
    task: GENERATE_TASK_SLUG as never,
    waitUntil,
  })
}
