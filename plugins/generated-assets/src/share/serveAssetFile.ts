import type { PayloadRequest, TypeWithID } from 'payload'

import { createReadStream, type Stats } from 'node:fs'
import { stat } from 'node:fs/promises'
import path from 'node:path'
import { Readable } from 'node:stream'
import { getRangeRequestInfo } from 'payload/internal'

import { entityTagOf, isNotModified, notModified } from '../utilities/conditionalGet.js'
import { notFoundError } from '../utilities/notFoundError.js'

const notFound = (req: Pick<PayloadRequest, 't'>) =>
  Response.json({ errors: [{ message: notFoundError({ req }).message }] }, { status: 404 })

/**
 * Serves a stored file of an asset the caller has already been allowed to see (through a share
 * token, say), the way Payload's own file route does after its access check: first the
 * collection's upload handlers (a storage adapter such as `@payloadcms/storage-s3` streams the
 * object, honouring `Range`, or answers 302 to a signed URL when `signedDownloads` is on), then
 * the local `staticDir` with HTTP Range support (RFC 9110, section 14), a weak `ETag` and
 * `Last-Modified` of the file, and 304 to a matching `If-None-Match` / `If-Modified-Since`.
 *
 * `filename` is the stored file's name, or one of its image sizes' names. Returns 404 when the
 * file is missing; never throws for a missing file.
 */
export const serveAssetFile = async ({
  collectionSlug,
  doc,
  filename,
  req,
}: {
  collectionSlug: string
  doc: TypeWithID & Record<string, unknown>
  filename: string
  req: PayloadRequest
}): Promise<Response> => {
  const collection = req.payload.collections[collectionSlug]
  const upload = collection?.config.upload
  if (!upload) {
    return notFound(req)
  }
  for (const handler of upload.handlers ?? []) {
    const response = await handler(req, {
      doc,
      headers: new Headers(),
      params: { collection: collectionSlug, filename },
    })
    if (response instanceof Response) {
      return response
    }
  }
  const directory = path.resolve(upload.staticDir || collectionSlug)
  const filePath = path.resolve(directory, filename)
  if (!filePath.startsWith(directory + path.sep)) {
    return notFound(req)
  }
  let stats: Stats
  try {
    stats = await stat(filePath)
  } catch {
    return notFound(req)
  }
  const range = getRangeRequestInfo({ fileSize: stats.size, rangeHeader: req.headers.get('range') })
  const headers = new Headers(range.headers)
  headers.set('ETag', entityTagOf(stats))
  headers.set('Last-Modified', stats.mtime.toUTCString())
  if (isNotModified({ requestHeaders: req.headers, responseHeaders: headers })) {
    return notModified(headers)
  }
  if (range.type === 'invalid') {
    return new Response(null, { headers, status: range.status })
  }
  const sizes = (doc.sizes ?? {}) as Record<string, { filename?: string; mimeType?: string }>
  const mimeType =
    filename === doc.filename
      ? (doc.mimeType as string | undefined)
      : Object.values(sizes).find((size) => size?.filename === filename)?.mimeType
  headers.set('Content-Type', mimeType ?? 'application/octet-stream')
  const stream = createReadStream(
    filePath,
    range.type === 'partial' ? { end: range.rangeEnd, start: range.rangeStart } : undefined,
  )
  return new Response(Readable.toWeb(stream) as ReadableStream, { headers, status: range.status })
}
