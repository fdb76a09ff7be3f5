/**
 * Fake Alibaba DashScope video synthesis (Wan), as `@ai-sdk/alibaba`'s video model calls it
 * (`createAlibaba({ apiKey: fake.apiKey, videoBaseURL: fake.baseURL }).video('wan2.6-t2v')`; the
 * video model uses `videoBaseURL`, not `baseURL`, which is the chat endpoint):
 *
 * - create: `POST {videoBaseURL}/api/v1/services/aigc/video-generation/video-synthesis` with
 *   `Authorization: Bearer <key>`, `X-DashScope-Async: enable` and `{ model, input: { prompt,
 *   negative_prompt?, img_url?, audio_url?, media?, reference_urls? }, parameters: { size? ('1280*720'),
 *   resolution? ('720P'), ratio?, duration?, seed?, prompt_extend?, watermark?, audio? } }`; answers
 *   `{ output: { task_id, task_status: 'PENDING' }, request_id }`.
 * - poll: `GET {videoBaseURL}/api/v1/tasks/{task_id}` (one per `doStatus`); answers `{ request_id,
 *   output: { task_id, task_status, submit_time, scheduled_time?, end_time?, video_url?,
 *   orig_prompt?, actual_prompt?, code?, message? }, usage? }`. The package maps SUCCEEDED to
 *   `completed` (with `video_url`), FAILED / CANCELED to `error` ("Video generation failed. Task ID:
 *   … <message>"), and everything else, UNKNOWN included, to `pending`.
 * - errors: `{ code, message, request_id }`.
 *
 * The first pending poll answers PENDING, later ones RUNNING; after `pendingPolls` polls the task
 * ends. Unknown (or forgotten, see `forgetTasks`) task ids answer 200 UNKNOWN, as DashScope does
 * for tasks older than 24 h.
 */
import type { BehaviorSource, FakeFileSource, FakeProviderControls, FakeResponse, FakeServer } from './fakeServer'

import { randomUUID } from 'node:crypto'

import { createBehaviorSelector, readCredential, startFakeServer } from './fakeServer'
import { SAMPLE_MP4 } from './samples'

/** Shared by every behavior: `delayMs` holds back the create answer (ms). */
type Timing = { delayMs?: number }

/** Poll progress and transient poll failures of a task that gets created. */
type Progress = Timing & {
  /** Polls answered PENDING / RUNNING before the terminal state. Default 0. */
  pendingPolls?: number
  /** Statuses answered (with DashScope's error body) by the first polls, before normal polling resumes. */
  pollErrors?: number[]
}

/** What happens to one task (chosen when it is created). */
export type DashScopeFakeBehavior =
  | (Progress & {
      kind: 'success'
      /** The video. Default `{ data: SAMPLE_MP4, contentType: 'video/mp4' }`. */
      video?: FakeFileSource
      /** `video_url` answers 403 (expired OSS signature, or `expiredStatus`) this many ms after success. */
      outputExpiresAfterMs?: number
      expiredStatus?: 403 | 404 | 410
      /** `output.actual_prompt` (the prompt after `prompt_extend`). */
      actualPrompt?: string
    })
  | (Progress & {
      /** Ends FAILED with `code` (default `InternalError`) and `message`. */
      kind: 'failed'
      code?: string
      message?: string
    })
  | (Progress & { kind: 'canceled' })
  | (Progress & {
      /**
       * `DataInspectionFailed`: on create as a 400 (the input was flagged, the default) or on the
       * task as FAILED (the output was flagged).
       */
      kind: 'contentModeration'
      stage?: 'create' | 'task'
    })
  | (Timing & {
      /** 429 `Throttling.RateQuota` on create. */
      kind: 'rateLimited'
    })
  | (Timing & {
      /** 5xx `InternalError` on create, default 500. */
      kind: 'serverError'
      status?: 500 | 502 | 503
    })
  | ({
      /** Any answer, on create (default) or on every poll. */
      kind: 'httpError'
      on?: 'create' | 'poll'
    } & FakeResponse)

export type DashScopeFake = FakeProviderControls<DashScopeFakeBehavior> & {
  /** Pass to `createAlibaba({ videoBaseURL })`: `http://127.0.0.1:<port>`. */
  baseURL: string
  /** Forgets every task, so polls answer UNKNOWN (DashScope drops tasks after 24 h). */
  forgetTasks: () => void
}

type TaskStatus = 'CANCELED' | 'FAILED' | 'PENDING' | 'RUNNING' | 'SUCCEEDED'

type Task = {
  behavior: DashScopeFakeBehavior
  code?: string
  endTime?: string
  id: string
  input: Record<string, unknown>
  message?: string
  model: string
  parameters: Record<string, unknown>
  polls: number
  pollErrors: number[]
  scheduledTime?: string
  status: TaskStatus
  submitTime: string
  videoURL?: string
}

