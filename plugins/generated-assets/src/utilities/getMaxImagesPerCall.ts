import type { ImageModelV4 } from '@ai-sdk/provider'

import type { GeneratedAssetsModel } from '../types.js'

/**
 * How many images one call of a model may make (variations that can share a call): the entry's
 * `maxImagesPerCall`, else the AI SDK image model's (`ImageModelV4.maxImagesPerCall`, a number or
 * a function of the model id, possibly async), else 1, as the AI SDK's `generateImage` assumes.
 * Video models make one video per call. Always a whole number of at least 1.
 */
export const getMaxImagesPerCall = async (entry: GeneratedAssetsModel): Promise<number> => {
  if ((entry.kind ?? 'image') !== 'image') return 1
  const model = entry.model as ImageModelV4
  const value =
    entry.maxImagesPerCall ??
    (typeof model.maxImagesPerCall === 'function'
      ? await model.maxImagesPerCall({ modelId: model.modelId })
      : model.maxImagesPerCall)
  return typeof value === 'number' && Number.isFinite(value) && value >= 1 ? Math.floor(value) : 1
}
