import type { PayloadRequest } from 'payload'

import { ADVISORY_LOCK_NAMESPACE, executeSQL, getAdvisoryLockKey } from './executeSQL.js'

/**
 * Postgres: waits for, then holds until the request's transaction ends, the advisory lock named
 * `name` (`pg_advisory_xact_lock`), so that concurrent requests in any app instance that take
 * the same name run their next statements one after another
 * (https://www.postgresql.org/docs/current/explicit-locking.html#ADVISORY-LOCKS). Call it inside
 * a transaction (`initTransaction(req)`); outside one the lock ends with the statement.
 */
export const lockForTransaction = async ({ name, req }: { name: string; req: PayloadRequest }): Promise<void> => {
  await executeSQL({ req, sql: `select pg_advisory_xact_lock(${ADVISORY_LOCK_NAMESPACE}, ${getAdvisoryLockKey(name)})` })
}

/**
 * Postgres: takes the advisory lock named `name` for the request's transaction if nobody holds
 * it (`pg_try_advisory_xact_lock`) and answers whether it did.
 */
export const tryLockForTransaction = async ({ name, req }: { name: string; req: PayloadRequest }): Promise<boolean> => {
  const rows = await executeSQL({
    req,
    sql: `select pg_try_advisory_xact_lock(${ADVISORY_LOCK_NAMESPACE}, ${getAdvisoryLockKey(name)}) as locked`,
  })
  return Boolean(rows?.[0]?.locked)
}
