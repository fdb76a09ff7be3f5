const marker = 'payload-plugin-generated-assets.error.SafeFetchError'
const symbol = Symbol.for(marker)

/**
 * Why {@link safeFetch} refused or failed a download:
 *
 * - `bad_url`: the URL does not parse.
 * - `bad_protocol`: not `http:` or `https:` (e.g. `file:`, `data:`, `ftp:`).
 * - `blocked_address`: the host is, or resolves to, an address that is not public unicast
 *   (loopback, private, link-local, unique-local, CGNAT, multicast, reserved, or an IPv6 address
 *   embedding one of those).
 * - `too_many_redirects`: more redirects than allowed (5).
 * - `http_status`: the final response is not 2xx; `status` holds it.
 * - `too_large`: `Content-Length` or the bytes actually received exceed `maxBytes`.
 * - `timeout`: the whole exchange took longer than `timeoutMs`.
 * - `network`: DNS, connection or transfer failure (`ENOTFOUND`, `ECONNREFUSED`, `ECONNRESET`…);
 *   the original error is the `cause`.
 */
export type SafeFetchErrorCode =
  | 'bad_protocol'
  | 'bad_url'
  | 'blocked_address'
  | 'http_status'
  | 'network'
  | 'timeout'
  | 'too_large'
  | 'too_many_redirects'

/**
 * A download refused by the SSRF guard or its limits, or failed on the network. Recognise it with
 * `SafeFetchError.isInstance(error)` (works across copies of the package, unlike `instanceof`).
 */
export class SafeFetchError extends Error {
  private readonly [symbol] = true
  readonly code: SafeFetchErrorCode
  /** Whether trying again later may succeed: network failures, timeouts, HTTP 408, 425, 429 and 5xx. */
  readonly isRetryable: boolean
  /** HTTP status of the response, for `http_status`. */
  readonly status: number | undefined
  /** The URL refused or failed (the redirect target when a redirect was refused). */
  readonly url: string

  constructor(
    message: string,
    { cause, code, status, url }: { cause?: unknown; code: SafeFetchErrorCode; status?: number; url: string },
  ) {
    super(message, { cause })
    this.name = 'SafeFetchError'
    this.code = code
    this.status = status
    this.url = url
    this.isRetryable =
      code === 'network' ||
      code === 'timeout' ||
      (code === 'http_status' &&
        status !== undefined &&
        (status === 408 || status === 425 || status === 429 || status >= 500))
  }

  static isInstance(error: unknown): error is SafeFetchError {
    return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[symbol] === true
  }
}