const CREATE_PATH = '/api/v1/services/aigc/video-generation/video-synthesis'

const ERROR_CODES: Record<number, string> = {
  400: 'InvalidParameter',
  401: 'InvalidApiKey',
  403: 'AccessDenied',
  404: 'NotFound',
  429: 'Throttling.RateQuota',
  500: 'InternalError',
  502: 'InternalError',
  503: 'ServiceUnavailable',
}

const dashScopeError = ({
  code,
  message,
  status,
}: {
  code?: string
  message: string
  status: number
}): FakeResponse => ({
  json: { code: code ?? ERROR_CODES[status] ?? 'InternalError', message, request_id: randomUUID() },
  status,
})

/** DashScope's timestamp format, e.g. `2025-07-27 21:05:15.212`. */
const timestamp = (): string => new Date().toISOString().replace('T', ' ').replace('Z', '')

/**
 * Starts the fake. `behavior` (default: success with `SAMPLE_MP4`, no pending polls) decides each
 * new task unless a queued one comes first; `apiKey` (default `'sk-fake-dashscope'`) is the only
 * key accepted.
 */
export const startDashScopeFake = async ({
  apiKey = 'sk-fake-dashscope',
  behavior = { kind: 'success' },
}: {
  apiKey?: string
  behavior?: BehaviorSource<DashScopeFakeBehavior>
} = {}): Promise<DashScopeFake> => {
  const selector = createBehaviorSelector<DashScopeFakeBehavior>({ initial: behavior })
  const tasks = new Map<string, Task>()

  const server = await startFakeServer({
    handle: ({ request, server: fakeServer }) => {
      if (readCredential({ request, scheme: 'Bearer' }) !== apiKey) {
        return dashScopeError({ message: 'Invalid API-key provided.', status: 401 })
      }
      if (request.method === 'POST' && request.path === CREATE_PATH) {
        if (String(request.headers['x-dashscope-async']).toLowerCase() !== 'enable') {
          return dashScopeError({ message: 'current user api does not support synchronous calls', status: 403 })
        }
        const body = request.body as
          { input?: Record<string, unknown>; model?: unknown; parameters?: Record<string, unknown> } | undefined
        if (typeof body?.model !== 'string' || body.model === '') {
          return dashScopeError({ message: 'Model not exist.', status: 400 })
        }
        if (typeof body.input !== 'object' || body.input === null) {
          return dashScopeError({ message: 'Field required: input', status: 400 })
        }
        const chosen = selector.select({ request })
        const failure = createFailure({ behavior: chosen })
        if (failure) {
          return failure
        }
        const task: Task = {
          behavior: chosen,
          id: randomUUID(),
          input: body.input,
          model: body.model,
          parameters: body.parameters ?? {},
          pollErrors: 'pollErrors' in chosen ? [...(chosen.pollErrors ?? [])] : [],
          polls: 0,
          status: 'PENDING',
          submitTime: timestamp(),
        }
        tasks.set(task.id, task)
        return {
          delayMs: chosen.delayMs,
          json: { output: { task_id: task.id, task_status: 'PENDING' }, request_id: randomUUID() },
          status: 200,
        }
      }
      const taskRoute = /^\/api\/v1\/tasks\/([^/]+)(\/cancel)?$/.exec(request.path)
      if (!taskRoute) {
        return dashScopeError({ message: `Path ${request.path} not found.`, status: 404 })
      }
      const task = tasks.get(taskRoute[1]!)
      if (taskRoute[2]) {
        if (request.method !== 'POST' || !task) {
          return dashScopeError({ message: 'Task not found.', status: 404 })
        }
        if (task.status !== 'PENDING') {
          return dashScopeError({
            code: 'UnsupportedOperation',
            message: 'Only tasks in PENDING status can be canceled.',
            status: 400,
          })
        }
        task.status = 'CANCELED'
        task.endTime = timestamp()
        return { json: { request_id: randomUUID() }, status: 200 }
      }
      if (!task) {
        return {
          json: { output: { task_id: taskRoute[1], task_status: 'UNKNOWN' }, request_id: randomUUID() },
          status: 200,
        }
      }
      const pollError = task.pollErrors.shift()
      if (pollError !== undefined) {
        return dashScopeError({ message: 'An internal error has occured, please try again later.', status: pollError })
      }
      if (task.behavior.kind === 'httpError') {
        const { kind: _kind, on: _on, ...response } = task.behavior
        return response
      }
      advance({ addFile: fakeServer.addFile, task })
      return { json: serialize({ task }), status: 200 }
    },
  })

  return {
    apiKey,
    baseURL: server.url,
    enqueueBehavior: selector.enqueueBehavior,
    expireFiles: server.expireFiles,
    files: server.files,
    forgetTasks: () => tasks.clear(),
    requests: server.requests,
    setBehavior: selector.setBehavior,
    stop: server.stop,
    url: server.url,
  }
}

