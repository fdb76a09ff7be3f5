import type { PayloadRequest } from 'payload'

import { getPostgresPool } from '../../utilities/getPostgres.js'

type DrizzleLike = { execute: (query: string) => Promise<{ rows?: Record<string, unknown>[] }> }

/**
 * The adapter's drizzle database for a request: the session of the transaction `initTransaction(req)`
 * began, else the adapter's own (`payload.db.drizzle`); `undefined` for adapters without drizzle.
 */
export const getRequestDB = async <DB = unknown>({ req }: { req: PayloadRequest }): Promise<DB | undefined> => {
  const adapter = req.payload.db as unknown as { drizzle?: DB; sessions?: Record<string, { db?: DB }> }
  const transactionID = req.transactionID ? await req.transactionID : undefined
  return (transactionID !== undefined ? adapter.sessions?.[String(transactionID)]?.db : undefined) ?? adapter.drizzle
}

/**
 * Runs one SQL statement in the request's transaction (the one `initTransaction(req)` began), or
 * outside any when there is none, and answers its rows. Only for statements built from trusted
 * parts (quoted table names, numbers the plugin computed, values the caller quoted as string
 * literals): there are no bound parameters.
 * Answers `undefined` when the database adapter is not Postgres (callers fall back to the Local API).
 */
export const executeSQL = async ({
  req,
  sql,
}: {
  req: PayloadRequest
  sql: string
}): Promise<Record<string, unknown>[] | undefined> => {
  if (!getPostgresPool({ payload: req.payload })) return undefined
  const db = await getRequestDB<DrizzleLike>({ req })
  if (!db || typeof db.execute !== 'function') return undefined
  const result = await db.execute(sql)
  return result.rows ?? []
}

/**
 * A 32-bit integer key for `pg_advisory_xact_lock(namespace, key)` from a string (FNV-1a). Two
 * strings may share a key: that only makes their holders wait for each other.
 */
export const getAdvisoryLockKey = (value: string): number => {
  let hash = 0x811c9dc5
  for (let index = 0; index < value.length; index++) {
    hash ^= value.charCodeAt(index)
    hash = Math.imul(hash, 0x01000193)
  }
  return hash | 0
}

/** First argument of every advisory lock this plugin takes, so its keys never meet another app's. */
export const ADVISORY_LOCK_NAMESPACE = 0x6761 // 'ga'

/**
 * A value as a SQL string literal for {@link executeSQL}: `'it''s'`. Postgres reads it as text
 * (with `standard_conforming_strings`, its default since 9.1, only `'` needs doubling).
 */
export const toSQLLiteral = (value: number | string): string => `'${String(value).replace(/'/g, "''")}'`
