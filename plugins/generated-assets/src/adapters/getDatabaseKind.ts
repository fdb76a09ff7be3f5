import type { Payload } from 'payload'

/**
 * Which of the database adapters with a fast path of this plugin `payload` runs on, by the
 * adapter's own `name` (`@payloadcms/db-postgres` and `@payloadcms/db-vercel-postgres` say
 * `postgres`, `@payloadcms/db-sqlite` says `sqlite`) and the client it exposes; `other` for every
 * other adapter (MongoDB, D1, …), which takes the public path of every operation.
 */
export type DatabaseKind = 'other' | 'postgres' | 'sqlite'

export const getDatabaseKind = ({ payload }: { payload: Payload }): DatabaseKind => {
  const db = payload.db as unknown as { client?: { execute?: unknown }; name?: string; pool?: { query?: unknown } }
  if (db.name === 'postgres' && typeof db.pool?.query === 'function') return 'postgres'
  if (db.name === 'sqlite' && typeof db.client?.execute === 'function') return 'sqlite'
  return 'other'
}
