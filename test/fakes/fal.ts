/**
 * Fake fal.ai API, as `@ai-sdk/fal` calls it. Configure the provider with both the base URL and
 * the fake's `fetch`: `createFal({ apiKey: fake.apiKey, baseURL: fake.baseURL, fetch: fake.fetch })`.
 *
 * - image (`fal.image('fal-ai/flux/schnell')`): synchronous `POST {baseURL}/{modelId}` (fal.run, no
 *   queue) with `Authorization: Key <key>` and `{ prompt, seed?, image_size?: { width, height } |
 *   'landscape_16_9' | …, num_images?, ...providerOptions.fal (camelCase → snake_case) }`; answers
 *   `{ images: [{ url, width, height, content_type }], seed, timings, has_nsfw_concepts, prompt }`,
 *   then the package GETs each `url` (same origin as `baseURL`, or public). Errors: `{ detail: [{ loc,
 *   msg, type }] }` (model errors, 422) or `{ detail, error_type }` (request errors, 5xx).
 * - video (`fal.video('luma-dream-machine')`): the queue at the hard-coded `https://queue.fal.run`,
 *   which `baseURL` does not change; `fake.fetch` rewrites `https://queue.fal.run/<path>` to
 *   `{fake.url}/queue/<path>` and `https://fal.run/<path>` to `{fake.url}/<path>`. Submit is
 *   `POST https://queue.fal.run/fal-ai/{modelId without 'fal-ai/'}` with `{ prompt, image_url?,
 *   aspect_ratio?, duration?: '5s', seed?, ... }`; answers `{ request_id, response_url, status_url,
 *   cancel_url, status: 'IN_QUEUE', queue_position }`. Each `doStatus` GETs `response_url`
 *   (`https://queue.fal.run/{owner}/{app}/requests/{id}`, which must share the submit origin):
 *   400 `{ detail: 'Request is still in progress' }` while running (→ `pending`), the stored result
 *   once done: 200 `{ video: { url, content_type, file_name, file_size, width?, height? }, seed }`
 *   (→ `completed`) or the model's error status and body (→ `error`, see below).
 *   `GET …/requests/{id}/status` answers `{ status: 'IN_QUEUE' | 'IN_PROGRESS' | 'COMPLETED', … }`
 *   and `PUT …/requests/{id}/cancel` cancels; the package uses neither.
 *
 * The package's video model turns every non-2xx result (and every 429 / 5xx while polling) into
 * `status: 'error'`, and reads only `{ error: { message, code } }` from it: for fal's documented
 * `{ detail: [...] }` bodies its message is the HTTP status text (e.g. "Unprocessable Entity").
 */
import type { BehaviorSource, FakeFileSource, FakeProviderControls, FakeResponse, FakeServer } from './fakeServer'

import { randomUUID } from 'node:crypto'

import { createBehaviorSelector, readCredential, startFakeServer } from './fakeServer'
import { SAMPLE_MP4, SAMPLE_PNG } from './samples'

/** Origin the package hard-codes for queue requests, and that `response_url`s use. */
export const FAL_QUEUE_ORIGIN = 'https://queue.fal.run'
/** Origin the package defaults to for synchronous requests. */
export const FAL_RUN_ORIGIN = 'https://fal.run'

/** Shared by every behavior: `delayMs` holds back the sync answer or the queue submit answer (ms). */
type Timing = { delayMs?: number }

/**
 * Where a queued request fails: `submit` answers the error to the submit request; `result`
 * accepts the job and answers the error from `response_url` once it completes. Sync calls
 * always fail at once.
 */
type Stage = { stage?: 'result' | 'submit' }

/** Queue progress of a request that gets queued. */
type Progress = Timing & {
  /** Status / result GETs answered as not finished before the request completes. Default 0. */
  pendingChecks?: number
  /** Statuses answered by the first result / status GETs, before normal polling resumes. */
  pollErrors?: number[]
}

