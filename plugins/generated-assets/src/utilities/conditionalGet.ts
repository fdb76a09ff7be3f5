import type { Stats } from 'node:fs'

import etag from 'etag'
import fresh from 'fresh'

/**
 * Headers a 304 (Not Modified) carries over from the 200 it stands for (RFC 9110, section
 * 15.4.5: those that would have been sent in a 200, minus the content's own).
 */
const NOT_MODIFIED_HEADERS = [
  'cache-control',
  'content-location',
  'date',
  'etag',
  'expires',
  'last-modified',
  'location',
  'vary',
]

/**
 * An entity tag (RFC 9110, section 8.8.3) of a body (strong: `"<length>-<hash>"`), or of a file's
 * `stat` (weak: `W/"<size>-<mtime>"`), made by the `etag` package.
 */
export const entityTagOf = (entity: Buffer | Stats | string): string => etag(entity)

/**
 * Whether the request's validators (`If-None-Match`, else `If-Modified-Since`) match a response
 * with these headers (`ETag`, `Last-Modified`), so that a 304 may answer it: the `fresh`
 * package's comparison (RFC 9110, section 13.1: weak comparison, `*`, lists). A request's
 * `Cache-Control: no-cache` is not passed on: it tells caches to validate (RFC 9111, section
 * 5.2.1.4), while the origin evaluates the preconditions it receives (RFC 9110, section 13.2.1);
 * `fetch` adds it to every request that sets `If-None-Match` itself.
 */
export const isNotModified = ({
  requestHeaders,
  responseHeaders,
}: {
  requestHeaders: Headers
  responseHeaders: Headers
}) =>
  fresh(
    {
      'if-modified-since': requestHeaders.get('if-modified-since') ?? undefined,
      'if-none-match': requestHeaders.get('if-none-match') ?? undefined,
    },
    {
      etag: responseHeaders.get('etag') ?? undefined,
      'last-modified': responseHeaders.get('last-modified') ?? undefined,
    },
  )

/** A 304 standing for a response with these headers (see `NOT_MODIFIED_HEADERS`). */
export const notModified = (headers: Headers): Response => {
  const kept = new Headers()
  for (const name of NOT_MODIFIED_HEADERS) {
    const value = headers.get(name)
    if (value !== null) kept.set(name, value)
  }
  return new Response(null, { headers: kept, status: 304 })
}

/**
 * A `GET` answer with a body held in memory (JSON, the share page): `ETag` set from the body, and
 * a 304 with no body instead when the request's `If-None-Match` matches it.
 */
export const respondWithEntityTag = ({
  body,
  headers: init,
  request,
  status = 200,
}: {
  body: string
  headers: HeadersInit
  request: { headers: Headers }
  status?: number
}): Response => {
  const headers = new Headers(init)
  headers.set('ETag', entityTagOf(body))
  if (status === 200 && isNotModified({ requestHeaders: request.headers, responseHeaders: headers })) {
    return notModified(headers)
  }
  return new Response(body, { headers, status })
}
