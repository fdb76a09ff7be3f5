/**
 * Hostile media: files whose bytes lie about their type, decompression bombs, empty
 * and broken files, arriving as URL imports and as provider outputs (OpenAI base64 images,
 * DashScope video URLs, through the real provider packages and their fakes). Each must leave the
 * asset `failed` with a message an editor can act on, and nothing in the bucket.
 *
 * Not repeated here (see providers.test.ts): an HTML page returned as an OpenAI image, as a
 * DashScope video, and served by an import URL as `text/html`.
 */
import { tmpdir } from 'node:os'
import { deflateSync } from 'node:zlib'
import * as zlib from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createAppConfig } from '../../payload.config'
import { type DashScopeFake, type DashScopeFakeBehavior, startDashScopeFake } from '../fakes/dashscope'
import { createFakeModels } from '../fakes/fakeModels'
import { type FakeServer, startFakeServer } from '../fakes/fakeServer'
import { type OpenAIFake, type OpenAIFakeBehavior, startOpenAIFake } from '../fakes/openai'
import { SAMPLE_MP4, SAMPLE_PNG } from '../fakes/samples'
import { type App, getApp, getS3 } from '../helpers/app'

const crc32 = (zlib as unknown as { crc32: (data: Uint8Array) => number }).crc32

const pngChunk = (type: string, data: Buffer) => {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(Buffer.concat([Buffer.from(type, 'latin1'), data])) >>> 0)
  return Buffer.concat([length, Buffer.from(type, 'latin1'), data, crc])
}

/**
 * A valid PNG header declaring `width`×`height` pixels (8-bit RGB) with a few bytes of pixel data:
 * a tiny file that would need width × height × 3 bytes of memory to decode.
 */
const pngDeclaring = ({ height, width }: { height: number; width: number }) => {
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header.set([8, 2, 0, 0, 0], 8)
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(Buffer.alloc(1024))),
    pngChunk('IEND', Buffer.alloc(0)),
  ])
}

/** 100,000 × 100,000 pixels (30 GB decoded) in about 100 bytes. */
const PNG_BOMB = pngDeclaring({ height: 100_000, width: 100_000 })
const HTML_PAGE = Buffer.from('<!doctype html><html><body><script>alert(document.cookie)</script></body></html>')
const SVG_WITH_SCRIPT = Buffer.from(
  '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(document.domain)</script></svg>',
)
/** PNG signature and header, then nothing: a download cut short. */
const TRUNCATED_PNG = SAMPLE_PNG.subarray(0, 33)
const EMPTY = Buffer.alloc(0)

let openai: OpenAIFake
let dashScope: DashScopeFake
let files: FakeServer
let app: App
let token: string
let stopWorker: () => Promise<void>
const openaiScripts = new Map<string, OpenAIFakeBehavior>()
const dashScopeScripts = new Map<string, DashScopeFakeBehavior>()

beforeAll(async () => {
  ;[openai, dashScope, files] = await Promise.all([
    startOpenAIFake({
      behavior: ({ request }) => openaiScripts.get((request.body as { prompt?: string })?.prompt ?? '') ?? { kind: 'success' },
    }),
    startDashScopeFake({
      behavior: ({ request }) =>
        dashScopeScripts.get((request.body as { input?: { prompt?: string } })?.input?.prompt ?? '') ?? { kind: 'success' },
    }),
    startFakeServer({ handle: () => ({ body: 'Not Found', status: 404 }) }),
  ])
  app = await getApp({
    configPromise: createAppConfig({
      pluginOptions: {
        // The fakes listen on 127.0.0.1; SSRF is not the subject here (see ssrf.test.ts).
        allowPrivateAddresses: ['127.0.0.1'],
        models: createFakeModels({
          'alibaba/wan': {
            apiKey: dashScope.apiKey,
            baseURL: dashScope.baseURL,
            kind: 'video',
            modelId: 'wan2.6-t2v',
            provider: 'alibaba',
          },
          'openai/gpt-image-1': {
            apiKey: openai.apiKey,
            baseURL: openai.baseURL,
            kind: 'image',
            modelId: 'gpt-image-1',
            provider: 'openai',
          },
        }),
      },
    }),
  })
  token = (await app.createUser()).token
  stopWorker = app.startWorker()
})

afterAll(async () => {
  await stopWorker?.()
  await app?.close()
  await Promise.all([openai, dashScope, files].map((fake) => fake?.stop()))
})

type Case = {
  name: string
  /** How the bytes arrive. */
  via: 'import' | 'openai' | 'wan'
  /** The asset's kind (for imports, the `kind` the editor asked for). */
  kind: 'image' | 'video'
  data: Buffer
  /** The type the server or provider declares. */
  contentType: string
  /** What the asset's `error` must say. */
  error: RegExp
}

