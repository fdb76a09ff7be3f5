/**
 * Drives the real `@ai-sdk/*` provider packages against the provider fakes: what each package
 * sends is what the fake checks, and what the fake answers is what the package parses.
 */
import { createAlibaba } from '@ai-sdk/alibaba'
import { createFal } from '@ai-sdk/fal'
import { createOpenAI } from '@ai-sdk/openai'
import { APICallError } from '@ai-sdk/provider'
import { createReplicate } from '@ai-sdk/replicate'
import { DownloadError, experimental_generateVideo, generateImage, RetryError } from 'ai'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'

import type { DashScopeFake } from './dashscope'
import type { FalFake } from './fal'
import type { OpenAIFake } from './openai'
import type { ReplicateFake } from './replicate'

import { startDashScopeFake } from './dashscope'
import { startFalFake } from './fal'
import { startFakeServer } from './fakeServer'
import { startOpenAIFake } from './openai'
import { startReplicateFake } from './replicate'
import { SAMPLE_MP4, SAMPLE_PNG } from './samples'

const OTHER_PNG = Buffer.concat([SAMPLE_PNG, Buffer.from('second image')])

/*
 * Call options are plain literals, not the `@ai-sdk/provider` types: fal, Replicate and Alibaba
 * each bundle their own (older) copy of `@ai-sdk/provider`, whose types are nominally distinct.
 */
type CallOverrides = {
  abortSignal?: AbortSignal
  aspectRatio?: `${number}:${number}`
  n?: number
  providerOptions?: Record<string, Record<string, number | string>>
  seed?: number
}

const imageCall = (overrides: CallOverrides & { size?: `${number}x${number}` } = {}) => ({
  aspectRatio: undefined,
  files: undefined,
  mask: undefined,
  n: 1,
  prompt: 'a red fox in the snow',
  providerOptions: {},
  seed: undefined,
  size: undefined,
  ...overrides,
})

const videoCall = (overrides: CallOverrides & { duration?: number; resolution?: `${number}x${number}` } = {}) => ({
  aspectRatio: undefined,
  duration: undefined,
  fps: undefined,
  frameImages: undefined,
  generateAudio: undefined,
  image: undefined,
  inputReferences: undefined,
  n: 1,
  prompt: 'a red fox running in the snow',
  providerOptions: {},
  resolution: undefined,
  seed: undefined,
  ...overrides,
})

/** Calls `doStatus` until it answers something other than `pending`; answers that and the statuses seen. */
const pollVideo = async <Result extends { status: string }>({
  maxPolls = 20,
  model,
  operation,
}: {
  maxPolls?: number
  model: { doStatus?: (options: { operation: never }) => PromiseLike<Result> }
  operation: unknown
}): Promise<{ result: Result; statuses: string[] }> => {
  const statuses: string[] = []
  for (let poll = 0; poll < maxPolls; poll += 1) {
    const result = await model.doStatus!({ operation: operation as never })
    statuses.push(result.status)
    if (result.status !== 'pending') {
      return { result, statuses }
    }
  }
  throw new Error(`Still pending after ${maxPolls} polls.`)
}

/**
 * `experimental_generateVideo`'s default download refuses loopback URLs (SSRF guard), so tests
 * that go through it download the fake's file directly.
 */
const downloadDirectly = async ({ url }: { url: URL }) => {
  const response = await fetch(url)
  if (!response.ok) {
    throw new Error(`GET ${url.href} answered ${response.status}.`)
  }
  return {
    data: new Uint8Array(await response.arrayBuffer()),
    mediaType: response.headers.get('content-type') ?? undefined,
  }
}

const fetchBytes = async ({ url }: { url: string }): Promise<Buffer> =>
  Buffer.from(await (await fetch(url)).arrayBuffer())

/** Resolves to the rejection of `promise` (fails the test when it resolves). */
const rejectionOf = async (promise: PromiseLike<unknown>): Promise<any> => {
  try {
    await promise
  } catch (error) {
    return error
  }
  throw new Error('Expected a rejection.')
}

