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
  /**
   * Aborts each HTTP request of the provider package after this many ms (through its `fetch`
   * option), as a deployment would bound a slow provider. Default: no timeout.
   */
  requestTimeoutMs?: number
}

/** Wraps `fetch` (default `globalThis.fetch`, read per call) to abort each request after `timeoutMs` ms. */
const withTimeout =
  ({ fetch, timeoutMs }: { fetch?: typeof globalThis.fetch; timeoutMs: number }): typeof globalThis.fetch =>
  (input, init) => {
    const timeout = AbortSignal.timeout(timeoutMs)
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout
    return (fetch ?? globalThis.fetch)(input, { ...init, signal })
  }

/**
 * Sends fal's hard-coded origins to the fake at `baseURL`, as the fal fake expects:
 * `https://queue.fal.run/<path>` → `{baseURL}/queue/<path>`, `https://fal.run/<path>` → `{baseURL}/<path>`.
 */
const rewriteFal =
  (baseURL: string): typeof globalThis.fetch =>
  (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url
    const rewritten = url.startsWith(`${FAL_QUEUE_ORIGIN}/`)
      ? `${baseURL}/queue/${url.slice(FAL_QUEUE_ORIGIN.length + 1)}`
      : url.startsWith(`${FAL_RUN_ORIGIN}/`)
        ? `${baseURL}/${url.slice(FAL_RUN_ORIGIN.length + 1)}`
        : url
    return globalThis.fetch(input instanceof Request ? new Request(rewritten, input) : rewritten, init)
  }

/** Creates the plugin's `models` option from specs keyed by registry key. */
export const createFakeModels = (specs: Record<string, FakeModelSpec>): Record<string, GeneratedAssetsModel> =>
  Object.fromEntries(
    Object.entries(specs).map(([key, spec]) => {
      const apiKey = spec.apiKey ?? 'test-key'
      const timeoutMs = spec.requestTimeoutMs
      const fetch = timeoutMs === undefined ? undefined : withTimeout({ timeoutMs })
      let model: GeneratedAssetsModel['model']
      switch (spec.provider) {
        case 'openai':
          model = createOpenAI({ apiKey, baseURL: spec.baseURL, fetch }).image(spec.modelId)
          break
        case 'replicate': {
          const replicate = createReplicate({ apiToken: apiKey, baseURL: spec.baseURL, fetch })
          model = (
            spec.kind === 'video' ? replicate.video(spec.modelId as never) : replicate.image(spec.modelId as never)
          ) as never
          break
        }
        case 'fal': {
          const falFetch = rewriteFal(spec.baseURL!)
          const fal = createFal({
            apiKey,
            baseURL: spec.baseURL,
            fetch: timeoutMs === undefined ? falFetch : withTimeout({ fetch: falFetch, timeoutMs }),
          })
          model = (spec.kind === 'video' ? fal.video(spec.modelId as never) : fal.image(spec.modelId as never)) as never
          break
        }
        case 'alibaba':
          model = createAlibaba({ apiKey, fetch, videoBaseURL: spec.baseURL }).video(spec.modelId as never) as never
          break
        default:
          model = spec.kind === 'video' ? createLocalVideoModel() : createLocalImageModel()
      }
      return [key, { kind: spec.kind, label: spec.label ?? key, model }]
    }),
  )
