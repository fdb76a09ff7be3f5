/**
 * Boards in the admin gallery and their client review page (production build, real Chromium):
 * an editor makes a board, puts three assets on it by selection, opens the board's view (its id
 * in the URL), copies the review link; a visitor in a fresh browser context without a login
 * approves one asset and comments on another; the editor's open viewer shows the comment and the
 * gallery the verdict badge without a reload, and the Review filter finds it; the board is renamed,
 * then deleted, and its assets stay.
 */
import { describe, expect, it } from 'vitest'

import { newEditor, subjectPrompt, useAdminSuite } from './adminSession'
import { screenshot, tileIds } from './helpers'

const suite = useAdminSuite()

describe('boards', () => {
  it('collects a selection on a board, shares it for review, and shows the visitor’s verdict live', async () => {
    const editor = await newEditor(suite)
    const { countOwn, page } = editor
    const seeded = await editor.seed(6, subjectPrompt)
    await editor.openGallery()

    // A new board from the boards bar.
    await page.getByRole('textbox', { name: 'New board' }).fill('Spring campaign')
    await page.getByRole('button', { name: 'Create board' }).click()
    const boardButton = page.locator('.ga-boards__board', { hasText: 'Spring campaign' })
    await expect.poll(() => boardButton.textContent()).toMatch(/Spring campaign\s*0/)

    // Three tiles selected, then Add to board.
    const ids = (await tileIds(page)).slice(0, 3)
    await page.click('.ga-tile[data-index="0"] .ga-tile__check')
    await page.click('.ga-tile[data-index="2"] .ga-tile__check', { modifiers: ['Shift'] })
    await expect.poll(() => page.textContent('.ga-selection__count')).toBe('3 selected')
    await page.selectOption('#ga-bulk-add-to-board', { label: 'Spring campaign' })
    await expect.poll(() => boardButton.textContent()).toMatch(/Spring campaign\s*3/)

    // The board's view: its assets only, its id in the URL.
    await boardButton.click()
    await page.waitForURL((url) => url.searchParams.has('board'))
    await expect.poll(async () => (await tileIds(page)).sort()).toEqual([...ids].sort())
    await screenshot(page, 'board-view')

    // The review link, copied, opened by a visitor without a login.
    await page.click('#ga-board-share')
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toMatch(/\/api\/generated-asset-boards\/share\/[\w-]{32}$/)
    const shareUrl = await page.evaluate(() => navigator.clipboard.readText())
    // The editor keeps the second asset open in the viewer meanwhile.
    await page.click('.ga-tile[data-index="1"] .ga-tile__open')
    const viewer = page.locator('#generated-assets-viewer')
    await viewer.waitFor()
    const visitorContext = await suite.browser.newContext()
    try {
      const visitor = await visitorContext.newPage()
      await visitor.goto(shareUrl)
      await expect.poll(() => visitor.locator('article').count()).toBe(3)
      expect(await visitor.textContent('h1')).toBe('Spring campaign')
      // No prompt on the page unless the board shows prompts.
      expect(await visitor.textContent('body')).not.toMatch(/red fox|lighthouse|copper robot/)
      const cards = visitor.locator('article')
      await visitor.fill('#reviewer-name', 'Client')
      await cards.nth(0).getByRole('button', { name: 'Approve' }).click()
      await expect.poll(() => cards.nth(0).getByRole('button', { name: 'Approve' }).getAttribute('aria-pressed')).toBe('true')
      await cards.nth(1).locator('textarea').fill('<b>warmer</b> light, please')
      await cards.nth(1).getByRole('button', { name: 'Send' }).click()
      await expect.poll(() => cards.nth(1).locator('li').textContent()).toBe('Client <b>warmer</b> light, please')
      await screenshot(visitor, 'board-review-page')
    } finally {
      await visitorContext.close()
    }

    // The editor's gallery, still open: the comment shows in the viewer, the verdict badge on the tile, without a reload.
    await expect.poll(() => viewer.locator('.ga-viewer__reviews li').textContent(), { timeout: 20_000 }).toContain('<b>warmer</b> light, please')
    expect(await viewer.locator('.ga-viewer__reviews li strong').textContent()).toBe('Client')
    await screenshot(page, 'board-viewer-reviews')
    await page.keyboard.press('Escape')
    await expect.poll(() => page.locator('.ga-tile .ga-badge--approved').count(), { timeout: 20_000 }).toBe(1)
    // The Review filter finds the approved one.
    await page.goto(`${editor.gallery}?board=${new URL(page.url()).searchParams.get('board')}&verdict=approved`)
    await page.locator('.ga-grid:not(.ga-grid--static)').waitFor()
    await expect.poll(async () => (await tileIds(page)).length).toBe(1)

    // Renamed from the gallery.
    await page.click('#ga-board-rename')
    await page.getByRole('textbox', { name: 'Rename board' }).fill('Spring campaign, final')
    await page.getByRole('button', { name: 'Save name' }).click()
    await expect.poll(() => page.locator('.ga-boards__board[aria-pressed="true"]').textContent()).toMatch(/Spring campaign, final\s*3/)

    // Deleting the board (asked twice) keeps the assets.
    await page.click('#ga-board-delete')
    await page.click('#ga-board-delete')
    await expect.poll(() => page.locator('.ga-boards__board', { hasText: 'Spring campaign' }).count()).toBe(0)
    expect(await countOwn({ id: { in: seeded } })).toBe(6)
  })
})
