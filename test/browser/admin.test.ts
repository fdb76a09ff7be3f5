import type { Browser, Page } from 'playwright-core'

import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type App, getApp } from '../helpers/app'
import { ARTIFACTS, launchChromium, startNextServer } from '../helpers/browser'

let app: App
let browser: Browser
let server: Awaited<ReturnType<typeof startNextServer>>
let stopWorker: () => Promise<void>
let page: Page
const email = `browser-${Date.now()}@example.com`
const password = 'correct horse battery staple'
const prompt = `A lighthouse on a cliff at dawn, oil painting ${Date.now()}`

const screenshot = (name: string) => page.screenshot({ fullPage: false, path: path.join(ARTIFACTS, `${name}.png`) })

beforeAll(async () => {
  app = await getApp()
  await app.payload.create({ collection: 'users', data: { email, password } })
  stopWorker = app.startWorker()
  server = await startNextServer()
  browser = await launchChromium()
  const context = await browser.newContext({ viewport: { height: 900, width: 1400 } })
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
  it('logs in', async () => {
    await page.goto(`${server.url}/admin/login`)
    await page.fill('input[name="email"]', email)
    await page.fill('input[name="password"]', password)
    await page.click('button[type="submit"]')
    await page.waitForURL((url) => !url.pathname.includes('/login'), { timeout: 60_000 })
  })

  it('generates an image from a prompt and sees it appear ready in the grid without reloading', async () => {
    await page.goto(`${server.url}/admin/collections/generated-assets`)
    await page.getByRole('heading', { name: 'Generated Assets' }).waitFor({ timeout: 60_000 })
    let reloads = 0
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) reloads++
    })
    await page.fill('.ga-generate textarea[name="prompt"]', prompt)
    await page.selectOption('.ga-generate select[name="size"]', '768x768')
    await page.click('#ga-generate-submit')
    const tile = page.locator('.ga-tile', { hasText: prompt })
    await tile.waitFor({ timeout: 15_000 })
    await page.locator('.ga-tile[data-status="ready"]', { hasText: prompt }).waitFor({ timeout: 30_000 })
    const thumbnail = tile.locator('img')
    await expect
      .poll(() => thumbnail.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), {
        timeout: 15_000,
      })
      .toBe(true)
    expect(reloads).toBe(0)
    await screenshot('grid')
  })

  it('opens the viewer with prompt, model and took', async () => {
    await page.locator('.ga-tile[data-status="ready"] button', { hasText: prompt }).click()
    const viewer = page.locator('#generated-assets-viewer')
    await viewer.waitFor()
    await expect.poll(() => viewer.locator('.ga-viewer__title').textContent()).toBe(prompt)
    await expect.poll(() => viewer.locator('[data-detail="prompt"] dd').textContent()).toBe(prompt)
    await expect.poll(() => viewer.locator('[data-detail="model"] dd').textContent()).toBe('Local (offline)')
    expect(await viewer.locator('[data-detail="took"] dd').textContent()).toMatch(/^\d+(\.\d+)? s$/)
    expect(await viewer.locator('[data-detail="size"] dd').textContent()).toBe('768 × 768')
    const image = viewer.locator('.ga-viewer__media img')
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(768)
    expect(await viewer.getByRole('link', { name: 'Download' }).getAttribute('href')).toMatch(
      /^http:\/\/127\.0\.0\.1:\d+\/api\/generated-assets\/file\/.+\.png$/,
    )
    await screenshot('viewer')
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
    await publicPage.screenshot({ path: path.join(ARTIFACTS, 'share-page.png') })
    await anonymous.close()
  })

  it('asks before deleting, disables the buttons while deleting, then the asset leaves the grid for the trash', async () => {
    await page.locator('#generated-assets-viewer').getByRole('button', { name: 'Delete' }).click()
    const confirm = page.getByRole('alertdialog')
    await confirm.waitFor()
    expect(await confirm.locator('h1').textContent()).toBe('Delete this item?')
    const summary = await confirm.locator('.ga-confirm__summary').textContent()
    expect(summary).toContain('Local (offline)')
    expect(summary).toContain(prompt.slice(0, 40))
    await screenshot('confirm-delete')

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

    await page.locator('.ga-tile', { hasText: prompt }).waitFor({ state: 'detached', timeout: 10_000 })
    const { docs } = await app.payload.find({
      collection: 'generated-assets',
      overrideAccess: true,
      trash: true,
      where: { prompt: { equals: prompt } },
    })
    expect(docs).toHaveLength(1)
    expect(docs[0]!.deletedAt).toBeTruthy()
    await page.reload()
    await page.getByRole('heading', { name: 'Generated Assets' }).waitFor()
    expect(await page.locator('.ga-tile', { hasText: prompt }).count()).toBe(0)
  })
})
