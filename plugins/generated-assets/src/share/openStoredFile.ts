import type { PayloadRequest, TypeWithID } from 'payload'

import { serveAssetFile } from './serveAssetFile.js'

/**
 * Opens the bytes of a stored file of a document the caller may already read, through the
 * collection's storage adapter (or the local `staticDir`), as {@link serveAssetFile} serves
 * them; a 3xx to a signed URL (storage-s3 `signedDownloads`) is followed.
 *
 * @param filename the stored file's name or one of its image sizes' names; default `doc.filename`.
 * @returns the body stream, or `null` when the file is missing (any non-2xx answer).
 * @throws network or storage errors while opening the stream (e.g. the bucket is unreachable).
 */
export const openStoredFile = async ({
  collectionSlug,
  doc,
  filename = String(doc.filename),
  req,
}: {
  collectionSlug: string
  doc: Record<string, unknown> & TypeWithID
  filename?: string
  req: PayloadRequest
}): Promise<null | ReadableStream<Uint8Array>> => {
  const response = await serveAssetFile({ collectionSlug, doc, filename, req })
  const location = response.headers.get('location')
  if (response.status >= 300 && response.status < 400 && location) {
    const followed = await fetch(location)
    return followed.ok ? followed.body : null
  }
  return response.ok ? response.body : null
}
