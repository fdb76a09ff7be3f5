/**
 * Helpers of the admin gallery's browser tests: logging in, seeding assets, reading the grid.
 */
import type { Page } from 'playwright-core'

import path from 'node:path'
import { expect } from 'vitest'

import type { App } from '../helpers/app'

import { seedGallery } from '../../bench/gallerySeed'
import { ARTIFACTS } from '../helpers/browser'
import { s3TargetFromEnv } from '../../bench/lib/s3Target'

/** Logs a user in through the admin's login form. */
export const logIn = async ({
  email,
  page,
  password,
  url,
}: {
  email: string
  page: Page
  password: string
  url: string
}) => {
  await page.goto(`${url}/admin/login`)
  await page.fill('input[name="email"]', email)
  await page.fill('input[name="password"]', password)
  await page.click('button[type="submit"]')
  await page.waitForURL((location) => !location.pathname.includes('/login'), { timeout: 60_000 })
}

/** Saves a screenshot of the viewport as test-results/<name>.png; `theme` switches Payload's theme first. */
export const screenshot = async (page: Page, name: string, theme?: 'dark' | 'light') => {
  if (theme) {
    await page.evaluate((value) => {
      document.documentElement.dataset.theme = value
    }, theme)
    await page.waitForTimeout(150)
  }
  await page.screenshot({ fullPage: false, path: path.join(ARTIFACTS, `${name}.png`) })
}

/** Seeds `count` ready image assets for a user (thumbnails and originals in the test bucket); ids newest first. */
export const seedAssets = async ({
  app,
  count,
  filePrefix,
  prompt,
  userId,
}: {
  app: App
  count: number
  filePrefix: string
  prompt: (n: number) => string
  userId: number | string
}) =>
  seedGallery({
    count,
    distinct: 24,
    filePrefix,
    payload: app.payload,
    prompt,
    s3: s3TargetFromEnv(),
    storeOriginals: true,
    userId,
  })

type Pool = { query: (text: string, values?: unknown[]) => Promise<{ rows: { id: number }[] }> }

/** Inserts one asset in a given state (failed with an error, queued…), newer than everything else. */
export const insertAsset = async ({
  app,
  error,
  errorCode = 'content_policy',
  prompt,
  status,
  userId,
}: {
  app: App
  error?: string
  /** Stored with `error`. @default 'content_policy' */
  errorCode?: string
  prompt: string
  status: 'failed' | 'generating' | 'queued'
  userId: number | string
}): Promise<number> => {
  const pool = (app.payload.db as unknown as { pool: Pool }).pool
  const { rows } = await pool.query(
    `insert into generated_assets (prompt, model, model_name, kind, status, error, error_code, created_by_id, created_at, updated_at, queued_at, params)
     values ($1, 'local/image', 'Local (offline)', 'image', $2, $3, $4, $5, now(), now(), now(), '{"size":"256x256"}') returning id`,
    [prompt, status, error ?? null, error ? errorCode : null, userId],
  )
  return rows[0]!.id
}

/** Ids of the tiles in the DOM, in grid order. */
export const tileIds = (page: Page): Promise<string[]> =>
  page.$$eval('.ga-tile', (tiles) =>
    tiles
      .map((tile) => ({ id: tile.getAttribute('data-asset-id')!, index: Number(tile.getAttribute('data-index')) }))
      .sort((a, b) => a.index - b.index)
      .map((tile) => tile.id),
  )

/** The asset whose tile is at the top left of the viewport (below the app header), and where its top is. */
export const firstVisibleTile = (page: Page): Promise<{ id: null | string; top: number }> =>
  page.evaluate(() => {
    const header = Math.max(0, document.querySelector('.app-header')?.getBoundingClientRect().bottom ?? 0)
    const tiles = [...document.querySelectorAll<HTMLElement>('.ga-tile')]
      .map((tile) => ({ id: tile.dataset.assetId ?? null, rect: tile.getBoundingClientRect() }))
      .filter(({ rect }) => rect.top >= header - 1 && rect.bottom <= window.innerHeight)
      .sort((a, b) => a.rect.top - b.rect.top || a.rect.left - b.rect.left)
    return tiles[0] ? { id: tiles[0].id, top: Math.round(tiles[0].rect.top) } : { id: null, top: 0 }
  })

/** Picks an option of one of Payload's selects (react-select) inside `container`. */
export const chooseOption = async (page: Page, container: string, label: string) => {
  await page.click(`${container} .rs__control`)
  await page.locator(`${container} .rs__option`, { hasText: label }).first().click()
}

/** Waits until the grid shows exactly these prompts' tiles first (polling). */
export const expectFirstPrompts = async (page: Page, prompts: string[]) =>
  expect
    .poll(
      () =>
        page.$$eval('.ga-tile', (tiles) =>
          tiles
            .sort((a, b) => Number(a.getAttribute('data-index')) - Number(b.getAttribute('data-index')))
            .map((tile) => tile.querySelector('.ga-tile__prompt')?.textContent ?? ''),
        ),
      { timeout: 15_000 },
    )
    .toEqual(expect.arrayContaining(prompts))
