import type { Payload } from 'payload'

import { getAdapterTable, getTableName, quoteIdentifier } from '../utilities/getPostgres.js'

/**
 * The quoted table and column names of a collection in a drizzle-based adapter (Postgres,
 * SQLite), read from the adapter's own table definitions (`payload.db.tables`), so no column name
 * is hard-coded: `{ table: '"generated_assets"', columns: { leaseOwner: '"lease_owner"' } }` for
 * the field paths asked.
 *
 * @throws {Error} when the adapter has no such table or column (a schema that does not match
 *   the config: run the migrations).
 */
export const getColumns = <Path extends string>({
  paths,
  payload,
  slug,
}: {
  paths: readonly Path[]
  payload: Payload
  slug: string
}): { columns: Record<Path, string>; table: string } => {
  const definition = getAdapterTable({ payload, slug })
  const columns = {} as Record<Path, string>
  for (const path of paths) {
    const name = definition?.[path.replace(/\./g, '_')]?.name
    if (typeof name !== 'string') {
      throw new Error(`payload-plugin-generated-assets: the database adapter has no column for "${slug}.${path}"`)
    }
    columns[path] = quoteIdentifier(name)
  }
  return { columns, table: getTableName({ payload, slug }) }
}
