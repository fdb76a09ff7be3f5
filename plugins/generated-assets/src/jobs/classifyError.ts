import { APICallError } from '@ai-sdk/provider'

import { SafeFetchError } from '../media/safeFetch.js'
import { UnsupportedMediaError } from '../media/sniffMediaType.js'
import { ProviderTaskError } from './types.js'

/** How a failed attempt is treated: retried with back-off, or failed at once. */
export type ErrorClassification = {
  /** Short stable code stored in `errorCode`, e.g. `provider_rejected`, `rate_limited`, `output_expired`. */
  code: string
  isRetryable: boolean
  /** Message an editor can act on, stored in `error`. */
  message: string
}

const TRANSIENT_NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'ETIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_SOCKET',
])

/** The output URL answered one of these: the provider already deleted it. */
const EXPIRED_STATUSES = new Set([403, 404, 410])

const findNetworkCode = (error: unknown, depth = 0): string | undefined => {
  if (!error || typeof error !== 'object' || depth > 4) return undefined
  const { cause, code, errors } = error as { cause?: unknown; code?: unknown; errors?: unknown[] }
  if (typeof code === 'string' && TRANSIENT_NETWORK_CODES.has(code)) return code
  for (const inner of Array.isArray(errors) ? errors : []) {
    const found = findNetworkCode(inner, depth + 1)
    if (found) return found
  }
  return findNetworkCode(cause, depth + 1)
}

/**
 * Classifies an error thrown while generating or storing an asset (DESIGN §3.4, seed 003):
 * - provider 429, 5xx, timeouts and network errors, and storage outages: retryable;
 * - provider content-policy and validation errors (other 4xx) and failed provider tasks: fail
 *   at once with the provider's message;
 * - an output URL answering 403/404/410: fails with "the provider's output expired before it
 *   could be saved";
 * - blocked (SSRF), oversized or unsupported outputs: fail at once.
 */
export const classifyError = (error: unknown): ErrorClassification => {
  if (APICallError.isInstance(error)) {
    const status = error.statusCode
    if (status === 429) {
      return {
        code: 'rate_limited',
        isRetryable: true,
        message: `The provider is rate limiting requests (429): ${error.message}`,
      }
    }
    if (error.isRetryable || (status !== undefined && status >= 500)) {
      return {
        code: 'provider_unavailable',
        isRetryable: true,
        message: `The provider failed (${status ?? 'network'}): ${error.message}`,
      }
    }
    return { code: 'provider_rejected', isRetryable: false, message: error.message }
  }
  if (ProviderTaskError.isInstance(error)) {
    return { code: 'provider_failed', isRetryable: false, message: error.message }
  }
  if (SafeFetchError.isInstance(error)) {
    if (error.code === 'http_status' && error.status !== undefined && EXPIRED_STATUSES.has(error.status)) {
      return {
        code: 'output_expired',
        isRetryable: false,
        message: `The provider's output expired before it could be saved (HTTP ${error.status}).`,
      }
    }
    if (error.code === 'http_status' && (error.status === 429 || (error.status ?? 0) >= 500)) {
      return {
        code: 'download_failed',
        isRetryable: true,
        message: `Downloading the output failed (HTTP ${error.status}).`,
      }
    }
    if (error.code === 'timeout' || error.code === 'network') {
      return { code: 'download_failed', isRetryable: true, message: `Downloading the output failed: ${error.message}` }
    }
    return { code: `download_${error.code}`, isRetryable: false, message: error.message }
  }
  if (UnsupportedMediaError.isInstance(error)) {
    return { code: 'unsupported_media', isRetryable: false, message: error.message }
  }
  const err = error as { $metadata?: { httpStatusCode?: number }; message?: string; name?: string }
  const networkCode = findNetworkCode(error)
  if (err?.name === 'TimeoutError' || err?.name === 'AbortError' || networkCode) {
    return { code: 'network', isRetryable: true, message: `Network or storage error: ${err?.message || networkCode}` }
  }
  if ((err?.$metadata?.httpStatusCode ?? 0) >= 500) {
    return { code: 'storage_unavailable', isRetryable: true, message: `Storage failed: ${err.message}` }
  }
  if (error instanceof RangeError || error instanceof TypeError) {
    return { code: 'invalid_request', isRetryable: false, message: error.message }
  }
  return { code: 'internal', isRetryable: false, message: err?.message || 'Generation failed for an unknown reason.' }
}
