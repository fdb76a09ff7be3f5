/**
 * The viewer's Provenance section shows what the stored file says, read from the file in the
 * bucket, not from the asset's record: two generated assets whose stored originals are then
 * replaced behind the record's back, one by a file whose XMP names another AI system and a C2PA
 * manifest whose signature fails, one by a file with malformed XMP; the viewer shows each
 * file's own word, in English and in German.
 */
import type { Browser, Page } from 'playwright-core'

import { PutObjectCommand } from '@aws-sdk/client-s3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type App, getApp, getS3, objectKeyOf } from '../helpers/app'
import { launchChromium, startNextServer } from '../helpers/browser'
import { breakSignature, createTestSigner, plainImage, pngWithXmp, signImage, TRAINED, xmpPacket } from '../helpers/provenanceFixtures'
import { logIn, screenshot } from './helpers'

let app: App
let browser: Browser
let page: Page
let server: Awaited<ReturnType<typeof startNextServer>>
let stopWorker: () => Promise<void>
const stamp = Date.now()
const email = `provenance-${stamp}@example.com`
const password = 'correct horse battery staple'
const differs = `A record and a file that disagree ${stamp}`
const malformed = `A file with malformed XMP ${stamp}`

/** Generates an image as the user and replaces its stored original in the bucket with `bytes`. */
const generateThenReplace = async (token: string, prompt: string, bytes: Buffer) => {
  const response = await app.request('POST', 'generated-assets/generate', {
    body: { model: 'local/image', params: { size: '640x480' }, prompt },
    token,
  })
  const { id } = await response.json()
  const doc = await app.waitForAsset(id, (asset) => asset.status === 'ready', 60_000)
  await getS3().client.send(
    new PutObjectCommand({ Body: bytes, Bucket: process.env.S3_BUCKET!, ContentType: 'image/png', Key: objectKeyOf(doc) }),
  )
  return doc
}

beforeAll(async () => {
  app = await getApp()
  await app.payload.create({ collection: 'users', data: { email, password } })
  const { token } = (await (await app.request('POST', 'users/login', { body: { email, password } })).json()) as { token: string }
  stopWorker = app.startWorker()
  const signed = await signImage({ data: await plainImage('png', { height: 480, width: 640 }), signer: await createTestSigner() })
  await generateThenReplace(token, differs, pngWithXmp(breakSignature(signed), xmpPacket({ aiSystemUsed: 'Seen only in the file', digitalSourceType: TRAINED })))
  await generateThenReplace(
    token,
    malformed,
    pngWithXmp(await plainImage('png', { height: 480, width: 640 }), xmpPacket({ digitalSourceType: TRAINED }).replace('</x:xmpmeta>', '')),
  )
  server = await startNextServer()
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

/** Opens the gallery and the viewer of the asset with `prompt`; the viewer's Provenance section. */
const openViewer = async (prompt: string) => {
  await page.goto(`${server.url}/admin/collections/generated-assets`)
  await page.locator('.ga-tile[data-status="ready"] button', { hasText: prompt }).click({ timeout: 60_000 })
  const viewer = page.locator('#generated-assets-viewer')
  await viewer.waitFor()
  return { provenance: viewer.locator('.ga-viewer__provenance'), viewer }
}

describe('the viewer\u2019s Provenance section', () => {
  it('shows what the stored file says, not what the record says', async () => {
    const { provenance, viewer } = await openViewer(differs)
    // The record's model is the local one; the file names another system.
    expect(await viewer.locator('[data-detail="model"] dd').textContent()).toBe('Local (offline)')
    await expect.poll(() => provenance.locator('[data-provenance="ai-system"] dd').textContent(), { timeout: 15_000 }).toBe('Seen only in the file')
    expect(await provenance.getByRole('heading').textContent()).toBe('Provenance')
    expect(await provenance.locator('[data-provenance="source-type"] dd').textContent()).toBe('AI-generated (trainedAlgorithmicMedia)')
    expect(await provenance.locator('[data-provenance="c2pa"] dd').textContent()).toBe(
      'Present, but it fails validation: claimSignature.mismatch',
    )
    await provenance.scrollIntoViewIfNeeded()
    await screenshot(page, 'viewer-provenance')
  })

  it('shows a file\u2019s malformed metadata, in the editor\u2019s language', async () => {
    const { provenance } = await openViewer(malformed)
    const error = provenance.locator('[data-provenance="metadata-error"]')
    await expect.poll(() => error.textContent(), { timeout: 15_000 }).toBe(
      'The file’s metadata is malformed: XMP format error (no closing tag for x:xmpmeta)',
    )
    expect(await provenance.textContent()).toContain('The file states no AI disclosure.')
    // The same in German (Payload's language cookie).
    await page.context().addCookies([{ name: 'payload-lng', url: server.url, value: 'de' }])
    const german = await openViewer(malformed)
    await expect
      .poll(() => german.provenance.locator('[data-provenance="metadata-error"]').textContent(), { timeout: 15_000 })
      .toBe('Die Metadaten der Datei sind fehlerhaft: XMP format error (no closing tag for x:xmpmeta)')
    expect(await german.provenance.getByRole('heading').textContent()).toBe('Herkunft')
    await page.context().clearCookies({ name: 'payload-lng' })
  })
})
