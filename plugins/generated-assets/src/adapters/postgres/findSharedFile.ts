/**
 * Postgres fast path of the share file routes' lookup (`share/findSharedFile.ts`): one narrow
 * `select` of the handful of columns a stored file needs, built from the adapter's own table
 * definition, in place of `payload.db.findOne({ select })`.
 *
 * The Payload behaviour it works around: `@payloadcms/drizzle`'s `findOne` builds a relational
 * query for every call (`buildFindManyArgs`, then drizzle's relational query builder turning it
 * into SQL), which on the hottest public route costs more than running the query. Measured with
 * `npm run bench:share`: 383 → 528 requests/s for the route. The public path stays the default
 * on every other adapter, and the integration test `share.test.ts` holds both to the same
 * documents (file, thumbnail, video poster, sizes).
 */
import type { Payload } from 'payload'

import { getAdapterTable, getPostgresPool, getTableName, quoteIdentifier } from '../../utilities/getPostgres.js'
import { getImageSizeNames } from '../../utilities/getImageSizeNames.js'
import { setAtPath } from '../../utilities/setAtPath.js'
import { getDatabaseKind } from '../getDatabaseKind.js'

/** How a shared file's document is looked up: by share token (`ready`, not in the trash), or by id. */
export type SharedFileLookup = {
  by: 'id' | 'shareToken'
  collectionSlug: string
  payload: Payload
  value: number | string
  /** Also read the asset's `kind` and `poster`. */
  withAssetFields: boolean
}

/**
 * The document paths a shared file's row is read into: the file's name and type, each upload
 * size's (`sizes`), the storage adapter's key fields, and for an asset its `kind` and `poster`.
 * Each is a column of the adapter's table, keyed by the path joined with `_`
 * (`sizes_thumbnail_filename`); `prefix` and `_objectKey` exist when the collection has them.
 */
const getFilePaths = ({ sizes, withAssetFields }: { sizes: string[]; withAssetFields: boolean }) => [
  ['_objectKey'],
  ['filename'],
  ['id'],
  ['mimeType'],
  ['prefix'],
  ...sizes.flatMap((name) => [
    ['sizes', name, 'filename'],
    ['sizes', name, 'mimeType'],
  ]),
  ...(withAssetFields ? [['kind'], ['poster']] : []),
]

/** One narrow `select`: its SQL and where each selected column goes in the document. */
type FileQuery = { columns: { alias: string; path: string[] }[]; sql: string }

const fileQueries = new WeakMap<object, Map<string, FileQuery | null>>()

/**
 * The SQL that reads a shared file's columns, built once per collection from the adapter's own
 * table definition (its column names). `null` when the table lacks a column the rule needs.
 */
const getFileQuery = ({ by, collectionSlug, payload, withAssetFields }: Omit<SharedFileLookup, 'value'>): FileQuery | null => {
  let bySlug = fileQueries.get(payload.db)
  if (!bySlug) {
    bySlug = new Map()
    fileQueries.set(payload.db, bySlug)
  }
  const key = `${by}:${collectionSlug}:${withAssetFields}`
  if (bySlug.has(key)) return bySlug.get(key)!
  const table = getAdapterTable({ payload, slug: collectionSlug })
  const columnOf = (fieldKey: string) => {
    const name = table?.[fieldKey]?.name
    return typeof name === 'string' ? quoteIdentifier(name) : undefined
  }
  const sizes = getImageSizeNames({ collectionSlug, payload })
  const columns = getFilePaths({ sizes, withAssetFields }).flatMap((path, index) => {
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
    conditions.every(Boolean) && columns.some(({ path }) => path[0] === 'filename')
      ? {
          columns: columns.map(({ alias, path }) => ({ alias, path })),
          sql: `select ${columns.map(({ alias, column }) => `${column} as ${alias}`).join(', ')} from ${getTableName({ payload, slug: collectionSlug })} where ${conditions.join(' and ')} limit 1`,
        }
      : null
  bySlug.set(key, query)
  return query
}

/**
 * Reads one shared file's document with a narrow SQL `select`, as `payload.db.findOne` with the
 * share routes' `select` answers it (`null` columns kept, no hooks, access or population).
 * Capability-checked: answers `undefined`, and runs nothing, unless `payload` runs on Postgres
 * (`getDatabaseKind`: the adapter's `name` is `postgres` and it has a `pg` pool) and the table
 * has the columns; the caller then takes the public path.
 *
 * @returns the document, `null` when no row matches, `undefined` when this path does not apply.
 * @throws the `pg` error when the query fails (the database is unreachable).
 */
export const findSharedFileDocumentPostgres = async ({
  by,
  collectionSlug,
  payload,
  value,
  withAssetFields,
}: SharedFileLookup): Promise<null | Record<string, unknown> | undefined> => {
  if (getDatabaseKind({ payload }) !== 'postgres') return undefined
  const query = getFileQuery({ by, collectionSlug, payload, withAssetFields })
  if (!query) return undefined
  const { rows } = await getPostgresPool({ payload })!.query(query.sql, [value])
  const row = rows[0] as Record<string, unknown> | undefined
  if (!row) return null
  const doc: Record<string, unknown> = {}
  for (const { alias, path } of query.columns) setAtPath(doc, path, row[alias])
  return doc
}
