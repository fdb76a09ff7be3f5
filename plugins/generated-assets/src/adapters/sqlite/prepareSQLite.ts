import type { Payload } from 'payload'

import { getSQLiteClient } from './getSQLiteClient.js'

/** Least busy timeout, in milliseconds, with which separate worker processes can share one SQLite file. */
const MIN_BUSY_TIMEOUT = 1000

type SQLiteAdapterSettings = { busyTimeout?: number; transactionOptions?: unknown; wal?: unknown }
type PatchableClient = { execute: (...args: any[]) => Promise<unknown>; transaction: (...args: any[]) => Promise<unknown> }

const prepared = new WeakSet<object>()

/**
 * Checks, at startup, that `@payloadcms/db-sqlite` is set up so that the web app and separate
 * worker processes can share one database file, and keeps it so:
 * - `wal: true`: in SQLite's default rollback journal a reader blocks the writer, so a worker's
 *   writes and the app's reads lock each other out (https://www.sqlite.org/wal.html);
 * - `busyTimeout` of at least 1000 ms: without one, a write that meets another process's write
 *   fails at once with `SQLITE_BUSY` instead of waiting its turn
 *   (https://www.sqlite.org/c3ref/busy_timeout.html).
 * With `transactionOptions` set, `@libsql/client` (0.14, the version db-sqlite uses) hands its
 * connection to each transaction and opens a new one for what follows, without the adapter's
 * `PRAGMA busy_timeout` (tursodatabase/libsql-client-ts#288, #104): after the first transaction
 * every write fails at once under contention. The busy timeout is set again on the connection
 * that follows each transaction.
 *
 * @throws {Error} naming the settings to add, when `wal` or `busyTimeout` is missing.
 */
export const prepareSQLite = ({ payload }: { payload: Payload }): void => {
  const settings = payload.db as unknown as SQLiteAdapterSettings
  const busyTimeout = settings.busyTimeout ?? 0
  if (!settings.wal || busyTimeout < MIN_BUSY_TIMEOUT) {
    throw new Error(
      'payload-plugin-generated-assets: with @payloadcms/db-sqlite, the app and its generation workers share one database file, which needs WAL mode and a busy timeout. Set them on the adapter: sqliteAdapter({ client: { url }, wal: true, busyTimeout: 5000 }).',
    )
  }
  const client = getSQLiteClient({ payload }) as unknown as PatchableClient
  if (!settings.transactionOptions || prepared.has(client)) return
  prepared.add(client)
  const transaction = client.transaction.bind(client)
  const execute = client.execute.bind(client)
  let isNewConnection = false
  client.transaction = async (...args: unknown[]) => {
    const result = await transaction(...args)
    isNewConnection = true
    return result
  }
  client.execute = async (...args: unknown[]) => {
    if (isNewConnection) {
      isNewConnection = false
      await execute(`PRAGMA busy_timeout = ${Math.floor(busyTimeout)}`)
    }
    return execute(...args)
  }
}
