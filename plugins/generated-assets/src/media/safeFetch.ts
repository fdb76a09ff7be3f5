import type { LookupAddress, LookupOptions } from 'node:dns'

import { lookup as dnsLookup } from 'node:dns/promises'
import { isIP } from 'node:net'
import { Readable } from 'node:stream'
import { Agent, buildConnector, request } from 'undici'

import { isPublicAddress } from './isPublicAddress.js'
import { parseHttpUrl } from './parseHttpUrl.js'
import { SafeFetchError } from './SafeFetchError.js'

// The guard's error and its up-front check, importable from the guard itself.
export { assertPublicUrl } from './assertPublicUrl.js'
export { SafeFetchError } from './SafeFetchError.js'
export type { SafeFetchErrorCode } from './SafeFetchError.js'

/** Redirects followed before giving up with `too_many_redirects`. */
export const SAFE_FETCH_MAX_REDIRECTS = 5

/** Resolves a host name to every address it has (the shape of `dns.promises.lookup` with `all: true`). */
export type SafeFetchLookup = (hostname: string) => Promise<ReadonlyArray<{ address: string; family: number }>>

/** What {@link safeFetch} answers: a 2xx response whose body has not been read yet. */
export type SafeFetchResponse = {
  /** The response body as a byte stream; it errors with a `too_large` {@link SafeFetchError} past `maxBytes`. */
  body: Readable
  /** `Content-Length` in bytes, when the server sent one. */
  contentLength: number | undefined
  /** Response headers, names in lower case; repeated headers joined with `, `. */
  headers: Record<string, string>
  /** HTTP status, 200–299. */
  status: number
  /** The URL the body came from, after redirects. */
  url: string
}

// Headers a browser drops when a redirect leaves the origin, so credentials meant for one host never reach another.
const CREDENTIAL_HEADERS = new Set(['authorization', 'cookie', 'proxy-authorization'])

const stripBrackets = (hostname: string): string => hostname.replace(/^\[(.*)\]$/, '$1')

// undici's body emits an AbortError when destroyed unread; nobody is listening for it by then.
const discard = (body: Readable): void => {
  body.on('error', () => {})
  body.destroy()
}

const blockedAddress = ({ address, hostname, url }: { address: string; hostname: string; url: string }) =>
  new SafeFetchError(
    address === hostname
      ? `Refused to fetch ${url}: ${address} is not a public address.`
      : `Refused to fetch ${url}: ${hostname} resolves to ${address}, which is not a public address.`,
    { code: 'blocked_address', url },
  )

const toHeaderRecord = (headers: Record<string, string | string[] | undefined>): Record<string, string> => {
  const record: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) {
      record[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value
    }
  }
  return record
}

/**
 * Builds an undici Agent whose every connection is checked where it is made: IP literals in the
 * connector, host names in the `lookup` that `net.connect` calls. Checking the very addresses the
 * socket connects to is what makes DNS rebinding (public on a first lookup, private on the next)
 * useless: there is no second lookup.
 */
const createGuardedAgent = ({
  getUrl,
  isAllowed,
  lookup,
  timeoutMs,
}: {
  getUrl: () => string
  isAllowed: (address: string) => boolean
  lookup: SafeFetchLookup
  timeoutMs: number
}): Agent => {
  const guardedLookup = (
    hostname: string,
    options: LookupOptions,
    callback: (error: Error | null, address: LookupAddress[] | string, family?: number) => void,
  ): void => {
    lookup(hostname)
      .then((resolved) => {
        const addresses = resolved
          .map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }))
          .filter(({ family }) => !options.family || options.family === family)
        if (addresses.length === 0) {
          throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND', hostname })
        }
        // One bad address refuses the host: the socket may try any of them (happy eyeballs).
        const blocked = addresses.find(({ address }) => !isAllowed(address))
        if (blocked) {
          throw blockedAddress({ address: blocked.address, hostname, url: getUrl() })
        }
        if (options.all) {
          callback(null, addresses)
        } else {
          callback(null, addresses[0]!.address, addresses[0]!.family)
        }
      })
      .catch((error: Error) => callback(error, []))
  }
  const connector = buildConnector({ lookup: guardedLookup as never, timeout: timeoutMs })
  return new Agent({
    connect: (options, callback) => {
      const host = stripBrackets(options.hostname)
      if (isIP(host) && !isAllowed(host)) {
        callback(blockedAddress({ address: host, hostname: host, url: getUrl() }), null)
        return
      }
      connector(options, callback)
    },
  })
}

