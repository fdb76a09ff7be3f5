/**
 * Shared setup of the admin gallery's browser tests (adminGallery, adminCreate, adminViewer, adminLive,
 * adminBulk). Per file, read-only and in `beforeAll`: the app (Local API), the production
 * `next start`, a generation worker and Chromium. Per test: a new editor in their own browser
 * context, logged in, who owns only the assets that test gives them, so no test depends on what
 * another did and any one runs alone (`-t`) or in any order (`--sequence.shuffle`).
 */
import type { Browser, BrowserContext, BrowserContextOptions, Locator, Page } from 'playwright-core'

import { randomUUID } from 'node:crypto'
import { generatePayloadCookie } from 'payload/shared'
import { afterAll, beforeAll, onTestFinished } from 'vitest'

import { type App, getApp } from '../helpers/app'
import { launchChromium, startNextServer } from '../helpers/browser'
import { seedAssets } from './helpers'

/** What one test file shares: filled in by `beforeAll`, so read its fields inside tests only. */
export type AdminSuite = {
  app: App
  browser: Browser
  server: Awaited<ReturnType<typeof startNextServer>>
  /** Starts the generation worker again after {@link AdminSuite.stopWorker} (no-op while it runs). */
  startWorker: () => void
  /** Stops the generation worker: queued assets stay queued until {@link AdminSuite.startWorker}. */
  stopWorker: () => Promise<void>
}

/**
 * Registers the file's `beforeAll`/`afterAll`: the app, `next start` (built once per test run; see
 * startNextServer), a worker started once the server is up (not left idling through `next build`)
 * and Chromium. Answers the suite, whose fields are set once `beforeAll` has run.
 */
export const useAdminSuite = (): AdminSuite => {
  let stop: (() => Promise<void>) | undefined
  const suite = {
    startWorker: () => {
      stop ??= suite.app.startWorker()
    },
    stopWorker: async () => {
      const stopping = stop
      stop = undefined
      await stopping?.()
    },
  } as AdminSuite
  beforeAll(async () => {
    suite.app = await getApp()
    suite.server = await startNextServer()
    suite.startWorker()
    suite.browser = await launchChromium()
  })
  afterAll(async () => {
    await suite.browser?.close()
    await suite.server?.stop()
    await suite.stopWorker()
    await suite.app?.close()
  })
  return suite
}

/** A logged-in editor of one test, with that test's browser page and what it reads of the gallery. */
export type Editor = {
  context: BrowserContext
  /** Counts the editor's own assets (Local API, access bypassed) matching `where`; `trash` counts trashed ones too. */
  countOwn: (where?: Record<string, unknown>, trash?: boolean) => Promise<number>
  email: string
  /** The gallery's URL (the generated-assets collection's list view). */
  gallery: string
  id: number | string
  /** Opens the gallery (`query` e.g. `?q=fox`) and waits until its grid is measured and live. */
  openGallery: (query?: string) => Promise<void>
  page: Page
  password: string
  /**
   * Seeds `count` ready image assets of this editor (newest first; see seedGallery), their
   * thumbnails and originals in the bucket. Answers their ids, newest first.
   */
  seed: (count: number, prompt: (n: number) => string) => Promise<(number | string)[]>
  /** The number in the gallery's summary ("300 assets" → 300). */
  summaryCount: () => Promise<number>
  /** The tiles whose text contains `text`. */
  tile: (text: string) => Locator
  /** The editor's REST token (`Authorization: JWT …`). */
  token: string
}

const PASSWORD = 'correct horse battery staple'

/** Subjects of {@link subjectPrompt}, in turn. */
export const SUBJECTS = ['red fox', 'stone lighthouse', 'copper robot'] as const

/** Prompts for {@link Editor.seed}: the three {@link SUBJECTS} in turn, newest first ("red fox scene 0", …). */
export const subjectPrompt = (n: number) => `${SUBJECTS[n % 3]} scene ${n}`

/**
 * Creates a user, logs them in through REST and gives their session cookie to a new browser
 * context (1400 × 900 unless `context` says otherwise; clipboard allowed), closed when the test
 * finishes. With `loggedIn: false` the context has no session (the login form itself is what
 * adminGallery's login tests exercise).
 */
