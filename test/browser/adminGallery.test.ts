/**
 * The admin gallery as an editor browses it (production build, real Chromium): logging in, a grid
 * of hundreds of assets that keeps its DOM bounded, the first page in the server's HTML, search
 * and filters kept in the URL, and a phone's screen. Each test has its own editor and assets (see
 * adminSession.ts).
 */
import { describe, expect, it } from 'vitest'

import { newEditor, subjectPrompt, useAdminSuite } from './adminSession'
import { chooseOption, logIn, screenshot, tileIds } from './helpers'

const suite = useAdminSuite()

describe('logging in', () => {
  it('logs in and reaches the dashboard, with the plugin on it and in the navigation leading to the gallery', async () => {
    const { email, page, password } = await newEditor(suite, { loggedIn: false })
    await logIn({ email, page, password, url: suite.server.url })
    expect(new URL(page.url()).pathname).toBe('/admin')
    // The dashboard's card of the collection, in the plugin's admin group.
    const card = page.getByRole('link', { name: 'Show all Generated Assets' })
    await card.waitFor({ timeout: 30_000 })
    expect(await page.locator('#nav-group-AI').textContent()).toContain('Generated Assets')
    // The session is the editor's: Payload's own API says who is logged in.
    const me = await page.evaluate(
      async () => (await (await fetch('/api/users/me', { credentials: 'include' })).json()) as { user?: { email?: string } },
    )
    expect(me.user?.email).toBe(email)
    // Below 1440 px Payload starts with its navigation closed: open it, then follow the plugin's link.
    await page.getByRole('button', { name: 'Open Menu' }).click()
    await page.locator('aside.nav:not([inert]) a[href="/admin/collections/generated-assets"]').click()
    await page.waitForURL((url) => url.pathname === '/admin/collections/generated-assets')
    await page.getByRole('heading', { name: 'Generated Assets' }).first().waitFor({ timeout: 30_000 })
    // A new editor owns nothing yet: the gallery says how to start.
    await page.locator('.ga-gallery__empty', { hasText: 'Nothing generated yet.' }).waitFor({ timeout: 15_000 })
  })

  it('stays on the login form with Payload’s error when the password is wrong', async () => {
    const { email, page } = await newEditor(suite, { loggedIn: false })
    await page.goto(`${suite.server.url}/admin/login`)
    await page.fill('input[name="email"]', email)
    await page.fill('input[name="password"]', 'not the password')
    await page.click('button[type="submit"]')
    await page.getByText('The email or password provided is incorrect.').waitFor({ timeout: 30_000 })
    expect(new URL(page.url()).pathname).toBe('/admin/login')
    const me = await page.evaluate(
      async () => (await (await fetch('/api/users/me', { credentials: 'include' })).json()) as { user: unknown },
    )
    expect(me.user).toBeNull()
  })
})

describe('a grid of many assets', () => {
  it('keeps the DOM bounded while scrolling to the end, loading keyset pages as it goes', async () => {
    const editor = await newEditor(suite)
    const { page } = editor
    await editor.seed(300, subjectPrompt)
    await editor.openGallery('?order=oldest')
    expect(await editor.summaryCount()).toBe(300)
    let mostTiles = 0
    for (let step = 0; step < 200; step++) {
      const { count, isAtEnd } = await page.evaluate(() => {
        window.scrollBy(0, window.innerHeight * 0.9)
        return {
          count: document.querySelectorAll('.ga-tile').length,
          isAtEnd: window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - 2,
        }
      })
      mostTiles = Math.max(mostTiles, count)
      if (isAtEnd && !(await page.locator('.ga-gallery__more').count())) {
        await page.waitForTimeout(300)
        const stillAtEnd = await page.evaluate(
          () => window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - 2,
        )
        if (stillAtEnd) break
      }
      await page.waitForTimeout(40)
    }
    // Oldest first: the newest seeded asset (n = 0) is the last one.
    await editor.tile(subjectPrompt(0)).first().waitFor({ timeout: 15_000 })
    expect(mostTiles).toBeGreaterThan(10)
    expect(mostTiles).toBeLessThanOrEqual(100)
  })

  it('sends the first page with the HTML: thumbnails and their blurred placeholders are in the server render', async () => {
    const editor = await newEditor(suite)
    await editor.seed(6, subjectPrompt)
    const response = await editor.page.request.get(editor.gallery)
    const html = await response.text()
    expect(html).toContain('ga-tile__placeholder')
    expect(html).toMatch(
      /class="ga-tile__thumb[^"]*"[^>]*src="http:\/\/127\.0\.0\.1:\d+\/api\/generated-assets\/file\//,
    )
  })
})

