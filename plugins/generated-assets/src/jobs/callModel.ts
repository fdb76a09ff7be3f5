import type {
  Experimental_VideoModelV4 as VideoModelV4,
  Experimental_VideoModelV4CallOptions as VideoModelV4CallOptions,
  Experimental_VideoModelV4VideoData as VideoModelV4VideoData,
  ImageModelV4,
  JSONValue,
  SharedV4Warning,
} from '@ai-sdk/provider'

import { APICallError } from '@ai-sdk/provider'
import { generateImage } from 'ai'
import { STATUS_CODES } from 'node:http'

import type { GeneratedAssetsModel } from '../types.js'
import type { ModelCallResult, SourceFile, StoredOperation } from './types.js'

import { ProviderTaskError } from './types.js'

type Params = {
  aspectRatio?: `${number}:${number}`
  duration?: number
  fps?: number
  providerOptions?: Record<string, Record<string, JSONValue>>
  size?: `${number}x${number}`
}

/**
 * Status texts of the HTTP statuses worth retrying (429 and 5xx), e.g. `'Service Unavailable'` → 503.
 * `@ai-sdk/fal` answers a poll that got one of them with `status: 'error'` and the status text
 * as its `error`, although the job itself may be fine.
 */
const TRANSIENT_STATUS_TEXTS = new Map(
  Object.entries(STATUS_CODES)
    .filter(([code]) => code === '429' || Number(code) >= 500)
    .map(([code, text]) => [text, Number(code)]),
)

const toOutput = (video: VideoModelV4VideoData) => {
  switch (video.type) {
    case 'url':
      return { mediaType: video.mediaType, type: 'url' as const, url: video.url }
    case 'base64':
      return {
        data: new Uint8Array(Buffer.from(video.data, 'base64')),
        mediaType: video.mediaType,
        type: 'bytes' as const,
      }
    case 'binary':
      return { data: video.data, mediaType: video.mediaType, type: 'bytes' as const }
    default:
      throw new ProviderTaskError('The provider delivered the video to its own storage; there is nothing to download.')
  }
}

/**
 * Calls a model once through the AI SDK's model interface (the AI SDK spec, v4):
 * - image models: `generateImage` (`n` images, default 1, in one call when `n` is at most the
 *   model's `maxImagesPerCall`; `maxRetries: 0`, since retries are the job's), with the source
 *   images as the prompt's `images` (the model's `files`: image editing); `outputs` holds them in
 *   order, `output` the first;
 * - video models with `doStart`/`doStatus`: starts the operation, or polls the stored one,
 *   answering `pending` with the operation to store until the provider completes: no worker
 *   blocks for minutes;
 * - video models with only `doGenerate`: calls it and waits.
 * Video models get the first source image as `image` (image-to-video); further ones are not sent
 * and become a warning.
 *
 * @throws the provider package's errors (`APICallError` …) and {@link ProviderTaskError} when
 *   an operation ends in `error`; an `error` that is only the status text of a 429 or 5xx (a
 *   failed poll, as `@ai-sdk/fal` reports it) throws a retryable `APICallError` with that status.
 */
export const callModel = async ({
  abortSignal,
  entry,
  files = [],
  n = 1,
  params,
  prompt,
  seed,
  storedOperation,
}: {
  /** Cancels the provider call (the asset's time limit). */
  abortSignal?: AbortSignal
  entry: GeneratedAssetsModel
  /** Source images (the asset's `sources`), needed only when a call starts, not for polls. */
  files?: SourceFile[]
  /** Images to make (image models only). @default 1 */
  n?: number
  params: Params
  prompt: string
  seed: number
  storedOperation?: null | StoredOperation
}): Promise<ModelCallResult> => {
  if ((entry.kind ?? 'image') === 'image') {
    const startedAt = performance.now()
    const result = await generateImage({
      abortSignal,
      aspectRatio: params.size ? undefined : params.aspectRatio,
      maxRetries: 0,
      maxImagesPerCall: n,
      model: entry.model as ImageModelV4,
      n,
      prompt: files.length ? { images: files.map((file) => file.data), text: prompt } : prompt,
      providerOptions: params.providerOptions,
      seed,
      size: params.size,
    })
    const outputs = result.images.map((image) => ({
      data: image.uint8Array,
      mediaType: image.mediaType,
      type: 'bytes' as const,
    }))
    return {
      inferenceTime: Math.round(performance.now() - startedAt) / 1000,
      output: outputs[0]!,
      outputs,
      providerMetadata: result.providerMetadata,
      status: 'completed',
      usage: result.usage,
      warnings: result.warnings,
    }
  }

  const model = entry.model as VideoModelV4
  const options: VideoModelV4CallOptions = {
    abortSignal,
    aspectRatio: params.size ? undefined : params.aspectRatio,
    duration: params.duration,
    fps: params.fps,
    frameImages: undefined,
    generateAudio: undefined,
    image: files[0] ? { data: files[0].data, mediaType: files[0].mediaType, type: 'file' } : undefined,
    inputReferences: undefined,
    n: 1,
    prompt,
    providerOptions: params.providerOptions ?? {},
    resolution: params.size,
    seed,
  }
  const sourceWarnings: SharedV4Warning[] =
    files.length > 1
      ? [{ message: `Video models take one source image; ${files.length - 1} more were not sent.`, type: 'other' }]
      : []
  if (model.doStart && model.doStatus) {
    if (!storedOperation) {
      const started = await model.doStart(options)
      return { operation: started.operation, status: 'pending', warnings: [...sourceWarnings, ...started.warnings] }
    }
    const status = await model.doStatus({ abortSignal, operation: storedOperation.operation as JSONValue })
    if (status.status === 'pending') {
      const progress = (status.providerMetadata as { progress?: unknown } | undefined)?.progress
      return {
        operation: storedOperation.operation,
        progress: typeof progress === 'number' ? progress : undefined,
        status: 'pending',
        warnings: status.warnings ?? [],
      }
    }
    if (status.status === 'error') {
      const transientStatus = TRANSIENT_STATUS_TEXTS.get(status.error)
      if (transientStatus) {
        throw new APICallError({
          isRetryable: true,
          message: status.error,
          requestBodyValues: {},
          statusCode: transientStatus,
          url: `${model.provider}/${model.modelId}`,
        })
      }
      throw new ProviderTaskError(status.error || 'The provider reported that the video generation failed.')
    }
    const video = status.videos[0]
    if (!video) throw new ProviderTaskError('The provider completed without a video.')
    return {
      inferenceTime: Math.round((Date.now() - new Date(storedOperation.startedAt).getTime()) / 10) / 100,
      output: toOutput(video),
      providerMetadata: status.providerMetadata,
      status: 'completed',
      warnings: status.warnings,
    }
  }
  if (!model.doGenerate) {
    throw new ProviderTaskError(
      `The video model ${model.provider}/${model.modelId} has neither doGenerate nor doStart/doStatus.`,
    )
  }
  const startedAt = performance.now()
  const result = await model.doGenerate(options)
  const video = result.videos[0]
  if (!video) throw new ProviderTaskError('The provider returned no video.')
  return {
    inferenceTime: Math.round(performance.now() - startedAt) / 1000,
    output: toOutput(video),
    providerMetadata: result.providerMetadata,
    status: 'completed',
    warnings: [...sourceWarnings, ...result.warnings],
  }
}
