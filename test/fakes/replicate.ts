/**
 * Fake Replicate predictions API, as `@ai-sdk/replicate` calls it
 * (`createReplicate({ apiToken: fake.apiKey, baseURL: fake.baseURL })`; note `apiToken`, not `apiKey`):
 *
 * - create: `POST {baseURL}/models/{owner}/{name}/predictions`, or `POST {baseURL}/predictions` with
 *   `version` in the body when the model id is `owner/name:version`. Body `{ input: { prompt, ... } }`,
 *   `Authorization: Bearer <token>`. The image model sends `prefer: wait` (or `wait=N` with
 *   `providerOptions.replicate.maxWaitTimeInSeconds`) and input `{ prompt, aspect_ratio, size, seed,
 *   num_outputs, ...providerOptions.replicate }`; the video model sends no `prefer`, an
 *   `idempotency-key` header (from `ai`) and input `{ prompt, aspect_ratio?, size?, duration?, fps?, seed? }`.
 * - poll: `GET` the prediction's `urls.get` (the fake answers `{baseURL}/predictions/{id}`). The image
 *   model polls every `providerOptions.replicate.pollIntervalMillis` ms (default 500) up to
 *   `maxPollAttempts` (240) times, then downloads each `output` URL (which must share the
 *   `baseURL` origin, or be public). The video model polls once per `doStatus`.
 * - errors: `{ detail }` or `{ error }` (the fake answers RFC 7807 `{ title, detail, status }`).
 *
 * A prediction is created `starting`; each poll up to `pendingPolls` answers `processing`; the next
 * answers the terminal state. With `completesDuringWait` and a `prefer: wait` header the create
 * request itself answers the terminal state, as Replicate's sync mode does for fast models.
 */
import type { BehaviorSource, FakeFileSource, FakeProviderControls, FakeResponse, FakeServer } from './fakeServer'

import { createBehaviorSelector, randomId, readCredential, startFakeServer } from './fakeServer'
import { SAMPLE_PNG } from './samples'

/** Shared by every behavior: `delayMs` holds back the create answer (ms). */
type Timing = { delayMs?: number }

/** Poll progress and transient poll failures of a prediction that gets created. */
type Progress = Timing & {
  /** Polls answered `processing` before the terminal state. Default 0. */
  pendingPolls?: number
  /** Answer the terminal state to the create request when it sent `prefer: wait`. Default `false`. */
  completesDuringWait?: boolean
  /** Statuses answered (with Replicate's error body) by the first polls, before normal polling resumes. */
  pollErrors?: number[]
}

/** What happens to one prediction (chosen when it is created). */
export type ReplicateFakeBehavior =
  | (Progress & {
      kind: 'success'
      /** Output files. Default `[{ data: SAMPLE_PNG, contentType: 'image/png' }]`. Use `SAMPLE_MP4` for video models. */
      outputs?: FakeFileSource[]
      /**
       * `output` as a URL string or an array of URLs. Default: a string for one output (what both the
       * image and the video model accept; the video model accepts only a string), an array for several.
       */
      outputShape?: 'array' | 'string'
      /** Output URLs answer 404 (Replicate) or `expiredStatus` this many ms after success. */
      outputExpiresAfterMs?: number
      expiredStatus?: 403 | 404 | 410
      /** `metrics.predict_time` in seconds. Default 1.5. */
      predictTimeSeconds?: number
    })
  | (Progress & {
      /** Ends `failed` with `error` (default: an NSFW-filter message). */
      kind: 'failed'
      error?: string
    })
  | (Progress & { kind: 'canceled' })
  | (Timing & {
      /** 422 on create, e.g. an input the model rejects. */
      kind: 'validationError'
      /** e.g. `'- input.num_outputs: Must be less than or equal to 4'`. */
      detail?: string
    })
  | (Timing & {
      /** 429 on create with `retry-after` (s, default 1). */
      kind: 'rateLimited'
      retryAfterSeconds?: number
    })
  | (Timing & {
      /** 5xx on create, default 500. */
      kind: 'serverError'
      status?: 500 | 502 | 503
    })
  | ({
      /** Any answer, on create (default) or on every poll. */
      kind: 'httpError'
      on?: 'create' | 'poll'
    } & FakeResponse)

export type ReplicateFake = FakeProviderControls<ReplicateFakeBehavior> & {
  /** Pass to `createReplicate({ baseURL })`: `http://127.0.0.1:<port>/v1`. */
  baseURL: string
}

