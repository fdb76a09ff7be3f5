import type { Endpoint } from 'payload'

import { APIError } from 'payload'

import type { ResolvedGeneratedAssetsPluginOptions } from '../types.js'

import { getTranslate } from '../translations/getTranslate.js'
import { acceptsSourceImages } from '../utilities/acceptsSourceImages.js'
import { areReadableSourceImages } from '../utilities/areReadableSourceImages.js'
import { createQueuedAsset } from './createQueuedAsset.js'
import { readJSONBody } from './readJSONBody.js'
import { respondWithClientErrors } from './respondWithClientErrors.js'
import { validateGenerateInput } from './validateGenerateInput.js'

/**
 * `POST /api/{collection}/generate` with JSON `{ prompt, negativePrompt?, model?, params?, sources? }`
 * (`sources`: ids of ready images to use as inputs, stored on the new asset's `sources`).
 * Creates the asset with `status: 'queued'` and queues its generation task in the same
 * transaction, then answers **202** `{ id, status }` at once, never waiting for the model.
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
    const id = await createQueuedAsset({
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
      options,
      req,
    })
    return Response.json({ id, status: 'queued' }, { status: 202 })
  }),
  method: 'post',
  path: '/generate',
})