const cases: Case[] = [
  // Lying types
  { contentType: 'video/mp4', data: SAMPLE_PNG, error: /Expected a video, got image\/png/, kind: 'video', name: 'a PNG labelled video/mp4, imported as a video', via: 'import' },
  { contentType: 'image/png', data: SAMPLE_MP4, error: /Expected an image, got video\/mp4/, kind: 'image', name: 'an MP4 labelled image/png, imported as an image', via: 'import' },
  { contentType: 'video/mp4', data: SAMPLE_PNG, error: /Declared as video\/mp4 but the bytes are image\/png/, kind: 'image', name: 'a PNG labelled video/mp4, imported as an image', via: 'import' },
  { contentType: 'image/png', data: HTML_PAGE, error: /not an image or video/, kind: 'image', name: 'an HTML page labelled image/png', via: 'import' },
  { contentType: 'image/svg+xml', data: SVG_WITH_SCRIPT, error: /not an image or video/, kind: 'image', name: 'an SVG with a script', via: 'import' },
  { contentType: 'video/mp4', data: SAMPLE_PNG, error: /Expected a video, got image\/png/, kind: 'video', name: 'a PNG as the video a provider made', via: 'wan' },
  // Decompression bombs
  { contentType: 'image/png', data: PNG_BOMB, error: /more than the 100000000 pixels allowed/, kind: 'image', name: 'a 100000×100000 PNG bomb imported', via: 'import' },
  { contentType: 'image/png', data: PNG_BOMB, error: /more than the 100000000 pixels allowed/, kind: 'image', name: 'a 100000×100000 PNG bomb from a provider', via: 'openai' },
  // Empty and broken files
  { contentType: 'image/png', data: EMPTY, error: /is empty/, kind: 'image', name: 'a zero-byte image imported', via: 'import' },
  { contentType: 'video/mp4', data: EMPTY, error: /is empty/, kind: 'video', name: 'a zero-byte video imported', via: 'import' },
  { contentType: 'video/mp4', data: EMPTY, error: /is empty/, kind: 'video', name: 'a zero-byte video from a provider', via: 'wan' },
  { contentType: 'image/png', data: TRUNCATED_PNG, error: /cannot be read|unreadable|no readable/i, kind: 'image', name: 'a PNG cut off after its header', via: 'import' },
  { contentType: 'video/mp4', data: SAMPLE_MP4.subarray(0, 64), error: /^The file holds no video stream|^The video cannot be read/, kind: 'video', name: 'an MP4 cut off after 64 bytes', via: 'import' },
]

let counter = 0

/** Starts the case's import or generation and answers the asset id. */
const start = async (testCase: Case): Promise<number | string> => {
  const prompt = `hostile ${++counter}: ${testCase.name}`
  let response: Response
  if (testCase.via === 'import') {
    const file = files.addFile({ contentType: testCase.contentType, data: testCase.data, name: 'hostile.bin' })
    response = await app.request('POST', 'generated-assets/ingest', {
      body: { kind: testCase.kind, prompt, url: file.url },
      token,
    })
  } else if (testCase.via === 'openai') {
    openaiScripts.set(prompt, { images: [testCase.data], kind: 'success' })
    response = await app.request('POST', 'generated-assets/generate', { body: { model: 'openai/gpt-image-1', prompt }, token })
  } else {
    dashScopeScripts.set(prompt, { kind: 'success', video: { contentType: testCase.contentType, data: testCase.data } })
    response = await app.request('POST', 'generated-assets/generate', { body: { model: 'alibaba/wan', prompt }, token })
  }
  expect(response.status).toBe(202)
  return ((await response.json()) as { id: number | string }).id
}

describe('hostile media is refused with a clear error, and nothing is stored', () => {
  it.each(cases)('$name', async (testCase) => {
    const s3 = getS3()
    const keysBefore = await s3.keys()
    const id = await start(testCase)
    const doc = await app.waitForAsset(id, (asset) => asset.status === 'ready' || asset.status === 'failed', 45_000)
    expect(doc).toMatchObject({ attempts: 1, errorCode: 'unsupported_media', filename: null, status: 'failed' })
    expect(doc.error).toMatch(testCase.error)
    // The message is for the editor: it never names a path on the server.
    expect(doc.error).not.toContain(tmpdir())
    expect(doc.poster ?? null).toBeNull()
    expect(await s3.keys()).toEqual(keysBefore)
    // The owner sees the reason through the API too, and there is no file to fetch.
    const rest = await (await app.request('GET', `generated-assets/${id}`, { token })).json()
    expect(rest).toMatchObject({ error: doc.error, imageUrl: null, status: 'failed', videoUrl: null })
  })
})