type Status = 'canceled' | 'failed' | 'processing' | 'starting' | 'succeeded'

type Prediction = {
  behavior: ReplicateFakeBehavior
  completedAt?: string
  createdAt: string
  error: null | string
  id: string
  input: unknown
  model: string
  output: null | string | string[]
  polls: number
  pollErrors: number[]
  startedAt?: string
  status: Status
  version: string
}

const TITLES: Record<number, string> = {
  401: 'Unauthenticated',
  404: 'Not found',
  422: 'Input validation failed',
  429: 'Request was throttled',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
}

/** Replicate's problem-details error body. */
const problem = ({ detail, status }: { detail: string; status: number }): FakeResponse => ({
  headers: { 'content-type': 'application/problem+json' },
  json: { detail, status, title: TITLES[status] ?? 'Error' },
  status,
})

const DEFAULT_FAILURE = 'NSFW content detected. Try running it again, or try a different prompt.'

/**
 * Starts the fake. `behavior` (default: success with `SAMPLE_PNG`, no pending polls) decides each
 * new prediction unless a queued one comes first; `apiKey` (default `'r8_fake'`) is the only
 * token accepted.
 */
export const startReplicateFake = async ({
  apiKey = 'r8_fake',
  behavior = { kind: 'success' },
}: {
  apiKey?: string
  behavior?: BehaviorSource<ReplicateFakeBehavior>
} = {}): Promise<ReplicateFake> => {
  const selector = createBehaviorSelector<ReplicateFakeBehavior>({ initial: behavior })
  const predictions = new Map<string, Prediction>()

  const server = await startFakeServer({
    handle: ({ request, server: fakeServer }) => {
      const baseURL = `${fakeServer.url}/v1`
      if (readCredential({ request, scheme: 'Bearer' }) !== apiKey) {
        return problem({ detail: 'You did not pass a valid authentication token', status: 401 })
      }
      const modelRoute = /^\/v1\/models\/([^/]+)\/([^/]+)\/predictions$/.exec(request.path)
      if (request.method === 'POST' && (modelRoute || request.path === '/v1/predictions')) {
        const body = request.body as { input?: unknown; version?: unknown } | undefined
        if (typeof body?.input !== 'object' || body.input === null) {
          return problem({ detail: '- input: Invalid type. Expected: object, given: null', status: 422 })
        }
        if (!modelRoute && typeof body.version !== 'string') {
          return problem({ detail: '- version: version is required', status: 422 })
        }
        const chosen = selector.select({ request })
        const failure = createFailure({ behavior: chosen })
        if (failure) {
          return failure
        }
        const prediction: Prediction = {
          behavior: chosen,
          createdAt: new Date().toISOString(),
          error: null,
          id: randomId({ bytes: 13 }),
          input: body.input,
          model: modelRoute ? `${modelRoute[1]}/${modelRoute[2]}` : 'fake/versioned-model',
          output: null,
          pollErrors: 'pollErrors' in chosen ? [...(chosen.pollErrors ?? [])] : [],
          polls: 0,
          status: 'starting',
          version: typeof body.version === 'string' ? body.version : 'hidden',
        }
        predictions.set(prediction.id, prediction)
        const isWaiting = /^wait(=\d+)?$/.test(String(request.headers.prefer ?? ''))
        if (isWaiting && 'completesDuringWait' in chosen && chosen.completesDuringWait) {
          finish({ addFile: fakeServer.addFile, prediction })
        }
        return { delayMs: chosen.delayMs, json: serialize({ baseURL, prediction }), status: 201 }
      }
      const predictionRoute = /^\/v1\/predictions\/([^/]+)(\/cancel)?$/.exec(request.path)
      const prediction = predictionRoute ? predictions.get(predictionRoute[1]!) : undefined
      if (!predictionRoute || !prediction) {
        return problem({ detail: 'The requested resource could not be found.', status: 404 })
      }
      if (predictionRoute[2] && request.method === 'POST') {
        if (!isTerminal(prediction.status)) {
          prediction.status = 'canceled'
          prediction.completedAt = new Date().toISOString()
        }
        return { json: serialize({ baseURL, prediction }), status: 200 }
      }
      if (request.method !== 'GET' || predictionRoute[2]) {
        return problem({ detail: 'Method not allowed.', status: 404 })
      }
      const pollError = prediction.pollErrors.shift()
      if (pollError !== undefined) {
        return problem({ detail: 'Transient error, please retry.', status: pollError })
      }
      if (prediction.behavior.kind === 'httpError') {
        const { kind: _kind, on: _on, ...response } = prediction.behavior
        return response
      }
      if (!isTerminal(prediction.status)) {
        prediction.polls += 1
        const pendingPolls = 'pendingPolls' in prediction.behavior ? (prediction.behavior.pendingPolls ?? 0) : 0
        if (prediction.polls > pendingPolls) {
          finish({ addFile: fakeServer.addFile, prediction })
        } else {
          prediction.status = 'processing'
          prediction.startedAt ??= new Date().toISOString()
        }
      }
      return { json: serialize({ baseURL, prediction }), status: 200 }
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
    stop: server.stop,
    url: server.url,
  }
}

const isTerminal = (status: Status): boolean => status === 'succeeded' || status === 'failed' || status === 'canceled'

/** The error answered to the create request, or `undefined` when a prediction gets created. */
const createFailure = ({ behavior }: { behavior: ReplicateFakeBehavior }): FakeResponse | undefined => {
  switch (behavior.kind) {
    case 'validationError':
      return {
        ...problem({ detail: behavior.detail ?? '- input.prompt: prompt is required', status: 422 }),
        delayMs: behavior.delayMs,
      }
    case 'rateLimited': {
      const retryAfterSeconds = behavior.retryAfterSeconds ?? 1
      const response = problem({
        detail: `Request was throttled. Expected available in ${retryAfterSeconds} second.`,
        status: 429,
      })
      return {
        ...response,
        delayMs: behavior.delayMs,
        headers: { ...response.headers, 'retry-after': String(retryAfterSeconds) },
      }
    }
    case 'serverError':
      return {
        ...problem({ detail: 'Internal server error', status: behavior.status ?? 500 }),
        delayMs: behavior.delayMs,
      }
    case 'httpError': {
      if (behavior.on === 'poll') {
        return undefined
      }
      const { kind: _kind, on: _on, ...response } = behavior
      return response
    }
    default:
      return undefined
  }
}

/** Moves a prediction to its terminal state; success adds the output files now, so expiry counts from here. */
const finish = ({ addFile, prediction }: { addFile: FakeServer['addFile']; prediction: Prediction }): void => {
  const now = new Date().toISOString()
  prediction.startedAt ??= now
  prediction.completedAt = now
  const { behavior } = prediction
  if (behavior.kind === 'failed') {
    prediction.status = 'failed'
    prediction.error = behavior.error ?? DEFAULT_FAILURE
    return
  }
  if (behavior.kind !== 'success') {
    prediction.status = 'canceled'
    return
  }
  const outputs: FakeFileSource[] = behavior.outputs ?? [{ contentType: 'image/png', data: SAMPLE_PNG }]
  const urls = outputs.map(
    (output, index) =>
      addFile({
        ...output,
        expiredStatus: behavior.expiredStatus ?? 404,
        expiresAfterMs: behavior.outputExpiresAfterMs,
        name: output.name ?? `out-${index}.${output.contentType.split('/')[1] ?? 'bin'}`,
      }).url,
  )
  const shape = behavior.outputShape ?? (urls.length === 1 ? 'string' : 'array')
  prediction.status = 'succeeded'
  prediction.output = shape === 'string' ? urls[0]! : urls
}

/** The prediction object as Replicate answers it. */
const serialize = ({ baseURL, prediction }: { baseURL: string; prediction: Prediction }) => {
  const predictTime =
    prediction.behavior.kind === 'success' ? (prediction.behavior.predictTimeSeconds ?? 1.5) : undefined
  return {
    completed_at: prediction.completedAt ?? null,
    created_at: prediction.createdAt,
    data_removed: false,
    error: prediction.error,
    id: prediction.id,
    input: prediction.input,
    logs: prediction.status === 'starting' ? '' : 'Using seed: 42\n',
    ...(prediction.status === 'succeeded' && predictTime !== undefined
      ? { metrics: { predict_time: predictTime, total_time: predictTime + 0.2 } }
      : {}),
    model: prediction.model,
    output: prediction.output,
    source: 'api',
    started_at: prediction.startedAt ?? null,
    status: prediction.status,
    urls: {
      cancel: `${baseURL}/predictions/${prediction.id}/cancel`,
      get: `${baseURL}/predictions/${prediction.id}`,
      web: `https://replicate.com/p/${prediction.id}`,
    },
    version: prediction.version,
  }
}
