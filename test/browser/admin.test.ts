import type { Browser, BrowserContext, Page } from 'playwright-core'

import { readFile } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type App, getApp } from '../helpers/app'
import { launchChromium, startNextServer } from '../helpers/browser'
import { chooseOption, firstVisibleTile, insertAsset, logIn, screenshot, seedAssets, tileIds } from './helpers'

let app: App
let browser: Browser
let context: BrowserContext
let server: Awaited<ReturnType<typeof startNextServer>>
let stopWorker: () => Promise<void>
let page: Page
let editor: { id: number | string; token: string }
let other: { id: number | string }
const stamp = Date.now()
const email = `browser-${stamp}@example.com`
const password = 'correct horse battery staple'
const prompt = `A lighthouse on a cliff at dawn, oil painting ${stamp}`
const failedPrompt = `A prompt the provider refused ${stamp}`
/** Seeded assets: three subjects in turn, newest first (n = 0 is the newest). */
const SUBJECTS = ['red fox', 'stone lighthouse', 'copper robot']
const SEEDED = 300
const seededPrompt = (n: number) => `${SUBJECTS[n % 3]} scene ${n}`
let seededIds: (number | string)[] = []

const gallery = () => `${server.url}/admin/collections/generated-assets`
const openGallery = async (query = '') => {
  await page.goto(`${gallery()}${query}`)
  await page.getByRole('heading', { name: 'Generated Assets' }).first().waitFor({ timeout: 60_000 })
  await page.locator('.ga-grid:not(.ga-grid--static)').waitFor({ timeout: 15_000 })
}
const tile = (text: string) => page.locator('.ga-tile', { hasText: text })
const summaryCount = async () => Number(((await page.textContent('.ga-gallery__summary')) ?? '').replace(/[^\d]/g, ''))
const countOwn = async (where: Record<string, unknown> = {}, trash = false) =>
  (
    await app.payload.count({
      collection: 'generated-assets',
      overrideAccess: true,
      trash,
      where: { and: [{ createdBy: { equals: editor.id } }, where] },
    } as never)
  ).totalDocs

beforeAll(async () => {
  app = await getApp()
  const user = await app.payload.create({ collection: 'users', data: { email, password } })
  const login = await app.request('POST', 'users/login', { body: { email, password } })
  editor = { id: user.id, token: ((await login.json()) as { token: string }).token }
  other = await app.createUser()
  seededIds = await seedAssets({
    app,
    count: SEEDED,
    filePrefix: `browser-${stamp}`,
    prompt: seededPrompt,
    userId: editor.id,
  })
  await insertAsset({
    app,
    error: 'The provider refused this prompt (content policy). Change the prompt and retry.',
    prompt: failedPrompt,
    status: 'failed',
    userId: editor.id,
  })
  server = await startNextServer()
  // Started once the app is built and up: not left idling through minutes of `next build`.
  stopWorker = app.startWorker()
  browser = await launchChromium()
  context = await browser.newContext({ viewport: { height: 900, width: 1400 } })
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url })
  page = await context.newPage()
})

afterAll(async () => {
  await browser?.close()
  await server?.stop()
  await stopWorker?.()
  await app?.close()
})

