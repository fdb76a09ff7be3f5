import { describe, expect, it } from 'vitest'

import { getFormatters } from './getFormatters.js'
import { translateEnglish } from './getTranslate.js'
import { translations } from './index.js'
import { mergeTranslations } from './mergeTranslations.js'

type Catalogue = Record<string, string>

const catalogueOf = (language: string): Catalogue =>
  (translations as Record<string, { translations: { generatedAssets: Catalogue } }>)[language]!.translations
    .generatedAssets
const english = catalogueOf('en')
const others = Object.keys(translations).filter((language) => language !== 'en')
const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((match) => match[1]).sort()

describe('the shipped catalogues', () => {
  it('ships English, German, French and Spanish', () => {
    expect(Object.keys(translations).sort()).toEqual(['de', 'en', 'es', 'fr'])
  })

  it.each(others)('%s has every English key and no other', (language) => {
    expect(Object.keys(catalogueOf(language)).sort()).toEqual(Object.keys(english).sort())
  })

  it.each(Object.keys(translations))('%s has no empty value', (language) => {
    const empty = Object.entries(catalogueOf(language)).filter(([, value]) => typeof value !== 'string' || !value.trim())
    expect(empty).toEqual([])
  })

  it.each(others)('%s uses the same placeholders as English, key by key', (language) => {
    const catalogue = catalogueOf(language)
    const mismatched = Object.keys(english).filter(
      (key) => JSON.stringify(placeholders(catalogue[key] ?? '')) !== JSON.stringify(placeholders(english[key]!)),
    )
    expect(mismatched).toEqual([])
  })

  it('gives every plural message its one and other forms, with {{count}}', () => {
    const bases = Object.keys(english).filter((key) => key.endsWith('_other')).map((key) => key.slice(0, -6))
    expect(bases.length).toBeGreaterThan(10)
    for (const base of bases) {
      expect(english[`${base}_one`], base).toBeTruthy()
      expect(placeholders(english[`${base}_other`]!), base).toContain('count')
    }
  })

  it('names each language with its date-fns locale', () => {
    expect(Object.fromEntries(Object.entries(translations).map(([key, value]) => [key, value!.dateFNSKey]))).toEqual({
      de: 'de',
      en: 'en-US',
      es: 'es',
      fr: 'fr',
    })
  })
})

describe('mergeTranslations', () => {
  it('merges only the languages the host supports (English when it names none)', () => {
    expect(Object.keys(mergeTranslations({ i18n: undefined }).translations!)).toEqual(['en'])
    const merged = mergeTranslations({ i18n: { supportedLanguages: { de: {}, fr: {} } as never } })
    expect(Object.keys(merged.translations!).sort()).toEqual(['de', 'fr'])
    expect((merged.translations as any).de.generatedAssets.emptyTrash).toBe('Papierkorb leeren')
  })

  it("keeps the host's own keys, its other namespaces and its i18n settings", () => {
    const merged = mergeTranslations({
      i18n: {
        fallbackLanguage: 'de',
        supportedLanguages: { de: {}, en: {} } as never,
        translations: {
          de: { custom: { hello: 'Hallo' }, generatedAssets: { emptyTrash: 'Alles wegwerfen' } } as never,
        },
      },
    })
    const de = (merged.translations as any).de
    expect(de.generatedAssets.emptyTrash).toBe('Alles wegwerfen')
    expect(de.generatedAssets.trash).toBe('Papierkorb')
    expect(de.custom.hello).toBe('Hallo')
    expect(merged.fallbackLanguage).toBe('de')
  })

  it("gives a language the plugin does not ship the fallback language's catalogue", () => {
    const italian = mergeTranslations({ i18n: { supportedLanguages: { en: {}, it: {} } as never } })
    expect((italian.translations as any).it.generatedAssets.trash).toBe('Trash')
    const viaGerman = mergeTranslations({
      i18n: { fallbackLanguage: 'de', supportedLanguages: { de: {}, it: {} } as never },
    })
    expect((viaGerman.translations as any).it.generatedAssets.trash).toBe('Papierkorb')
  })
})

describe('getFormatters', () => {
  /** Payload's `t` in short: the key's text in `language`, vars filled in. */
  const formattersFor = (language: string) => {
    const catalogue = catalogueOf(language)
    const t = ((key: string, vars?: Record<string, unknown>) =>
      (catalogue[key.split(':')[1]!] ?? key).replace(/\{\{(\w+)\}\}/g, (_, name: string) =>
        String(vars?.[name] ?? ''),
      )) as never
    return getFormatters({ language, t, translations: { generatedAssets: catalogue } })
  }

  it('chooses plural forms by the language’s rules and formats the count', () => {
    expect(formattersFor('en').plural('generatedAssets:assetCount', { count: 0 })).toBe('0 assets')
    expect(formattersFor('en').plural('generatedAssets:assetCount', { count: 1 })).toBe('1 asset')
    expect(formattersFor('en').plural('generatedAssets:assetCount', { count: 12345 })).toBe('12,345 assets')
    expect(formattersFor('fr').plural('generatedAssets:assetCount', { count: 0 })).toBe('0 élément')
    expect(formattersFor('de').plural('generatedAssets:assetCount', { count: 12345 })).toBe('12.345 Assets')
  })

  it('formats seconds, sizes and dates for the language', () => {
    expect(formattersFor('en').seconds(0.4213)).toBe('0.42 s')
    expect(formattersFor('en').seconds(3.14)).toBe('3.1 s')
    expect(formattersFor('de').seconds(3.14)).toBe('3,1 s')
    expect(formattersFor('en').seconds(12.4)).toBe('12 s')
    expect(formattersFor('en').seconds(null)).toBeNull()
    expect(formattersFor('fr').bytes(3.4 * 1024 * 1024)).toMatch(/^3,4\s?Mo$/)
    expect(formattersFor('en').bytes(812 * 1024)).toBe('812 kB')
    const date = new Date(2026, 11, 3, 14, 30)
    expect(formattersFor('de').date(date)).toBe(
      new Intl.DateTimeFormat('de', { dateStyle: 'medium', timeStyle: 'short' }).format(date),
    )
    expect(formattersFor('de').date(date)).toContain('03.12.2026')
    expect(formattersFor('es').daysAgo(0)).toBe('hoy')
  })

  it('falls back to English for a language Intl does not take', () => {
    expect(formattersFor('en').locale).toBe('en')
    expect(getFormatters({ language: '%%', t: translateEnglish, translations: undefined }).locale).toBe('en')
  })
})

describe('translateEnglish', () => {
  it('fills in the variables of the English text', () => {
    expect(translateEnglish('generatedAssets:errorBulkIds', { max: 1000 })).toBe('ids must be a list of 1 to 1000 asset ids.')
  })
})
