import type { SupportedLanguages } from '@payloadcms/translations'

import type { GeneratedAssetsDefaultTranslations } from './types.js'

import { de } from './languages/de.js'
import { en } from './languages/en.js'
import { es } from './languages/es.js'
import { fr } from './languages/fr.js'

/** The languages the plugin ships, keyed as Payload keys its own (`@payloadcms/translations/languages/*`). */
export const translations = { de, en, es, fr } as SupportedLanguages<GeneratedAssetsDefaultTranslations>

/** The translation namespace of every plugin key: `generatedAssets:emptyTrash`, say. */
export const TRANSLATION_NAMESPACE = 'generatedAssets'

export type {
  GeneratedAssetsDefaultTranslations,
  GeneratedAssetsLanguage,
  GeneratedAssetsPluralKey,
  GeneratedAssetsT,
  GeneratedAssetsTranslationKeys,
} from './types.js'