describe('an editor in the admin', () => {
  it('logs in and reaches the dashboard, with the plugin in the navigation', async () => {
    await logIn({ email, page, password, url: server.url })
    expect(new URL(page.url()).pathname).toBe('/admin')
    await page.locator('nav a[href="/admin/collections/generated-assets"]').first().waitFor({ timeout: 30_000 })
    // The session is the editor's: Payload's own API says who is logged in.
    const me = await page.evaluate(async () => (await (await fetch('/api/users/me', { credentials: 'include' })).json()) as { user?: { email?: string } })
    expect(me.user?.email).toBe(email)
  })

  it('generates an image from a prompt and sees it appear ready in the grid without reloading', async () => {
    await openGallery()
    let reloads = 0
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) reloads++
    })
    await page.fill('.ga-generate textarea[name="prompt"]', prompt)
    await chooseOption(page, '.ga-generate__field--size', '768 × 768')
    await page.click('#ga-generate-submit')
    await tile(prompt).waitFor({ timeout: 15_000 })
    await page.locator('.ga-tile[data-status="ready"]', { hasText: prompt }).waitFor({ timeout: 30_000 })
    const thumbnail = tile(prompt).locator('img.ga-tile__thumb')
    await expect
      .poll(() => thumbnail.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), {
        timeout: 15_000,
      })
      .toBe(true)
    expect(reloads).toBe(0)
    await page.mouse.move(0, 0)
    await screenshot(page, 'grid', 'light')
    await screenshot(page, 'grid-dark', 'dark')
    await screenshot(page, 'grid', 'light')
  })

  it('opens the viewer with prompt, model, took and the other details', async () => {
    await page.locator('.ga-tile[data-status="ready"] button', { hasText: prompt }).click()
    const viewer = page.locator('#generated-assets-viewer')
    await viewer.waitFor()
    await expect.poll(() => viewer.locator('.ga-viewer__title').textContent()).toBe(prompt)
    await expect.poll(() => viewer.locator('[data-detail="prompt"] dd').textContent()).toBe(prompt)
    await expect.poll(() => viewer.locator('[data-detail="model"] dd').textContent()).toBe('Local (offline)')
    expect(await viewer.locator('[data-detail="took"] dd').textContent()).toMatch(/^\d+(\.\d+)? s$/)
    expect(await viewer.locator('[data-detail="size"] dd').textContent()).toBe('768 × 768')
    expect(await viewer.locator('[data-detail="seed"] dd').textContent()).toMatch(/^\d+$/)
    expect(await viewer.locator('[data-detail="params"] dd').textContent()).toContain('size 768x768')
    expect(await viewer.locator('[data-detail="creator"] dd').textContent()).toBe(email)
    expect(await viewer.locator('[data-detail="created"] dd').textContent()).toBeTruthy()
    const image = viewer.locator('.ga-viewer__media img.ga-viewer__image')
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(768)
    expect(await viewer.getByRole('link', { name: 'Download' }).getAttribute('href')).toMatch(
      /^http:\/\/127\.0\.0\.1:\d+\/api\/generated-assets\/file\/.+\.png\?prefix=generated-assets$/,
    )
    for (const name of ['Share', 'Star', 'Reuse', 'Delete']) {
      expect(await viewer.getByRole('button', { exact: true, name }).count()).toBe(1)
    }
    await screenshot(page, 'viewer', 'light')
    await screenshot(page, 'viewer-dark', 'dark')
    await screenshot(page, 'viewer', 'light')
  })

  it('shares: the absolute share URL lands on the clipboard and opens with no login', async () => {
    await page.locator('#generated-assets-viewer').getByRole('button', { name: 'Share' }).click()
    await expect
      .poll(() => page.evaluate(() => navigator.clipboard.readText()), { timeout: 10_000 })
      .toMatch(/\/share\//)
    const shareUrl = await page.evaluate(() => navigator.clipboard.readText())
    expect(shareUrl).toMatch(new RegExp(`^${server.url}/api/generated-assets/share/[\\w-]{32}$`))

    const anonymous = await browser.newContext()
    const publicPage = await anonymous.newPage()
    const response = await publicPage.goto(shareUrl)
    expect(response?.status()).toBe(200)
    const image = publicPage.locator('main img')
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(768)
    expect(await publicPage.textContent('main')).toContain(prompt)
    await screenshot(publicPage, 'share-page')
    await anonymous.close()
  })

  it('asks before deleting, disables the buttons while deleting, then the asset leaves the grid for the trash', async () => {
    await page.locator('#generated-assets-viewer').getByRole('button', { exact: true, name: 'Delete' }).click()
    const confirm = page.getByRole('alertdialog')
    await confirm.waitFor()
    expect(await confirm.locator('h1').textContent()).toBe('Delete this item?')
    const summary = await confirm.locator('.ga-confirm__summary').textContent()
    expect(summary).toContain('Local (offline)')
    expect(summary).toContain(prompt.slice(0, 40))
    await screenshot(page, 'confirm-delete', 'light')
    await screenshot(page, 'confirm-delete-dark', 'dark')
    await screenshot(page, 'confirm-delete', 'light')

    // Hold the request for a moment to see the in-flight state.
    let release: () => void = () => undefined
    const held = new Promise<void>((resolve) => (release = resolve))
    await page.route('**/api/generated-assets/*', async (route) => {
      if (route.request().method() === 'PATCH') await held
      await route.continue()
    })
    await confirm.getByRole('button', { name: 'Delete' }).click()
    await expect.poll(() => confirm.locator('#ga-confirm-delete').isDisabled()).toBe(true)
    expect(await confirm.locator('#ga-confirm-cancel').isDisabled()).toBe(true)
    release()

    await tile(prompt).waitFor({ state: 'detached', timeout: 10_000 })
    await page.unroute('**/api/generated-assets/*')
    const { docs } = await app.payload.find({
      collection: 'generated-assets',
      overrideAccess: true,
      trash: true,
      where: { prompt: { equals: prompt } },
    })
    expect(docs).toHaveLength(1)
    expect(docs[0]!.deletedAt).toBeTruthy()
    await openGallery()
    expect(await tile(prompt).count()).toBe(0)
  })
})

