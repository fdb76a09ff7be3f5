import type { CollectionAfterChangeHook, CollectionBeforeChangeHook } from 'payload'

import { APIError } from 'payload'

import type { ResolvedGeneratedAssetsPluginOptions } from '../types.js'

import { queueGeneration } from '../jobs/queueGeneration.js'
import { enforceGenerationLimits } from '../limits/enforceGenerationLimits.js'
import { notifyWorkers } from '../utilities/notifyWorkers.js'

/**
 * `context` key of a create that queues its own job (the plugin's `generate`, `ingest` and the
 * GraphQL `generateAsset`): the hooks below leave such a create alone.
 */
export const QUEUED_BY_PLUGIN = 'generatedAssetsQueuedByPlugin'

/** `context` key, set by the `beforeChange` hook below, of a plain create whose generation it queues. */
const QUEUE_AFTER_CREATE = 'generatedAssetsQueueAfterCreate'

/**
 * Hooks that make a plain create of an asset (Payload's REST or GraphQL `create`, the admin's
 * document form, the Local API) behave like the plugin's own routes, so no path leaves an asset
 * `queued` without a job:
 * - with a file (an upload, or `duplicate` of a stored asset) the asset is `ready` at once
 *   (`model` `upload` unless given; `kind` from the file's MIME type);
 * - without a file it is a generation request: `model` defaults to the plugin's default model
 *   and must be a configured one (else 400), the asset is `queued` with the model's `kind`,
 *   label and provider, the user's `maxActiveGenerations` and `rateLimit` apply (429), and its
 *   generation task is queued in the create's own transaction (`afterChange`).
 * A create that sets a `status` other than `queued` is kept as it is (Payload's validation answers
 * 400 for a value that is not a status).
 *
 * @throws {APIError} 400 for a model that is not configured; {@link GenerationLimitError} 429.
 */
export const getQueueOnCreateHooks = ({
  options,
}: {
  options: ResolvedGeneratedAssetsPluginOptions
}): { afterChange: CollectionAfterChangeHook; beforeChange: CollectionBeforeChangeHook } => ({
  afterChange: async ({ context, doc, operation, req }) => {
    if (operation !== 'create' || !context[QUEUE_AFTER_CREATE]) return doc
    delete context[QUEUE_AFTER_CREATE]
    delete req.context[QUEUE_AFTER_CREATE]
    await queueGeneration({ assetId: doc.id, options, req })
    void notifyWorkers({ payload: req.payload, queue: options.queue })
    return doc
  },
  beforeChange: async ({ context, data, operation, req }) => {
    if (operation !== 'create' || context[QUEUED_BY_PLUGIN]) return data
    // A create that sets another status is kept as given: a trusted seed script's (an import of
    // records), or one whose value Payload's own validation then refuses (400).
    if (data.status && data.status !== 'queued') return data
    const mimeType = String(req.file?.mimetype ?? data.mimeType ?? '')
    if (req.file || data.filename) {
      return {
        ...data,
        completedAt: data.completedAt ?? new Date().toISOString(),
        kind: mimeType.startsWith('video/') ? 'video' : 'image',
        model: data.model ?? 'upload',
        modelName: data.modelName ?? (data.model ? undefined : 'Upload'),
        provider: data.provider ?? 'upload',
        status: 'ready',
      }
    }
    const model = (data.model as string | undefined) || options.defaultModel
    const entry = Object.hasOwn(options.models, model) ? options.models[model] : undefined
    if (!entry) {
      throw new APIError(
        `The model "${model}" is not configured. Use one of: ${Object.keys(options.models).join(', ')}.`,
        400,
        null,
        true,
      )
    }
    if (req.user) await enforceGenerationLimits({ options, req })
    // On the request's context as it is now: a Local API call made with `req` (the limits' count)
    // gives the request a new context object (Payload's createLocalReq copies it).
    req.context[QUEUE_AFTER_CREATE] = true
    return {
      ...data,
      attempts: 0,
      completedAt: null,
      error: null,
      errorCode: null,
      kind: entry.kind ?? 'image',
      model,
      modelName: entry.label ?? model,
      provider: entry.model.provider,
      queuedAt: new Date().toISOString(),
      status: 'queued',
    }
  },
})