const findSafeFetchError = (error: unknown): SafeFetchError | undefined => {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    if (SafeFetchError.isInstance(current)) {
      return current
    }
    current = (current as { cause?: unknown }).cause
  }
  return undefined
}

const defaultLookup: SafeFetchLookup = (hostname) => dnsLookup(hostname, { all: true, verbatim: true })

/**
 * Downloads a URL on behalf of a user or provider without letting it reach the server's own
 * network (SSRF guard), and without reading more than `maxBytes`.
 *
 * - Only `http:` and `https:`; every redirect (at most 5) is followed by hand and checked again;
 *   credentials (`Authorization`, `Cookie`) are dropped when a redirect leaves the origin.
 * - The host must be, or resolve only to, public unicast addresses (see `isPublicAddress`). The
 *   check runs when the socket connects, on the addresses it connects to, so a host that
 *   re-resolves to a private address after an earlier check (DNS rebinding) is refused too. IP
 *   literals in any spelling (`2130706433`, `0177.0.0.1`, `0x7f.0.0.1`, `127.1`, `[::1]`,
 *   `[::ffff:127.0.0.1]`) are normalised by URL parsing and refused the same way.
 * - A `Content-Length` above `maxBytes` is refused before the body is read; the returned body
 *   errors with `too_large` as soon as more than `maxBytes` bytes arrive.
 * - No proxy from the environment is used (a proxy would connect for us, unchecked), and no
 *   `Accept-Encoding` is sent, so `maxBytes` counts the bytes that will be stored.
 *
 * The caller must consume or destroy `body`; the connection is closed when it ends.
 *
 * @param url the URL to fetch.
 * @param maxBytes largest body accepted, in bytes.
 * @param timeoutMs time allowed for the whole exchange, from connecting to the last body byte, in
 *   milliseconds. @default 60000
 * @param signal aborts the download; the call or the body then rejects with the signal's reason.
 * @param headers request headers, e.g. `Authorization` for a provider's download endpoint.
 * @param allowPrivateAddresses test and development escape hatch: `true` lets every non-public
 *   address through (e.g. fake servers on 127.0.0.1); a list lets only those exact addresses
 *   through (e.g. `['127.0.0.2']` in tests, or a model server on your LAN). Never turn it on for
 *   URLs that users or providers choose in production. @default false
 * @param lookup resolves host names instead of the system resolver; tests use it to give made-up
 *   names addresses. Its answers are checked like the system's. @default dns.promises.lookup
 *
 * @throws {SafeFetchError} `bad_url`, `bad_protocol`, `blocked_address`, `too_many_redirects`,
 *   `http_status` (with `status`), `too_large`, `timeout`, `network` (the undici or DNS error in `cause`).
 */
