/**
 * The gallery kept live while it is open (production build, real Chromium, a real worker and the
 * plugin's server-sent events): others' inserts and deletions leave the scroll position and the
 * viewer alone, and a gallery page fetched before an asset finished must not undo its finished
 * tile when it answers late. Each test has its own editor and assets (see adminSession.ts).
 */
import { describe, expect, it, onTestFinished } from 'vitest'

import { newEditor, subjectPrompt, useAdminSuite } from './adminSession'
import { firstVisibleTile, tileIds } from './helpers'

const suite = useAdminSuite()

describe('live changes while the grid is open', () => {
  it('keeps the scroll position through live inserts and deletions by another user, and the viewer open', async () => {
    const editor = await newEditor(suite)
    const { page, summaryCount } = editor
    const other = await suite.app.createUser()
    const arrivedPrompt = `Arrived while scrolled ${editor.id}`
    await editor.seed(300, subjectPrompt)
    await editor.openGallery()
    await page.evaluate(() => window.scrollTo(0, 2200))
    await page.waitForTimeout(500)
    const before = await firstVisibleTile(page)
    expect(before.id).toBeTruthy()
    const total = await summaryCount()
    expect(total).toBe(300)

    // Someone generates (another tab, the API): the new asset arrives at the top, out of view.
    const response = await suite.app.request('POST', 'generated-assets/generate', {
      body: { prompt: arrivedPrompt },
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
    await suite.app.payload.update({
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
    await suite.app.payload.delete({
      collection: 'generated-assets',
      id: neighbour,
      overrideAccess: true,
      user: other as never,
    })
    await page.locator(`.ga-tile--removed[data-asset-id="${neighbour}"]`).waitFor({ timeout: 15_000 })
    expect(await viewer.locator('.ga-viewer__title').textContent()).toBe(title)
    expect(await viewer.locator('.ga-viewer__gone').count()).toBe(0)
    await suite.app.payload.update({
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
    await page.locator('.ga-tile[data-index="0"]', { hasText: arrivedPrompt }).waitFor()
    expect(await page.locator('.ga-new-assets').count()).toBe(0)
  })
})

describe('live status against slow pages', () => {
  it('keeps a finished tile ready when a gallery page fetched before it finished answers afterwards', async () => {
    const editor = await newEditor(suite)
    const { page } = editor
    const racePrompt = `A windmill in a tulip field ${editor.id}`
    await editor.seed(12, subjectPrompt)
    await editor.openGallery()
    // No worker: the page the Create panel fetches right after queueing sees the asset queued.
    await suite.stopWorker()
    onTestFinished(() => suite.startWorker())
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
    suite.startWorker()
    const ready = page.locator('.ga-tile[data-status="ready"]', { hasText: racePrompt })
    await ready.waitFor({ timeout: 30_000 })
    const answered = page.waitForResponse(/\/api\/generated-assets\/gallery\?/)
    await release()
    await answered
    // Give the grid time to apply the late page; before the fix it put the tile back to "queued".
    await page.waitForTimeout(1000)
    expect(await editor.tile(racePrompt).getAttribute('data-status')).toBe('ready')
    await expect
      .poll(() =>
        editor
          .tile(racePrompt)
          .locator('img.ga-tile__thumb')
          .evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0, undefined, { timeout: 5000 }),
      )
      .toBe(true)
  })
})
