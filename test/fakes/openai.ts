/**
 * Fake OpenAI Images API, as `@ai-sdk/openai` calls it:
 *
 * `createOpenAI({ apiKey: fake.apiKey, baseURL: fake.baseURL }).image('gpt-image-1')` sends
 * `POST {baseURL}/images/generations` with `Authorization: Bearer <apiKey>` and the JSON body
 * `{ model, prompt, n, size, quality?, style?, background?, moderation?, output_format?,
 * output_compression?, user?, response_format? }`; `response_format: 'b64_json'` is sent for
 * `dall-e-2` / `dall-e-3` (and unknown non-`gpt-image-*` ids), never for `gpt-image-*`.
 * The package parses `{ created?, data: [{ b64_json, revised_prompt? }], background?,
 * output_format?, size?, quality?, usage? }` and errors `{ error: { message, type?, param?, code? } }`.
 * It reads only `b64_json` (required by its schema): a `url` response fails to parse.
 *
 * Image editing (`generateImage({ prompt: { text, images } })`, the model's `files`) sends
 * `POST {baseURL}/images/edits` as `multipart/form-data` with `model`, `prompt`, `n`, `size`…
 * and the images as `image` (one) or `image[]` (several); answered like a generation. The
 * recorded request's `body` holds the parsed fields, the images as `{ data, name, type }`.
 *
 * Chat Completions (`createOpenAI(…).chat('gpt-4o-mini')`, what an `altTextModel` may be): `POST
 * {baseURL}/chat/completions` with `{ model, messages: [{ role, content: [{ type: 'text', text }
 * | { type: 'image_url', image_url: { url } }] }] }`, answered with `{ id, object:
 * 'chat.completion', created, model, choices: [{ index, message: { role: 'assistant', content },
 * finish_reason: 'stop' }], usage }` (https://platform.openai.com/docs/api-reference/chat/create).
 */
import type { BehaviorSource, FakeProviderControls, FakeResponse, FakeServer, RecordedRequest } from './fakeServer'

import { createBehaviorSelector, readCredential, startFakeServer } from './fakeServer'
import { SAMPLE_PNG } from './samples'

/** What the fake answers to one `POST /v1/images/generations` or `/edits`. `delayMs` (ms) holds the answer back. */
export type OpenAIFakeBehavior =
  | {
      kind: 'success'
      /** Image bytes; `n` images are answered, cycling through these. Default `[SAMPLE_PNG]`. */
      images?: Uint8Array[]
      /**
       * `b64_json` (what the package reads) or `url` (a file on the fake). Default: the request's
       * `response_format`, else `b64_json` for `gpt-image-*` and `url` for DALL·E, as the real API.
       */
      format?: 'b64_json' | 'url'
      /** `data[].revised_prompt` (DALL·E 3 rewrites prompts). */
      revisedPrompt?: string
      /** Lifetime of `url` images in ms (real DALL·E URLs: 60 min); they then answer 403. */
      urlExpiresAfterMs?: number
      delayMs?: number
    }
  | {
      /** 400 `invalid_request_error`, `code` default `content_policy_violation` (gpt-image uses `moderation_blocked`). */
      kind: 'contentPolicy'
      message?: string
      code?: string
      delayMs?: number
    }
  | {
      /** 429 `rate_limit_exceeded` with `retry-after` (s, default 1) and, if set, `retry-after-ms`. */
      kind: 'rateLimited'
      retryAfterSeconds?: number
      retryAfterMs?: number
      delayMs?: number
    }
  | {
      /** `server_error`, status default 500 (503 answers "overloaded"). */
      kind: 'serverError'
      status?: 500 | 502 | 503
      delayMs?: number
    }
  | ({ kind: 'httpError' } & FakeResponse)

/** What the fake's Chat Completions route answers: the assistant's text, or an HTTP error status. */
export type OpenAIChatAnswer = { content: string } | { status: 400 | 429 | 500 }