describe('filters and search', () => {
  it('searches prompts in the database, keeps filters in the URL and after a reload', async () => {
    const editor = await newEditor(suite)
    const { countOwn, page, summaryCount } = editor
    // 60 assets: 20 copper robots, 3 of them starred (n = 14, 35, 56; every 7th asset is).
    await editor.seed(60, subjectPrompt)
    await editor.openGallery()
    await page.fill('.search-filter__input', 'copper robot')
    await page.waitForURL((url) => url.searchParams.get('q') === 'copper robot')
    const matching = await countOwn({ prompt: { like: 'copper robot' } })
    expect(matching).toBe(20)
    await expect.poll(summaryCount, { timeout: 10_000 }).toBe(matching)
    expect(
      (await page.$$eval('.ga-tile__prompt', (nodes) => nodes.map((node) => node.textContent))).every((text) =>
        text?.includes('copper robot'),
      ),
    ).toBe(true)

    if (!(await page.locator('.ga-filters').isVisible())) await page.click('#ga-toggle-filters')
    await chooseOption(page, '.ga-filter--starred', 'Starred only')
    await page.waitForURL((url) => url.searchParams.get('starred') === '1')
    const starred = await countOwn({ and: [{ prompt: { like: 'copper robot' } }, { starred: { equals: true } }] })
    expect(starred).toBe(3)
    await expect.poll(summaryCount, { timeout: 10_000 }).toBe(starred)
    await chooseOption(page, '.ga-filter--order', 'Oldest first')
    await page.waitForURL((url) => url.searchParams.get('order') === 'oldest')
    const { docs: oldest } = await suite.app.payload.find({
      collection: 'generated-assets',
      limit: 1,
      overrideAccess: true,
      sort: 'createdAt',
      where: {
        and: [{ createdBy: { equals: editor.id } }, { prompt: { like: 'copper robot' } }, { starred: { equals: true } }],
      },
    })
    await expect.poll(async () => (await tileIds(page))[0]).toBe(String(oldest[0]!.id))
    const oldestFirst = await tileIds(page)

    await page.reload()
    await page.locator('.ga-grid:not(.ga-grid--static)').waitFor()
    expect(await page.inputValue('.search-filter__input')).toBe('copper robot')
    expect(await page.textContent('.ga-filter--starred .rs__single-value')).toBe('Starred only')
    expect(await page.textContent('#ga-toggle-filters')).toBe('Filters (1)')
    await expect.poll(summaryCount, { timeout: 10_000 }).toBe(starred)
    expect(await tileIds(page)).toEqual(oldestFirst)

    // A bookmarked view opens as it was saved.
    const bookmark = page.url()
    await page.goto(editor.gallery)
    await page.goto(bookmark)
    await expect.poll(summaryCount, { timeout: 10_000 }).toBe(starred)

    await chooseOption(page, '.ga-filter--kind', 'Videos')
    await page.waitForURL((url) => url.searchParams.get('kind') === 'video')
    await page.locator('.ga-gallery__empty', { hasText: 'Nothing matches' }).waitFor()
    await page.click('.ga-toolbar__clear')
    await page.fill('.search-filter__input', '')
    await page.waitForURL((url) => !url.searchParams.has('q') && !url.searchParams.has('kind'))
    await expect.poll(summaryCount, { timeout: 10_000 }).toBe(60)
  })
})

describe('narrow screens', () => {
  it('reflows the grid to two columns, collapses the Create panel, and opens the viewer with a tap', async () => {
    const editor = await newEditor(suite, {
      context: { hasTouch: true, isMobile: true, viewport: { height: 844, width: 390 } },
    })
    const mobile = editor.page
    await editor.seed(6, subjectPrompt)
    await mobile.goto(editor.gallery)
    await mobile.locator('.ga-grid:not(.ga-grid--static)').waitFor({ timeout: 60_000 })
    expect(await mobile.evaluate(() => document.querySelector('.ga-grid__row')?.children.length)).toBe(2)
    expect(await mobile.locator('#ga-generate-prompt').isVisible()).toBe(false)
    expect(await mobile.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    await screenshot(mobile, 'narrow-390', 'light')
    await screenshot(mobile, 'narrow-390-dark', 'dark')
    await screenshot(mobile, 'narrow-390', 'light')
    await mobile.click('#ga-create-toggle')
    await mobile.locator('#ga-generate-prompt').waitFor({ state: 'visible' })
    await mobile.locator('.ga-tile[data-status="ready"] .ga-tile__open').first().tap()
    await mobile.locator('#generated-assets-viewer .ga-viewer__title').waitFor()
    await screenshot(mobile, 'narrow-390-viewer')
  })
})
