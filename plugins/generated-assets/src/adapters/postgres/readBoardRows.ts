/**
 * Postgres fast path of a board review link's item list (`boards/readBoardItems.ts`): one SQL
 * `select` of the columns an item needs, with the board's membership as an `exists` on the
 * relationship table, in place of `payload.db.find({ select, where: { boards: { equals } } })`.
 *
 * The Payload behaviour it works around: `@payloadcms/drizzle`'s `find` with a `where` on a
 * `hasMany` relationship first reads the matching ids (a join on the `_rels` table, with
 * `DISTINCT`), then builds drizzle's relational query for those ids and transforms every row
 * field by field; for a board of 500 that is most of the route's time. Measured with
 * `bench/reviewPageBench.ts` (500 items, p50 next to an asset's share JSON): 5.2 × with the
 * public path against a target of 3 ×. The public path stays the default on every other adapter,
 * and `test/integration/boards.test.ts` holds both to the same JSON.
 */
import type { Payload } from 'payload'

import { getImageSizeNames } from '../../utilities/getImageSizeNames.js'
import { getAdapterTable, getAdapterTableName, getPostgresPool, getTableName, quoteIdentifier } from '../../utilities/getPostgres.js'
import { setAtPath } from '../../utilities/setAtPath.js'
import { getDatabaseKind } from '../getDatabaseKind.js'

type RowQuery = { columns: { alias: string; path: string[] }[]; sql: string }

const queries = new WeakMap<object, Map<string, null | RowQuery>>()

/**
 * The SQL of a board's rows, built once per collection, field list and board slug from the
 * adapter's table definitions. `null` when a table or column the rule needs is missing.
 * `$1` is the board id, `$2` an asset id or `null` (every item).
 */
const getRowQuery = ({
  boardsCollectionSlug,
  collectionSlug,
  fields,
  payload,
}: {
  boardsCollectionSlug: string
  collectionSlug: string
  fields: readonly string[]
  payload: Payload
}): null | RowQuery => {
  let byKey = queries.get(payload.db)
  if (!byKey) {
    byKey = new Map()
    queries.set(payload.db, byKey)
  }
  const key = JSON.stringify([collectionSlug, boardsCollectionSlug, fields])
  if (byKey.has(key)) return byKey.get(key)!
  const table = getAdapterTable({ payload, slug: collectionSlug })
  const rels = (payload.db as unknown as { tables?: Record<string, Record<string, { name?: unknown }>> }).tables?.[
    `${getAdapterTableName({ payload, slug: collectionSlug })}_rels`
  ]
  const columnOf = (definition: typeof table, fieldKey: string) => {
    const column = definition?.[fieldKey] as { columnType?: string; name?: unknown } | undefined
    if (typeof column?.name !== 'string') return undefined
    // `numeric` columns come back from `pg` as text; drizzle's number mode answers numbers.
    return `${quoteIdentifier(column.name)}${column.columnType?.includes('Numeric') ? '::float8' : ''}`
  }
  const sizes = getImageSizeNames({ collectionSlug, payload })
  const paths = [
    ['id'],
    ...fields.filter((field) => field !== 'sizes').map((field) => [field]),
    ...(fields.includes('sizes') ? sizes.flatMap((name) => ['filename', 'height', 'mimeType', 'width'].map((part) => ['sizes', name, part])) : []),
  ]
  const columns = paths.map((path, index) => ({ alias: `c${index}`, column: columnOf(table, path.join('_')), path }))
  const relColumn = (name: string) => {
    const value = rels?.[name]?.name
    return typeof value === 'string' ? quoteIdentifier(value) : undefined
  }
  const parent = relColumn('parent')
  const path = relColumn('path')
  const boardColumn = relColumn(`${boardsCollectionSlug}ID`)
  const [id, status, deletedAt, createdAt] = ['id', 'status', 'deletedAt', 'createdAt'].map((name) => columnOf(table, name))
  const query =
    columns.every(({ column }) => column) && parent && path && boardColumn && id && status && deletedAt && createdAt
      ? {
          columns: columns.map(({ alias, path: columnPath }) => ({ alias, path: columnPath })),
          sql:
            `select ${columns.map(({ alias, column }) => `a.${column} as ${alias}`).join(', ')} from ${getTableName({ payload, slug: collectionSlug })} a` +
            ` where exists (select 1 from ${quoteIdentifier(`${getAdapterTableName({ payload, slug: collectionSlug })}_rels`)} r` +
            ` where r.${parent} = a.${id} and r.${path} = 'boards' and r.${boardColumn} = $1)` +
            ` and a.${status} = 'ready' and a.${deletedAt} is null and ($2::int is null or a.${id} = $2::int)` +
            ` order by a.${createdAt} desc, a.${id} desc`,
        }
      : null
  byKey.set(key, query)
  return query
}

/**
 * The rows of a board's ready assets outside the trash (newest first), `fields` of each plus its
 * `id` (`sizes`: every upload size's file name, width, height and type), as `payload.db.find`
 * with that `select` answers them (no hooks, access or population). Capability-checked: answers
 * `undefined`, and runs nothing, unless `payload` runs on Postgres with serial ids and the
 * tables have the columns; the caller then takes the public path.
 *
 * @throws the `pg` error when the query fails.
 */
export const readBoardRowsPostgres = async ({
  assetId,
  boardId,
  boardsCollectionSlug,
  collectionSlug,
  fields,
  payload,
}: {
  assetId?: number | string
  boardId: number | string
  boardsCollectionSlug: string
  collectionSlug: string
  fields: readonly string[]
  payload: Payload
}): Promise<Record<string, unknown>[] | undefined> => {
  if (getDatabaseKind({ payload }) !== 'postgres' || (payload.db as { defaultIDType?: string }).defaultIDType !== 'number') return undefined
  const query = getRowQuery({ boardsCollectionSlug, collectionSlug, fields, payload })
  if (!query) return undefined
  const { rows } = await getPostgresPool({ payload })!.query(query.sql, [boardId, assetId ?? null])
  return rows.map((row: Record<string, unknown>) => {
    const doc: Record<string, unknown> = {}
    for (const { alias, path } of query.columns) setAtPath(doc, path, row[alias])
    return doc
  })
}