describe('fake server', () => {
  test('records requests and serves files that expire with the configured status', async () => {
    const server = await startFakeServer({ handle: () => ({ json: { ok: true }, status: 200 }) })
    try {
      const response = await fetch(`${server.url}/anything?x=1`, {
        body: JSON.stringify({ hello: 'world' }),
        headers: { 'content-type': 'application/json', 'x-test': 'yes' },
        method: 'POST',
      })
      expect(await response.json()).toEqual({ ok: true })
      expect(server.requests).toMatchObject([
        {
          body: { hello: 'world' },
          headers: { 'x-test': 'yes' },
          method: 'POST',
          path: '/anything',
          query: { x: '1' },
        },
      ])

      const png = server.addFile({ contentType: 'image/png', data: SAMPLE_PNG, name: 'a.png' })
      const forbidden = server.addFile({ contentType: 'video/mp4', data: SAMPLE_MP4, expiredStatus: 403 })
      expect(png.url).toMatch(new RegExp(`^${server.url}/files/[0-9a-f]{8}-a\\.png$`))
      const served = await fetch(png.url)
      expect(served.headers.get('content-type')).toBe('image/png')
      expect(Buffer.from(await served.arrayBuffer()).equals(SAMPLE_PNG)).toBe(true)
      expect(png.downloads).toBe(1)

      // Generous lifetime: a busy machine must not expire it before the first fetch.
      const gone = server.addFile({
        contentType: 'image/png',
        data: SAMPLE_PNG,
        expiredStatus: 410,
        expiresAfterMs: 1_000,
      })
      expect((await fetch(gone.url)).status).toBe(200)
      await new Promise((resolve) => setTimeout(resolve, 1_100))
      expect((await fetch(gone.url)).status).toBe(410)

      server.expireFiles({ names: [forbidden.name] })
      const expired = await fetch(forbidden.url)
      expect(expired.status).toBe(403)
      expect(await expired.text()).toContain('<Code>AccessDenied</Code>')
      expect((await fetch(png.url)).status).toBe(200)
      expect((await fetch(`${server.url}/files/unknown.png`)).status).toBe(404)
    } finally {
      await server.stop()
    }
  })

  test('streams large generated files without buffering them, with or without content-length', async () => {
    const server = await startFakeServer({ handle: () => ({ status: 404 }) })
    try {
      const size = 8 * 1024 * 1024 + 123
      const file = server.addFile({ contentType: 'video/mp4', name: 'big.mp4', size })
      const response = await fetch(file.url)
      expect(response.headers.get('content-length')).toBe(String(size))
      let received = 0
      let isPatternIntact = true
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        for (let index = 0; index < chunk.length; index += 4099) {
          isPatternIntact &&= chunk[index] === (received + index) % 256
        }
        received += chunk.length
      }
      expect(received).toBe(size)
      expect(isPatternIntact).toBe(true)

      const chunked = server.addFile({ contentType: 'video/mp4', hasContentLength: false, size: 100_000 })
      const chunkedResponse = await fetch(chunked.url)
      expect(chunkedResponse.headers.get('content-length')).toBeNull()
      expect((await chunkedResponse.arrayBuffer()).byteLength).toBe(100_000)

      // A client that stops reading early (a size limit) must not break the server.
      const aborter = new AbortController()
      const partial = await fetch(file.url, { signal: aborter.signal })
      const reader = partial.body!.getReader()
      await reader.read()
      aborter.abort()
      expect((await fetch(chunked.url)).status).toBe(200)
    } finally {
      await server.stop()
    }
  })

  test('a delayed answer ends when the client gives up', async () => {
    const server = await startFakeServer({ handle: () => ({ delayMs: Infinity, json: {}, status: 200 }) })
    try {
      const error = await rejectionOf(fetch(server.url, { signal: AbortSignal.timeout(50) }))
      expect(error.name).toBe('TimeoutError')
    } finally {
      await server.stop()
    }
  })
})

