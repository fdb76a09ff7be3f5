/**
 * Making assets from the gallery's Create panel (production build, real Chromium, the demo's
 * offline models and a real worker): an image that turns ready in the grid without a reload, a
 * failed asset retried live, a video tile that plays on hover, and reusing an asset's prompt,
 * model and params with the asset as a source. Each test has its own editor and assets (see
 * adminSession.ts).
 */
import { describe, expect, it } from 'vitest'

import { newEditor, subjectPrompt, useAdminSuite } from './adminSession'
import { chooseOption, insertAsset, screenshot } from './helpers'

const suite = useAdminSuite()

describe('the Create panel', () => {
  it('generates an image from a prompt and sees it appear ready in the grid without reloading', async () => {
    const editor = await newEditor(suite)
    const { page } = editor
    const prompt = `A lighthouse on a cliff at dawn, oil painting ${editor.id}`
    await editor.seed(12, subjectPrompt)
    await editor.openGallery()
    let reloads = 0
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) reloads++
    })
    await page.fill('.ga-generate textarea[name="prompt"]', prompt)
    await chooseOption(page, '.ga-generate__field--size', '768 × 768')
    await page.click('#ga-generate-submit')
    await editor.tile(prompt).waitFor({ timeout: 15_000 })
    await page.locator('.ga-tile[data-status="ready"]', { hasText: prompt }).waitFor({ timeout: 30_000 })
    const thumbnail = editor.tile(prompt).locator('img.ga-tile__thumb')
    await expect
      .poll(() => thumbnail.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), {
        timeout: 15_000,
      })
      .toBe(true)
    expect(reloads).toBe(0)
    // What was asked for is what was made.
    const [asset] = (
      await suite.app.payload.find({
        collection: 'generated-assets',
        overrideAccess: true,
        where: { and: [{ createdBy: { equals: editor.id } }, { prompt: { equals: prompt } }] },
      })
    ).docs
    expect(asset).toMatchObject({ height: 768, status: 'ready', width: 768 })
    await page.mouse.move(0, 0)
    await screenshot(page, 'grid', 'light')
    await screenshot(page, 'grid-dark', 'dark')
    await screenshot(page, 'grid', 'light')
  })

  it('shows a video tile with its poster, which plays the video muted on hover', async () => {
    const editor = await newEditor(suite)
    const { page } = editor
    const videoPrompt = `A paper boat on a pond ${editor.id}`
    await editor.openGallery()
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
  })

  it('opens the Create panel prefilled with prompt, model and params, with the asset as a source image', async () => {
    const editor = await newEditor(suite)
    const { page } = editor
    await editor.seed(12, subjectPrompt)
    await editor.openGallery('?q=copper%20robot')
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
    const edited = await suite.app.waitForAsset(id, (doc) => doc.status === 'ready' || doc.status === 'failed')
    expect(edited).toMatchObject({ sources: [Number(sourceId)], status: 'ready', width: 512 })
  })
})

describe('status tiles', () => {
  it('shows a failed asset with its error and a Retry button, and follows the retry live to ready', async () => {
    const editor = await newEditor(suite)
    const { page } = editor
    const failedPrompt = `A prompt the provider refused ${editor.id}`
    await insertAsset({
      app: suite.app,
      error: 'The provider refused this prompt (content policy). Change the prompt and retry.',
      prompt: failedPrompt,
      status: 'failed',
      userId: editor.id,
    })
    await editor.openGallery()
    const failed = page.locator('.ga-tile[data-status="failed"]', { hasText: failedPrompt })
    await failed.waitFor()
    expect(await failed.locator('.ga-tile__error').textContent()).toContain('content policy')
    await failed.getByRole('button', { name: 'Retry' }).click()
    await page.locator('.ga-tile[data-status="ready"]', { hasText: failedPrompt }).waitFor({ timeout: 30_000 })
  })
})
