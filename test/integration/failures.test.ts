import type { ImageModelV4 } from '@ai-sdk/provider'

import { APICallError } from '@ai-sdk/provider'
import { createLocalImageModel } from 'payload-plugin-generated-assets'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createAppConfig } from '../../payload.config'
import { type App, getApp } from '../helpers/app'

const providerError = (statusCode: number, message: string) =>
  new APICallError({
    isRetryable: statusCode === 429 || statusCode >= 500,
    message,
    requestBodyValues: {},
    statusCode,
    url: 'https://provider.test/v1/images',
  })

const rejectingModel: ImageModelV4 = {
  doGenerate: async () => {
    throw providerError(400, 'Your request was rejected as a result of our safety system.')
  },
  maxImagesPerCall: 1,
  modelId: 'rejecting',
  provider: 'test',
  specificationVersion: 'v4',
}

let flakyCalls = 0
const local = createLocalImageModel()
const flakyModel: ImageModelV4 = {
  doGenerate: async (options) => {
    flakyCalls++
    if (flakyCalls === 1) {
      throw providerError(503, 'Service temporarily unavailable')
    }
    return local.doGenerate(options)
  },
  maxImagesPerCall: 1,
  modelId: 'flaky',
  provider: 'test',
  specificationVersion: 'v4',
}

let app: App
let token: string
let stopWorker: () => Promise<void>

beforeAll(async () => {
  app = await getApp({
    configPromise: createAppConfig({
      pluginOptions: {
        models: {
          'local/image': { label: 'Local', model: local },
          'test/flaky': { label: 'Flaky', model: flakyModel },
          'test/rejecting': { label: 'Rejecting', model: rejectingModel },
        },
      },
    }),
  })
  token = (await app.createUser()).token
  stopWorker = app.startWorker()
})

afterAll(async () => {
  await stopWorker?.()
  await app?.close()
})

describe('generation failures', () => {
  it('fails at once with the provider message when the provider rejects the prompt', async () => {
    const response = await app.request('POST', 'generated-assets/generate', {
      body: { model: 'test/rejecting', prompt: 'something forbidden' },
      token,
    })
    expect(response.status).toBe(202)
    const { id } = await response.json()
    const doc = await app.waitForAsset(id, (asset) => asset.status === 'failed' || asset.status === 'ready')
    expect(doc.status).toBe('failed')
    expect(doc.error).toBe('Your request was rejected as a result of our safety system.')
    expect(doc.errorCode).toBe('provider_rejected')
    expect(doc.attempts).toBe(1)
    expect(doc.filename).toBeNull()
  })

  it('retries a 503 with back-off and ends ready', async () => {
    const response = await app.request('POST', 'generated-assets/generate', {
      body: { model: 'test/flaky', params: { size: '64x64' }, prompt: 'worth the wait' },
      token,
    })
    const { id } = await response.json()
    const doc = await app.waitForAsset(id, (asset) => asset.status === 'failed' || asset.status === 'ready', 30_000)
    expect(doc.status).toBe('ready')
    expect(doc.attempts).toBe(2)
    expect(doc.error).toBeNull()
    expect(flakyCalls).toBe(2)
  })
})
