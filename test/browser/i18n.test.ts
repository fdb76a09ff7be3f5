/**
 * The admin in German, French and Spanish (Payload's language preference, the `payload-lng`
 * cookie its Account page sets): the gallery, its filters and selection bar, the viewer, the
 * Create panel, the delete confirmation and the trash show none of the plugin's English, a failed
 * asset's message (stored in English by the job) is said in the language on its tile and in its
 * edit view, and dates are in the language's format.
 */
import type { Browser, Page } from 'playwright-core'

import { translations } from 'payload-plugin-generated-assets'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type App, getApp } from '../helpers/app'
import { launchChromium, startNextServer } from '../helpers/browser'
import { insertAsset, logIn, screenshot, seedAssets } from './helpers'

let app: App
let browser: Browser
let server: Awaited<ReturnType<typeof startNextServer>>
const stamp = Date.now()
const email = `i18n-${stamp}@example.com`
const password = 'correct horse battery staple'
const prompt = (n: number) => `harbour ${stamp} number ${n}`
const SEEDED = 6
/** A failed asset, its message stored in English by the job (as it does), with its errorCode. */
const failedPrompt = `harbour ${stamp} that timed out`
let failedId: number
/** Text on screen that is not the plugin's: what was typed, who typed it, the demo's model names. */
const userContent = [
  email,
  'Local video (offline)',
  'Local (offline)',
  failedPrompt,
  ...Array.from({ length: SEEDED }, (_, n) => prompt(n)),
]

type Catalogue = Record<string, string>
const catalogueOf = (language: string) =>
  (translations as Record<string, { translations: { generatedAssets: Catalogue } }>)[language]!.translations
    .generatedAssets

/**
 * The English catalogue's text that must not show in `language`: each value's pieces between
 * placeholders, trimmed to letters, longer than 3 characters, of the keys whose text differs in
 * `language`, and not a word of `language`'s own catalogue (a word the languages share, "Prompt",
 * "Status" or French "minutes", may show).
 */
const englishPieces = (language: string): string[] => {
  const english = catalogueOf('en')
  const other = catalogueOf(language)
  const otherText = Object.values(other).join('\n')
  const pieces = new Set<string>()
  for (const [key, value] of Object.entries(english)) {
    if (other[key] === value) continue
    for (const part of value.split(/\{\{\s*\w+\s*\}\}/)) {
      const piece = part.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '')
      if (piece.length > 3 && !containsWord(otherText, piece)) pieces.add(piece)
    }
  }
  return [...pieces]
}

