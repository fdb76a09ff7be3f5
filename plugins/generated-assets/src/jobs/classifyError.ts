import { APICallError } from '@ai-sdk/provider'

/** How a failed attempt is treated: retried with back-off, or failed at once. */
export type ErrorClassification = {
  /** Short stable code stored in `errorCode`, e.g. `provider_rejected`, `rate_limited`. */
  code: string
  isRetryable: boolean
  /** Message an editor can act on, stored in `error`. */
  message: string
}

const TRANSIENT_NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EAI_AGAIN',
  'ENOTFOUND',
  'EPIPE',
  'ETIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET',
])

/**
 * Classifies an error thrown while generating or storing an asset (DESIGN §3.4, seed 003):
 * provider errors with 429 or 5xx, timeouts and network errors are retryable; content-policy
 * and validation errors (other 4xx) fail at once with the provider's message.
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
  const err = error as { cause?: { code?: string }; code?: string; message?: string; name?: string }
  const code = err?.code ?? err?.cause?.code
  if (err?.name === 'TimeoutError' || err?.name === 'AbortError' || (code && TRANSIENT_NETWORK_CODES.has(code))) {
    return { code: 'network', isRetryable: true, message: `Network error: ${err.message ?? code}` }
  }
  if (error instanceof RangeError || error instanceof TypeError) {
    return { code: 'invalid_request', isRetryable: false, message: error.message }
  }
  return { code: 'internal', isRetryable: false, message: err?.message || 'Generation failed for an unknown reason.' }
}
