/**
 * Builds real `@ai-sdk/*` models pointed at the provider fakes, from a JSON-serialisable spec,
 * so the same models can be configured in the test process and in worker processes it spawns.
 */
import type { GeneratedAssetsModel } from 'payload-plugin-generated-assets'

import { createAlibaba } from '@ai-sdk/alibaba'
import { createFal } from '@ai-sdk/fal'
import { createOpenAI } from '@ai-sdk/openai'
import { createReplicate } from '@ai-sdk/replicate'
import { createLocalImageModel, createLocalVideoModel } from 'payload-plugin-generated-assets'

import { FAL_QUEUE_ORIGIN, FAL_RUN_ORIGIN } from './fal'

/** One model: which provider package, its model id, and the fake's base URL and key. */
export type FakeModelSpec = {
  apiKey?: string
  baseURL?: string
  kind: 'image' | 'video'
  label?: string
  modelId: string
  provider: 'alibaba' | 'fal' | 'local' | 'openai' | 'replicate'
}

const rewriteFal = (baseURL: string): typeof globalThis.fetch => (input, init) => {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url
  const rewritten = url.replace(FAL_QUEUE_ORIGIN, baseURL).replace(FAL_RUN_ORIGIN, baseURL)
  return globalThis.fetch(input instanceof Request ? new Request(rewritten, input) : rewritten, init)
}

/** Creates the plugin's `models` option from specs keyed by registry key. */
export const createFakeModels = (specs: Record<string, FakeModelSpec>): Record<string, GeneratedAssetsModel> =>
  Object.fromEntries(
    Object.entries(specs).map(([key, spec]) => {
      const apiKey = spec.apiKey ?? 'test-key'
      let model: GeneratedAssetsModel['model']
      switch (spec.provider) {
        case 'openai':
          model = createOpenAI({ apiKey, baseURL: spec.baseURL }).image(spec.modelId)
          break
        case 'replicate': {
          const replicate = createReplicate({ apiToken: apiKey, baseURL: spec.baseURL })
          model = (spec.kind === 'video' ? replicate.video(spec.modelId as never) : replicate.image(spec.modelId as never)) as never
          break
        }
        case 'fal': {
          const fal = createFal({ apiKey, baseURL: spec.baseURL, fetch: rewriteFal(spec.baseURL!) })
          model = (spec.kind === 'video' ? fal.video(spec.modelId as never) : fal.image(spec.modelId as never)) as never
          break
        }
        case 'alibaba':
          model = createAlibaba({ apiKey, videoBaseURL: spec.baseURL }).video(spec.modelId as never) as never
          break
        default:
          model = spec.kind === 'video' ? createLocalVideoModel() : createLocalImageModel()
      }
      return [key, { kind: spec.kind, label: spec.label ?? key, model }]
    }),
  )
