import type { Payload } from 'payload'

/** The parts of a libsql client (`@libsql/client`, the one `@payloadcms/db-sqlite` connects with) this plugin uses. */
export type SQLiteClient = {
  execute: (statement: { args: unknown[]; sql: string }) => Promise<{ rows: Record<string, unknown>[]; rowsAffected: number }>
}

/** The libsql client of `@payloadcms/db-sqlite` (`payload.db.client`). Call only when {@link getDatabaseKind} says `sqlite`. */
export const getSQLiteClient = ({ payload }: { payload: Payload }): SQLiteClient =>
  (payload.db as unknown as { client: SQLiteClient }).client
