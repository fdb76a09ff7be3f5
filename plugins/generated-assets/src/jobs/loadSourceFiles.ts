import type { PayloadRequest, TypeWithID } from 'payload'

import type { SourceFile } from './types.js'

import { openStoredFile } from '../share/openStoredFile.js'
import { sniffMediaType } from '../media/sniffMediaType.js'
import { SourceUnavailableError } from './types.js'

/**
 * Reads the stored files of an asset's source images (`sources`, ids of ready images checked
 * when the generation was requested), in order, to hand to the model: AI SDK image models get
 * them as `files` (image editing), video models the first as `image` (image-to-video).
 *
 * Each file is read whole (a model call needs the bytes) and may be at most `maxBytes` bytes;
 * its media type is sniffed from the bytes.
 *
 * @returns one {@link SourceFile} per source; `[]` when there are none.
 * @throws {SourceUnavailableError} when a source was deleted, is no longer a ready image, its
 *   file is missing from storage, or it is larger than `maxBytes`.
 * @throws storage or network errors while reading (retryable like any storage outage).
 */
export const loadSourceFiles = async ({
  collectionSlug,
  maxBytes,
  req,
  sources,
}: {
  collectionSlug: string
  /** Largest source accepted, in bytes (the plugin's `maxImageBytes`). */
  maxBytes: number
  req: PayloadRequest
  /** The asset's `sources` at depth 0: ids (or documents, when populated). */
  sources: unknown
}): Promise<SourceFile[]> => {
  const ids = (Array.isArray(sources) ? sources : [])
    .map((source) => (source && typeof source === 'object' ? (source as TypeWithID).id : source))
    .filter((id): id is number | string => typeof id === 'number' || typeof id === 'string')
  if (!ids.length) return []
  const { docs } = await req.payload.find({
    collection: collectionSlug,
    depth: 0,
    limit: ids.length,
    overrideAccess: true,
    pagination: false,
    req,
    trash: true,
    where: { id: { in: ids } },
  })
  const byId = new Map(docs.map((doc) => [String(doc.id), doc as Record<string, unknown> & TypeWithID]))
  const files: SourceFile[] = []
  for (const id of ids) {
    const doc = byId.get(String(id))
    if (!doc || doc.status !== 'ready' || doc.kind !== 'image' || !doc.filename) {
      throw new SourceUnavailableError(`The source image (asset ${id}) is no longer available.`)
    }
    const stream = await openStoredFile({ collectionSlug, doc, req })
    if (!stream) {
      throw new SourceUnavailableError(`The file of the source image (asset ${id}) is missing from storage.`)
    }
    const chunks: Uint8Array[] = []
    let size = 0
    for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) {
      size += chunk.byteLength
      if (size > maxBytes) {
        await stream.cancel().catch(() => undefined)
        throw new SourceUnavailableError(`The source image (asset ${id}) is larger than ${maxBytes} bytes.`)
      }
      chunks.push(chunk)
    }
    const data = new Uint8Array(Buffer.concat(chunks))
    const { mime } = await sniffMediaType({ data, expectedKind: 'image' }).catch(() => {
      throw new SourceUnavailableError(`The stored file of the source image (asset ${id}) is not an image.`)
    })
    files.push({ data, mediaType: mime })
  }
  return files
}
