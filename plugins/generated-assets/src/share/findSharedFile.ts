import type { CollectionSlug, PayloadRequest, TypeWithID, Where } from 'payload'


import { findSharedFileDocumentPostgres } from '../adapters/postgres/findSharedFile.js'
import { getImageSizeNames } from '../utilities/getImageSizeNames.js'
import { notFoundError } from '../utilities/notFoundError.js'
import { SHARE_TOKEN_PATTERN } from './findSharedAsset.js'

const fileSelects = new WeakMap<object, Map<string, Select>>()

/**
 * What a storage adapter's file handler and the local file server read from a document: the
 * stored name and type, each upload size's, and the storage adapter's own key fields
 * (`_objectKey`, `prefix`, absent when the collection has none). One object per collection.
 */
const getFileSelect = ({ collectionSlug, payload }: { collectionSlug: string; payload: PayloadRequest['payload'] }): Select => {
  let bySlug = fileSelects.get(payload.config)
  if (!bySlug) {
    bySlug = new Map()
    fileSelects.set(payload.config, bySlug)
  }
  let select = bySlug.get(collectionSlug)
  if (!select) {
    const sizes = getImageSizeNames({ collectionSlug, payload })
    select = {
      _objectKey: true,
      filename: true,
      mimeType: true,
      prefix: true,
      ...(sizes.length ? { sizes: Object.fromEntries(sizes.map((name) => [name, { filename: true, mimeType: true } as Select])) } : {}),
    }
    bySlug.set(collectionSlug, select)
  }
  return select
}

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


type Select = { [field: string]: Select | true }

/**
 * The selected part of a document and its `id`: the adapter answers more than the `select`
 * (empty `hasMany` relationships, keys of unselected fields), which no caller should see.
 */
const pickSelected = (doc: Record<string, unknown>, select: Select): Record<string, unknown> => {
  const picked: Record<string, unknown> = {}
  for (const [key, value] of Object.entries({ id: true, ...select } as Select)) {
    if (!(key in doc)) continue
    const field = doc[key]
    picked[key] = value === true || !field || typeof field !== 'object' ? field : pickSelected(field as Record<string, unknown>, value)
  }
  return picked
}

/**
 * Reads one file's document through the database adapter's `findOne` with a narrow `select`
 * (every adapter), or, where the database has one, through the capability-checked fast path of
 * `adapters/postgres` (one narrow SQL `select`: building the adapter's relational query costs
 * more than running it, on the hottest public routes). Same documents either way: no access,
 * hooks, URLs or population, none of which a file needs.
 */
const readFileDocument = async ({
  by,
  collectionSlug,
  req,
  value,
  withAssetFields,
}: {
  by: 'id' | 'shareToken'
  collectionSlug: string
  req: PayloadRequest
  value: number | string
  withAssetFields: boolean
}): Promise<null | Record<string, unknown>> => {
  const { payload } = req
  const fast = await findSharedFileDocumentPostgres({ by, collectionSlug, payload, value, withAssetFields })
  if (fast !== undefined) return fast
  const trash = by === 'shareToken' && payload.collections[collectionSlug]?.config.trash
  const fileSelect = getFileSelect({ collectionSlug, payload })
  const select: Select = withAssetFields ? { ...fileSelect, kind: true, poster: true } : fileSelect
  const doc = (await payload.db.findOne({
    collection: collectionSlug as CollectionSlug,
    req,
    select,
    where:
      by === 'id'
        ? { id: { equals: value } }
        : {
            and: [
              { shareToken: { equals: value } },
              { status: { equals: 'ready' } },
              ...(trash ? [{ deletedAt: { exists: false } }] : []),
            ],
          },
  })) as null | Record<string, unknown>
  return doc && pickSelected(doc, select)
}

/**
 * The stored file of the asset a share token belongs to, for the share file routes (hot: every
 * view of a shared image or video starts here). Same rule as `findSharedAsset`: `ready`, with a
 * stored file, not in the trash; but one indexed lookup of a handful of columns (no access, hooks,
 * URLs or population, none of which a file needs), and the poster (a second lookup) only when
 * `withPoster`.
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
    throw notFoundError({ req })
  }
  const doc = (await readFileDocument({
    by: 'shareToken',
    collectionSlug,
    req,
    value: token,
    withAssetFields: true,
  })) as (SharedFileDocument & { poster?: null | number | SharedFileDocument | string }) | null
  if (!doc?.filename) {
    throw notFoundError({ req })
  }
  const posterId = doc.poster && typeof doc.poster === 'object' ? doc.poster.id : doc.poster
  const poster =
    withPoster && posterId !== null && posterId !== undefined
      ? ((await readFileDocument({
          by: 'id',
          collectionSlug: posterCollectionSlug,
          req,
          value: posterId,
          withAssetFields: false,
        })) as null | SharedFileDocument)
      : null
  return { ...doc, poster }
}

/**
 * The stored file of the asset `where` finds (through the database adapter's `findOne`, no
 * access or hooks: the caller's `where` is the rule), with its poster when `withPoster`: for
 * share routes whose link is not the asset's own token (a board's review link).
 *
 * @throws {APIError} 404 when nothing matches or the asset has no stored file.
 */
export const findAssetFile = async ({
  collectionSlug,
  posterCollectionSlug,
  req,
  where,
  withPoster,
}: {
  collectionSlug: string
  posterCollectionSlug: string
  req: PayloadRequest
  where: Where
  withPoster: boolean
}): Promise<SharedFile> => {
  const select: Select = { ...getFileSelect({ collectionSlug, payload: req.payload }), kind: true, poster: true }
  const found = (await req.payload.db.findOne({ collection: collectionSlug as CollectionSlug, req, select, where })) as null | Record<string, unknown>
  const doc = found && (pickSelected(found, select) as SharedFileDocument & { poster?: null | number | SharedFileDocument | string })
  if (!doc?.filename) {
    throw notFoundError({ req })
  }
  const posterId = doc.poster && typeof doc.poster === 'object' ? doc.poster.id : doc.poster
  const poster =
    withPoster && posterId !== null && posterId !== undefined
      ? ((await readFileDocument({ by: 'id', collectionSlug: posterCollectionSlug, req, value: posterId, withAssetFields: false })) as null | SharedFileDocument)
      : null
  return { ...doc, poster }
}