describe('OpenAI fake with @ai-sdk/openai', () => {
  let fake: OpenAIFake
  let openai: ReturnType<typeof createOpenAI>

  beforeAll(async () => {
    fake = await startOpenAIFake()
    openai = createOpenAI({ apiKey: fake.apiKey, baseURL: fake.baseURL })
  })
  afterAll(() => fake.stop())
  beforeEach(() => {
    fake.requests.length = 0
    fake.setBehavior({ behavior: { images: [SAMPLE_PNG, OTHER_PNG], kind: 'success' } })
  })

  test('gpt-image-1 through generateImage answers the bytes as b64_json', async () => {
    const result = await generateImage({
      model: openai.image('gpt-image-1'),
      n: 2,
      prompt: 'a red fox in the snow',
      providerOptions: { openai: { quality: 'low' } },
      size: '1024x1024',
    })
    expect(result.images.map((image) => Buffer.from(image.uint8Array))).toEqual([SAMPLE_PNG, OTHER_PNG])
    expect(result.image.mediaType).toBe('image/png')
    expect(fake.requests).toHaveLength(1)
    const [request] = fake.requests
    expect(request).toMatchObject({
      body: { model: 'gpt-image-1', n: 2, prompt: 'a red fox in the snow', quality: 'low', size: '1024x1024' },
      headers: { authorization: `Bearer ${fake.apiKey}` },
      method: 'POST',
      path: '/v1/images/generations',
    })
    expect(request!.body).not.toHaveProperty('response_format')
    expect(result.providerMetadata.openai).toMatchObject({ images: [{ outputFormat: 'png', quality: 'low' }, {}] })
  })

  test('dall-e-3 asks for b64_json and passes the revised prompt on', async () => {
    fake.setBehavior({ behavior: { kind: 'success', revisedPrompt: 'A photorealistic red fox' } })
    const result = await openai.image('dall-e-3').doGenerate(imageCall())
    expect(fake.requests[0]!.body).toMatchObject({ model: 'dall-e-3', response_format: 'b64_json' })
    expect(Buffer.from(result.images[0] as string, 'base64')).toEqual(SAMPLE_PNG)
    expect(result.providerMetadata?.openai).toMatchObject({ images: [{ revisedPrompt: 'A photorealistic red fox' }] })
  })

  test('a url response is not supported by @ai-sdk/openai (it only reads b64_json)', async () => {
    fake.setBehavior({ behavior: { format: 'url', kind: 'success' } })
    const error = await rejectionOf(openai.image('dall-e-3').doGenerate(imageCall()))
    expect(APICallError.isInstance(error)).toBe(true)
    expect(error.message).toBe('Invalid JSON response')
    expect(error.statusCode).toBe(200)
    expect(fake.files).toHaveLength(1)
    expect(fake.files.at(-1)!.downloads).toBe(0)
  })

  test('content policy: APICallError 400 with the provider message, not retryable', async () => {
    fake.setBehavior({ behavior: { kind: 'contentPolicy' } })
    const error = await rejectionOf(generateImage({ maxRetries: 2, model: openai.image('gpt-image-1'), prompt: 'x' }))
    expect(APICallError.isInstance(error)).toBe(true)
    expect(error).toMatchObject({ isRetryable: false, statusCode: 400 })
    expect(error.message).toMatch(/rejected as a result of our safety system/)
    expect(error.data).toMatchObject({ error: { code: 'content_policy_violation', type: 'invalid_request_error' } })
    expect(fake.requests).toHaveLength(1)
  })

  test('429: retryable APICallError with retry-after; generateImage retries after retry-after-ms', async () => {
    fake.setBehavior({ behavior: { kind: 'rateLimited', retryAfterSeconds: 7 } })
    const error = await rejectionOf(openai.image('gpt-image-1').doGenerate(imageCall()))
    expect(APICallError.isInstance(error)).toBe(true)
    expect(error).toMatchObject({ isRetryable: true, statusCode: 429 })
    expect(error.responseHeaders['retry-after']).toBe('7')

    fake.enqueueBehavior({ behaviors: [{ kind: 'rateLimited', retryAfterMs: 10 }] })
    fake.setBehavior({ behavior: { kind: 'success' } })
    const startedAt = Date.now()
    const result = await generateImage({ maxRetries: 1, model: openai.image('gpt-image-1'), prompt: 'x' })
    expect(Date.now() - startedAt).toBeLessThan(1000)
    expect(Buffer.from(result.image.uint8Array)).toEqual(SAMPLE_PNG)
  })

  test('5xx: retryable APICallError; after the retries generateImage throws RetryError', async () => {
    fake.setBehavior({ behavior: { kind: 'serverError', status: 503 } })
    const error = await rejectionOf(openai.image('gpt-image-1').doGenerate(imageCall()))
    expect(error).toMatchObject({ isRetryable: true, statusCode: 503 })
    expect(error.message).toMatch(/overloaded/)

    fake.setBehavior({ behavior: { kind: 'httpError', headers: { 'retry-after-ms': '1' }, json: {}, status: 500 } })
    const retried = await rejectionOf(generateImage({ maxRetries: 1, model: openai.image('gpt-image-1'), prompt: 'x' }))
    expect(RetryError.isInstance(retried)).toBe(true)
    expect(retried.lastError).toMatchObject({ statusCode: 500 })
  })

  test('slow answer: the abort signal ends the call', async () => {
    fake.setBehavior({ behavior: { delayMs: 5_000, kind: 'success' } })
    const error = await rejectionOf(
      openai.image('gpt-image-1').doGenerate(imageCall({ abortSignal: AbortSignal.timeout(50) })),
    )
    expect(error.name).toBe('TimeoutError')
  })

  test('a wrong key answers 401', async () => {
    const wrong = createOpenAI({ apiKey: 'sk-wrong', baseURL: fake.baseURL })
    const error = await rejectionOf(wrong.image('gpt-image-1').doGenerate(imageCall()))
    expect(error).toMatchObject({ statusCode: 401 })
    expect(error.data).toMatchObject({ error: { code: 'invalid_api_key' } })
  })
})

