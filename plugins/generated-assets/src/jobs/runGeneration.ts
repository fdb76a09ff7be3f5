import type { PayloadRequest } from 'payload'

import { generateImage } from 'ai'
import { randomInt } from 'node:crypto'

import type { ResolvedGeneratedAssetsPluginOptions } from '../types.js'

import { getAssetFilename } from '../media/getAssetFilename.js'
import { classifyError } from './classifyError.js'

/** Attempts per asset before it is marked failed (first try included). */
export const MAX_ATTEMPTS = 3

const EXTENSIONS: Record<string, string> = {
  'image/avif': 'avif',
  'image/gif': 'gif',
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
}

/**
 * Runs one attempt of an asset's generation (DESIGN §3): `generating` (the model call through
 * the AI SDK's `generateImage`) → `ingesting` (the bytes stored through the collection's
 * storage adapter, with its WebP sizes) → `ready`, recording `inferenceTime` (seconds),
 * `seed`, warnings, width, height and `completedAt`.
 *
 * A retryable failure (429, 5xx, network) is rethrown while attempts remain, so the Jobs Queue
 * retries it with back-off; otherwise the asset becomes `failed` with a readable `error`.
 * An asset that is already `ready` is left alone, so a re-run never stores a second output.
 */
export const runGeneration = async ({
  assetId,
  options,
  req,
}: {
  assetId: number | string
  options: ResolvedGeneratedAssetsPluginOptions
  req: PayloadRequest
}): Promise<{ status: string }> => {
  const { payload } = req
  const collection = options.collectionSlug
  const update = (
    data: Record<string, unknown>,
    file?: { data: Buffer; mimetype: string; name: string; size: number },
  ) => payload.update({ collection, data, depth: 0, file, id: assetId, overrideAccess: true, req, trash: true })

  const asset = await payload.findByID({ collection, depth: 0, id: assetId, overrideAccess: true, req, trash: true })
  if (asset.status === 'ready' || asset.status === 'failed') {
    return { status: asset.status as string }
  }
  const attempts = ((asset.attempts as number | undefined) ?? 0) + 1
  const entry = options.models[asset.model as string]
  if (!entry) {
    await update({
      attempts,
      error: `The model "${asset.model}" is no longer configured. Add it to the plugin's models and retry.`,
      errorCode: 'unknown_model',
      status: 'failed',
    })
    return { status: 'failed' }
  }
  const params = { ...entry.defaults, ...(asset.params as Record<string, unknown> | null) } as Record<string, any>
  const seed: number =
    typeof params.seed === 'number' ? params.seed : ((asset.seed as number | null) ?? randomInt(0, 2 ** 31 - 1))
  await update({ attempts, error: null, errorCode: null, seed, status: 'generating' })
  try {
    const startedAt = performance.now()
    const result = await generateImage({
      aspectRatio: params.size ? undefined : params.aspectRatio,
      maxRetries: 0,
      model: entry.model,
      n: 1,
      prompt: asset.prompt as string,
      providerOptions: params.providerOptions,
      seed,
      size: params.size,
    })
    const inferenceTime = Math.round(performance.now() - startedAt) / 1000
    await update({
      inferenceTime,
      provider: entry.model.provider,
      status: 'ingesting',
      usage: result.usage ?? null,
      warnings: result.warnings.length ? result.warnings : null,
    })
    const image = result.image
    const data = Buffer.from(image.uint8Array)
    const extension = EXTENSIONS[image.mediaType] ?? 'png'
    await update(
      { completedAt: new Date().toISOString(), status: 'ready' },
      {
        data,
        mimetype: image.mediaType,
        name: getAssetFilename({ extension, prompt: asset.prompt as string }),
        size: data.byteLength,
      },
    )
    return { status: 'ready' }
  } catch (error) {
    const classified = classifyError(error)
    if (classified.isRetryable && attempts < MAX_ATTEMPTS) {
      await update({ error: `${classified.message} (retrying)`, errorCode: classified.code, status: 'queued' })
      throw error
    }
    payload.logger.error({ err: error, msg: `payload-plugin-generated-assets: generation of ${assetId} failed` })
    await update({ error: classified.message, errorCode: classified.code, status: 'failed' })
    return { status: 'failed' }
  }
}