/** What happens to one sync call or queued request. */
export type FalFakeBehavior =
  | (Progress & {
      kind: 'success'
      /**
       * Images of a sync call, cycled to `num_images`. Default `[{ data: SAMPLE_PNG, contentType: 'image/png' }]`.
       * A queued request answers `{ images }` when this is set, else `{ video }`.
       */
      images?: FakeFileSource[]
      /** Video of a queued call. Default `{ data: SAMPLE_MP4, contentType: 'video/mp4' }`. */
      video?: FakeFileSource
      /** `has_nsfw_concepts`, one per image (fal's safety checker answers 200 with a black image). */
      nsfw?: boolean[]
      /** Output URLs answer `expiredStatus` (default 404) this many ms after they were produced. */
      outputExpiresAfterMs?: number
      expiredStatus?: 403 | 404 | 410
      /** `seed` in the result. Default: the request's seed, else 42. */
      seed?: number
    })
  | (Progress &
      Stage & {
        /** 422 `content_policy_violation` model error (default stage `result`). */
        kind: 'contentPolicy'
        message?: string
      })
  | (Progress &
      Stage & {
        /** 422 model error on `field` (default stage `submit`). */
        kind: 'validationError'
        /** Input field, default `prompt`. */
        field?: string
        message?: string
      })
  | (Progress &
      Stage & {
        /** Infrastructure error `{ detail, error_type }`, 504 `request_timeout` by default (default stage `result`). */
        kind: 'requestError'
        status?: 500 | 502 | 503 | 504
        errorType?: string
        detail?: string
      })
  | (Timing & {
      /** 429 on the sync call or the submit, with `retry-after` (s, default 1). */
      kind: 'rateLimited'
      retryAfterSeconds?: number
    })
  | (Progress & Stage & { kind: 'httpError' } & FakeResponse)

export type FalFake = FakeProviderControls<FalFakeBehavior> & {
  /** Pass to `createFal({ baseURL })` for image models: `http://127.0.0.1:<port>`. */
  baseURL: string
  /** Pass to `createFal({ fetch })`: rewrites fal's hard-coded origins to the fake, else calls `globalThis.fetch`. */
  fetch: typeof globalThis.fetch
}

type QueueStatus = 'COMPLETED' | 'IN_PROGRESS' | 'IN_QUEUE'

type QueuedRequest = {
  app: string
  behavior: FalFakeBehavior
  checks: number
  input: Record<string, unknown>
  pollErrors: number[]
  result?: FakeResponse
  status: QueueStatus
}

/** fal's model error: 422 with typed `detail` entries. */
const modelError = ({ field, message, type }: { field: string; message: string; type: string }): FakeResponse => ({
  headers: { 'x-fal-retryable': 'false' },
  json: { detail: [{ loc: ['body', field], msg: message, type }] },
  status: 422,
})

/** fal's request (infrastructure) error: `{ detail, error_type }` and the `x-fal-error-type` header. */
const requestError = ({
  detail,
  errorType,
  status,
}: {
  detail: string
  errorType: string
  status: number
}): FakeResponse => ({
  headers: { 'x-fal-error-type': errorType },
  json: { detail, error_type: errorType },
  status,
})

/** The error a failing behavior answers, whatever its stage; `undefined` for success. */
const failureResponse = ({ behavior }: { behavior: FalFakeBehavior }): FakeResponse | undefined => {
  switch (behavior.kind) {
    case 'contentPolicy':
      return modelError({
        field: 'prompt',
        message:
          behavior.message ??
          'The content could not be processed because it contained material flagged by a content checker.',
        type: 'content_policy_violation',
      })
    case 'validationError':
      return modelError({
        field: behavior.field ?? 'prompt',
        message: behavior.message ?? 'Field required',
        type: 'missing',
      })
    case 'requestError':
      return requestError({
        detail: behavior.detail ?? 'Request timed out',
        errorType: behavior.errorType ?? 'request_timeout',
        status: behavior.status ?? 504,
      })
    case 'rateLimited': {
      const retryAfterSeconds = behavior.retryAfterSeconds ?? 1
      return {
        headers: { 'retry-after': String(retryAfterSeconds) },
        json: { detail: 'Too many concurrent requests. Please try again later.' },
        status: 429,
      }
    }
    case 'httpError': {
      const {
        delayMs: _delayMs,
        kind: _kind,
        pendingChecks: _pending,
        pollErrors: _poll,
        stage: _stage,
        ...response
      } = behavior
      return response
    }
    default:
      return undefined
  }
}

