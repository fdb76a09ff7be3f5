import type { Endpoint } from 'payload'

import { APIError, commitTransaction, initTransaction, killTransaction } from 'payload'

import type { ResolvedGeneratedAssetsPluginOptions } from '../types.js'

import { queueGeneration } from '../jobs/queueGeneration.js'
import { enforceGenerationLimits } from '../limits/enforceGenerationLimits.js'
import { withUserGenerationLock } from '../limits/withUserGenerationLock.js'
import { STATUS_KEYS } from '../translations/statusKeys.js'
import { getTranslate } from '../translations/getTranslate.js'
import { findUpdatableAsset } from '../utilities/findUpdatableAsset.js'
import { notifyWorkers } from '../utilities/notifyWorkers.js'
import { respondWithClientErrors } from './respondWithClientErrors.js'

/**
 * `POST /api/{collection}/:id/retry`: re-runs a `failed` asset from the start (new attempts,
 * new time limit) and answers **202** `{ id, status: 'queued' }`. 404 when the user may not
 * update the asset, 409 when it is not failed, 401 when anonymous, 429 (with `Retry-After`) when
 * the user is at `maxActiveGenerations` or over `rateLimit`.
 */
export const retryEndpoint = ({ options }: { options: ResolvedGeneratedAssetsPluginOptions }): Endpoint => ({
  handler: respondWithClientErrors(async (req) => {
    const { t } = getTranslate({ req })
    const asset = await findUpdatableAsset({
      anonymousMessage: t('generatedAssets:errorLoggedOutRetry'),
      collectionSlug: options.collectionSlug,
      id: req.routeParams?.id,
      req,
    })
    if (asset.status !== 'failed') {
      const status = STATUS_KEYS[asset.status as keyof typeof STATUS_KEYS]
      throw new APIError(
        t('generatedAssets:errorRetryNotFailed', { status: status ? t(status).toLowerCase() : asset.status }),
        409,
        null,
        true,
      )
    }
    await withUserGenerationLock({
      req,
      run: async () => {
        const shouldCommit = await initTransaction(req)
        try {
          await enforceGenerationLimits({ options, req })
          await req.payload.update({
            collection: options.collectionSlug,
            data: {
              attempts: 0,
              error: null,
              errorCode: null,
              operation: null,
              pollCount: 0,
              queuedAt: new Date().toISOString(),
              status: 'queued',
            },
            depth: 0,
            id: asset.id,
            overrideAccess: true,
            req,
          })
          await queueGeneration({ assetId: asset.id, options, req })
          if (shouldCommit) await commitTransaction(req)
        } catch (error) {
          await killTransaction(req)
          throw error
        }
      },
    })
    await notifyWorkers({ payload: req.payload, queue: options.queue })
    return Response.json({ id: asset.id, status: 'queued' }, { status: 202 })
  }),
  method: 'post',
  path: '/:id/retry',
})