describe('status tiles', () => {
  it('shows a failed asset with its error and a Retry button, and follows the retry live to ready', async () => {
    const failed = page.locator('.ga-tile[data-status="failed"]', { hasText: failedPrompt })
    await failed.waitFor()
    expect(await failed.locator('.ga-tile__error').textContent()).toContain('content policy')
    await failed.getByRole('button', { name: 'Retry' }).click()
    await page.locator('.ga-tile[data-status="ready"]', { hasText: failedPrompt }).waitFor({ timeout: 30_000 })
  })

  it('shows a video tile with its poster, which plays the video muted on hover', async () => {
    const videoPrompt = `A paper boat on a pond ${stamp}`
    await page.fill('.ga-generate textarea[name="prompt"]', videoPrompt)
    await chooseOption(page, '.ga-generate__field--model', 'Local video (offline)')
    await chooseOption(page, '.ga-generate__field--duration', '2 s')
    await page.click('#ga-generate-submit')
    const video = page.locator('.ga-tile[data-status="ready"]', { hasText: videoPrompt })
    await video.waitFor({ timeout: 60_000 })
    const posterSrc = await video.locator('img.ga-tile__thumb').getAttribute('src')
    expect(posterSrc).toBeTruthy()
    expect(await video.locator('video').count()).toBe(0)
    await video.hover()
    const player = video.locator('video.ga-tile__video')
    await player.waitFor()
    expect(await player.evaluate((element: HTMLVideoElement) => element.muted)).toBe(true)
    const src = await player.getAttribute('src')
    expect(src).toMatch(/\.mp4(\?|$)/)
    expect(await player.getAttribute('poster')).not.toBe(src)
    expect(posterSrc).not.toBe(src)
    await page.mouse.move(0, 0)
    await chooseOption(page, '.ga-generate__field--model', 'Local (offline)')
  })
})

describe('a grid of many assets', () => {
  it('keeps the DOM bounded while scrolling to the end, loading keyset pages as it goes', async () => {
    await openGallery('?order=oldest')
    const total = await summaryCount()
    expect(total).toBe(await countOwn())
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
    await tile(seededPrompt(0)).first().waitFor({ timeout: 15_000 })
    expect(mostTiles).toBeGreaterThan(10)
    expect(mostTiles).toBeLessThanOrEqual(100)
  })

  it('sends the first page with the HTML: thumbnails and their blurred placeholders are in the server render', async () => {
    const response = await page.request.get(gallery())
    const html = await response.text()
    expect(html).toContain('ga-tile__placeholder')
    expect(html).toMatch(
      /class="ga-tile__thumb[^"]*"[^>]*src="http:\/\/127\.0\.0\.1:\d+\/api\/generated-assets\/file\//,
    )
  })
})