describe('Replicate fake with @ai-sdk/replicate', () => {
  let fake: ReplicateFake
  let replicate: ReturnType<typeof createReplicate>
  const fast = { replicate: { pollIntervalMillis: 1 } }

  beforeAll(async () => {
    fake = await startReplicateFake()
    replicate = createReplicate({ apiToken: fake.apiKey, baseURL: fake.baseURL })
  })
  afterAll(() => fake.stop())
  beforeEach(() => {
    fake.requests.length = 0
    fake.setBehavior({ behavior: { kind: 'success' } })
  })

  test('image, sync mode: prefer wait, answered at once, output downloaded from the fake', async () => {
    fake.setBehavior({
      behavior: {
        completesDuringWait: true,
        kind: 'success',
        outputs: [{ contentType: 'image/png', data: SAMPLE_PNG }],
      },
    })
    const result = await generateImage({
      aspectRatio: '16:9',
      model: replicate.image('black-forest-labs/flux-schnell'),
      prompt: 'a red fox in the snow',
      seed: 7,
    })
    expect(Buffer.from(result.image.uint8Array)).toEqual(SAMPLE_PNG)
    // File downloads are not recorded as requests; `downloads` counts them.
    expect(fake.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      'POST /v1/models/black-forest-labs/flux-schnell/predictions',
    ])
    expect(fake.requests[0]).toMatchObject({
      body: { input: { aspect_ratio: '16:9', num_outputs: 1, prompt: 'a red fox in the snow', seed: 7 } },
      headers: { authorization: `Bearer ${fake.apiKey}`, prefer: 'wait' },
    })
    expect(fake.files.at(-1)!.downloads).toBe(1)
  })

  test('image, polling: starting → processing → succeeded, several outputs as an array', async () => {
    fake.setBehavior({
      behavior: {
        kind: 'success',
        outputs: [
          { contentType: 'image/png', data: SAMPLE_PNG },
          { contentType: 'image/png', data: OTHER_PNG },
        ],
        pendingPolls: 2,
      },
    })
    const model = replicate.image('stability-ai/sdxl:39ed52f2a78e934b3ba6e2a89f5b1c712de7dfea535525255b1aa35c5565e08b')
    const result = await model.doGenerate(
      imageCall({ providerOptions: { replicate: { maxWaitTimeInSeconds: 5, pollIntervalMillis: 1 } } }),
    )
    expect(result.images.map((image) => Buffer.from(image as Uint8Array))).toEqual([SAMPLE_PNG, OTHER_PNG])
    const apiRequests = fake.requests.filter((request) => !request.path.startsWith('/files/'))
    expect(apiRequests.map((request) => `${request.method} ${request.path.replace(/[0-9a-f]{26}/, ':id')}`)).toEqual([
      'POST /v1/predictions',
      'GET /v1/predictions/:id',
      'GET /v1/predictions/:id',
      'GET /v1/predictions/:id',
    ])
    expect(apiRequests[0]).toMatchObject({
      body: { version: '39ed52f2a78e934b3ba6e2a89f5b1c712de7dfea535525255b1aa35c5565e08b' },
      headers: { prefer: 'wait=5' },
    })
  })

  test('image, failed prediction: InvalidResponseDataError with the provider error', async () => {
    fake.setBehavior({ behavior: { error: 'NSFW content detected.', kind: 'failed', pendingPolls: 1 } })
    const error = await rejectionOf(
      replicate.image('black-forest-labs/flux-schnell').doGenerate(imageCall({ providerOptions: fast })),
    )
    expect(error.name).toBe('AI_InvalidResponseDataError')
    expect(error.message).toBe('Replicate image generation failed: NSFW content detected.')
  })

  test('create errors: 422, 429 and 5xx surface as APICallError with the provider detail', async () => {
    fake.enqueueBehavior({
      behaviors: [
        { detail: '- input.num_outputs: Must be less than or equal to 4', kind: 'validationError' },
        { kind: 'rateLimited', retryAfterSeconds: 3 },
        { kind: 'serverError', status: 502 },
      ],
    })
    const model = replicate.image('black-forest-labs/flux-schnell')
    const validation = await rejectionOf(model.doGenerate(imageCall()))
    expect(validation).toMatchObject({
      isRetryable: false,
      message: '- input.num_outputs: Must be less than or equal to 4',
      statusCode: 422,
    })
    const throttled = await rejectionOf(model.doGenerate(imageCall()))
    expect(throttled).toMatchObject({ isRetryable: true, statusCode: 429 })
    expect(throttled.responseHeaders['retry-after']).toBe('3')
    const failed = await rejectionOf(model.doGenerate(imageCall()))
    expect(APICallError.isInstance(failed)).toBe(true)
    expect(failed).toMatchObject({ isRetryable: true, message: 'Internal server error', statusCode: 502 })
  })

  test('an expired output URL answers 404: APICallError 404 from the download', async () => {
    fake.setBehavior({ behavior: { kind: 'success', outputExpiresAfterMs: 0 } })
    const error = await rejectionOf(
      replicate.image('black-forest-labs/flux-schnell').doGenerate(imageCall({ providerOptions: fast })),
    )
    expect(APICallError.isInstance(error)).toBe(true)
    expect(error.statusCode).toBe(404)
    expect(error.url).toBe(fake.files.at(-1)!.url)
  })

  test('video: doStart then doStatus polls until completed, with the output URL', async () => {
    fake.setBehavior({
      behavior: {
        kind: 'success',
        outputs: [{ contentType: 'video/mp4', data: SAMPLE_MP4 }],
        pendingPolls: 2,
        predictTimeSeconds: 12.5,
      },
    })
    const model = replicate.video('minimax/video-01')
    const started = await model.doStart!(videoCall({ aspectRatio: '16:9', duration: 6 }))
    expect(started.operation).toEqual({
      getUrl: expect.stringMatching(new RegExp(`^${fake.baseURL}/predictions/[0-9a-f]{26}$`)),
    })
    expect(fake.requests[0]).toMatchObject({
      body: { input: { aspect_ratio: '16:9', duration: 6, prompt: 'a red fox running in the snow' } },
      path: '/v1/models/minimax/video-01/predictions',
    })
    expect(fake.requests[0]!.headers.prefer).toBeUndefined()
    const { result, statuses } = await pollVideo({ model, operation: started.operation })
    expect(statuses).toEqual(['pending', 'pending', 'completed'])
    expect(result).toMatchObject({
      providerMetadata: { replicate: { metrics: { predict_time: 12.5 } } },
      videos: [{ mediaType: 'video/mp4', type: 'url', url: fake.files.at(-1)!.url }],
    })
    expect(await fetchBytes({ url: fake.files.at(-1)!.url })).toEqual(SAMPLE_MP4)
  })

  test('video: failed and canceled predictions answer status error; transient poll errors throw', async () => {
    const model = replicate.video('minimax/video-01')
    fake.setBehavior({ behavior: { error: 'CUDA out of memory', kind: 'failed', pollErrors: [503] } })
    const started = await model.doStart!(videoCall())
    const transient = await rejectionOf(model.doStatus!({ operation: started.operation }))
    expect(transient).toMatchObject({ isRetryable: true, statusCode: 503 })
    const { result } = await pollVideo({ model, operation: started.operation })
    expect(result).toMatchObject({ error: 'Video generation failed: CUDA out of memory', status: 'error' })

    fake.setBehavior({ behavior: { kind: 'canceled' } })
    const canceled = await model.doStart!(videoCall())
    expect((await pollVideo({ model, operation: canceled.operation })).result).toMatchObject({
      error: 'Video generation was canceled',
      status: 'error',
    })
  })

  test('video through experimental_generateVideo with fast polling', async () => {
    fake.setBehavior({
      behavior: { kind: 'success', outputs: [{ contentType: 'video/mp4', data: SAMPLE_MP4 }], pendingPolls: 3 },
    })
    const result = await experimental_generateVideo({
      download: downloadDirectly,
      model: replicate.video('minimax/video-01'),
      poll: { intervalMs: 5, timeoutMs: 5_000 },
      prompt: 'a red fox running in the snow',
    })
    expect(Buffer.from(result.video.uint8Array)).toEqual(SAMPLE_MP4)
    expect(result.video.mediaType).toBe('video/mp4')
    expect(fake.requests[0]!.headers['idempotency-key']).toMatch(/^aisdk_vid_/)
  })
})

