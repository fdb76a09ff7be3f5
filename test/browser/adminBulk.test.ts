/**
 * Selecting many assets in the gallery and acting on them (production build, real Chromium):
 * a shift-click range to the trash, the trash with its retention period and restoring from it,
 * every asset matching a filter beyond the loaded pages, a zip of the stored files, and emptying
 * the trash for good. Each test has its own editor and assets (see adminSession.ts).
 */
import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'

import { newEditor, subjectPrompt, trashAssets, useAdminSuite } from './adminSession'
import { screenshot, tileIds } from './helpers'

const suite = useAdminSuite()

/** Whether the editor's trash holds any of `ids`, as `countOwn`'s `where`. */
const trashed = (ids: (number | string)[]) => ({ and: [{ id: { in: ids } }, { deletedAt: { exists: true } }] })

describe('selection and bulk actions', () => {
  it('selects a range with shift-click and moves it to the trash after a confirmation with the count', async () => {
    const editor = await newEditor(suite)
    const { countOwn, page } = editor
    await editor.seed(30, subjectPrompt)
    await editor.openGallery('?q=red%20fox')
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
    expect(await countOwn(trashed(ids), true)).toBe(5)
    // Only the selection went: the other 25 are still there.
    expect(await countOwn()).toBe(25)
  })

  it('shows them in the trash with the retention period, and restores them', async () => {
    const editor = await newEditor(suite)
    const { countOwn, page, summaryCount } = editor
    const seeded = await editor.seed(30, subjectPrompt)
    // Seven in the trash, of which the five newest are restored.
    await trashAssets(suite, seeded.slice(0, 7))
    await editor.openGallery()
    expect(await summaryCount()).toBe(23)
    await page.click('#ga-tab-trash')
    await page.waitForURL((url) => url.pathname.endsWith('/generated-assets/trash'))
    await page.locator('.ga-grid:not(.ga-grid--static)').waitFor()
    expect(await page.textContent('.ga-header__retention')).toContain('30 days')
    await expect.poll(() => page.locator('.ga-tile').count()).toBe(7)
    expect(await page.locator('.ga-tile__trash-note').first().textContent()).toMatch(/Deleted today · 30 days left/)
    await page.mouse.move(0, 0)
    await screenshot(page, 'trash', 'light')
    await screenshot(page, 'trash-dark', 'dark')
    await screenshot(page, 'trash', 'light')
    const restored = (await tileIds(page)).slice(0, 5)
    await page.click('.ga-tile[data-index="0"] .ga-tile__check')
    await page.click('.ga-tile[data-index="4"] .ga-tile__check', { modifiers: ['Shift'] })
    await page.click('#ga-bulk-restore')
    // Wait for the restore itself, not just the first count, before leaving the trash.
    await expect.poll(() => countOwn({ deletedAt: { exists: true } }, true)).toBe(2)
    expect(await countOwn(trashed(restored), true)).toBe(0)
    await expect.poll(() => page.locator('.ga-tile').count()).toBe(2)
    await page.click('#ga-tab-all')
    await page.waitForURL((url) => url.pathname.endsWith('/generated-assets'))
    await expect.poll(summaryCount, { timeout: 10_000 }).toBe(28)
  })

  it('selects all N matching a filter (beyond what is loaded) and trashes and restores them all', async () => {
    const editor = await newEditor(suite)
    const { countOwn, page } = editor
    // More than the first pages the grid loads ahead (48, then 100 at a time).
    const seeded = await editor.seed(300, subjectPrompt)
    // Three were in the trash already: restoring everything matching brings them back too.
    await trashAssets(suite, seeded.slice(0, 3))
    await editor.openGallery('?q=scene&order=oldest')
    const matching = await countOwn({ prompt: { like: 'scene' } })
    expect(matching).toBe(297)
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

    await page.goto(`${editor.gallery}/trash?q=scene`)
    await page.locator('.ga-grid:not(.ga-grid--static)').waitFor()
    await page.click('.ga-tile[data-index="0"] .ga-tile__check')
    await page.click('#ga-select-all-matching')
    await page.click('#ga-bulk-restore')
    await page.locator('.ga-gallery__empty', { hasText: 'The trash is empty' }).waitFor({ timeout: 60_000 })
    // Everything matching in the trash came back, including what was there before.
    expect(await countOwn({ prompt: { like: 'scene' } })).toBe(300)
  })

  it('downloads the selection as a zip of the stored files', async () => {
    const editor = await newEditor(suite)
    const { page } = editor
    await editor.seed(6, subjectPrompt)
    await editor.openGallery()
    const ids = (await tileIds(page)).slice(1, 4)
    for (const id of ids) await page.click(`.ga-tile[data-asset-id="${id}"] .ga-tile__check`)
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#ga-bulk-download')])
    expect(download.suggestedFilename()).toMatch(/^generated-assets-\d{4}-\d{2}-\d{2}\.zip$/)
    const zip = await readFile((await download.path())!)
    expect(zip.subarray(0, 2).toString()).toBe('PK')
    const text = zip.toString('latin1')
    for (const id of ids) expect(text).toContain(`${id}-`)
    await page.click('.ga-selection >> text=Clear')
    await expect.poll(() => page.locator('.ga-selection').count()).toBe(0)
  })

  it('empties the trash after a confirmation, deleting the assets permanently', async () => {
    const editor = await newEditor(suite)
    const { countOwn, page } = editor
    const seeded = await editor.seed(10, subjectPrompt)
    // One already in the trash, two more moved there from the grid.
    await trashAssets(suite, seeded.slice(-1))
    await editor.openGallery('?q=red%20fox')
    const ids = (await tileIds(page)).slice(0, 2)
    for (const id of ids) await page.click(`.ga-tile[data-asset-id="${id}"] .ga-tile__check`)
    await page.click('#ga-bulk-trash')
    await page.getByRole('alertdialog').getByRole('button', { name: 'Move to trash' }).click()
    await expect.poll(async () => (await tileIds(page)).filter((id) => ids.includes(id)).length).toBe(0)
    await page.goto(`${editor.gallery}/trash`)
    await page.locator('.ga-grid:not(.ga-grid--static)').waitFor()
    expect(await countOwn({ deletedAt: { exists: true } }, true)).toBe(3)
    await page.click('#ga-empty-trash')
    const confirm = page.getByRole('alertdialog')
    expect(await confirm.locator('h1').textContent()).toBe('Empty the trash: delete 3 assets permanently?')
    await confirm.getByRole('button', { name: 'Empty trash' }).click()
    await page.locator('.ga-gallery__empty', { hasText: 'The trash is empty' }).waitFor({ timeout: 60_000 })
    expect(await countOwn({ deletedAt: { exists: true } }, true)).toBe(0)
    expect(await countOwn({ id: { in: [...ids, seeded.at(-1)!] } }, true)).toBe(0)
    // What was not in the trash stays.
    expect(await countOwn()).toBe(7)
  })
})