export type OpenAIFake = FakeProviderControls<OpenAIFakeBehavior> & {
  /** Changes what `POST /v1/chat/completions` answers from now on. */
  setChatAnswer: (answer: OpenAIChatAnswer) => void
  /** Pass to `createOpenAI({ baseURL })`: `http://127.0.0.1:<port>/v1`. */
  baseURL: string
}

const openAIError = ({
  code = null,
  message,
  param = null,
  type,
}: {
  code?: null | string
  message: string
  param?: null | string
  type: string
}) => ({ error: { code, message, param, type } })

const isGptImageModel = (model: string): boolean => model.startsWith('gpt-image-') || model.startsWith('chatgpt-image-')

/**
 * Starts the fake. `behavior` (default: success with `SAMPLE_PNG`) answers every request unless
 * a queued one comes first; `apiKey` (default `'sk-fake-openai'`) is the only key accepted.
 */
export const startOpenAIFake = async ({
  apiKey = 'sk-fake-openai',
  behavior = { kind: 'success' },
  chatAnswer: initialChatAnswer = { content: 'A test caption from the chat model.' },
}: {
  apiKey?: string
  behavior?: BehaviorSource<OpenAIFakeBehavior>
  /** What `POST /v1/chat/completions` answers at first (see `setChatAnswer`). */
  chatAnswer?: OpenAIChatAnswer
} = {}): Promise<OpenAIFake> => {
  let chatAnswer = initialChatAnswer
  const selector = createBehaviorSelector<OpenAIFakeBehavior>({ initial: behavior })

  const server = await startFakeServer({
    handle: ({ request, server: fakeServer }) => {
      const route = `${request.method} ${request.path}`
      if (route === 'POST /v1/chat/completions' && readCredential({ request, scheme: 'Bearer' }) === apiKey) {
        if ('status' in chatAnswer) {
          return { json: openAIError({ message: 'The fake was told to fail.', type: 'server_error' }), status: chatAnswer.status }
        }
        const model = String((request.body as { model?: unknown } | undefined)?.model ?? 'gpt-4o-mini')
        return {
          json: {
            choices: [{ finish_reason: 'stop', index: 0, message: { content: chatAnswer.content, role: 'assistant' } }],
            created: Math.floor(Date.now() / 1000),
            id: `chatcmpl-fake-${Date.now()}`,
            model,
            object: 'chat.completion',
            usage: { completion_tokens: 8, prompt_tokens: 90, total_tokens: 98 },
          },
          status: 200,
        }
      }
      if (route !== 'POST /v1/images/generations' && route !== 'POST /v1/images/edits') {
        return {
          json: openAIError({ message: `Invalid URL (${route})`, type: 'invalid_request_error' }),
          status: 404,
        }
      }
      if (readCredential({ request, scheme: 'Bearer' }) !== apiKey) {
        return {
          json: openAIError({
            code: 'invalid_api_key',
            message:
              'Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys.',
            type: 'invalid_request_error',
          }),
          status: 401,
        }
      }
      const body = request.body as Record<string, unknown> | undefined
      if (request.path === '/v1/images/edits' && body?.image === undefined && body?.['image[]'] === undefined) {
        return {
          json: openAIError({
            code: 'missing_required_parameter',
            message: "Missing required parameter: 'image'.",
            param: 'image',
            type: 'invalid_request_error',
          }),
          status: 400,
        }
      }
      if (typeof body?.prompt !== 'string') {
        return {
          json: openAIError({
            code: 'missing_required_parameter',
            message: "Missing required parameter: 'prompt'.",
            param: 'prompt',
            type: 'invalid_request_error',
          }),
          status: 400,
        }
      }
      return answer({ addFile: fakeServer.addFile, behavior: selector.select({ request }), request })
    },
  })

  return {
    apiKey,
    baseURL: `${server.url}/v1`,
    enqueueBehavior: selector.enqueueBehavior,
    expireFiles: server.expireFiles,
    files: server.files,
    requests: server.requests,
    setBehavior: selector.setBehavior,
    setChatAnswer: (answer) => {
      chatAnswer = answer
    },
    stop: server.stop,
    url: server.url,
  }
}