describe('fal fake with @ai-sdk/fal', () => {
  let fake: FalFake
  let fal: ReturnType<typeof createFal>

  beforeAll(async () => {
    fake = await startFalFake()
    fal = createFal({ apiKey: fake.apiKey, baseURL: fake.baseURL, fetch: fake.fetch })
  })
  afterAll(() => fake.stop())
  beforeEach(() => {
    fake.requests.length = 0
    fake.setBehavior({ behavior: { kind: 'success' } })
  })

  test('image: synchronous call, then the image is downloaded from the fake', async () => {
    fake.setBehavior({
      behavior: { images: [{ contentType: 'image/png', data: OTHER_PNG }], kind: 'success', nsfw: [true] },
    })
    const result = await generateImage({
      model: fal.image('fal-ai/flux/schnell'),
      prompt: 'a red fox in the snow',
      providerOptions: { fal: { numInferenceSteps: 4 } },
      seed: 3,
      size: '512x512',
    })
    expect(Buffer.from(result.image.uint8Array)).toEqual(OTHER_PNG)
    expect(fake.requests[0]).toMatchObject({
      body: {
        image_size: { height: 512, width: 512 },
        num_images: 1,
        num_inference_steps: 4,
        prompt: 'a red fox in the snow',
        seed: 3,
      },
      headers: { authorization: `Key ${fake.apiKey}` },
      method: 'POST',
      path: '/fal-ai/flux/schnell',
    })
    expect(result.providerMetadata.fal).toMatchObject({ images: [{ contentType: 'image/png', nsfw: true }] })
  })

  test('image errors: 422 content policy and validation carry the detail; 504 request errors the status text', async () => {
    const model = fal.image('fal-ai/flux/schnell')
    fake.enqueueBehavior({
      behaviors: [
        { kind: 'contentPolicy', message: 'Prompt flagged.' },
        { field: 'image_size', kind: 'validationError', message: 'Invalid size' },
        { kind: 'requestError' },
        { kind: 'rateLimited' },
      ],
    })
    expect(await rejectionOf(model.doGenerate(imageCall()))).toMatchObject({
      isRetryable: false,
      message: 'body.prompt: Prompt flagged.',
      statusCode: 422,
    })
    expect(await rejectionOf(model.doGenerate(imageCall()))).toMatchObject({
      message: 'body.image_size: Invalid size',
      statusCode: 422,
    })
    expect(await rejectionOf(model.doGenerate(imageCall()))).toMatchObject({
      isRetryable: true,
      message: 'Gateway Timeout',
      statusCode: 504,
    })
    expect(await rejectionOf(model.doGenerate(imageCall()))).toMatchObject({ isRetryable: true, statusCode: 429 })
  })

  test('image: an expired output URL fails the download', async () => {
    fake.setBehavior({ behavior: { expiredStatus: 410, kind: 'success', outputExpiresAfterMs: 0 } })
    const error = await rejectionOf(fal.image('fal-ai/flux/schnell').doGenerate(imageCall()))
    expect(APICallError.isInstance(error)).toBe(true)
    expect(error.statusCode).toBe(410)
  })

  test('video: queue submit, result polling until completed, video URL on the fake', async () => {
    fake.setBehavior({ behavior: { kind: 'success', pendingChecks: 2 } })
    const model = fal.video('fal-ai/minimax/video-01')
    const started = await model.doStart!(videoCall({ aspectRatio: '16:9', duration: 6, seed: 5 }))
    expect(started.operation).toEqual({
      responseUrl: expect.stringMatching(/^https:\/\/queue\.fal\.run\/fal-ai\/minimax\/requests\/[0-9a-f-]{36}$/),
      submitUrl: 'https://queue.fal.run/fal-ai/minimax/video-01',
    })
    expect(fake.requests[0]).toMatchObject({
      body: { aspect_ratio: '16:9', duration: '6s', prompt: 'a red fox running in the snow', seed: 5 },
      headers: { authorization: `Key ${fake.apiKey}` },
      path: '/queue/fal-ai/minimax/video-01',
    })
    const { result, statuses } = await pollVideo({ model, operation: started.operation })
    expect(statuses).toEqual(['pending', 'pending', 'completed'])
    expect(result).toMatchObject({ videos: [{ mediaType: 'video/mp4', type: 'url', url: fake.files.at(-1)!.url }] })
    expect(fake.requests[1]!.headers.authorization).toBe(`Key ${fake.apiKey}`)
    expect(await fetchBytes({ url: fake.files.at(-1)!.url })).toEqual(SAMPLE_MP4)

    const status = await fake.fetch(`${(started.operation as { responseUrl: string }).responseUrl}/status`, {
      headers: { authorization: `Key ${fake.apiKey}` },
    })
    expect(await status.json()).toMatchObject({ status: 'COMPLETED' })
  })

  test('video failures: every failed result (and poll 5xx) becomes status error; fal detail bodies lose their message', async () => {
    const model = fal.video('luma-dream-machine')
    fake.setBehavior({ behavior: { kind: 'contentPolicy', pendingChecks: 1 } })
    const flagged = await model.doStart!(videoCall())
    expect(fake.requests[0]!.path).toBe('/queue/fal-ai/luma-dream-machine')
    expect((await pollVideo({ model, operation: flagged.operation })).result).toMatchObject({
      error: 'Unprocessable Entity',
      status: 'error',
    })

    fake.setBehavior({
      behavior: {
        json: { error: { code: 500, message: 'GPU worker crashed' } },
        kind: 'httpError',
        stage: 'result',
        status: 500,
      },
    })
    const crashed = await model.doStart!(videoCall())
    expect((await pollVideo({ model, operation: crashed.operation })).result).toMatchObject({
      error: 'GPU worker crashed',
      status: 'error',
    })

    fake.setBehavior({ behavior: { kind: 'success', pollErrors: [503] } })
    const flaky = await model.doStart!(videoCall())
    expect(await model.doStatus!({ operation: flaky.operation })).toMatchObject({
      error: 'Service Unavailable',
      status: 'error',
    })

    fake.setBehavior({ behavior: { kind: 'validationError' } })
    const rejected = await rejectionOf(model.doStart!(videoCall()))
    expect(rejected).toMatchObject({ statusCode: 422 })
  })

  test('video through experimental_generateVideo', async () => {
    fake.setBehavior({ behavior: { kind: 'success', pendingChecks: 2 } })
    const result = await experimental_generateVideo({
      download: downloadDirectly,
      // @ai-sdk/fal types its model with its own older @ai-sdk/provider, which `ai` 7's `VideoModel` rejects.
      model: fal.video('luma-dream-machine') as unknown as Parameters<typeof experimental_generateVideo>[0]['model'],
      poll: { intervalMs: 5, timeoutMs: 5_000 },
      prompt: 'a red fox running in the snow',
    })
    expect(Buffer.from(result.video.uint8Array)).toEqual(SAMPLE_MP4)
  })
})