describe('filters and search', () => {
  it('searches prompts in the database, keeps filters in the URL and after a reload', async () => {
    await openGallery()
    await page.fill('.search-filter__input', 'copper robot')
    await page.waitForURL((url) => url.searchParams.get('q') === 'copper robot')
    const matching = await countOwn({ prompt: { like: 'copper robot' } })
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
    await expect.poll(summaryCount, { timeout: 10_000 }).toBe(starred)
    await chooseOption(page, '.ga-filter--order', 'Oldest first')
    await page.waitForURL((url) => url.searchParams.get('order') === 'oldest')
    const { docs: oldest } = await app.payload.find({
      collection: 'generated-assets',
      limit: 1,
      overrideAccess: true,
      sort: 'createdAt',
      where: {
        and: [
          { createdBy: { equals: editor.id } },
          { prompt: { like: 'copper robot' } },
          { starred: { equals: true } },
        ],
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
    await page.goto(gallery())
    await page.goto(bookmark)
    await expect.poll(summaryCount, { timeout: 10_000 }).toBe(starred)

    await chooseOption(page, '.ga-filter--kind', 'Videos')
    await page.waitForURL((url) => url.searchParams.get('kind') === 'video')
    await page.locator('.ga-gallery__empty', { hasText: 'Nothing matches' }).waitFor()
    await page.click('.ga-toolbar__clear')
    await page.fill('.search-filter__input', '')
    await page.waitForURL((url) => !url.searchParams.has('q') && !url.searchParams.has('kind'))
    const all = await countOwn()
    await expect.poll(summaryCount, { timeout: 10_000 }).toBe(all)
  })
})

describe('selection and bulk actions', () => {
  it('selects a range with shift-click and moves it to the trash after a confirmation with the count', async () => {
    await openGallery('?q=red%20fox')
    const ids = (await tileIds(page)).slice(0, 5)
    await page.click('.ga-tile[data-index="0"] .ga-tile__check')
    await page.click('.ga-tile[data-index="4"] .ga-tile__check', { modifiers: ['Shift'] })
    await expect.poll(() => page.textContent('.ga-selection__count')).toBe('5 selected')
    expect(await page.locator('.ga-tile--selected').count()).toBe(5)
    await page.click('#ga-bulk-trash')
    const confirm = page.getByRole('alertdialog')
    await confirm.waitFor()
    expect(await confirm.locator('h1').textContent()).toBe('Move 5 assets to the trash?')
    await screenshot(page, 'confirm-bulk-trash')
    await confirm.getByRole('button', { name: 'Move to trash' }).click()
    await expect.poll(async () => (await tileIds(page)).filter((id) => ids.includes(id)).length).toBe(0)
    expect(await countOwn({ id: { in: ids } })).toBe(0)
    expect(await countOwn({ and: [{ id: { in: ids } }, { deletedAt: { exists: true } }] }, true)).toBe(5)
  })

  it('shows them in the trash with the retention period, and restores them', async () => {
    await page.click('#ga-tab-trash')
    await page.waitForURL((url) => url.pathname.endsWith('/generated-assets/trash'))
    await page.locator('.ga-grid:not(.ga-grid--static)').waitFor()
    expect(await page.textContent('.ga-header__retention')).toContain('30 days')
    await expect.poll(() => page.locator('.ga-tile').count()).toBeGreaterThanOrEqual(5)
    expect(await page.locator('.ga-tile__trash-note').first().textContent()).toMatch(/Deleted today · 30 days left/)
    await page.mouse.move(0, 0)
    await screenshot(page, 'trash', 'light')
    await screenshot(page, 'trash-dark', 'dark')
    await screenshot(page, 'trash', 'light')
    const trashedBefore = await countOwn({ deletedAt: { exists: true } }, true)
    await page.click('.ga-tile[data-index="0"] .ga-tile__check')
    await page.click('.ga-tile[data-index="4"] .ga-tile__check', { modifiers: ['Shift'] })
    await page.click('#ga-bulk-restore')
    // Wait for the restore itself, not just the first count, before leaving the trash.
    await expect.poll(() => countOwn({ deletedAt: { exists: true } }, true)).toBe(trashedBefore - 5)
    await expect.poll(() => page.locator('.ga-tile').count()).toBe(trashedBefore - 5)
    await page.click('#ga-tab-all')
    await page.waitForURL((url) => url.pathname.endsWith('/generated-assets'))
    const all = await countOwn()
    await expect.poll(summaryCount, { timeout: 10_000 }).toBe(all)
  })

  it('selects all N matching a filter (beyond what is loaded) and trashes and restores them all', async () => {
    await openGallery('?q=scene&order=oldest')
    const matching = await countOwn({ prompt: { like: 'scene' } })
    const withTrashed = await countOwn({ prompt: { like: 'scene' } }, true)
    expect(await page.locator('.ga-tile').count()).toBeLessThan(matching)
    await page.click('.ga-tile[data-index="0"] .ga-tile__check')
    await page.click('#ga-select-all-matching')
    await expect.poll(() => page.textContent('.ga-selection__count')).toBe(`All ${matching} matching selected`)
    await page.click('#ga-bulk-trash')
    const confirm = page.getByRole('alertdialog')
    expect(await confirm.locator('h1').textContent()).toBe(`Move ${matching} assets to the trash?`)
    await confirm.getByRole('button', { name: 'Move to trash' }).click()
    await page.locator('.ga-gallery__empty').waitFor({ timeout: 60_000 })
    expect(await countOwn({ prompt: { like: 'scene' } })).toBe(0)

    await page.goto(`${gallery()}/trash?q=scene`)
    await page.locator('.ga-grid:not(.ga-grid--static)').waitFor()
    await page.click('.ga-tile[data-index="0"] .ga-tile__check')
    await page.click('#ga-select-all-matching')
    await page.click('#ga-bulk-restore')
    await page.locator('.ga-gallery__empty', { hasText: 'The trash is empty' }).waitFor({ timeout: 60_000 })
    // Everything matching in the trash came back, including what was there before.
    expect(await countOwn({ prompt: { like: 'scene' } })).toBe(withTrashed)
  })

  it('downloads the selection as a zip of the stored files', async () => {
    await openGallery()
    const ids = (await tileIds(page)).slice(1, 4)
    for (const id of ids) await page.click(`.ga-tile[data-asset-id="${id}"] .ga-tile__check`)
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#ga-bulk-download')])
    expect(download.suggestedFilename()).toMatch(/^generated-assets-\d{4}-\d{2}-\d{2}\.zip$/)
    const zip = await readFile((await download.path())!)
    expect(zip.subarray(0, 2).toString()).toBe('PK')
    const text = zip.toString('latin1')
    for (const id of ids) expect(text).toContain(`${id}-`)
    await page.click('.ga-selection >> text=Clear')
  })

  it('empties the trash after a confirmation, deleting the assets permanently', async () => {
    await openGallery('?q=red%20fox')
    const ids = (await tileIds(page)).slice(0, 2)
    for (const id of ids) await page.click(`.ga-tile[data-asset-id="${id}"] .ga-tile__check`)
    await page.click('#ga-bulk-trash')
    await page.getByRole('alertdialog').getByRole('button', { name: 'Move to trash' }).click()
    await expect.poll(async () => (await tileIds(page)).filter((id) => ids.includes(id)).length).toBe(0)
    await page.goto(`${gallery()}/trash`)
    await page.locator('.ga-grid:not(.ga-grid--static)').waitFor()
    const inTrash = await countOwn({ deletedAt: { exists: true } }, true)
    await page.click('#ga-empty-trash')
    const confirm = page.getByRole('alertdialog')
    expect(await confirm.locator('h1').textContent()).toBe(
      `Empty the trash: delete ${inTrash} asset${inTrash === 1 ? '' : 's'} permanently?`,
    )
    await confirm.getByRole('button', { name: 'Empty trash' }).click()
    await page.locator('.ga-gallery__empty', { hasText: 'The trash is empty' }).waitFor({ timeout: 30_000 })
    expect(await countOwn({ deletedAt: { exists: true } }, true)).toBe(0)
    expect(await countOwn({ id: { in: ids } }, true)).toBe(0)
  })
})

describe('keyboard', () => {
  const focusedIndex = () =>
    page.evaluate(() => Number(document.activeElement?.closest('.ga-tile')?.getAttribute('data-index') ?? -1))

  it('moves with the arrows, opens with Enter, pages the viewer with ← →, stars with S, closes with Escape', async () => {
    await openGallery()
    const columns = await page.evaluate(() => document.querySelector('.ga-grid__row')?.children.length ?? 0)
    expect(columns).toBeGreaterThan(1)
    await page.keyboard.press('ArrowRight')
    await expect.poll(focusedIndex).toBe(0)
    await page.keyboard.press('ArrowRight')
    await expect.poll(focusedIndex).toBe(1)
    await page.keyboard.press('ArrowDown')
    await expect.poll(focusedIndex).toBe(1 + columns)
    const prompts = await page.$$eval('.ga-tile', (tiles) =>
      Object.fromEntries(
        tiles.map((t) => [t.getAttribute('data-index'), t.querySelector('.ga-tile__prompt')?.textContent]),
      ),
    )
    await page.keyboard.press('Enter')
    const viewer = page.locator('#generated-assets-viewer')
    await expect.poll(() => viewer.locator('.ga-viewer__title').textContent()).toBe(prompts[String(1 + columns)])
    await page.keyboard.press('ArrowRight')
    await expect.poll(() => viewer.locator('.ga-viewer__title').textContent()).toBe(prompts[String(2 + columns)])
    await page.keyboard.press('ArrowLeft')
    await page.keyboard.press('ArrowLeft')
    await expect.poll(() => viewer.locator('.ga-viewer__title').textContent()).toBe(prompts[String(columns)])
    const wasStarred = (await viewer.locator('.ga-viewer__star').getAttribute('aria-pressed')) === 'true'
    await page.keyboard.press('s')
    await expect.poll(() => viewer.locator('.ga-viewer__star').getAttribute('aria-pressed')).toBe(String(!wasStarred))
    await expect
      .poll(
        async () =>
          (
            await app.payload.find({
              collection: 'generated-assets',
              overrideAccess: true,
              where: { prompt: { equals: prompts[String(columns)] } },
            })
          ).docs[0]?.starred,
      )
      .toBe(!wasStarred)
    await page.keyboard.press('Escape')
    await viewer.waitFor({ state: 'detached' })
    await expect.poll(focusedIndex).toBe(columns)
  })

  it('asks before trashing with Delete, and selects with Space and shift', async () => {
    const index = await page.evaluate(() =>
      Number(document.activeElement?.closest('.ga-tile')?.getAttribute('data-index')),
    )
    await page.keyboard.press('Delete')
    const confirm = page.getByRole('alertdialog')
    await confirm.waitFor()
    expect(await confirm.locator('h1').textContent()).toBe('Delete this item?')
    await confirm.getByRole('button', { name: 'Cancel' }).click()
    await confirm.waitFor({ state: 'detached' })
    // Focus goes back to the tile the dialog was opened from.
    await expect.poll(focusedIndex).toBe(index)
    await page.keyboard.press(' ')
    await page.keyboard.press('ArrowRight')
    await page.keyboard.press('ArrowRight')
    await page.keyboard.press('Shift+ ')
    await expect.poll(() => page.textContent('.ga-selection__count')).toBe('3 selected')
    expect(await page.locator(`.ga-tile--selected[data-index="${index + 1}"]`).count()).toBe(1)
    await page.keyboard.press('Escape')
    await expect.poll(() => page.locator('.ga-selection').count()).toBe(0)
  })
})

describe('reuse', () => {
  it('opens the Create panel prefilled with prompt, model and params, with the asset as a source image', async () => {
    await openGallery('?q=copper%20robot')
    const first = page.locator('.ga-tile[data-index="0"]')
    const reusedPrompt = await first.locator('.ga-tile__prompt').textContent()
    const seed = Number(/scene (\d+)/.exec(reusedPrompt ?? '')?.[1])
    await first.locator('.ga-tile__open').click()
    await page.locator('#generated-assets-viewer').getByRole('button', { name: 'Reuse' }).click()
    await page.locator('#generated-assets-viewer').waitFor({ state: 'detached' })
    expect(await page.inputValue('#ga-generate-prompt')).toBe(reusedPrompt)
    expect(await page.textContent('.ga-generate__field--model .rs__single-value')).toBe('Local (offline)')
    expect(await page.textContent('.ga-generate__field--size .rs__single-value')).toBe('512 × 512')
    expect(await page.inputValue('#ga-generate-seed')).toBe(String(seed))
    const source = page.locator('.ga-generate__source')
    const sourceId = await first.getAttribute('data-asset-id')
    expect(await source.getAttribute('data-source-id')).toBe(sourceId)
    // The offline model edits images: the source is attached and said to be sent.
    expect(await source.textContent()).toContain('Sent to the model with the prompt.')
    await screenshot(page, 'reuse')
    const [request, response] = await Promise.all([
      page.waitForRequest((candidate) => candidate.url().endsWith('/api/generated-assets/generate')),
      page.waitForResponse((candidate) => candidate.url().endsWith('/api/generated-assets/generate')),
      page.click('#ga-generate-submit'),
    ])
    expect(request.postDataJSON()).toEqual({
      model: 'local/image',
      params: { seed, size: '512x512' },
      prompt: reusedPrompt,
      sources: [Number(sourceId)],
    })
    expect(response.status()).toBe(202)
    const { id } = (await response.json()) as { id: number }
    await expect.poll(() => page.inputValue('#ga-generate-prompt')).toBe('')
    const edited = await app.waitForAsset(id, (doc) => doc.status === 'ready' || doc.status === 'failed')
    expect(edited).toMatchObject({ sources: [Number(sourceId)], status: 'ready', width: 512 })
  })
})

describe('live changes while the grid is open', () => {
  it('keeps the scroll position through live inserts and deletions by another user, and the viewer open', async () => {
    await openGallery()
    await page.evaluate(() => window.scrollTo(0, 2200))
    await page.waitForTimeout(500)
    const before = await firstVisibleTile(page)
    expect(before.id).toBeTruthy()
    const total = await summaryCount()

    // Someone generates (another tab, the API): the new asset arrives at the top, out of view.
    const response = await app.request('POST', 'generated-assets/generate', {
      body: { prompt: `Arrived while scrolled ${stamp}` },
      token: editor.token,
    })
    expect(response.status).toBe(202)
    await expect.poll(summaryCount, { timeout: 15_000 }).toBe(total + 1)
    await page.locator('.ga-new-assets', { hasText: '1 new asset' }).waitFor()
    await page.waitForTimeout(300)
    expect(await firstVisibleTile(page)).toEqual(before)

    // Another user (here a script acting as them, as the default access keeps assets private)
    // trashes an asset above the viewport and deletes another for good.
    const ids = await tileIds(page)
    const above = ids[0]!
    expect(
      await page.evaluate(
        (id) => document.querySelector(`.ga-tile[data-asset-id="${id}"]`)!.getBoundingClientRect().bottom,
        above,
      ),
    ).toBeLessThan(0)
    await app.payload.update({
      collection: 'generated-assets',
      data: { deletedAt: new Date().toISOString() },
      id: above,
      overrideAccess: true,
      user: other as never,
    })
    await expect.poll(summaryCount, { timeout: 15_000 }).toBe(total)
    // It keeps its place, marked, so nothing in view moves.
    expect(await page.locator(`.ga-tile--removed[data-asset-id="${above}"]`).count()).toBe(1)
    expect(await firstVisibleTile(page)).toEqual(before)

    // The viewer stays open on its asset while others go, and says so when its own asset goes.
    await page.locator(`.ga-tile[data-asset-id="${before.id}"] .ga-tile__open`).click()
    const viewer = page.locator('#generated-assets-viewer')
    await viewer.waitFor()
    const title = await viewer.locator('.ga-viewer__title').textContent()
    const neighbour = ids[ids.indexOf(before.id!) + 1]!
    await app.payload.delete({
      collection: 'generated-assets',
      id: neighbour,
      overrideAccess: true,
      user: other as never,
    })
    await page.locator(`.ga-tile--removed[data-asset-id="${neighbour}"]`).waitFor({ timeout: 15_000 })
    expect(await viewer.locator('.ga-viewer__title').textContent()).toBe(title)
    expect(await viewer.locator('.ga-viewer__gone').count()).toBe(0)
    await app.payload.update({
      collection: 'generated-assets',
      data: { deletedAt: new Date().toISOString() },
      id: before.id!,
      overrideAccess: true,
      user: other as never,
    })
    await viewer.locator('.ga-viewer__gone').waitFor({ timeout: 15_000 })
    expect(await viewer.locator('.ga-viewer__title').textContent()).toBe(title)
    await page.keyboard.press('Escape')
    await viewer.waitFor({ state: 'detached' })

    // The held-back arrival shows at the top when asked for.
    await page.click('.ga-new-assets')
    await page.locator('.ga-tile[data-index="0"]', { hasText: `Arrived while scrolled ${stamp}` }).waitFor()
    expect(await page.locator('.ga-new-assets').count()).toBe(0)
  })
})

describe('narrow screens', () => {
  it('reflows the grid to two columns, collapses the Create panel, and opens the viewer with a tap', async () => {
    const phone = await browser.newContext({ hasTouch: true, isMobile: true, viewport: { height: 844, width: 390 } })
    const mobile = await phone.newPage()
    await logIn({ email, page: mobile, password, url: server.url })
    await mobile.goto(gallery())
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
    await phone.close()
  })
})

describe('live status against slow pages', () => {
  it('keeps a finished tile ready when a gallery page fetched before it finished answers afterwards', async () => {
    const racePrompt = `A windmill in a tulip field ${stamp}`
    await openGallery()
    // No worker: the page the Create panel fetches right after queueing sees the asset queued.
    await stopWorker()
    let release: () => Promise<void> = async () => undefined
    let snapshotStatus: string | undefined
    const snapshotTaken = new Promise<void>((resolve) => {
      void page.route(
        /\/api\/generated-assets\/gallery\?/,
        async (route) => {
          const response = await route.fetch()
          const body = (await response.json()) as { items: { prompt: string; status: string }[] }
          snapshotStatus = body.items.find((item) => item.prompt === racePrompt)?.status
          // Held until the asset is ready in the grid, then answered with this older copy.
          release = () => route.fulfill({ response })
          resolve()
        },
        { times: 1 },
      )
    })
    await page.fill('.ga-generate textarea[name="prompt"]', racePrompt)
    await page.click('#ga-generate-submit')
    await snapshotTaken
    expect(snapshotStatus).toBe('queued')
    stopWorker = app.startWorker()
    const ready = page.locator('.ga-tile[data-status="ready"]', { hasText: racePrompt })
    await ready.waitFor({ timeout: 30_000 })
    const answered = page.waitForResponse(/\/api\/generated-assets\/gallery\?/)
    await release()
    await answered
    // Give the grid time to apply the late page; before the fix it put the tile back to "queued".
    await page.waitForTimeout(1000)
    expect(await tile(racePrompt).getAttribute('data-status')).toBe('ready')
    await expect
      .poll(() =>
        tile(racePrompt)
          .locator('img.ga-tile__thumb')
          .evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0, undefined, { timeout: 5000 }),
      )
      .toBe(true)
  })
})
