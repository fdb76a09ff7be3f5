import type { JSONFieldValidation, PayloadRequest, TextareaFieldValidation, TextFieldValidation } from 'payload'

import { APIError } from 'payload'
import { json, text, textarea } from 'payload/shared'

import type { ResolvedGeneratedAssetsPluginOptions } from '../types.js'

import { validateParams } from '../endpoints/validateGenerateInput.js'
import { getTranslate } from '../translations/getTranslate.js'

/**
 * The message for a value of a text field that is no string (an object, a number), which
 * Payload's own text checks let through and would store as its string form; `true` otherwise.
 */
const checkIsText = ({ name, req, value }: { name: string; req: unknown; value: unknown }): string | true => {
  if (value === null || value === undefined || typeof value === 'string') return true
  return getTranslate({ req: req as PayloadRequest }).t('generatedAssets:errorTextType', { name })
}

/** Validates a preset's text field (`name`): a string, then Payload's own text checks (required, `maxLength`). */
export const validatePresetText: TextFieldValidation = (value, args) =>
  ((result) => (result === true ? text(value, args) : result))(checkIsText({ name: args.name, req: args.req, value }))

/** Validates a preset's textarea field (prompt prefix, suffix, negative prompt): a string, then Payload's own checks. */
export const validatePresetTextarea: TextareaFieldValidation = (value, args) =>
  ((result) => (result === true ? textarea(value, args) : result))(checkIsText({ name: args.name, req: args.req, value }))

/**
 * Validates a preset's `model`: one of the plugin's configured `models` keys (Payload's own text
 * checks first: required, `maxLength`). A model that is no longer configured is kept when it is
 * saved unchanged (`previousValue`), so a preset of a removed model can still be renamed or
 * shared; it is marked in the admin and cannot be applied. Answers `true` or the message.
 */
export const getValidatePresetModel =
  ({ models }: Pick<ResolvedGeneratedAssetsPluginOptions, 'models'>): TextFieldValidation =>
  (value, args) => {
    const result = validatePresetText(value, args)
    if (result !== true) return result
    if (typeof value !== 'string' || Object.hasOwn(models, value) || value === args.previousValue) return true
    const { t } = getTranslate({ req: args.req as PayloadRequest })
    return t('generatedAssets:errorUnknownModel', { model: JSON.stringify(value), models: Object.keys(models).join(', ') })
  }

/**
 * Validates a preset's `params` as the generate endpoint validates a request's (`validateParams`:
 * `size`, `aspectRatio`, `seed`, `duration`, `fps`, `providerOptions`, nothing else), after
 * Payload's own JSON check. Answers `true` or the message, in the request's language.
 */
export const validatePresetParams: JSONFieldValidation = (value, args) => {
  const result = json(value, args)
  if (result !== true) return result
  const { t } = getTranslate({ req: args.req as PayloadRequest })
  const parsed = typeof value === 'string' ? (JSON.parse(value) as unknown) : value
  try {
    validateParams({ t, value: parsed })
  } catch (error) {
    if (error instanceof APIError) return error.message
    throw error
  }
  return true
}