describe('DashScope fake with @ai-sdk/alibaba', () => {
  let fake: DashScopeFake
  let alibaba: ReturnType<typeof createAlibaba>

  beforeAll(async () => {
    fake = await startDashScopeFake()
    alibaba = createAlibaba({ apiKey: fake.apiKey, videoBaseURL: fake.baseURL })
  })
  afterAll(() => fake.stop())
  beforeEach(() => {
    fake.requests.length = 0
    fake.setBehavior({ behavior: { kind: 'success' } })
  })

  test('video: create task, poll PENDING → RUNNING → SUCCEEDED, video_url on the fake', async () => {
    fake.setBehavior({
      behavior: { actualPrompt: 'A red fox sprints across fresh snow.', kind: 'success', pendingPolls: 3 },
    })
    const model = alibaba.video('wan2.2-t2v-plus')
    const started = await model.doStart!(videoCall({ duration: 5, resolution: '1280x720', seed: 9 }))
    expect(started.operation).toEqual({ taskId: expect.stringMatching(/^[0-9a-f-]{36}$/) })
    expect(fake.requests[0]).toMatchObject({
      body: {
        input: { prompt: 'a red fox running in the snow' },
        model: 'wan2.2-t2v-plus',
        parameters: { duration: 5, seed: 9, size: '1280*720' },
      },
      headers: { authorization: `Bearer ${fake.apiKey}`, 'x-dashscope-async': 'enable' },
      path: '/api/v1/services/aigc/video-generation/video-synthesis',
    })
    const { result, statuses } = await pollVideo({ model, operation: started.operation })
    expect(statuses).toEqual(['pending', 'pending', 'pending', 'completed'])
    const videoURL = `${fake.files.at(-1)!.url}?Expires=`
    expect(result).toMatchObject({
      providerMetadata: { alibaba: { actualPrompt: 'A red fox sprints across fresh snow.', usage: { duration: 5 } } },
      videos: [{ mediaType: 'video/mp4', type: 'url', url: expect.stringContaining(videoURL) }],
    })
    const videoUrl = (result as { videos: { url: string }[] }).videos[0]!.url
    expect(await fetchBytes({ url: videoUrl })).toEqual(SAMPLE_MP4)
    fake.expireFiles()
    expect((await fetch(videoUrl)).status).toBe(403)
  })

  test('video: FAILED and output moderation answer status error with the provider message', async () => {
    const model = alibaba.video('wan2.2-t2v-plus')
    fake.enqueueBehavior({
      behaviors: [
        { code: 'InternalError.Algo', kind: 'failed', message: 'Algorithm process error.', pendingPolls: 1 },
        { kind: 'contentModeration', stage: 'task' },
      ],
    })
    const failed = await model.doStart!(videoCall())
    const failedResult = (await pollVideo({ model, operation: failed.operation })).result
    expect(failedResult).toMatchObject({ status: 'error' })
    expect((failedResult as { error: string }).error).toBe(
      `Video generation failed. Task ID: ${(failed.operation as { taskId: string }).taskId}. Algorithm process error.`,
    )
    const moderated = await model.doStart!(videoCall())
    expect((await pollVideo({ model, operation: moderated.operation })).result).toMatchObject({
      error: expect.stringMatching(/failed\. Task ID: .*\. Output data may contain inappropriate content\.$/),
      status: 'error',
    })
  })

  test('create errors: input moderation 400, 429, 500 surface as APICallError with the provider message', async () => {
    const model = alibaba.video('wan2.2-t2v-plus')
    fake.enqueueBehavior({
      behaviors: [{ kind: 'contentModeration' }, { kind: 'rateLimited' }, { kind: 'serverError' }],
    })
    const moderated = await rejectionOf(model.doStart!(videoCall()))
    expect(APICallError.isInstance(moderated)).toBe(true)
    expect(moderated).toMatchObject({ message: 'Input data may contain inappropriate content.', statusCode: 400 })
    expect(moderated.data).toMatchObject({ code: 'DataInspectionFailed' })
    expect(await rejectionOf(model.doStart!(videoCall()))).toMatchObject({ isRetryable: true, statusCode: 429 })
    expect(await rejectionOf(model.doStart!(videoCall()))).toMatchObject({ isRetryable: true, statusCode: 500 })
  })

  test('poll errors throw APICallError; forgotten tasks answer UNKNOWN, which the package reports as pending', async () => {
    const model = alibaba.video('wan2.2-t2v-plus')
    fake.setBehavior({ behavior: { kind: 'success', pollErrors: [500] } })
    const started = await model.doStart!(videoCall())
    expect(await rejectionOf(model.doStatus!({ operation: started.operation }))).toMatchObject({ statusCode: 500 })
    fake.forgetTasks()
    expect(await model.doStatus!({ operation: started.operation })).toMatchObject({ status: 'pending' })
  })

  test('a request without X-DashScope-Async answers 403', async () => {
    const response = await fetch(`${fake.baseURL}/api/v1/services/aigc/video-generation/video-synthesis`, {
      body: JSON.stringify({ input: { prompt: 'x' }, model: 'wan2.2-t2v-plus' }),
      headers: { authorization: `Bearer ${fake.apiKey}`, 'content-type': 'application/json' },
      method: 'POST',
    })
    expect(response.status).toBe(403)
    expect(await response.json()).toMatchObject({ code: 'AccessDenied' })
  })

  test('experimental_generateVideo: works with a direct download; its default download refuses loopback URLs', async () => {
    fake.setBehavior({ behavior: { kind: 'success', pendingPolls: 1 } })
    const result = await experimental_generateVideo({
      download: downloadDirectly,
      model: alibaba.video('wan2.2-t2v-plus'),
      poll: { intervalMs: 5, timeoutMs: 5_000 },
      prompt: 'a red fox running in the snow',
    })
    expect(Buffer.from(result.video.uint8Array)).toEqual(SAMPLE_MP4)

    const refused = await rejectionOf(
      experimental_generateVideo({
        model: alibaba.video('wan2.2-t2v-plus'),
        poll: { intervalMs: 5, timeoutMs: 5_000 },
        prompt: 'a red fox running in the snow',
      }),
    )
    expect(DownloadError.isInstance(refused)).toBe(true)
    expect(refused.message).toMatch(/127\.0\.0\.1 is not allowed/)
  })
})