const answer = ({
  addFile,
  behavior,
  request,
}: {
  addFile: FakeServer['addFile']
  behavior: OpenAIFakeBehavior
  request: RecordedRequest
}): FakeResponse => {
  const body = request.body as Record<string, unknown>
  const model = typeof body.model === 'string' ? body.model : 'dall-e-2'
  switch (behavior.kind) {
    case 'success': {
      const images = behavior.images ?? [SAMPLE_PNG]
      // JSON bodies carry a number, multipart ones (edits) a string.
      const count = Number(body.n ?? 1) || 1
      const format =
        behavior.format ??
        (body.response_format === 'b64_json' || body.response_format === 'url'
          ? body.response_format
          : isGptImageModel(model)
            ? 'b64_json'
            : 'url')
      const outputFormat = typeof body.output_format === 'string' ? body.output_format : 'png'
      const data = Array.from({ length: count }, (_, index) => {
        const image = images[index % images.length]!
        const revised = behavior.revisedPrompt === undefined ? {} : { revised_prompt: behavior.revisedPrompt }
        if (format === 'url') {
          const file = addFile({
            contentType: `image/${outputFormat}`,
            data: image,
            expiredStatus: 403,
            expiresAfterMs: behavior.urlExpiresAfterMs,
            name: `img-${index}.${outputFormat}`,
          })
          return { url: file.url, ...revised }
        }
        return { b64_json: Buffer.from(image).toString('base64'), ...revised }
      })
      const created = Math.floor(Date.now() / 1000)
      if (!isGptImageModel(model)) {
        return { delayMs: behavior.delayMs, json: { created, data }, status: 200 }
      }
      return {
        delayMs: behavior.delayMs,
        json: {
          background: typeof body.background === 'string' ? body.background : 'opaque',
          created,
          data,
          output_format: outputFormat,
          quality: typeof body.quality === 'string' && body.quality !== 'auto' ? body.quality : 'high',
          size: typeof body.size === 'string' ? body.size : '1024x1024',
          usage: {
            input_tokens: 50,
            input_tokens_details: { image_tokens: 40, text_tokens: 10 },
            output_tokens: 272 * count,
            total_tokens: 50 + 272 * count,
          },
        },
        status: 200,
      }
    }
    case 'contentPolicy':
      return {
        delayMs: behavior.delayMs,
        json: openAIError({
          code: behavior.code ?? 'content_policy_violation',
          message:
            behavior.message ??
            'Your request was rejected as a result of our safety system. Your prompt may contain text that is not allowed by our safety system.',
          type: 'invalid_request_error',
        }),
        status: 400,
      }
    case 'rateLimited': {
      const retryAfterSeconds = behavior.retryAfterSeconds ?? 1
      return {
        delayMs: behavior.delayMs,
        headers: {
          'retry-after': String(retryAfterSeconds),
          ...(behavior.retryAfterMs === undefined ? {} : { 'retry-after-ms': String(behavior.retryAfterMs) }),
          'x-ratelimit-limit-requests': '5',
          'x-ratelimit-remaining-requests': '0',
          'x-ratelimit-reset-requests': `${retryAfterSeconds}s`,
        },
        json: openAIError({
          code: 'rate_limit_exceeded',
          message: `Rate limit reached for ${model} in organization org-fake on images per minute (IPM): Limit 5, Used 5, Requested 1. Please try again in ${retryAfterSeconds}s.`,
          type: 'requests',
        }),
        status: 429,
      }
    }
    case 'serverError': {
      const status = behavior.status ?? 500
      return {
        delayMs: behavior.delayMs,
        json: openAIError({
          message:
            status === 503
              ? 'The engine is currently overloaded, please try again later.'
              : 'The server had an error while processing your request. Sorry about that!',
          type: 'server_error',
        }),
        status,
      }
    }
    case 'httpError': {
      const { kind: _kind, ...response } = behavior
      return response
    }
  }
}
