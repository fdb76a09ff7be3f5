import type { Endpoint } from 'payload'

import { APIError } from 'payload'

import type { ResolvedGeneratedAssetsPluginOptions } from '../types.js'

import { createQueuedAsset } from './createQueuedAsset.js'
import { readJSONBody } from './readJSONBody.js'
import { respondWithClientErrors } from './respondWithClientErrors.js'
import { validateGenerateInput } from './validateGenerateInput.js'

/**
 * `POST /api/{collection}/generate` with JSON `{ prompt, negativePrompt?, model?, params? }`.
 * Creates the asset with `status: 'queued'` and queues its generation task in the same
 * transaction, then answers **202** `{ id, status }` at once (seed 004: never wait).
 * 401 when anonymous, 400 for bad input (nothing is created).
 */
export const generateEndpoint = ({ options }: { options: ResolvedGeneratedAssetsPluginOptions }): Endpoint => ({
  handler: respondWithClientErrors(async (req) => {
    if (!req.user) {
      throw new APIError('You must be logged in to generate assets.', 401, null, true)
    }
    const input = validateGenerateInput({ body: await readJSONBody({ req }), options })
    const entry = options.models[input.model]!
    const id = await createQueuedAsset({
      data: {
        kind: entry.kind ?? 'image',
        model: input.model,
        modelName: entry.label ?? input.model,
        negativePrompt: input.negativePrompt,
        params: input.params,
        prompt: input.prompt,
        provider: entry.model.provider,
      },
      options,
      req,
    })
    return Response.json({ id, status: 'queued' }, { status: 202 })
  }),
  method: 'post',
  path: '/generate',
})
