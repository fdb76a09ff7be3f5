/**
 * The generation pipeline end to end through the real provider packages (@ai-sdk/openai,
 * @ai-sdk/replicate, @ai-sdk/fal, @ai-sdk/alibaba) against the provider fakes: what each
 * package sends and parses is what a real provider would see, and what lands in the bucket is
 * compared byte for byte with what the fake served.
 *
 * Each test scripts its provider by prompt (every prompt is unique), so a stray retry of one
 * test never consumes a behavior meant for another.
 */
import type { RecordedRequest } from '../fakes/fakeServer'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createAppConfig } from '../../payload.config'
import { type DashScopeFake, type DashScopeFakeBehavior, startDashScopeFake } from '../fakes/dashscope'
import { createFakeModels } from '../fakes/fakeModels'
import { type FakeServer, startFakeServer } from '../fakes/fakeServer'
import { type FalFake, type FalFakeBehavior, startFalFake } from '../fakes/fal'
import { type OpenAIFake, type OpenAIFakeBehavior, startOpenAIFake } from '../fakes/openai'
import { type ReplicateFake, type ReplicateFakeBehavior, startReplicateFake } from '../fakes/replicate'
import { SAMPLE_MP4, SAMPLE_PNG } from '../fakes/samples'
import { type App, getApp, getS3, objectKeyOf, ORIGIN } from '../helpers/app'

/** A PNG other than the fakes' default, so a test knows the bytes came from its own script. */
const OTHER_PNG = Buffer.concat([SAMPLE_PNG, Buffer.from('trailing bytes after IEND')])
const HTML_PAGE = Buffer.from('<!doctype html><html><head><title>Error</title></head><body>Bad gateway</body></html>')
const TEXT_FILE = Buffer.from('this is a plain text file, not a picture\n')

/**
 * Behaviors chosen by the prompt of the request that starts a call or job: a prompt's script is
 * consumed one behavior per call, its last behavior repeating; unscripted prompts get `fallback`.
 */
const createScripts = <Behavior extends object>({
  fallback,
  readPrompt,
}: {
  fallback: Behavior
  readPrompt: (body: any) => unknown
}) => {
  const scripts = new Map<string, Behavior[]>()
  return {
    behavior: ({ request }: { request: RecordedRequest }): Behavior => {
      const script = scripts.get(String(readPrompt(request.body)))
      if (!script) return fallback
      return script.length > 1 ? script.shift()! : script[0]!
    },
    script: (prompt: string, behaviors: Behavior[]) => {
      scripts.set(prompt, [...behaviors])
    },
  }
}

const openaiScripts = createScripts<OpenAIFakeBehavior>({ fallback: { kind: 'success' }, readPrompt: (b) => b?.prompt })
const replicateScripts = createScripts<ReplicateFakeBehavior>({
  fallback: { kind: 'success' },
  readPrompt: (b) => b?.input?.prompt,
})
const falScripts = createScripts<FalFakeBehavior>({ fallback: { kind: 'success' }, readPrompt: (b) => b?.prompt })
const dashScopeScripts = createScripts<DashScopeFakeBehavior>({
  fallback: { kind: 'success' },
  readPrompt: (b) => b?.input?.prompt,
})

let openai: OpenAIFake
let replicate: ReplicateFake
let fal: FalFake
let dashScope: DashScopeFake
let files: FakeServer
let app: App
let token: string
let stopWorker: () => Promise<void>

