import type { GeneratedAssetsFormatters } from './getFormatters.js'
import type { GeneratedAssetsPluralKey, GeneratedAssetsT, GeneratedAssetsTranslationKeys } from './types.js'

import { enTranslations } from './languages/en.js'

/**
 * The messages a generation stores on a failed (or retrying) asset. The job runs without an
 * editor, so it stores the English text in `error` (what the REST and GraphQL APIs answer) and a
 * stable `errorCode`; the admin shows the message in the editor's language by reading the
 * English text back against these templates ({@link describeFailure}).
 */
export type FailureKey =
  | 'generatedAssets:failureDownload'
  | 'generatedAssets:failureDownloadStatus'
  | 'generatedAssets:failureNetwork'
  | 'generatedAssets:failureOutputExpired'
  | 'generatedAssets:failureProviderNetwork'
  | 'generatedAssets:failureProviderStatus'
  | 'generatedAssets:failureRateLimited'
  | 'generatedAssets:failureStorage'
  | 'generatedAssets:failureStorageMissing'
  | 'generatedAssets:failureTimedOutMinutes'
  | 'generatedAssets:failureTimedOutSeconds'
  | 'generatedAssets:failureUnknown'
  | 'generatedAssets:failureUnknownModel'

/**
 * The messages each `errorCode` may carry, tried in this order (a message whose placeholder could
 * also match another's literal text comes first: "(network)" before "({{status}})"). A code
 * missing here (`provider_rejected`, `provider_failed`…) stores the provider's own message, which
 * is shown as stored.
 */
export const FAILURE_MESSAGES: Readonly<Record<string, readonly FailureKey[]>> = {
  download_failed: ['generatedAssets:failureDownloadStatus', 'generatedAssets:failureDownload'],
  internal: ['generatedAssets:failureUnknown'],
  network: ['generatedAssets:failureNetwork'],
  output_expired: ['generatedAssets:failureOutputExpired'],
  provider_unavailable: ['generatedAssets:failureProviderNetwork', 'generatedAssets:failureProviderStatus'],
  rate_limited: ['generatedAssets:failureRateLimited'],
  storage_missing: ['generatedAssets:failureStorageMissing'],
  storage_unavailable: ['generatedAssets:failureStorage'],
  timed_out: ['generatedAssets:failureTimedOutMinutes', 'generatedAssets:failureTimedOutSeconds'],
  unknown_model: ['generatedAssets:failureUnknownModel'],
}

const RETRYING_KEY = 'generatedAssets:failureRetrying' satisfies GeneratedAssetsTranslationKeys

type Vars = Record<string, number | string>

const english = enTranslations.generatedAssets as Record<string, string>
const nameOf = (key: string): string => key.split(':')[1]!

/** `template` with `{{vars}}` filled in (a missing one left as it is, as Payload's `t` does). */
const fill = (template: string, vars: Vars): string =>
  template.replace(/\{\{\s*(\w+)\s*\}\}/g, (match, name: string) => (vars[name] === undefined ? match : String(vars[name])))

/** The English forms of a message: the message itself, or its plural forms (`_one`, `_other`). */
const englishForms = (key: FailureKey): { form: string; template: string }[] => {
  const name = nameOf(key)
  if (english[name] !== undefined) return [{ form: '', template: english[name] }]
  return ['_one', '_other'].flatMap((form) =>
    english[`${name}${form}`] === undefined ? [] : [{ form, template: english[`${name}${form}`]! }],
  )
}

/**
 * The English text of a failure message, as the job stores it in `error`: the plugin's own
 * English catalogue (a host's overrides do not change what is stored), numbers as given, the
 * plural form chosen by English rules.
 *
 * @example englishFailure('generatedAssets:failureTimedOutMinutes', { count: 15 }) // 'Generation timed out after 15 minutes.'
 */
export const englishFailure = (key: FailureKey, vars: Vars = {}): string => {
  const forms = englishForms(key)
  const chosen =
    forms.length === 1 ? forms[0]! : forms.find(({ form }) => form === (Number(vars.count) === 1 ? '_one' : '_other'))!
  return fill(chosen.template, vars)
}

/** The English text of a failure that will be tried again: "… (retrying)". */
export const englishRetrying = (message: string): string => fill(english[nameOf(RETRYING_KEY)]!, { message })

/**
 * Reads `text` as an instance of `template`: the value of each `{{var}}`, or `undefined` when the
 * text does not have the template's shape. Each value is at least one character; a value is as
 * short as the literal text after it allows, the last one runs to the end of the text.
 */
export const matchTemplate = (template: string, text: string): undefined | Vars => {
  const parts = template.split(/(\{\{\s*\w+\s*\}\})/)
  const vars: Vars = {}
  let position = 0
  for (let index = 0; index < parts.length; index += 2) {
    const literal = parts[index]!
    const isLast = index === parts.length - 1
    if (index === 0) {
      if (!text.startsWith(literal)) return undefined
      position = literal.length
      continue
    }
    const name = parts[index - 1]!.replace(/[{}\s]/g, '')
    const end = isLast ? text.length - literal.length : text.indexOf(literal, position + 1)
    if (end <= position || (isLast && !text.endsWith(literal))) return undefined
    vars[name] = text.slice(position, end)
    position = end + literal.length
  }
  return position === text.length ? vars : undefined
}

/**
 * The message of a failed (or retrying) asset in the editor's language: the stored English
 * `error` read back against the messages of its `errorCode` ({@link FAILURE_MESSAGES}) and said
 * again with `t`, the provider's own detail, model names and numbers carried over as they are
 * (a count as a number, for its plural form). A code with no messages of its own, or a text
 * that is none of them (an older wording, say), is shown as stored. `null` when there is no error.
 *
 * @example describeFailure({ error: 'Storage failed: SlowDown', errorCode: 'storage_unavailable', plural, t }) // German: 'Speichern fehlgeschlagen: SlowDown'
 */
export const describeFailure = ({
  error,
  errorCode,
  plural,
  t,
}: {
  error: null | string | undefined
  errorCode: null | string | undefined
  plural: GeneratedAssetsFormatters['plural']
  t: GeneratedAssetsT
}): null | string => {
  if (!error) return null
  const keys = errorCode ? FAILURE_MESSAGES[errorCode] : undefined
  if (!keys) return error
  const retrying = matchTemplate(english[nameOf(RETRYING_KEY)]!, error)
  const message = retrying ? String(retrying.message) : error
  for (const key of keys) {
    for (const { form, template } of englishForms(key)) {
      const vars = matchTemplate(template, message)
      if (!vars) continue
      if (form) {
        const count = Number(String(vars.count).replace(/[^\d]/g, ''))
        if (!Number.isFinite(count) || String(vars.count).trim() === '') continue
        const translated = plural(key as GeneratedAssetsPluralKey, { ...vars, count })
        return retrying ? t(RETRYING_KEY, { message: translated }) : translated
      }
      const translated = t(key as GeneratedAssetsTranslationKeys, vars)
      return retrying ? t(RETRYING_KEY, { message: translated }) : translated
    }
  }
  return error
}