export const safeFetch = async ({
  allowPrivateAddresses = false,
  headers = {},
  lookup = defaultLookup,
  maxBytes,
  signal,
  timeoutMs = 60_000,
  url,
}: {
  allowPrivateAddresses?: boolean | ReadonlyArray<string>
  headers?: Record<string, string>
  lookup?: SafeFetchLookup
  maxBytes: number
  signal?: AbortSignal
  timeoutMs?: number
  url: string
}): Promise<SafeFetchResponse> => {
  const isAllowed = (address: string): boolean =>
    allowPrivateAddresses === true ||
    isPublicAddress({ address }) ||
    (Array.isArray(allowPrivateAddresses) && allowPrivateAddresses.includes(address))
  const timeoutSignal = AbortSignal.timeout(timeoutMs)
  const combinedSignal = signal ? AbortSignal.any([signal, timeoutSignal]) : timeoutSignal
  let current = parseHttpUrl({ url })
  const agent = createGuardedAgent({ getUrl: () => current.href, isAllowed, lookup, timeoutMs })
  const close = () => {
    agent.destroy().catch(() => {})
  }
  // Every failure leaves as a SafeFetchError, except the caller's own abort, which keeps its reason.
  const toError = (error: unknown): unknown => {
    if (signal?.aborted) {
      return signal.reason
    }
    if (timeoutSignal.aborted) {
      return new SafeFetchError(`Fetching ${current.href} took longer than ${timeoutMs} ms.`, {
        cause: error,
        code: 'timeout',
        url: current.href,
      })
    }
    return (
      findSafeFetchError(error) ??
      new SafeFetchError(`Fetching ${current.href} failed: ${(error as Error)?.message ?? error}`, {
        cause: error,
        code: 'network',
        url: current.href,
      })
    )
  }

  let requestHeaders: Record<string, string> = {
    'user-agent': 'payload-plugin-generated-assets',
    ...Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value])),
  }
  try {
    for (let redirects = 0; ; redirects++) {
      const host = stripBrackets(current.hostname)
      // Literals are refused before any socket is opened; the agent checks them again at connect time.
      if (isIP(host) && !isAllowed(host)) {
        throw blockedAddress({ address: host, hostname: host, url: current.href })
      }
      const response = await request(current, {
        dispatcher: agent,
        headers: requestHeaders,
        maxRedirections: 0,
        method: 'GET',
        signal: combinedSignal,
      })
      const location = response.headers.location
      if (response.statusCode >= 300 && response.statusCode < 400 && location) {
        discard(response.body)
        if (redirects >= SAFE_FETCH_MAX_REDIRECTS) {
          throw new SafeFetchError(`Gave up fetching ${url}: more than ${SAFE_FETCH_MAX_REDIRECTS} redirects.`, {
            code: 'too_many_redirects',
            url: current.href,
          })
        }
        const next = parseHttpUrl({ url: new URL(Array.isArray(location) ? location[0]! : location, current).href })
        if (next.origin !== current.origin) {
          requestHeaders = Object.fromEntries(
            Object.entries(requestHeaders).filter(([name]) => !CREDENTIAL_HEADERS.has(name)),
          )
        }
        current = next
        continue
      }
      if (response.statusCode < 200 || response.statusCode >= 300) {
        discard(response.body)
        throw new SafeFetchError(`Fetching ${current.href} failed with HTTP ${response.statusCode}.`, {
          code: 'http_status',
          status: response.statusCode,
          url: current.href,
        })
      }
      const responseHeaders = toHeaderRecord(response.headers)
      const declaredLength = responseHeaders['content-length']
      const contentLength =
        declaredLength !== undefined && /^\d+$/.test(declaredLength) ? Number(declaredLength) : undefined
      const tooLarge = () =>
        new SafeFetchError(`${current.href} is larger than the ${maxBytes} bytes allowed.`, {
          code: 'too_large',
          url: current.href,
        })
      if (contentLength !== undefined && contentLength > maxBytes) {
        discard(response.body)
        throw tooLarge()
      }
      const source = response.body
      async function* limit(): AsyncGenerator<Buffer> {
        let received = 0
        try {
          for await (const chunk of source as AsyncIterable<Buffer>) {
            received += chunk.byteLength
            if (received > maxBytes) {
              throw tooLarge()
            }
            yield chunk
          }
        } catch (error) {
          throw toError(error)
        }
      }
      const body = Readable.from(limit(), { objectMode: false })
      // Also reached when the body is destroyed before its first read, which never enters the generator.
      body.once('close', () => {
        discard(source)
        close()
      })
      return { body, contentLength, headers: responseHeaders, status: response.statusCode, url: current.href }
    }
  } catch (error) {
    close()
    throw toError(error)
  }
}