/** Whether `text` holds `piece` as whole words (not inside a longer word). */
const containsWord = (text: string, piece: string): boolean =>
  new RegExp(`(?<![\\p{L}\\p{N}])${piece.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'u').test(text)

/** The visible text of `selector` (innerText) and the labels that show or are read out. */
const textOf = (page: Page, selector: string): Promise<string> =>
  page.evaluate((target) => {
    const root = document.querySelector<HTMLElement>(target)
    if (!root) return ''
    const attributes = [...root.querySelectorAll('[placeholder], [aria-label], [title]')].flatMap((element) =>
      ['placeholder', 'aria-label', 'title'].map((name) => element.getAttribute(name) ?? ''),
    )
    return [root.innerText, ...attributes].join('\n')
  }, selector)

/** The English pieces found in `text` (whole words, case-sensitive), once user content is taken out. */
const findEnglish = ({ language, text }: { language: string; text: string }): string[] => {
  let own = text
  for (const content of userContent) own = own.split(content).join(' ')
  return englishPieces(language).filter((piece) => containsWord(own, piece))
}

beforeAll(async () => {
  app = await getApp()
  const user = await app.payload.create({ collection: 'users', data: { email, password } })
  await seedAssets({ app, count: SEEDED, filePrefix: `i18n-${stamp}`, prompt, userId: user.id })
  failedId = await insertAsset({
    app,
    error: 'Generation timed out after 15 minutes.',
    errorCode: 'timed_out',
    prompt: failedPrompt,
    status: 'failed',
    userId: user.id,
  })
  server = await startNextServer()
  browser = await launchChromium()
})

afterAll(async () => {
  await browser?.close()
  await server?.stop()
  await app?.close()
})

describe.each(['de', 'fr', 'es'])('the admin in %s', (language) => {
  it("shows the gallery, viewer, Create panel and delete confirmation without the plugin's English", async () => {
    // The browser itself stays English: only Payload's language preference changes.
    const context = await browser.newContext({ locale: 'en-US', viewport: { height: 900, width: 1400 } })
    await context.addCookies([{ name: 'payload-lng', url: server.url, value: language }])
    const page = await context.newPage()
    const texts: Record<string, string> = {}
    try {
      await logIn({ email, page, password, url: server.url })
      await page.goto(`${server.url}/admin/collections/generated-assets`)
      await page.locator('.ga-grid:not(.ga-grid--static)').waitFor({ timeout: 60_000 })
      expect(await page.getAttribute('html', 'lang')).toBe(language)
      await page.locator('#ga-generate-prompt').waitFor({ state: 'visible' })
      texts.gallery = await textOf(page, '.ga-gallery')
      // The failed asset's message, stored in English, in the editor's language (by its errorCode).
      const timedOut = catalogueOf(language).failureTimedOutMinutes_other!.replace('{{count}}', '15')
      expect(
        await page.locator('.ga-tile[data-status="failed"]', { hasText: failedPrompt }).locator('.ga-tile__error').textContent(),
      ).toBe(timedOut)

      await page.click('#ga-toggle-filters')
      await page.locator('.ga-filter--kind').waitFor({ state: 'visible' })
      await page.click('.ga-tile[data-index="0"] .ga-tile__check')
      await page.locator('.ga-selection').waitFor({ state: 'visible' })
      texts.filtersAndSelection = await textOf(page, '.ga-gallery')
      await page.click('.ga-tile[data-index="0"] .ga-tile__check')
      await page.locator('.ga-selection').waitFor({ state: 'detached' })

      const tile = page.locator('.ga-tile[data-status="ready"]').first()
      const id = await tile.getAttribute('data-asset-id')
      await tile.locator('.ga-tile__open').click()
      const viewer = page.locator('#generated-assets-viewer')
      await viewer.locator('.ga-viewer__title').waitFor()
      texts.viewer = await textOf(page, '#generated-assets-viewer')
      await screenshot(page, `i18n-${language}-viewer`)

      // A date in the language's format, not the browser's (en-US).
      const { createdAt } = await app.payload.findByID({ collection: 'generated-assets', id: id!, overrideAccess: true })
      const formats = await page.evaluate(
        ({ at, lang }) =>
          [lang, 'en-US'].map((locale) =>
            new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(at)),
          ),
        { at: createdAt, lang: language },
      )
      expect(formats[0]).not.toBe(formats[1])
      expect(await viewer.locator('[data-detail="created"] dd').textContent()).toBe(formats[0])

      await viewer.locator('.ga-viewer__footer .ga-button--danger').click()
      const confirm = page.getByRole('alertdialog')
      await confirm.waitFor()
      texts.confirmation = await textOf(page, '.ga-confirm')
      expect(await confirm.locator('h1').textContent()).toBe(catalogueOf(language).deleteItemTitle)
      await screenshot(page, `i18n-${language}-confirm-delete`)
      await page.click('#ga-confirm-cancel')
      await confirm.waitFor({ state: 'detached' })
      await page.keyboard.press('Escape')
      await viewer.waitFor({ state: 'detached' })

      // The same message in the asset's edit view, the `error` field.
      await page.goto(`${server.url}/admin/collections/generated-assets/${failedId}`)
      const errorField = page.locator('input#field-error')
      await errorField.waitFor({ timeout: 60_000 })
      expect(await errorField.inputValue()).toBe(timedOut)

      await page.goto(`${server.url}/admin/collections/generated-assets/trash`)
      await page.locator('.ga-header__retention').waitFor({ timeout: 60_000 })
      await page.locator('.ga-gallery__empty, .ga-grid:not(.ga-grid--static)').first().waitFor()
      texts.trash = await textOf(page, '.ga-gallery')
      await screenshot(page, `i18n-${language}-trash`)
    } finally {
      await context.close()
    }
    for (const [view, text] of Object.entries(texts)) {
      expect(text.trim().length, view).toBeGreaterThan(0)
      expect(findEnglish({ language, text }), `${view} in ${language}`).toEqual([])
    }
    // The checks above would pass on a blank page or a blind check: the language's words are
    // there, and the check finds the English catalogue's.
    expect(findEnglish({ language, text: Object.values(catalogueOf('en')).join('\n') }).length).toBeGreaterThan(100)
    expect(texts.gallery).toContain(catalogueOf(language).generate)
    expect(texts.viewer).toContain(catalogueOf(language).detailTook)
  })
})
