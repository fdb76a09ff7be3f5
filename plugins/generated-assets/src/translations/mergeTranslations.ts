import type { Config } from 'payload'

import type { GeneratedAssetsDefaultTranslations } from './types.js'

import { translations } from './index.js'

type Catalogue = GeneratedAssetsDefaultTranslations['generatedAssets']

/**
 * The host's `i18n` with the plugin's catalogue merged into `translations`, for every language the
 * host supports (Payload defaults `supportedLanguages` to English alone, so that is all there is to
 * merge then, as plugin-import-export does). A language the plugin does not ship gets the
 * catalogue of the host's `fallbackLanguage` if shipped, else English: Payload's `t` falls back to
 * the key itself, not to another language, for a key a language lacks. The host's own
 * `generatedAssets` keys win over the plugin's, key by key, so a host overrides one string without
 * restating the rest.
 */
export const mergeTranslations = ({ i18n }: { i18n: Config['i18n'] }): NonNullable<Config['i18n']> => {
  const languages = i18n?.supportedLanguages ? Object.keys(i18n.supportedLanguages) : ['en']
  const fallback =
    translations[(i18n?.fallbackLanguage ?? 'en') as keyof typeof translations] ?? translations.en!
  const merged: Record<string, Record<string, unknown>> = { ...(i18n?.translations as Record<string, never>) }
  for (const language of languages) {
    const ours = (translations[language as keyof typeof translations] ?? fallback).translations.generatedAssets
    const host = merged[language] ?? {}
    merged[language] = {
      ...host,
      generatedAssets: { ...ours, ...(host.generatedAssets as Partial<Catalogue> | undefined) },
    }
  }
  return { ...i18n, translations: merged as NonNullable<Config['i18n']>['translations'] }
}
