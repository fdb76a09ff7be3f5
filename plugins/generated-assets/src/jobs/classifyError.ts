import { AISDKError, APICallError, InvalidResponseDataError } from '@ai-sdk/provider'

import { MediaProcessingError } from '../media/MediaProcessingError.js'
import { SafeFetchError } from '../media/safeFetch.js'
import { UnsupportedMediaError } from '../media/sniffMediaType.js'
import { englishFailure } from '../translations/failureMessages.js'
import { ProviderTaskError, SourceUnavailableError } from './types.js'

/** How a failed attempt is treated: retried with back-off, or failed at once. */
export type ErrorClassification = {
  /** Short stable code stored in `errorCode`, e.g. `provider_rejected`, `rate_limited`, `output_expired`. */
  code: string
  isRetryable: boolean
  /**
   * Message an editor can act on, stored in `error`: in English (the admin shows the messages of
   * `FAILURE_MESSAGES` in the editor's language), or the provider's own message.
   */
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

/** A list entry of a validation error body, e.g. fal's `{ loc: ['body', 'prompt'], msg: 'Field required' }`. */
type DetailEntry = { loc?: unknown; msg?: unknown }

/**
 * The provider's own message in an error body the provider package could not parse, which then
 * reports only the HTTP status text (e.g. `@ai-sdk/fal`'s video model, which expects
 * `{ error: { message } }`, on fal's `{ detail: [{ loc, msg }] }`). Reads `detail` (a string, or
 * entries rendered `body.prompt: Field required` as the fal image model does), `error` (a string
 * or `{ message }`) or `message`.
 *
 * @param responseBody the raw body, e.g. `'{"detail":"Request timed out"}'`.
 * @returns the message, or `undefined` when the body is not JSON or holds none of these.
 */
const readProviderMessage = ({ responseBody }: { responseBody?: string }): string | undefined => {
  let body: unknown
  try {
    body = JSON.parse(responseBody ?? '')
  } catch {
    return undefined
  }
  if (!body || typeof body !== 'object') return undefined
  const { detail, error, message } = body as { detail?: unknown; error?: unknown; message?: unknown }
  if (typeof detail === 'string' && detail) return detail
  if (Array.isArray(detail)) {
    const lines = (detail as DetailEntry[])
      .filter((entry) => entry && typeof entry.msg === 'string')
      .map((entry) => (Array.isArray(entry.loc) ? `${entry.loc.join('.')}: ${entry.msg}` : String(entry.msg)))
    if (lines.length) return lines.join('\n')
  }
  if (typeof error === 'string' && error) return error
  const nested = error && typeof error === 'object' ? (error as { message?: unknown }).message : undefined
  if (typeof nested === 'string' && nested) return nested
  return typeof message === 'string' && message ? message : undefined
}

/**
 * Whether a provider error is the download of an output file that is gone: a GET (no request
 * body) answered 403/404/410 with a body that is not the provider's JSON error (`data` unset).
 * Provider packages that fetch their outputs themselves (Replicate and fal images) report an
 * expired output URL this way; a missing prediction or task answers a JSON error instead.
 */
const isExpiredOutputDownload = (error: APICallError): boolean =>
  error.statusCode !== undefined &&
  EXPIRED_STATUSES.has(error.statusCode) &&
  error.data === undefined &&
  (error.requestBodyValues === undefined ||
    (typeof error.requestBodyValues === 'object' &&
      error.requestBodyValues !== null &&
      Object.keys(error.requestBodyValues).length === 0))

/**
 * Classifies an error thrown while generating or storing an asset:
 * - provider 429, 5xx, timeouts and network errors, and storage outages: retryable;
 * - provider content-policy and validation errors (other 4xx) and failed provider tasks: fail
 *   at once with the provider's message (read from the body when the package kept only the
 *   status text);
 * - an output URL answering 403/404/410 (downloaded by the plugin, or by the provider package
 *   itself): fails with "the provider's output expired before it could be saved";
 * - a provider package's report of a failed or unusable job (e.g. a Replicate prediction that
 *   ended `failed`): fails at once with its message;
 * - blocked (SSRF), oversized, unsupported or undecodable outputs (decompression bombs included),
 *   and source images that are gone: fail at once.
 */
export const classifyError = (error: unknown): ErrorClassification => {
  if (APICallError.isInstance(error)) {
    const status = error.statusCode
    if (isExpiredOutputDownload(error)) {
      return {
        code: 'output_expired',
        isRetryable: false,
        message: englishFailure('generatedAssets:failureOutputExpired', { status: status! }),
      }
    }
    const message = (error.data === undefined && readProviderMessage(error)) || error.message
    if (status === 429) {
      return {
        code: 'rate_limited',
        isRetryable: true,
        message: englishFailure('generatedAssets:failureRateLimited', { detail: message }),
      }
    }
    if (error.isRetryable || (status !== undefined && status >= 500)) {
      return {
        code: 'provider_unavailable',
        isRetryable: true,
        message:
          status === undefined
            ? englishFailure('generatedAssets:failureProviderNetwork', { detail: message })
            : englishFailure('generatedAssets:failureProviderStatus', { detail: message, status }),
      }
    }
    return { code: 'provider_rejected', isRetryable: false, message }
  }
  if (ProviderTaskError.isInstance(error)) {
    return { code: 'provider_failed', isRetryable: false, message: error.message }
  }
  if (SourceUnavailableError.isInstance(error)) {
    return { code: 'source_unavailable', isRetryable: false, message: error.message }
  }
  // A provider package's verdict on a finished job: "Replicate image generation failed: …",
  // fal's or Alibaba's "No video URL in response".
  if (
    InvalidResponseDataError.isInstance(error) ||
    (AISDKError.isInstance(error) && /_GENERATION_ERROR$/.test(error.name))
  ) {
    return { code: 'provider_failed', isRetryable: false, message: error.message }
  }
  if (SafeFetchError.isInstance(error)) {
    if (error.code === 'http_status' && error.status !== undefined && EXPIRED_STATUSES.has(error.status)) {
      return {
        code: 'output_expired',
        isRetryable: false,
        message: englishFailure('generatedAssets:failureOutputExpired', { status: error.status }),
      }
    }
    if (error.code === 'http_status' && (error.status === 429 || (error.status ?? 0) >= 500)) {
      return {
        code: 'download_failed',
        isRetryable: true,
        message: englishFailure('generatedAssets:failureDownloadStatus', { status: error.status! }),
      }
    }
    if (error.code === 'timeout' || error.code === 'network') {
      return {
        code: 'download_failed',
        isRetryable: true,
        message: englishFailure('generatedAssets:failureDownload', { detail: error.message }),
      }
    }
    return { code: `download_${error.code}`, isRetryable: false, message: error.message }
  }
  if (UnsupportedMediaError.isInstance(error)) {
    return { code: 'unsupported_media', isRetryable: false, message: error.message }
  }
  // A file that cannot be decoded, or a decompression bomb: the same bytes fail the same way again.
  if (MediaProcessingError.isInstance(error) && error.code !== 'ffmpeg_missing') {
    return { code: 'unsupported_media', isRetryable: false, message: error.message }
  }
  const err = error as { $metadata?: { httpStatusCode?: number }; message?: string; name?: string }
  const networkCode = findNetworkCode(error)
  if (err?.name === 'TimeoutError' || err?.name === 'AbortError' || networkCode) {
    return {
      code: 'network',
      isRetryable: true,
      message: englishFailure('generatedAssets:failureNetwork', { detail: err?.message || networkCode || err?.name || '' }),
    }
  }
  if ((err?.$metadata?.httpStatusCode ?? 0) >= 500) {
    return {
      code: 'storage_unavailable',
      isRetryable: true,
      message: englishFailure('generatedAssets:failureStorage', { detail: err.message ?? '' }),
    }
  }
  if (error instanceof RangeError || error instanceof TypeError) {
    return { code: 'invalid_request', isRetryable: false, message: error.message }
  }
  return { code: 'internal', isRetryable: false, message: err?.message || englishFailure('generatedAssets:failureUnknown') }
}
