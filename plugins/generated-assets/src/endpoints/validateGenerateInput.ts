import type { GeneratedAssetsT } from '../translations/types.js'
import type { GenerationParams, ResolvedGeneratedAssetsPluginOptions } from '../types.js'

import { APIError } from 'payload'

import { LOCAL_IMAGE_MAX_SIDE, LOCAL_IMAGE_MIN_SIDE } from '../models/localImageModel.js'
import { isAssetId } from '../utilities/isAssetId.js'

/** A validated generation request. */
export type GenerateInput = {
  model: string
  negativePrompt?: string
  params: GenerationParams
  prompt: string
  /** How many variations to make (one asset each), 1 to the plugin's `maxVariations`. */
  n: number
  /** Ids of existing assets to use as source images (edit, image-to-video), at most 4. */
  sources?: (number | string)[]
}

/** Most source images one request may name. */
export const MAX_SOURCES = 4

const PARAM_KEYS = new Set(['aspectRatio', 'duration', 'fps', 'providerOptions', 'seed', 'size'])
const MAX_SEED = 2 ** 31 - 1

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const badRequest = (message: string) => new APIError(message, 400, null, true)

const validateText = ({
  maxLength,
  name,
  t,
  value,
}: {
  maxLength: number
  name: string
  t: GeneratedAssetsT
  value: unknown
}) => {
  if (typeof value !== 'string') {
    throw badRequest(t('generatedAssets:errorTextType', { name }))
  }
  const trimmed = value.trim()
  if (!trimmed) {
    throw badRequest(t('generatedAssets:errorTextEmpty', { name }))
  }
  if ([...trimmed].length > maxLength) {
    throw badRequest(t('generatedAssets:errorTextLength', { max: maxLength, name }))
  }
  return trimmed
}

/**
 * Checks `params` of a generation request: `size` (`{width}x{height}`, 64–4096 px each side),
 * `aspectRatio` (`{w}:{h}`, each 1–100), `seed` (integer 0 to 2^31-1), `duration` (seconds)
 * and `fps` (video, each 1–60) and `providerOptions`
 * (an object of objects keyed by provider). Unknown keys are refused.
 *
 * @throws {APIError} 400 with a message naming the first bad field, in `t`'s language.
 */
export const validateParams = ({ t, value }: { t: GeneratedAssetsT; value: unknown }): GenerationParams => {
  if (value === undefined || value === null) {
    return {}
  }
  if (!isPlainObject(value)) {
    throw badRequest(t('generatedAssets:errorParamsObject'))
  }
  for (const key of Object.keys(value)) {
    if (!PARAM_KEYS.has(key)) {
      throw badRequest(t('generatedAssets:errorUnknownParam', { key, keys: [...PARAM_KEYS].join(', ') }))
    }
  }
  const params: GenerationParams = {}
  if (value.size !== undefined) {
    const match = typeof value.size === 'string' ? /^(\d{1,5})x(\d{1,5})$/.exec(value.size) : null
    if (!match) {
      throw badRequest(t('generatedAssets:errorSize'))
    }
    const width = Number(match[1])
    const height = Number(match[2])
    if ([width, height].some((side) => side < LOCAL_IMAGE_MIN_SIDE || side > LOCAL_IMAGE_MAX_SIDE)) {
      throw badRequest(
        t('generatedAssets:errorSizeRange', {
          max: LOCAL_IMAGE_MAX_SIDE,
          min: LOCAL_IMAGE_MIN_SIDE,
          size: `${width}x${height}`,
        }),
      )
    }
    params.size = `${width}x${height}`
  }
  if (value.aspectRatio !== undefined) {
    const match = typeof value.aspectRatio === 'string' ? /^(\d{1,3}):(\d{1,3})$/.exec(value.aspectRatio) : null
    const w = Number(match?.[1])
    const h = Number(match?.[2])
    if (!match || w < 1 || h < 1 || w > 100 || h > 100) {
      throw badRequest(t('generatedAssets:errorAspectRatio'))
    }
    params.aspectRatio = `${w}:${h}`
  }
  if (value.seed !== undefined) {
    if (typeof value.seed !== 'number' || !Number.isInteger(value.seed) || value.seed < 0 || value.seed > MAX_SEED) {
      throw badRequest(t('generatedAssets:errorSeed', { max: MAX_SEED }))
    }
    params.seed = value.seed
  }
  for (const key of ['duration', 'fps'] as const) {
    const number = value[key]
    if (number !== undefined) {
      if (typeof number !== 'number' || !Number.isFinite(number) || number < 1 || number > 60) {
        throw badRequest(t('generatedAssets:errorNumberRange', { key }))
      }
      params[key] = number
    }
  }
  if (value.providerOptions !== undefined) {
    if (!isPlainObject(value.providerOptions) || !Object.values(value.providerOptions).every(isPlainObject)) {
      throw badRequest(t('generatedAssets:errorProviderOptions'))
    }
    params.providerOptions = value.providerOptions as GenerationParams['providerOptions']
  }
  return params
}

/**
 * Validates the JSON body of `POST /generate`: `{ prompt, negativePrompt?, model?, params?, sources?, n? }`
 * (`n`: variations, a whole number from 1 to `maxVariations`, default 1).
 * The prompt is trimmed; `model` defaults to the plugin's default model.
 *
 * @throws {APIError} 400 with a message an API user can act on, in `t`'s language (`req.t`).
 */
export const validateGenerateInput = ({
  body,
  options,
  t,
}: {
  body: unknown
  options: Pick<ResolvedGeneratedAssetsPluginOptions, 'defaultModel' | 'maxPromptLength' | 'maxVariations' | 'models'>
  t: GeneratedAssetsT
}): GenerateInput => {
  if (!isPlainObject(body)) {
    throw badRequest(t('generatedAssets:errorGenerateBody'))
  }
  const prompt = validateText({ maxLength: options.maxPromptLength, name: 'prompt', t, value: body.prompt })
  const negativePrompt =
    body.negativePrompt === undefined || body.negativePrompt === null || body.negativePrompt === ''
      ? undefined
      : validateText({ maxLength: options.maxPromptLength, name: 'negativePrompt', t, value: body.negativePrompt })
  let model = options.defaultModel
  if (body.model !== undefined && body.model !== null) {
    if (typeof body.model !== 'string' || !Object.hasOwn(options.models, body.model)) {
      throw badRequest(
        t('generatedAssets:errorUnknownModel', {
          model: JSON.stringify(body.model),
          models: Object.keys(options.models).join(', '),
        }),
      )
    }
    model = body.model
  }
  let sources: GenerateInput['sources']
  if (body.sources !== undefined && body.sources !== null) {
    if (!Array.isArray(body.sources) || body.sources.length > MAX_SOURCES || !body.sources.every(isAssetId)) {
      throw badRequest(t('generatedAssets:errorSources', { max: MAX_SOURCES }))
    }
    if (body.sources.length) sources = body.sources as (number | string)[]
  }
  let n = 1
  if (body.n !== undefined && body.n !== null) {
    if (typeof body.n !== 'number' || !Number.isInteger(body.n) || body.n < 1 || body.n > options.maxVariations) {
      throw badRequest(t('generatedAssets:errorVariations', { max: options.maxVariations }))
    }
    n = body.n
  }
  return { model, n, negativePrompt, params: validateParams({ t, value: body.params }), prompt, sources }
}
