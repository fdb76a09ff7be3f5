import type { CollectionSlug, Payload, PayloadRequest, TypeWithID } from 'payload'

import { APIError } from 'payload'

import { getAdapterTable, getPostgresPool, getTableName, quoteIdentifier } from '../utilities/getPostgres.js'
import { setAtPath } from '../utilities/setAtPath.js'
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
 * The document paths a shared file's row is read into. Each is a column of the adapter's table,
 * keyed by the path joined with `_` (`sizes_thumbnail_filename`); `prefix` and `_objectKey` exist
 * when the storage adapter added them.
 */
const FILE_PATHS = [
  ['_objectKey'],
  ['filename'],
  ['id'],
  ['mimeType'],
  ['prefix'],
  ['sizes', 'thumbnail', 'filename'],
  ['sizes', 'thumbnail', 'mimeType'],
]
const ASSET_PATHS = [...FILE_PATHS, ['kind'], ['poster']]

/** One narrow `select`: its SQL and where each selected column goes in the document. */
type FileQuery = { columns: { alias: string; path: string[] }[]; sql: string }

const fileQueries = new WeakMap<object, Map<string, FileQuery | null>>()

/**
 * The SQL that reads a shared file's columns, built once per collection from the adapter's own
 * table definition (its column names): by share token (`ready`, not in the trash) or by id.
 * `null` when the adapter is not Postgres or the table lacks a column the rule needs: the caller
 * then reads through the adapter's `findOne`.
 */
const getFileQuery = ({
  by,
  collectionSlug,
  payload,
}: {
  by: 'id' | 'shareToken'
  collectionSlug: string
  payload: Payload
}): FileQuery | null => {
  let bySlug = fileQueries.get(payload.db)
  if (!bySlug) {
    bySlug = new Map()
    fileQueries.set(payload.db, bySlug)
  }
  const key = `${by}:${collectionSlug}`
  if (bySlug.has(key)) return bySlug.get(key)!
  const table = getAdapterTable({ payload, slug: collectionSlug })
  const columnOf = (fieldKey: string) => {
    const name = table?.[fieldKey]?.name
    return typeof name === 'string' ? quoteIdentifier(name) : undefined
  }
  const columns = (by === 'shareToken' ? ASSET_PATHS : FILE_PATHS).flatMap((path, index) => {
    const column = columnOf(path.join('_'))
    return column ? [{ alias: `c${index}`, column, path }] : []
  })
  const isTrashEnabled = Boolean(payload.collections[collectionSlug]?.config.trash)
  const conditions =
    by === 'id'
      ? [columnOf('id') && `${columnOf('id')} = $1`]
      : [
          columnOf('shareToken') && `${columnOf('shareToken')} = $1`,
          columnOf('status') && `${columnOf('status')} = 'ready'`,
          ...(isTrashEnabled ? [columnOf('deletedAt') && `${columnOf('deletedAt')} is null`] : []),
        ]
  const query =
    getPostgresPool({ payload }) && conditions.every(Boolean) && columns.some(({ path }) => path[0] === 'filename')
      ? {
          columns: columns.map(({ alias, path }) => ({ alias, path })),
          sql: `select ${columns.map(({ alias, column }) => `${column} as ${alias}`).join(', ')} from ${getTableName({ payload, slug: collectionSlug })} where ${conditions.join(' and ')} limit 1`,
        }
      : null
  bySlug.set(key, query)
  return query
}

/** The document a {@link FileQuery} row stands for (`null` columns kept, as the adapter answers them). */
const toDocument = (query: FileQuery, row: Record<string, unknown>): Record<string, unknown> => {
  const doc: Record<string, unknown> = {}
  for (const { alias, path } of query.columns) setAtPath(doc, path, row[alias])
  return doc
}

/**
 * Reads one file's document with a narrow SQL `select` when the adapter is Postgres (the share
 * file routes are the hottest public routes: building the adapter's relational query costs more
 * than running it), else through the adapter's `findOne`. Same rows either way: no access, hooks,
 * URLs or population, none of which a file needs.
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
  const query = getFileQuery({ by, collectionSlug, payload })
  const pool = getPostgresPool({ payload })
  if (query && pool) {
    const { rows } = await pool.query(query.sql, [value])
    return rows[0] ? toDocument(query, rows[0] as Record<string, unknown>) : null
  }
  const trash = by === 'shareToken' && payload.collections[collectionSlug]?.config.trash
  return (await payload.db.findOne({
    collection: collectionSlug as CollectionSlug,
    req,
    select: withAssetFields ? { ...FILE_SELECT, kind: true, poster: true } : FILE_SELECT,
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
    throw notFound()
  }
  const doc = (await readFileDocument({
    by: 'shareToken',
    collectionSlug,
    req,
    value: token,
    withAssetFields: true,
  })) as (SharedFileDocument & { poster?: null | number | SharedFileDocument | string }) | null
  if (!doc?.filename) {
    throw notFound()
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