beforeAll(async () => {
  ;[openai, replicate, fal, dashScope, files] = await Promise.all([
    startOpenAIFake({ behavior: openaiScripts.behavior }),
    startReplicateFake({ behavior: replicateScripts.behavior }),
    startFalFake({ behavior: falScripts.behavior }),
    startDashScopeFake({ behavior: dashScopeScripts.behavior }),
    startFakeServer({ handle: () => ({ body: 'Not Found', status: 404 }) }),
  ])
  app = await getApp({
    configPromise: createAppConfig({
      pluginOptions: {
        allowPrivateAddresses: true,
        maxAttempts: 3,
        // The stored files are compared byte for byte with what the provider served; the XMP AI
        // disclosure written by default (provenance.test.ts) would change them.
        provenance: false,
        models: createFakeModels({
          'alibaba/wan': {
            apiKey: dashScope.apiKey,
            baseURL: dashScope.baseURL,
            kind: 'video',
            modelId: 'wan2.6-t2v',
            provider: 'alibaba',
          },
          'fal/luma': {
            apiKey: fal.apiKey,
            baseURL: fal.baseURL,
            kind: 'video',
            modelId: 'luma-dream-machine',
            provider: 'fal',
          },
          'openai/gpt-image-1': {
            apiKey: openai.apiKey,
            baseURL: openai.baseURL,
            kind: 'image',
            modelId: 'gpt-image-1',
            provider: 'openai',
          },
          // The same provider with a request timeout, as a deployment bounds a slow provider.
          'openai/gpt-image-1-timeout': {
            apiKey: openai.apiKey,
            baseURL: openai.baseURL,
            kind: 'image',
            modelId: 'gpt-image-1',
            provider: 'openai',
            requestTimeoutMs: 1_000,
          },
          'replicate/flux': {
            apiKey: replicate.apiKey,
            baseURL: replicate.baseURL,
            kind: 'image',
            modelId: 'black-forest-labs/flux-schnell',
            provider: 'replicate',
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
  await Promise.all([openai, replicate, fal, dashScope, files].map((fake) => fake?.stop()))
})

/** Queues a generation as the test user; answers the asset id. */
const generate = async (body: { model: string; params?: Record<string, unknown>; prompt: string }) => {
  const response = await app.request('POST', 'generated-assets/generate', { body, token })
  expect(response.status).toBe(202)
  return ((await response.json()) as { id: number | string }).id
}

/** Queues an import from `url` as the test user; answers the asset id. */
const importFrom = async (body: { kind: 'image' | 'video'; prompt: string; url: string }) => {
  const response = await app.request('POST', 'generated-assets/ingest', { body, token })
  expect(response.status).toBe(202)
  return ((await response.json()) as { id: number | string }).id
}

/** Waits until the asset is `ready` or `failed` and answers it. */
const settled = (id: number | string, timeout = 30_000) =>
  app.waitForAsset(id, (asset) => asset.status === 'ready' || asset.status === 'failed', timeout)

/** Requests that started a call or job for `prompt` (creates / submits, not polls). */
const startsFor = (fake: { requests: RecordedRequest[] }, prompt: string) =>
  fake.requests.filter((request) => {
    const body = request.body as { input?: { prompt?: unknown }; prompt?: unknown } | undefined
    return body?.prompt === prompt || body?.input?.prompt === prompt
  })

/** The asset as the REST API answers it to its owner. */
const readRest = async (id: number | string) => {
  const response = await app.request('GET', `generated-assets/${id}?depth=1`, { token })
  expect(response.status).toBe(200)
  return response.json()
}

/** Checks a ready video: the stored bytes, a poster in the bucket, and REST URLs that never leak the provider URL. */
const expectStoredVideo = async ({ doc, previewUrl }: { doc: any; previewUrl: string }) => {
  expect(doc).toMatchObject({ error: null, kind: 'video', mimeType: 'video/mp4', status: 'ready' })
  expect(doc.previewUrl).toBe(previewUrl)
  const s3 = getS3()
  expect(await s3.get(objectKeyOf(doc))).toEqual(SAMPLE_MP4)
  expect(doc.poster).toBeTruthy()
  const poster = await app.payload.findByID({
    collection: 'generated-asset-posters',
    id: doc.poster,
    overrideAccess: true,
  })
  expect(await s3.exists(objectKeyOf(poster))).toBe(true)

  const rest = await readRest(doc.id)
  expect(rest.imageUrl).toBeNull()
  expect(rest.videoUrl).toBe(`${ORIGIN}/api/generated-assets/file/${doc.filename}?prefix=generated-assets`)
  expect(rest.posterUrl).toMatch(/^http:\/\/cms\.test\/api\/generated-asset-posters\/file\/.+-poster\.\w+\?prefix=generated-assets%2Fposters$/)
  for (const url of [rest.videoUrl, rest.posterUrl, rest.thumbnailURL]) {
    expect(url).not.toContain('127.0.0.1')
  }
  const served = await app.request('GET', `generated-assets/file/${doc.filename}`, { token })
  expect(Buffer.from(await served.arrayBuffer())).toEqual(SAMPLE_MP4)
}

describe('OpenAI gpt-image-1 (b64_json)', () => {
  it('stores exactly the image the provider returned and serves it from the CMS', async () => {
    const prompt = 'openai: a lighthouse at dusk'
    openaiScripts.script(prompt, [{ images: [OTHER_PNG], kind: 'success' }])
    const id = await generate({ model: 'openai/gpt-image-1', params: { size: '1024x1024' }, prompt })
    const doc = await settled(id)
    expect(doc).toMatchObject({ attempts: 1, error: null, height: 4, kind: 'image', status: 'ready', width: 4 })
    expect(doc.previewUrl).toBeNull()
    expect(await getS3().get(objectKeyOf(doc))).toEqual(OTHER_PNG)
    expect(startsFor(openai, prompt)).toHaveLength(1)
    expect(startsFor(openai, prompt)[0]!.body).toMatchObject({ model: 'gpt-image-1', n: 1, size: '1024x1024' })

    const rest = await readRest(id)
    expect(rest.imageUrl).toBe(`${ORIGIN}/api/generated-assets/file/${doc.filename}?prefix=generated-assets`)
    expect(rest.videoUrl).toBeNull()
  })

  it('fails at once with the provider message when the prompt breaks the content policy', async () => {
    const prompt = 'openai: something the safety system refuses'
    const message = 'Your request was rejected by the safety system. safety_violations=[violence].'
    openaiScripts.script(prompt, [{ code: 'moderation_blocked', kind: 'contentPolicy', message }])
    const doc = await settled(await generate({ model: 'openai/gpt-image-1', prompt }))
    expect(doc).toMatchObject({ attempts: 1, error: message, errorCode: 'provider_rejected', status: 'failed' })
    expect(doc.filename).toBeNull()
    expect(startsFor(openai, prompt)).toHaveLength(1)
  })

  it('retries a 429 with back-off and ends ready once the rate limit lifts', async () => {
    const prompt = 'openai: rate limited once'
    openaiScripts.script(prompt, [{ kind: 'rateLimited' }, { kind: 'success' }])
    const doc = await settled(await generate({ model: 'openai/gpt-image-1', prompt }))
    expect(doc).toMatchObject({ attempts: 2, error: null, errorCode: null, status: 'ready' })
    expect(await getS3().get(objectKeyOf(doc))).toEqual(SAMPLE_PNG)
    expect(startsFor(openai, prompt)).toHaveLength(2)
  })

  it('gives up after maxAttempts when the provider keeps answering 500', async () => {
    const prompt = 'openai: the server keeps failing'
    openaiScripts.script(prompt, [{ kind: 'serverError', status: 500 }])
    const doc = await settled(await generate({ model: 'openai/gpt-image-1', prompt }))
    expect(doc).toMatchObject({ attempts: 3, errorCode: 'provider_unavailable', status: 'failed' })
    expect(doc.error).toMatch(/^The provider failed \(500\): The server had an error while processing your request/)
    expect(doc.error).not.toMatch(/retrying/)
    expect(startsFor(openai, prompt)).toHaveLength(3)
  })

  it('retries a provider slower than the request timeout, and ends ready when it answers in time', async () => {
    const prompt = 'openai: slow, then fast'
    openaiScripts.script(prompt, [
      { delayMs: 30_000, kind: 'success' },
      { images: [OTHER_PNG], kind: 'success' },
    ])
    const doc = await settled(await generate({ model: 'openai/gpt-image-1-timeout', prompt }))
    expect(doc).toMatchObject({ attempts: 2, error: null, status: 'ready' })
    expect(await getS3().get(objectKeyOf(doc))).toEqual(OTHER_PNG)
  })

  it('fails after maxAttempts when the provider never answers within the request timeout', async () => {
    const prompt = 'openai: never answers in time'
    openaiScripts.script(prompt, [{ delayMs: 30_000, kind: 'success' }])
    const doc = await settled(await generate({ model: 'openai/gpt-image-1-timeout', prompt }))
    expect(doc).toMatchObject({ attempts: 3, errorCode: 'network', status: 'failed' })
    expect(doc.error).toMatch(/timeout|timed out/i)
    expect(startsFor(openai, prompt)).toHaveLength(3)
  })

  it('refuses an HTML page returned as the image', async () => {
    const prompt = 'openai: answers an html page'
    openaiScripts.script(prompt, [{ images: [HTML_PAGE], kind: 'success' }])
    const doc = await settled(await generate({ model: 'openai/gpt-image-1', prompt }))
    expect(doc).toMatchObject({ attempts: 1, errorCode: 'unsupported_media', status: 'failed' })
    expect(doc.error).toMatch(/not an image or video/)
    expect(doc.filename).toBeNull()
  })
})

describe('Replicate image (prediction polling)', () => {
  const replicateParams = { providerOptions: { replicate: { pollIntervalMillis: 20 } } }

  it('polls the prediction until it succeeds and stores the downloaded image byte for byte', async () => {
    const prompt = 'replicate: a fox in the snow'
    replicateScripts.script(prompt, [
      { kind: 'success', outputs: [{ contentType: 'image/png', data: OTHER_PNG }], pendingPolls: 2 },
    ])
    const requestsBefore = replicate.requests.length
    const doc = await settled(await generate({ model: 'replicate/flux', params: replicateParams, prompt }))
    expect(doc).toMatchObject({ attempts: 1, error: null, kind: 'image', status: 'ready' })
    expect(await getS3().get(objectKeyOf(doc))).toEqual(OTHER_PNG)
    const polls = replicate.requests.slice(requestsBefore).filter((request) => request.method === 'GET')
    expect(polls.length).toBeGreaterThanOrEqual(3)
    expect((await readRest(doc.id)).imageUrl).toBe(`${ORIGIN}/api/generated-assets/file/${doc.filename}?prefix=generated-assets`)
  })

  it('fails at once with the provider message when the input is invalid (422)', async () => {
    const prompt = 'replicate: invalid input'
    const detail = '- input.num_outputs: Must be less than or equal to 4'
    replicateScripts.script(prompt, [{ detail, kind: 'validationError' }])
    const doc = await settled(await generate({ model: 'replicate/flux', params: replicateParams, prompt }))
    expect(doc).toMatchObject({ attempts: 1, error: detail, errorCode: 'provider_rejected', status: 'failed' })
    expect(startsFor(replicate, prompt)).toHaveLength(1)
  })

  it('fails at once with the provider message when the prediction ends failed', async () => {
    const prompt = 'replicate: nsfw output'
    replicateScripts.script(prompt, [
      { error: 'NSFW content detected in the output.', kind: 'failed', pendingPolls: 1 },
    ])
    const doc = await settled(await generate({ model: 'replicate/flux', params: replicateParams, prompt }))
    expect(doc).toMatchObject({ attempts: 1, errorCode: 'provider_failed', status: 'failed' })
    expect(doc.error).toMatch(/NSFW content detected in the output\.$/)
    expect(startsFor(replicate, prompt)).toHaveLength(1)
  })

  it('retries a 503 on create and ends ready when Replicate recovers', async () => {
    const prompt = 'replicate: unavailable once'
    replicateScripts.script(prompt, [{ kind: 'serverError', status: 503 }, { kind: 'success' }])
    const doc = await settled(await generate({ model: 'replicate/flux', params: replicateParams, prompt }))
    expect(doc).toMatchObject({ attempts: 2, error: null, status: 'ready' })
    expect(await getS3().get(objectKeyOf(doc))).toEqual(SAMPLE_PNG)
  })

  it('retries a 5xx while polling and ends ready on the next attempt', async () => {
    const prompt = 'replicate: poll fails once'
    replicateScripts.script(prompt, [{ kind: 'success', pendingPolls: 1, pollErrors: [502] }, { kind: 'success' }])
    const doc = await settled(await generate({ model: 'replicate/flux', params: replicateParams, prompt }))
    expect(doc).toMatchObject({ attempts: 2, error: null, status: 'ready' })
  })

  it('gives up after maxAttempts when Replicate keeps throttling (429)', async () => {
    const prompt = 'replicate: always throttled'
    replicateScripts.script(prompt, [{ kind: 'rateLimited' }])
    const doc = await settled(await generate({ model: 'replicate/flux', params: replicateParams, prompt }))
    expect(doc).toMatchObject({ attempts: 3, errorCode: 'rate_limited', status: 'failed' })
    expect(doc.error).toMatch(/^The provider is rate limiting requests \(429\): Request was throttled/)
    expect(startsFor(replicate, prompt)).toHaveLength(3)
  })

  it('fails with "output expired" when the output URL is already gone (404)', async () => {
    const prompt = 'replicate: output expired'
    replicateScripts.script(prompt, [{ expiredStatus: 404, kind: 'success', outputExpiresAfterMs: 0 }])
    const doc = await settled(await generate({ model: 'replicate/flux', params: replicateParams, prompt }))
    expect(doc).toMatchObject({ attempts: 1, errorCode: 'output_expired', status: 'failed' })
    expect(doc.error).toMatch(/^The provider's output expired before it could be saved/)
  })

  it('refuses a text file returned as the image', async () => {
    const prompt = 'replicate: answers a text file'
    replicateScripts.script(prompt, [{ kind: 'success', outputs: [{ contentType: 'text/plain', data: TEXT_FILE }] }])
    const doc = await settled(await generate({ model: 'replicate/flux', params: replicateParams, prompt }))
    expect(doc).toMatchObject({ attempts: 1, errorCode: 'unsupported_media', status: 'failed' })
    expect(doc.filename).toBeNull()
  })
})

describe('fal video (queue)', () => {
  it('submits to the queue, polls the result and stores the video and a poster', async () => {
    const prompt = 'fal: a paper boat drifting'
    falScripts.script(prompt, [{ kind: 'success', pendingChecks: 2 }])
    const doc = await settled(await generate({ model: 'fal/luma', prompt }))
    const file = fal.files.at(-1)!
    await expectStoredVideo({ doc, previewUrl: file.url })
    expect(doc.attempts).toBe(1)
    expect(startsFor(fal, prompt)[0]!.path).toBe('/queue/fal-ai/luma-dream-machine')
    expect(file.downloads).toBe(1)
  })

  it('fails at once when fal rejects the input on submit (422)', async () => {
    const prompt = 'fal: invalid input'
    falScripts.script(prompt, [{ field: 'duration', kind: 'validationError', message: 'Invalid duration' }])
    const doc = await settled(await generate({ model: 'fal/luma', prompt }))
    expect(doc).toMatchObject({ attempts: 1, errorCode: 'provider_rejected', status: 'failed' })
    expect(doc.error).toBe('body.duration: Invalid duration')
    expect(startsFor(fal, prompt)).toHaveLength(1)
  })

  it('fails at once with the message of a request that ends in error', async () => {
    const prompt = 'fal: the gpu crashes'
    falScripts.script(prompt, [
      {
        json: { error: { code: 500, message: 'GPU worker crashed' } },
        kind: 'httpError',
        pendingChecks: 1,
        stage: 'result',
        status: 500,
      },
    ])
    const doc = await settled(await generate({ model: 'fal/luma', prompt }))
    expect(doc).toMatchObject({
      attempts: 1,
      error: 'GPU worker crashed',
      errorCode: 'provider_failed',
      status: 'failed',
    })
    expect(doc.operation).toBeNull()
    expect(doc.poster).toBeNull()
  })

  it('retries a 429 on submit and ends ready once fal accepts', async () => {
    const prompt = 'fal: too many requests once'
    falScripts.script(prompt, [{ kind: 'rateLimited' }, { kind: 'success' }])
    const doc = await settled(await generate({ model: 'fal/luma', prompt }))
    expect(doc).toMatchObject({ attempts: 2, error: null, status: 'ready' })
    expect(await getS3().get(objectKeyOf(doc))).toEqual(SAMPLE_MP4)
  })

  it('retries when checking the queue answers 503, and ends ready once fal recovers', async () => {
    const prompt = 'fal: the queue check fails once'
    falScripts.script(prompt, [{ kind: 'success', pollErrors: [503] }, { kind: 'success' }])
    const doc = await settled(await generate({ model: 'fal/luma', prompt }))
    expect(doc).toMatchObject({ error: null, status: 'ready' })
    expect(await getS3().get(objectKeyOf(doc))).toEqual(SAMPLE_MP4)
  })

  it('gives up after maxAttempts when submit keeps answering 503', async () => {
    const prompt = 'fal: always unavailable'
    falScripts.script(prompt, [
      { json: { error: { code: 503, message: 'No runners available' } }, kind: 'httpError', status: 503 },
    ])
    const doc = await settled(await generate({ model: 'fal/luma', prompt }))
    expect(doc).toMatchObject({ attempts: 3, errorCode: 'provider_unavailable', status: 'failed' })
    expect(doc.error).toBe('The provider failed (503): No runners available')
    expect(startsFor(fal, prompt)).toHaveLength(3)
  })

  it('fails with "output expired" when the video URL answers 410', async () => {
    const prompt = 'fal: output gone'
    falScripts.script(prompt, [{ expiredStatus: 410, kind: 'success', outputExpiresAfterMs: 0 }])
    const doc = await settled(await generate({ model: 'fal/luma', prompt }))
    expect(doc).toMatchObject({
      attempts: 1,
      error: "The provider's output expired before it could be saved (HTTP 410).",
      errorCode: 'output_expired',
      status: 'failed',
    })
    expect(doc.filename).toBeNull()
  })

  it('refuses a text file delivered as the video', async () => {
    const prompt = 'fal: answers a text file'
    falScripts.script(prompt, [{ kind: 'success', video: { contentType: 'text/plain', data: TEXT_FILE } }])
    const doc = await settled(await generate({ model: 'fal/luma', prompt }))
    expect(doc).toMatchObject({ attempts: 1, errorCode: 'unsupported_media', status: 'failed' })
    expect(doc.filename).toBeNull()
  })
})

describe('Alibaba DashScope Wan video (task polling)', () => {
  it('polls the task until SUCCEEDED and stores the video and a poster', async () => {
    const prompt = 'wan: a red kite over the hills'
    dashScopeScripts.script(prompt, [{ kind: 'success', pendingPolls: 2 }])
    const doc = await settled(await generate({ model: 'alibaba/wan', prompt }))
    const file = dashScope.files.at(-1)!
    expect(doc.previewUrl).toContain(`${file.url}?Expires=`)
    await expectStoredVideo({ doc, previewUrl: doc.previewUrl })
    expect(doc.attempts).toBe(1)
    expect(doc.pollCount).toBe(2)
    expect(doc.operation).toBeNull()
    expect(startsFor(dashScope, prompt)[0]!.body).toMatchObject({ input: { prompt }, model: 'wan2.6-t2v' })
  })

  it('fails at once with the provider message when input moderation refuses the prompt', async () => {
    const prompt = 'wan: inappropriate prompt'
    dashScopeScripts.script(prompt, [{ kind: 'contentModeration' }])
    const doc = await settled(await generate({ model: 'alibaba/wan', prompt }))
    expect(doc).toMatchObject({
      attempts: 1,
      error: 'Input data may contain inappropriate content.',
      errorCode: 'provider_rejected',
      status: 'failed',
    })
  })

  it('fails at once with the task message when the task ends FAILED', async () => {
    const prompt = 'wan: the algorithm fails'
    dashScopeScripts.script(prompt, [
      { code: 'InternalError.Algo', kind: 'failed', message: 'Algorithm process error.', pendingPolls: 1 },
    ])
    const doc = await settled(await generate({ model: 'alibaba/wan', prompt }))
    expect(doc).toMatchObject({ attempts: 1, errorCode: 'provider_failed', status: 'failed' })
    expect(doc.error).toMatch(/^Video generation failed\. Task ID: [0-9a-f-]{36}\. Algorithm process error\.$/)
    expect(doc.operation).toBeNull()
  })

  it('retries a 429 on create and ends ready once the quota allows', async () => {
    const prompt = 'wan: throttled once'
    dashScopeScripts.script(prompt, [{ kind: 'rateLimited' }, { kind: 'success' }])
    const doc = await settled(await generate({ model: 'alibaba/wan', prompt }))
    expect(doc).toMatchObject({ attempts: 2, error: null, status: 'ready' })
    expect(await getS3().get(objectKeyOf(doc))).toEqual(SAMPLE_MP4)
  })

  it('retries a 500 while polling the task and ends ready', async () => {
    const prompt = 'wan: poll fails once'
    // On a failed poll the pipeline drops the task and starts a new one (runGeneration keeps the
    // operation only after network errors), so the second task is the one that succeeds.
    dashScopeScripts.script(prompt, [{ kind: 'success', pendingPolls: 1, pollErrors: [500] }, { kind: 'success' }])
    const doc = await settled(await generate({ model: 'alibaba/wan', prompt }))
    expect(doc).toMatchObject({ error: null, status: 'ready' })
    expect(await getS3().get(objectKeyOf(doc))).toEqual(SAMPLE_MP4)
  })

  it('gives up after maxAttempts when create keeps answering 500', async () => {
    const prompt = 'wan: always failing'
    dashScopeScripts.script(prompt, [{ kind: 'serverError', status: 500 }])
    const doc = await settled(await generate({ model: 'alibaba/wan', prompt }))
    expect(doc).toMatchObject({ attempts: 3, errorCode: 'provider_unavailable', status: 'failed' })
    expect(doc.error).toMatch(/^The provider failed \(500\): An internal error has occured/)
    expect(startsFor(dashScope, prompt)).toHaveLength(3)
  })

  it('fails with "output expired" when the signed video URL answers 403', async () => {
    const prompt = 'wan: signature expired'
    dashScopeScripts.script(prompt, [{ expiredStatus: 403, kind: 'success', outputExpiresAfterMs: 0 }])
    const doc = await settled(await generate({ model: 'alibaba/wan', prompt }))
    expect(doc).toMatchObject({
      attempts: 1,
      error: "The provider's output expired before it could be saved (HTTP 403).",
      errorCode: 'output_expired',
      status: 'failed',
    })
  })

  it('refuses an HTML page delivered as the video', async () => {
    const prompt = 'wan: answers an html page'
    dashScopeScripts.script(prompt, [{ kind: 'success', video: { contentType: 'text/html', data: HTML_PAGE } }])
    const doc = await settled(await generate({ model: 'alibaba/wan', prompt }))
    expect(doc).toMatchObject({ attempts: 1, errorCode: 'unsupported_media', status: 'failed' })
    expect(doc.filename).toBeNull()
  })
})

describe('import from URL', () => {
  it('imports an image byte for byte', async () => {
    const file = files.addFile({ contentType: 'image/png', data: OTHER_PNG, name: 'import.png' })
    const doc = await settled(await importFrom({ kind: 'image', prompt: 'imported picture', url: file.url }))
    expect(doc).toMatchObject({ error: null, kind: 'image', sourceUrl: file.url, status: 'ready' })
    expect(await getS3().get(objectKeyOf(doc))).toEqual(OTHER_PNG)
  })

  it('imports a video byte for byte, with a poster', async () => {
    const file = files.addFile({ contentType: 'video/mp4', data: SAMPLE_MP4, name: 'import.mp4' })
    const doc = await settled(await importFrom({ kind: 'video', prompt: 'imported clip', url: file.url }))
    expect(doc).toMatchObject({ error: null, kind: 'video', status: 'ready' })
    expect(await getS3().get(objectKeyOf(doc))).toEqual(SAMPLE_MP4)
    expect(doc.poster).toBeTruthy()
  })

  it('fails with "output expired" when the file is gone (404)', async () => {
    const file = files.addFile({ contentType: 'image/png', data: SAMPLE_PNG, expiresAfterMs: 0, name: 'gone.png' })
    const doc = await settled(await importFrom({ kind: 'image', prompt: 'gone', url: file.url }))
    expect(doc).toMatchObject({ errorCode: 'output_expired', status: 'failed' })
    expect(doc.error).toBe("The provider's output expired before it could be saved (HTTP 404).")
  })

  it('refuses a URL that serves an HTML page', async () => {
    const file = files.addFile({ contentType: 'text/html; charset=utf-8', data: HTML_PAGE, name: 'page.html' })
    const doc = await settled(await importFrom({ kind: 'image', prompt: 'a web page', url: file.url }))
    expect(doc).toMatchObject({ errorCode: 'unsupported_media', status: 'failed' })
    expect(doc.filename).toBeNull()
  })
})
