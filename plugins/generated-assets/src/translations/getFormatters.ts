import type { GeneratedAssetsPluralKey, GeneratedAssetsT } from './types.js'

/** Formatters for the admin's language, made by {@link getFormatters}. */
export type GeneratedAssetsFormatters = {
  /** A file size: `812 kB`, `3.4 MB` (`3,4 Mo` in French). */
  bytes: (bytes: null | number | undefined) => null | string
  /** A count with the language's digit grouping: `1,234`, `1.234`, `1 234`. */
  count: (value: number) => string
  /** A moment, date and time: `Dec 3, 2026, 2:30 PM`, `03.12.2026, 14:30`. */
  date: (value: Date | number | string) => string
  /** Days in the past, relative: `today`, `yesterday`, `3 days ago` (`vor 3 Tagen`). */
  daysAgo: (days: number) => string
  /** The locale `Intl` formats with (the admin's language, or `en` if `Intl` does not know it). */
  locale: string
  /**
   * A message with plural forms (`key_one`, `key_other`…), the form chosen by `Intl.PluralRules`
   * for `count` (so French says `0 élément`, English `0 assets`), `{{count}}` formatted as a count.
   */
  plural: (key: GeneratedAssetsPluralKey, vars: { count: number } & Record<string, unknown>) => string
  /** Seconds with the precision the viewer shows: `0.42 s`, `3.1 s`, `12 s` (`3,1 s` in German). */
  seconds: (seconds: null | number | undefined) => null | string
}

/** `language` as a locale `Intl` accepts (Payload's keys are BCP 47 tags but for a few, e.g. `rs-latin`). */
const toLocale = (language: string | undefined): string => {
  try {
    return Intl.getCanonicalLocales(language || 'en')[0] ?? 'en'
  } catch {
    return 'en'
  }
}

const BYTE_UNITS = [
  [1024 ** 3, 'gigabyte', 2],
  [1024 ** 2, 'megabyte', 1],
  [1024, 'kilobyte', 0],
] as const

/**
 * Dates, durations, file sizes, counts and plural messages for the admin's `language`
 * (`i18n.language`), with `Intl`: the same on the server (`req.i18n`) and in the browser
 * (`useTranslation().i18n`). `translations` is the i18n's merged catalogue, read to know which
 * plural forms a language has.
 */
export const getFormatters = ({
  language,
  t,
  translations,
}: {
  language: string | undefined
  t: GeneratedAssetsT
  translations: Record<string, unknown> | undefined
}): GeneratedAssetsFormatters => {
  const locale = toLocale(language)
  // Made on first use: most components need one or two of them.
  const lazy = <T,>(make: () => T) => {
    let value: T | undefined
    return () => (value ??= make())
  }
  const numberFormat = lazy(() => new Intl.NumberFormat(locale))
  const plurals = lazy(() => new Intl.PluralRules(locale))
  const dates = lazy(() => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }))
  const relative = lazy(() => new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }))
  const numbers = { format: (value: number) => numberFormat().format(value) }
  const decimal = (digits: number) =>
    new Intl.NumberFormat(locale, { maximumFractionDigits: digits, minimumFractionDigits: digits })
  return {
    bytes: (bytes) => {
      if (bytes === null || bytes === undefined) return null
      for (const [size, unit, digits] of BYTE_UNITS) {
        if (bytes >= size) {
          return new Intl.NumberFormat(locale, { maximumFractionDigits: digits, style: 'unit', unit }).format(
            bytes / size,
          )
        }
      }
      return new Intl.NumberFormat(locale, { style: 'unit', unit: 'byte' }).format(bytes)
    },
    count: (value) => numbers.format(value),
    date: (value) => dates().format(new Date(value)),
    daysAgo: (days) => relative().format(-days, 'day'),
    locale,
    plural: (key, { count, ...vars }) => {
      const [namespace, name] = key.split(':') as [string, string]
      const forms = (translations?.[namespace] ?? {}) as Record<string, unknown>
      const category = plurals().select(count)
      const form = typeof forms[`${name}_${category}`] === 'string' ? category : 'other'
      // A `count` that is a string makes Payload's `t` use the key as given, suffix included.
      return t(`${key}_${form}` as never, { ...vars, count: numbers.format(count) })
    },
    seconds: (seconds) => {
      if (seconds === null || seconds === undefined) return null
      const digits = seconds < 1 ? 2 : seconds < 10 ? 1 : 0
      return t('generatedAssets:seconds', { value: decimal(digits).format(seconds) })
    },
  }
}
