import type { PayloadRequest } from 'payload'

import type { GeneratedAssetsFormatters } from './getFormatters.js'
import type { GeneratedAssetsT } from './types.js'

import { getFormatters } from './getFormatters.js'
import { enTranslations } from './languages/en.js'

/**
 * English from the plugin's own catalogue, for a request Payload made without i18n (a hand-built
 * `req` in a script, say): the key's text with `{{vars}}` filled in, as Payload's `t` does.
 */
export const translateEnglish: GeneratedAssetsT = (key, vars) => {
  const name = String(key).split(':')[1] ?? ''
  const text = (enTranslations.generatedAssets as Record<string, string>)[name] ?? String(key)
  return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (match, variable: string) =>
    vars?.[variable] === undefined || vars[variable] === null ? match : String(vars[variable]),
  )
}

/**
 * The request's `t` (`req.t`, the language Payload chose for it: the `payload-lng` cookie, else
 * `Accept-Language`, else the fallback language), typed for the plugin's keys, with the
 * formatters of that language.
 */
export const getTranslate = ({ req }: { req: Pick<PayloadRequest, 'i18n' | 't'> }): GeneratedAssetsFormatters & {
  t: GeneratedAssetsT
} => {
  const t = typeof req.t === 'function' ? (req.t as unknown as GeneratedAssetsT) : translateEnglish
  return {
    ...getFormatters({
      language: req.i18n?.language ?? 'en',
      t,
      translations: (req.i18n?.translations as Record<string, unknown> | undefined) ?? enTranslations,
    }),
    t,
  }
}
