import type { Language, NestedKeysStripped, TFunction } from '@payloadcms/translations'

import type { enTranslations } from './languages/en.js'

/** The plugin's catalogue, shaped as the English one: every key under `generatedAssets`. */
export type GeneratedAssetsDefaultTranslations = typeof enTranslations

/** One language of the plugin's catalogue, as Payload's own plugins type theirs. */
export type GeneratedAssetsLanguage = Language<GeneratedAssetsDefaultTranslations>

/** The plugin's translation keys, `generatedAssets:…`, plural forms (`_one`, `_other`) stripped. */
export type GeneratedAssetsTranslationKeys = NestedKeysStripped<GeneratedAssetsDefaultTranslations>

/** The keys that have plural forms (`…_one`, `…_other`), without the suffix. */
export type GeneratedAssetsPluralKey = {
  [K in keyof GeneratedAssetsDefaultTranslations['generatedAssets']]: K extends `${infer Base}_other`
    ? `generatedAssets:${Base}`
    : never
}[keyof GeneratedAssetsDefaultTranslations['generatedAssets']]

/** Payload's `t` (`req.t`, `useTranslation().t`), typed for the plugin's keys. */
export type GeneratedAssetsT = TFunction<GeneratedAssetsTranslationKeys>