/** The error answered to the create request, or `undefined` when a task gets created. */
const createFailure = ({ behavior }: { behavior: DashScopeFakeBehavior }): FakeResponse | undefined => {
  switch (behavior.kind) {
    case 'contentModeration':
      if (behavior.stage === 'task') {
        return undefined
      }
      return {
        ...dashScopeError({
          code: 'DataInspectionFailed',
          message: 'Input data may contain inappropriate content.',
          status: 400,
        }),
        delayMs: behavior.delayMs,
      }
    case 'rateLimited':
      return {
        ...dashScopeError({ message: 'Requests rate limit exceeded, please try again later.', status: 429 }),
        delayMs: behavior.delayMs,
      }
    case 'serverError':
      return {
        ...dashScopeError({
          message: 'An internal error has occured, please try again later or contact service support.',
          status: behavior.status ?? 500,
        }),
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

/** Counts a poll and, past `pendingPolls`, ends the task; success adds the video now, so expiry counts from here. */
const advance = ({ addFile, task }: { addFile: FakeServer['addFile']; task: Task }): void => {
  if (task.status !== 'PENDING' && task.status !== 'RUNNING') {
    return
  }
  task.polls += 1
  const { behavior } = task
  const pendingPolls = 'pendingPolls' in behavior ? (behavior.pendingPolls ?? 0) : 0
  if (task.polls <= pendingPolls) {
    task.status = task.polls === 1 ? 'PENDING' : 'RUNNING'
    if (task.status === 'RUNNING') {
      task.scheduledTime ??= timestamp()
    }
    return
  }
  task.scheduledTime ??= timestamp()
  task.endTime = timestamp()
  switch (behavior.kind) {
    case 'success': {
      const video: FakeFileSource = behavior.video ?? { contentType: 'video/mp4', data: SAMPLE_MP4 }
      const expiresAfterMs = behavior.outputExpiresAfterMs
      const file = addFile({
        ...video,
        expiredStatus: behavior.expiredStatus ?? 403,
        expiresAfterMs,
        name: video.name ?? 'output.mp4',
      })
      // Signed OSS URL; the query is decoration, the fake serves the path.
      const expires = Math.floor((Date.now() + (expiresAfterMs ?? 24 * 3600 * 1000)) / 1000)
      task.videoURL = `${file.url}?Expires=${expires}&OSSAccessKeyId=LTAIfake&Signature=fake%3D`
      task.status = 'SUCCEEDED'
      return
    }
    case 'failed':
      task.status = 'FAILED'
      task.code = behavior.code ?? 'InternalError'
      task.message = behavior.message ?? 'An internal error has occured during execution, please try again later.'
      return
    case 'contentModeration':
      task.status = 'FAILED'
      task.code = 'DataInspectionFailed'
      task.message = 'Output data may contain inappropriate content.'
      return
    default:
      task.status = 'CANCELED'
  }
}

/** The task query answer as DashScope sends it. */
const serialize = ({ task }: { task: Task }) => {
  const duration = typeof task.parameters.duration === 'number' ? task.parameters.duration : 5
  const output = {
    task_id: task.id,
    task_status: task.status,
    submit_time: task.submitTime,
    ...(task.scheduledTime ? { scheduled_time: task.scheduledTime } : {}),
    ...(task.endTime ? { end_time: task.endTime } : {}),
    ...(task.status === 'SUCCEEDED'
      ? {
          orig_prompt: task.input.prompt,
          ...(task.behavior.kind === 'success' && task.behavior.actualPrompt
            ? { actual_prompt: task.behavior.actualPrompt }
            : {}),
          video_url: task.videoURL,
        }
      : {}),
    ...(task.code ? { code: task.code, message: task.message } : {}),
  }
  return {
    output,
    request_id: randomUUID(),
    ...(task.status === 'SUCCEEDED'
      ? {
          usage: {
            duration,
            output_video_duration: duration,
            SR: 720,
            size: typeof task.parameters.size === 'string' ? task.parameters.size : '1280*720',
            video_count: 1,
          },
        }
      : {}),
  }
}

/**
 * A behavior whose polls answer the task SUCCEEDED with `videoURL` as its output (DashScope's
 * documented task result), for outputs served elsewhere than the fake's own files (which are
 * always served at once): a download a test must hold, or a URL that must not be reached.
 */
export const dashScopeSucceededWith = ({ videoURL }: { videoURL: string }): DashScopeFakeBehavior => ({
  json: {
    output: {
      end_time: '2026-01-01 00:00:05.000',
      submit_time: '2026-01-01 00:00:00.000',
      task_id: randomUUID(),
      task_status: 'SUCCEEDED',
      video_url: videoURL,
    },
    request_id: randomUUID(),
    usage: { duration: 5, output_video_duration: 5, SR: 720, size: '1280*720', video_count: 1 },
  },
  kind: 'httpError',
  on: 'poll',
  status: 200,
})
