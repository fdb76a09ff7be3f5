import type { Endpoint } from 'payload'

import { APIError } from 'payload'

import type { ResolvedGeneratedAssetsPluginOptions } from '../types.js'

import { getTranslate } from '../translations/getTranslate.js'
import { acceptsSourceImages } from '../utilities/acceptsSourceImages.js'
import { areReadableSourceImages } from '../utilities/areReadableSourceImages.js'
import { createQueuedAssets } from './createQueuedAsset.js'
import { readJSONBody } from './readJSONBody.js'
import { respondWithClientErrors } from './respondWithClientErrors.js'
import { validateGenerateInput } from './validateGenerateInput.js'

/**
 * `POST /api/{collection}/generate` with JSON `{ prompt, negativePrompt?, model?, params?, sources?, n? }`
 * (`sources`: ids of ready images to use as inputs, stored on the new asset's `sources`; `n`:
 * variations, 1 to `maxVariations`, default 1).
 * Creates one asset per variation with `status: 'queued'` and queues their generation tasks in
 * the same transaction, then answers **202** at once, never waiting for the model:
 * `{ id, status: 'queued', batch, items: [{ id, status }] }` (`id` is the first item's, `batch`
 * the variations' shared id, `null` for `n` = 1).
 * 401 when anonymous, 400 for bad input, 429 with `Retry-After` over `rateLimit` or
 * `maxActiveGenerations` (nothing is created in any of these).
 */
export const generateEndpoint = ({ options }: { options: ResolvedGeneratedAssetsPluginOptions }): Endpoint => ({
  handler: respondWithClientErrors(async (req) => {
    const { t } = getTranslate({ req })
    if (!req.user) {
      throw new APIError(t('generatedAssets:errorLoggedOutGenerate'), 401, null, true)
    }
    const input = validateGenerateInput({ body: await readJSONBody({ req }), options, t })
    const entry = options.models[input.model]!
    if (input.sources && !acceptsSourceImages(entry)) {
      throw new APIError(t('generatedAssets:errorModelNoSources', { model: input.model }), 400, null, true)
    }
    if (
      input.sources &&
      !(await areReadableSourceImages({ collectionSlug: options.collectionSlug, ids: input.sources, req }))
    ) {
      throw new APIError(t('generatedAssets:errorSourcesUnreadable'), 400, null, true)
    }
    const { batch, ids } = await createQueuedAssets({
      data: {
        kind: entry.kind ?? 'image',
        model: input.model,
        modelName: entry.label ?? input.model,
        negativePrompt: input.negativePrompt,
        params: input.params,
        prompt: input.prompt,
        provider: entry.model.provider,
        sources: input.sources,
      },
      n: input.n,
      options,
      req,
    })
    return Response.json(
      { batch: batch ?? null, id: ids[0], items: ids.map((id) => ({ id, status: 'queued' })), status: 'queued' },
      { status: 202 },
    )
  }),
  method: 'post',
  path: '/generate',
})
