/**
 * The plugin's `timeLimit` through the real provider packages: a video job that never finishes
 * at the provider fails "timed out" instead of being polled for ever. Its own file because it
 * needs a short `timeLimit` (6 s), and only one Payload instance works per test file.
 */
import type { RecordedRequest } from '../fakes/fakeServer'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createAppConfig } from '../../payload.config'
import { type DashScopeFake, startDashScopeFake } from '../fakes/dashscope'
import { createFakeModels } from '../fakes/fakeModels'
import { type FalFake, startFalFake } from '../fakes/fal'
import { type App, getApp } from '../helpers/app'

/** Polls answered PENDING / RUNNING (fal: "still in progress") before the job ends: never, in these tests. */
const FOREVER = 1_000_000

let dashScope: DashScopeFake
let fal: FalFake
let app: App
let token: string
let stopWorker: () => Promise<void>

beforeAll(async () => {
  ;[dashScope, fal] = await Promise.all([
    startDashScopeFake({ behavior: { kind: 'success', pendingPolls: FOREVER } }),
    startFalFake({ behavior: { kind: 'success', pendingChecks: FOREVER } }),
  ])
  app = await getApp({
    configPromise: createAppConfig({
      pluginOptions: {
        allowPrivateAddresses: true,
        maxAttempts: 3,
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
        }),
        // Short, yet long enough that a loaded CI machine still polls (first poll at 0.5 s) before it ends.
        timeLimit: 6,
      },
    }),
  })
  token = (await app.createUser()).token
  stopWorker = app.startWorker()
})

afterAll(async () => {
  await stopWorker?.()
  await app?.close()
  await Promise.all([dashScope, fal].map((fake) => fake?.stop()))
})

const generate = async (body: { model: string; prompt: string }) => {
  const response = await app.request('POST', 'generated-assets/generate', { body, token })
  expect(response.status).toBe(202)
  return ((await response.json()) as { id: number | string }).id
}

const settled = (id: number | string) =>
  app.waitForAsset(id, (asset) => asset.status === 'ready' || asset.status === 'failed', 20_000)

/** Create / submit requests for `prompt`. */
const startsFor = (requests: RecordedRequest[], prompt: string) =>
  requests.filter((request) => {
    const body = request.body as { input?: { prompt?: unknown }; prompt?: unknown } | undefined
    return request.method === 'POST' && (body?.prompt === prompt || body?.input?.prompt === prompt)
  })

/** GETs of DashScope task `taskId` received at or after `since` (ms). */
const pollsOf = ({ since = 0, taskId }: { since?: number; taskId: string }) =>
  dashScope.requests.filter((request) => request.path === `/api/v1/tasks/${taskId}` && request.receivedAt >= since)

describe('time limit', () => {
  it('fails a DashScope task that stays PENDING past the time limit as timed out, and starts no other', async () => {
    const prompt = 'wan: stays pending'
    const doc = await settled(await generate({ model: 'alibaba/wan', prompt }))
    expect(doc).toMatchObject({ attempts: 1, errorCode: 'timed_out', status: 'failed' })
    expect(doc.error).toMatch(/timed out/)
    expect(doc.filename).toBeNull()
    expect(startsFor(dashScope.requests, prompt)).toHaveLength(1)
    expect(doc.pollCount).toBeGreaterThanOrEqual(1)
  })

  it('fails a DashScope task that the provider no longer knows (UNKNOWN) as timed out', async () => {
    const prompt = 'wan: forgotten by the provider'
    const id = await generate({ model: 'alibaba/wan', prompt })
    const started = await app.waitForAsset(id, (asset) => Boolean(asset.operation) || asset.status === 'failed')
    const taskId = (started.operation as { operation: { taskId: string } }).operation.taskId
    const forgottenAt = Date.now()
    dashScope.forgetTasks()
    const doc = await settled(id)
    expect(doc).toMatchObject({ attempts: 1, errorCode: 'timed_out', status: 'failed' })
    expect(doc.error).toMatch(/timed out/)
    expect(pollsOf({ since: forgottenAt, taskId }).length).toBeGreaterThanOrEqual(1)
    expect(startsFor(dashScope.requests, prompt)).toHaveLength(1)
  })

  it('fails a fal request that stays in the queue past the time limit as timed out', async () => {
    const prompt = 'fal: stays in the queue'
    const doc = await settled(await generate({ model: 'fal/luma', prompt }))
    expect(doc).toMatchObject({ attempts: 1, errorCode: 'timed_out', status: 'failed' })
    expect(doc.error).toMatch(/timed out/)
    expect(startsFor(fal.requests, prompt)).toHaveLength(1)
    expect(fal.requests.filter((request) => request.method === 'GET').length).toBeGreaterThanOrEqual(1)
  })
})
