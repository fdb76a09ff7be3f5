import type { PayloadRequest, TypeWithID } from 'payload'

import { APIError } from 'payload'

import { SHARE_TOKEN_PATTERN } from './findSharedAsset.js'

/**
 * What a storage adapter's file handler and the local file server read from a document: the
 * stored name, type and image sizes, and the storage adapter's own key fields (`_objectKey`,
 * `prefix`, absent when the adapter keeps none).
 */
const FILE_SELECT = {
  _objectKey: true,
  filename: true,
  mimeType: true,
  prefix: true,
  sizes: { thumbnail: true },
} as const

/** A stored file's document as {@link findSharedFile} reads it (no hooks ran, nothing populated). */
export type SharedFileDocument = TypeWithID & {
  _objectKey?: null | string
  filename?: null | string
  kind?: null | string
  mimeType?: null | string
  prefix?: null | string
  sizes?: Record<string, { filename?: null | string; mimeType?: null | string } | null | undefined> | null
}

/** {@link SharedFileDocument} of an asset, with its video poster's when asked for. */
export type SharedFile = SharedFileDocument & { poster: null | SharedFileDocument }

const notFound = () => new APIError('Not Found', 404, null, true)

/**
 * The stored file of the asset a share token belongs to, for the share file routes (hot: every
 * view of a shared image or video starts here). Same rule as `findSharedAsset`: `ready`, with a
 * stored file, not in the trash; but read straight through the database adapter (one indexed
 * lookup of a handful of columns, no access, hooks, URLs or population, none of which a file
 * needs), and the poster (a second lookup) only when `withPoster`.
 *
 * @throws {APIError} 404 for any other token.
 */
export const findSharedFile = async ({
  collectionSlug,
  posterCollectionSlug,
  req,
  token,
  withPoster,
}: {
  collectionSlug: string
  posterCollectionSlug: string
  req: PayloadRequest
  token: unknown
  /** Also read the poster (video posters and video thumbnails). */
  withPoster: boolean
}): Promise<SharedFile> => {
  if (typeof token !== 'string' || !SHARE_TOKEN_PATTERN.test(token)) {
    throw notFound()
  }
  const doc = (await req.payload.db.findOne({
    collection: collectionSlug,
    req,
    select: { ...FILE_SELECT, kind: true, poster: true },
    where: {
      and: [{ shareToken: { equals: token } }, { status: { equals: 'ready' } }, { deletedAt: { exists: false } }],
    },
  })) as (SharedFileDocument & { poster?: null | number | SharedFileDocument | string }) | null
  if (!doc?.filename) {
    throw notFound()
  }
  const posterId = doc.poster && typeof doc.poster === 'object' ? doc.poster.id : doc.poster
  const poster =
    withPoster && posterId !== null && posterId !== undefined
      ? ((await req.payload.db.findOne({
          collection: posterCollectionSlug,
          req,
          select: FILE_SELECT,
          where: { id: { equals: posterId } },
        })) as null | SharedFileDocument)
      : null
  return { ...doc, poster }
}
