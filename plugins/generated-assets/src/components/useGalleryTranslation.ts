'use client'
import type { I18nClient } from '@payloadcms/translations'

import { useTranslation } from '@payloadcms/ui'
import { useMemo } from 'react'

import type { GeneratedAssetsFormatters } from '../translations/getFormatters.js'
import type { GeneratedAssetsDefaultTranslations, GeneratedAssetsT, GeneratedAssetsTranslationKeys } from '../translations/types.js'

import { getFormatters } from '../translations/getFormatters.js'

/** What {@link useGalleryTranslation} gives a component: `t` for the plugin's keys, and the formatters. */
export type GalleryTranslation = GeneratedAssetsFormatters & { i18n: I18nClient; t: GeneratedAssetsT }

const cache = new WeakMap<object, GalleryTranslation>()

/**
 * Payload's `useTranslation`, typed for the plugin's keys (`generatedAssets:…`), with dates,
 * durations, file sizes, counts and plural messages formatted for the admin's language.
 */
export const useGalleryTranslation = (): GalleryTranslation => {
  const { i18n, t } = useTranslation<GeneratedAssetsDefaultTranslations, GeneratedAssetsTranslationKeys>()
  return useMemo(() => {
    // One set per language for the whole page (every tile asks): the provider keeps `t` while the language stays.
    const cached = cache.get(t)
    if (cached && cached.i18n === (i18n as unknown)) return cached
    const translate = t as unknown as GeneratedAssetsT
    const translation: GalleryTranslation = {
      ...getFormatters({
        language: i18n.language,
        t: translate,
        translations: i18n.translations as Record<string, unknown>,
      }),
      i18n: i18n as unknown as I18nClient,
      t: translate,
    }
    cache.set(t, translation)
    return translation
  }, [i18n, t])
}