export const newEditor = async (
  suite: AdminSuite,
  { context: contextOptions = {}, loggedIn = true }: { context?: BrowserContextOptions; loggedIn?: boolean } = {},
): Promise<Editor> => {
  const { app, browser, server } = suite
  const email = `browser-${randomUUID()}@example.com`
  const user = await app.payload.create({ collection: 'users', data: { email, password: PASSWORD } })
  const login = await app.request('POST', 'users/login', { body: { email, password: PASSWORD } })
  const { token } = (await login.json()) as { token: string }

  const context = await browser.newContext({ viewport: { height: 900, width: 1400 }, ...contextOptions })
  onTestFinished(() => context.close())
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url })
  if (loggedIn) {
    // The session cookie Payload's own login sets (https://payloadcms.com/docs/authentication/cookies).
    const cookie = generatePayloadCookie({
      collectionAuthConfig: app.payload.collections.users.config.auth,
      cookiePrefix: app.payload.config.cookiePrefix,
      returnCookieAsObject: true,
      token,
    })
    await context.addCookies([
      { httpOnly: true, name: cookie.name, sameSite: cookie.sameSite ?? 'Lax', url: server.url, value: token },
    ])
  }
  const page = await context.newPage()

  const gallery = `${server.url}/admin/collections/generated-assets`
  const openGallery: Editor['openGallery'] = async (query = '') => {
    await page.goto(`${gallery}${query}`)
    await page.getByRole('heading', { name: 'Generated Assets' }).first().waitFor({ timeout: 60_000 })
    // Attached, not visible: an empty grid has no height.
    await page.locator('.ga-grid:not(.ga-grid--static)').waitFor({ state: 'attached', timeout: 15_000 })
  }
  const countOwn: Editor['countOwn'] = async (where = {}, trash = false) =>
    (
      await app.payload.count({
        collection: 'generated-assets',
        overrideAccess: true,
        trash,
        where: { and: [{ createdBy: { equals: user.id } }, where] },
      } as never)
    ).totalDocs
  let seeds = 0
  return {
    context,
    countOwn,
    email,
    gallery,
    id: user.id,
    openGallery,
    page,
    password: PASSWORD,
    seed: (count, prompt) =>
      seedAssets({ app, count, filePrefix: `browser-${user.id}-${seeds++}`, prompt, userId: user.id }),
    summaryCount: async () => Number(((await page.textContent('.ga-gallery__summary')) ?? '').replace(/[^\d]/g, '')),
    tile: (text) => page.locator('.ga-tile', { hasText: text }),
    token,
  }
}

/**
 * Generates one asset for `editor` through the REST endpoint (`POST /api/generated-assets/generate`,
 * as the Create panel does) and waits (up to 60 s) until the worker has finished it.
 *
 * @returns the ready asset (depth 0).
 * @throws {Error} when the request is not accepted (202) or the asset does not become ready.
 */
export const generateReady = async (
  suite: AdminSuite,
  editor: Editor,
  body: { model?: string; params?: Record<string, unknown>; prompt: string },
): Promise<Record<string, any>> => {
  const response = await suite.app.request('POST', 'generated-assets/generate', { body, token: editor.token })
  if (response.status !== 202) throw new Error(`generate answered ${response.status}: ${await response.text()}`)
  const { id } = (await response.json()) as { id: number | string }
  const doc = await suite.app.waitForAsset(id, (asset) => asset.status === 'ready' || asset.status === 'failed', 60_000)
  if (doc.status !== 'ready') throw new Error(`asset ${id} failed: ${doc.error}`)
  return doc
}

/** Moves assets to the trash as the Local API would for their owner (Payload's trash: `deletedAt` set). */
export const trashAssets = async (suite: AdminSuite, ids: (number | string)[]) => {
  for (const id of ids) {
    await suite.app.payload.update({
      collection: 'generated-assets',
      data: { deletedAt: new Date().toISOString() },
      id,
      overrideAccess: true,
    })
  }
}
