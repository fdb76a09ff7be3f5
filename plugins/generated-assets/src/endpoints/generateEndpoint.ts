import type { Endpoint } from 'payload'

import { APIError, commitTransaction, initTransaction, killTransaction } from 'payload'

import type { ResolvedGeneratedAssetsPluginOptions } from '../types.js'

import { GENERATE_TASK_SLUG } from '../defaults.js'
import { notifyWorkers } from '../utilities/notifyWorkers.js'
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
    const shouldCommit = await initTransaction(req)
    let id: number | string
    try {
      const asset = await req.payload.create({
        collection: options.collectionSlug,
        data: {
          createdBy: req.user.id,
          kind: entry.kind ?? 'image',
          model: input.model,
          modelName: entry.label ?? input.model,
          negativePrompt: input.negativePrompt,
          params: input.params,
          prompt: input.prompt,
          provider: entry.model.provider,
          status: 'queued',
        },
        depth: 0,
        overrideAccess: false,
        req,
        user: req.user,
      })
      id = asset.id
      await req.payload.jobs.queue({
        input: { assetId: String(asset.id) },
        queue: options.queue,
        req,
        task: GENERATE_TASK_SLUG as never,
      })
      if (shouldCommit) {
        await commitTransaction(req)
      }
    } catch (error) {
      await killTransaction(req)
      throw error
    }
    await notifyWorkers({ payload: req.payload, queue: options.queue })
    return Response.json({ id, status: 'queued' }, { status: 202 })
  }),
  method: 'post',
  path: '/generate',
})