const isSubmitFailure = ({ behavior }: { behavior: FalFakeBehavior }): boolean => {
  switch (behavior.kind) {
    case 'rateLimited':
      return true
    case 'validationError':
    case 'httpError':
      return behavior.stage !== 'result'
    case 'contentPolicy':
    case 'requestError':
      return behavior.stage === 'submit'
    default:
      return false
  }
}

/** Adds the output files and answers fal's result body: `{ video }` for queued video models, `{ images }` otherwise. */
const successResult = ({
  addFile,
  behavior,
  input,
  isVideo,
}: {
  addFile: FakeServer['addFile']
  behavior: Extract<FalFakeBehavior, { kind: 'success' }>
  input: Record<string, unknown>
  isVideo: boolean
}): FakeResponse => {
  const expiry = { expiredStatus: behavior.expiredStatus ?? 404, expiresAfterMs: behavior.outputExpiresAfterMs }
  const seed = behavior.seed ?? (typeof input.seed === 'number' ? input.seed : 42)
  const timings = { inference: 0.42 }
  if (isVideo) {
    const source: FakeFileSource = behavior.video ?? { contentType: 'video/mp4', data: SAMPLE_MP4 }
    const file = addFile({ ...source, ...expiry, name: source.name ?? 'output.mp4' })
    return {
      json: {
        seed,
        timings,
        video: { content_type: file.contentType, file_name: 'output.mp4', file_size: file.size, url: file.url },
      },
      status: 200,
    }
  }
  const sources: FakeFileSource[] = behavior.images ?? [{ contentType: 'image/png', data: SAMPLE_PNG }]
  const count = typeof input.num_images === 'number' ? input.num_images : 1
  const size = typeof input.image_size === 'object' && input.image_size !== null ? input.image_size : {}
  const images = Array.from({ length: count }, (_, index) => {
    const source = sources[index % sources.length]!
    const extension = source.contentType.split('/')[1] ?? 'bin'
    const file = addFile({ ...source, ...expiry, name: source.name ?? `image-${index}.${extension}` })
    return { content_type: file.contentType, height: 1024, url: file.url, width: 1024, ...size }
  })
  return {
    json: {
      has_nsfw_concepts: behavior.nsfw ?? images.map(() => false),
      images,
      prompt: input.prompt,
      seed,
      timings,
    },
    status: 200,
  }
}

/**
 * Starts the fake. `behavior` (default: success with `SAMPLE_PNG` for sync calls and `SAMPLE_MP4`
 * for queued ones, finished at the first check) decides each sync call or queued request unless a
 * queued behavior comes first; `apiKey` (default `'fal-fake-key'`) is the only key accepted.
 */
