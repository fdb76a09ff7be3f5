import type { Payload } from 'payload'

/** The parts of a `pg` client this plugin uses. */
export type PostgresClient = {
  on: (event: 'error' | 'notification', listener: (value: any) => void) => unknown
  query: (text: string, values?: unknown[]) => Promise<{ rowCount: null | number; rows: any[] }>
  release: (error?: boolean | Error) => void
}

/** The parts of a `pg` pool this plugin uses. */
export type PostgresPool = {
  connect: () => Promise<PostgresClient>
  query: (text: string, values?: unknown[]) => Promise<{ rowCount: null | number; rows: any[] }>
}

/**
 * The `pg` pool of the Postgres database adapter (`@payloadcms/db-postgres`), or `undefined`
 * for other adapters, in which case callers fall back to what works everywhere (polling,
 * in-process events, non-atomic claims).
 */
export const getPostgresPool = ({ payload }: { payload: Payload }): PostgresPool | undefined => {
  const pool = (payload.db as unknown as { pool?: PostgresPool }).pool
  return pool && typeof pool.query === 'function' && typeof pool.connect === 'function' ? pool : undefined
}

/**
 * The Postgres table of a collection as the adapter named it (`generated-assets` →
 * `generated_assets`), unquoted: the key of the adapter's `tables`.
 */
export const getAdapterTableName = ({ payload, slug }: { payload: Payload; slug: string }): string => {
  const snake = slug
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[-\s]+/g, '_')
    .toLowerCase()
  const map = (payload.db as unknown as { tableNameMap?: Map<string, string> }).tableNameMap
  return map?.get(snake) ?? snake
}

/**
 * The Postgres adapter's table of a collection (`payload.db.tables`, drizzle's definition): its
 * columns keyed by field path, groups joined with `_` (`sizes_thumbnail_filename`), each with the
 * column's `name`. `undefined` for other adapters.
 */
export const getAdapterTable = ({
  payload,
  slug,
}: {
  payload: Payload
  slug: string
}): Record<string, { name?: unknown } | undefined> | undefined =>
  (payload.db as unknown as { tables?: Record<string, Record<string, { name?: unknown }>> }).tables?.[
    getAdapterTableName({ payload, slug })
  ]

/** An identifier quoted for SQL: `say "hi"` → `"say ""hi"""`. */
export const quoteIdentifier = (name: string): string => `"${name.replace(/"/g, '""')}"`

/**
 * The Postgres table of a collection, as the adapter named it (`generated-assets` →
 * `generated_assets`), quoted for use in SQL.
 */
export const getTableName = ({ payload, slug }: { payload: Payload; slug: string }): string =>
  quoteIdentifier(getAdapterTableName({ payload, slug }))
