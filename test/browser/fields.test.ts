/**
 * Generated media where editors write (the demo's Posts, production build, real Chromium): from a
 * new post, the hero field's Generate drawer makes four variations that turn ready live; choosing
 * the second puts it into the host's `media` collection and into the field, and nothing is saved
 * until the editor saves. The block's field that relates to the generated assets takes the asset
 * itself. The global's field inside an array gets the control too.
 */
import type { Browser, Page } from 'playwright-core'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type App, getApp, getS3, objectKeyOf } from '../helpers/app'
import { launchChromium, startNextServer } from '../helpers/browser'
import { logIn, screenshot } from './helpers'

let app: App
let browser: Browser
let page: Page
let server: Awaited<ReturnType<typeof startNextServer>>
let stopWorker: () => Promise<void>
const stamp = Date.now()
const email = `fields-${stamp}@example.com`
const password = 'correct horse battery staple'
const title = `Spring at the harbour ${stamp}`

const postsCount = async () => (await app.payload.count({ collection: 'posts', overrideAccess: true })).totalDocs

/** The drawer's tiles as `[assetId, status]`. */
const tiles = (drawer: string) =>
  page.$$eval(`${drawer} .ga-field-drawer__tile`, (buttons) =>
    buttons.map((button) => [button.getAttribute('data-asset-id'), button.getAttribute('data-status')]),
  )

beforeAll(async () => {
  app = await getApp()
  await app.payload.create({ collection: 'users', data: { email, password } })
  server = await startNextServer()
  stopWorker = app.startWorker()
  browser = await launchChromium()
  page = await (await browser.newContext({ viewport: { height: 900, width: 1400 } })).newPage()
  await logIn({ email, page, password, url: server.url })
})

afterAll(async () => {
  await browser?.close()
  await server?.stop()
  await stopWorker?.()
  await app?.close()
})

describe('an editor writing a post', () => {
  let chosenAssetId: string
  let postsBefore: number

  it('generates four variations for the hero from the field, without the post being saved', async () => {
    const before = (postsBefore = await postsCount())
    await page.goto(`${server.url}/admin/collections/posts/create`)
    await page.fill('#field-title', title)
    await page.click('#field-hero .ga-field-generate__open')
    const drawer = '.ga-field-drawer'
    await page.locator(`${drawer} textarea`).waitFor({ timeout: 15_000 })
    // The field's prompt template, filled from the post's unsaved title.
    expect(await page.inputValue(`${drawer} textarea`)).toBe(`A hero image for a post titled "${title}"`)
    expect(await page.textContent(`${drawer} .ga-generate__field--variations`)).toContain('4')
    await page.click(`${drawer} #ga-field-hero-submit`)
    await expect.poll(async () => (await tiles(drawer)).length, { timeout: 15_000 }).toBe(4)
    await expect
      .poll(async () => (await tiles(drawer)).map(([, status]) => status), { timeout: 60_000 })
      .toEqual(['ready', 'ready', 'ready', 'ready'])
    // Each ready tile shows its stored thumbnail.
    await expect
      .poll(
        () =>
          page.$$eval(`${drawer} .ga-field-drawer__tile img`, (images) =>
            (images as HTMLImageElement[]).filter((image) => image.complete && image.naturalWidth > 0).length,
          ),
        { timeout: 15_000 },
      )
      .toBe(4)
    const ids = (await tiles(drawer)).map(([id]) => id)
    const assets = await Promise.all(
      ids.map((id) => app.payload.findByID({ collection: 'generated-assets', depth: 0, id: id!, overrideAccess: true })),
    )
    expect(new Set(assets.map((asset) => asset.batch)).size).toBe(1)
    expect(new Set(assets.map((asset) => asset.seed)).size).toBe(4)
    // Generating submitted nothing: no post was created, the editor is still on the create form.
    expect(await postsCount()).toBe(before)
    expect(new URL(page.url()).pathname).toBe('/admin/collections/posts/create')
    await screenshot(page, 'field-drawer-variations', 'light')
    chosenAssetId = ids[1]!
  })

  it('chooses the second variation: a media document goes into the field, and Save stores it on the post', async () => {
    await page.click(`.ga-field-drawer .ga-field-drawer__tile[data-asset-id="${chosenAssetId}"]`)
    // The drawer closes once the media document exists and the field holds it.
    await page.locator('.ga-field-drawer').waitFor({ state: 'hidden', timeout: 15_000 })
    const [mediaDoc] = (
      await app.payload.find({ collection: 'media', overrideAccess: true, where: { generatedAsset: { equals: chosenAssetId } } })
    ).docs
    expect(mediaDoc).toBeDefined()
    // The field shows the chosen file, and still nothing is saved.
    await page.locator('#field-hero', { hasText: mediaDoc!.filename! }).waitFor({ timeout: 15_000 })
    expect(await postsCount()).toBe(postsBefore)
    await page.click('#action-save')
    await page.waitForURL((url) => /\/admin\/collections\/posts\/\d+/.test(url.pathname), { timeout: 30_000 })
    const post = (
      await app.payload.find({ collection: 'posts', depth: 0, overrideAccess: true, where: { title: { equals: title } } })
    ).docs[0]!
    expect(post.hero).toBe(mediaDoc!.id)
    const asset = await app.payload.findByID({ collection: 'generated-assets', depth: 0, id: chosenAssetId, overrideAccess: true })
    expect(mediaDoc!.alt).toBe(asset.alt)
    expect(asset.alt).toBeTruthy()
    expect(await getS3().get(`media/${mediaDoc!.filename}`)).toEqual(await getS3().get(objectKeyOf(asset)))
    await page.reload()
    await page.locator('#field-hero', { hasText: mediaDoc!.filename! }).waitFor({ timeout: 30_000 })
  })

  it("puts the asset itself into the image block's field, which relates to the generated assets", async () => {
    await page.click('#field-layout .blocks-field__drawer-toggler')
    await page.locator('.blocks-drawer__block', { hasText: 'Image' }).first().click()
    const control = '#field-layout__0__image .ga-field-generate__open'
    await page.locator(control).waitFor({ timeout: 15_000 })
    await page.click(control)
    const drawer = '.ga-field-drawer'
    await page.fill(`${drawer} textarea`, `A small boat ${stamp}`)
    await page.click(`${drawer} [id$="-submit"]`)
    await expect
      .poll(async () => (await tiles(drawer)).some(([, status]) => status === 'ready'), { timeout: 60_000 })
      .toBe(true)
    const [readyId] = (await tiles(drawer)).find(([, status]) => status === 'ready')!
    await page.click(`${drawer} .ga-field-drawer__tile[data-asset-id="${readyId}"]`)
    await page.locator(drawer).waitFor({ state: 'hidden', timeout: 15_000 })
    await page.click('#action-save')
    await expect
      .poll(
        async () => {
          const post = (
            await app.payload.find({ collection: 'posts', depth: 0, overrideAccess: true, where: { title: { equals: title } } })
          ).docs[0] as { layout?: { image?: unknown }[] } | undefined
          return String(post?.layout?.[0]?.image ?? '')
        },
        { timeout: 30_000 },
      )
      .toBe(String(readyId))
  })
})