export const startFalFake = async ({
  apiKey = 'fal-fake-key',
  behavior = { kind: 'success' },
}: {
  apiKey?: string
  behavior?: BehaviorSource<FalFakeBehavior>
} = {}): Promise<FalFake> => {
  const selector = createBehaviorSelector<FalFakeBehavior>({ initial: behavior })
  const queued = new Map<string, QueuedRequest>()

  /** Counts a status / result check and, past `pendingChecks`, completes the request. */
  const advance = ({ addFile, item }: { addFile: FakeServer['addFile']; item: QueuedRequest }) => {
    if (item.status === 'COMPLETED') {
      return
    }
    item.checks += 1
    const pendingChecks = 'pendingChecks' in item.behavior ? (item.behavior.pendingChecks ?? 0) : 0
    if (item.checks <= pendingChecks) {
      item.status = item.checks === 1 ? 'IN_QUEUE' : 'IN_PROGRESS'
      return
    }
    item.status = 'COMPLETED'
    item.result =
      item.behavior.kind === 'success'
        ? successResult({ addFile, behavior: item.behavior, input: item.input, isVideo: !('images' in item.behavior) })
        : failureResponse({ behavior: item.behavior })
  }

  const server = await startFakeServer({
    handle: ({ request, server: fakeServer }) => {
      if (readCredential({ request, scheme: 'Key' }) !== apiKey) {
        return { json: { detail: 'Authentication is required to access this application.' }, status: 401 }
      }
      const queueRoute = /^\/queue\/([^/]+\/[^/]+)\/requests\/([^/]+)(\/status|\/cancel)?$/.exec(request.path)
      if (queueRoute) {
        const [, app, id, action] = queueRoute
        const item = queued.get(id!)
        if (!item || item.app !== app) {
          return { json: { detail: 'Request not found' }, status: 404 }
        }
        const requestURL = `${FAL_QUEUE_ORIGIN}/${app}/requests/${id}`
        if (action === '/cancel' && request.method === 'PUT') {
          if (item.status === 'COMPLETED') {
            return { json: { status: 'ALREADY_COMPLETED' }, status: 400 }
          }
          item.status = 'COMPLETED'
          item.result = requestError({ detail: 'Request was cancelled', errorType: 'request_cancelled', status: 400 })
          return { json: { status: 'CANCELLATION_REQUESTED' }, status: 202 }
        }
        if (request.method !== 'GET' || action === '/cancel') {
          return { json: { detail: 'Method Not Allowed' }, status: 405 }
        }
        const pollError = item.pollErrors.shift()
        if (pollError !== undefined) {
          return requestError({
            detail: 'Service temporarily unavailable',
            errorType: 'runner_scheduling_failure',
            status: pollError,
          })
        }
        advance({ addFile: fakeServer.addFile, item })
        if (action === '/status') {
          const failure =
            item.result && item.result.status >= 400 ? (item.result.json as { detail?: unknown }) : undefined
          return {
            json: {
              logs: request.query.logs === '1' ? [] : null,
              queue_position: item.status === 'IN_QUEUE' ? 0 : undefined,
              response_url: requestURL,
              status: item.status,
              ...(item.status === 'COMPLETED' ? { metrics: { inference_time: 0.42 } } : {}),
              ...(failure ? { error: JSON.stringify(failure.detail), error_type: item.behavior.kind } : {}),
            },
            status: 200,
          }
        }
        if (item.status !== 'COMPLETED') {
          return { json: { detail: 'Request is still in progress' }, status: 400 }
        }
        return item.result!
      }
      if (request.method !== 'POST') {
        return { json: { detail: 'Not Found' }, status: 404 }
      }
      const input = (typeof request.body === 'object' && request.body !== null ? request.body : {}) as Record<
        string,
        unknown
      >
      const chosen = selector.select({ request })
      const isQueue = request.path.startsWith('/queue/')
      if (!isQueue) {
        const failure = failureResponse({ behavior: chosen })
        const response =
          failure ??
          successResult({
            addFile: fakeServer.addFile,
            behavior: chosen as Extract<FalFakeBehavior, { kind: 'success' }>,
            input,
            isVideo: false,
          })
        return { ...response, delayMs: chosen.delayMs }
      }
      if (isSubmitFailure({ behavior: chosen })) {
        return { ...failureResponse({ behavior: chosen })!, delayMs: chosen.delayMs }
      }
      const segments = request.path.slice('/queue/'.length).split('/')
      const app = segments.slice(0, 2).join('/')
      const id = randomUUID()
      queued.set(id, {
        app,
        behavior: chosen,
        checks: 0,
        input,
        pollErrors: 'pollErrors' in chosen ? [...(chosen.pollErrors ?? [])] : [],
        status: 'IN_QUEUE',
      })
      const requestURL = `${FAL_QUEUE_ORIGIN}/${app}/requests/${id}`
      return {
        delayMs: chosen.delayMs,
        json: {
          cancel_url: `${requestURL}/cancel`,
          queue_position: 0,
          request_id: id,
          response_url: requestURL,
          status: 'IN_QUEUE',
          status_url: `${requestURL}/status`,
        },
        status: 200,
      }
    },
  })

  const fetch: typeof globalThis.fetch = (input, init) => {
    const original = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url
    const rewritten = original.startsWith(`${FAL_QUEUE_ORIGIN}/`)
      ? `${server.url}/queue/${original.slice(FAL_QUEUE_ORIGIN.length + 1)}`
      : original.startsWith(`${FAL_RUN_ORIGIN}/`)
        ? `${server.url}/${original.slice(FAL_RUN_ORIGIN.length + 1)}`
        : original
    if (input instanceof Request) {
      return globalThis.fetch(new Request(rewritten, input), init)
    }
    return globalThis.fetch(rewritten, init)
  }

  return {
    apiKey,
    baseURL: server.url,
    enqueueBehavior: selector.enqueueBehavior,
    expireFiles: server.expireFiles,
    fetch,
    files: server.files,
    requests: server.requests,
    setBehavior: selector.setBehavior,
    stop: server.stop,
    url: server.url,
  }
}