describe('a global', () => {
  it('has the Generate control on an upload field inside an array', async () => {
    await page.goto(`${server.url}/admin/globals/site-settings`)
    await page.locator('#field-banners').waitFor({ timeout: 30_000 })
    await page.click('#field-banners .array-field__add-row')
    await page.locator('#field-banners__0__image .ga-field-generate__open').waitFor({ timeout: 15_000 })
  })
})

describe('the dashboard', () => {
  it("'+' on the Generated Assets card opens the generation form, not the raw document form", async () => {
    await page.goto(`${server.url}/admin`)
    await page.locator('a[href="/admin/collections/generated-assets/create"]').first().click()
    await page.locator('.ga-create-view textarea').waitFor({ timeout: 30_000 })
    // None of the raw form's pipeline fields.
    expect(await page.locator('#field-status, #field-model, #field-provider').count()).toBe(0)
    const prompt = `From the dashboard ${stamp}`
    await page.fill('.ga-create-view textarea', prompt)
    await page.click('#ga-create-view-submit')
    await page.waitForURL((url) => url.pathname === '/admin/collections/generated-assets', { timeout: 30_000 })
    const { docs } = await app.payload.find({ collection: 'generated-assets', overrideAccess: true, where: { prompt: { equals: prompt } } })
    expect(docs).toHaveLength(1)
    await page.locator('.ga-tile', { hasText: prompt }).waitFor({ timeout: 30_000 })
  })
})

describe('the viewer', () => {
  it('Vary makes four new variations of an asset: its prompt, new seeds, one batch', async () => {
    const prompt = `From the dashboard ${stamp}`
    const ofPrompt = async () =>
      (await app.payload.find({ collection: 'generated-assets', overrideAccess: true, sort: 'createdAt', where: { prompt: { equals: prompt } } }))
        .docs
    // Ready on the server first (the live tile is adminLive's subject), then the gallery as it is now.
    const [created] = await ofPrompt()
    await app.waitForAsset(created!.id, (asset) => asset.status === 'ready', 60_000)
    await page.reload()
    await page.locator('.ga-tile[data-status="ready"]', { hasText: prompt }).first().waitFor({ timeout: 30_000 })
    await page.locator('.ga-tile', { hasText: prompt }).first().click()
    await page.click('.ga-viewer__vary')
    await expect.poll(async () => (await ofPrompt()).length, { timeout: 15_000 }).toBe(5)
    const variations = (await ofPrompt()).slice(1)
    expect(new Set(variations.map((asset) => asset.batch)).size).toBe(1)
    expect(variations[0]!.batch).toBeTruthy()
    expect(new Set(variations.map((asset) => asset.seed)).size).toBe(4)
  })
})
