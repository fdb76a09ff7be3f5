import type { Payload } from 'payload'

import { getPostgresPool, getTableName } from '../utilities/getPostgres.js'

/**
 * Atomically takes the next runnable job of a queue (oldest first: not completed, not failed,
 * not `processing`, past its `waitUntil`) and marks it `processing`, with one
 * `UPDATE … WHERE id = (SELECT … FOR UPDATE SKIP LOCKED)`. Payload's own claim (find, then
 * update) lets two workers take the same job; this one cannot, however many workers and lanes
 * ask at once. Answers the job id, `null` when there is none, or `undefined` when the database is
 * not Postgres (the caller then uses Payload's claim).
 */
export const claimNextJob = async ({
  payload,
  queue,
}: {
  payload: Payload
  queue: string
}): Promise<null | number | string | undefined> => {
  const pool = getPostgresPool({ payload })
  if (!pool) return undefined
  const table = getTableName({ payload, slug: 'payload-jobs' })
  const { rows } = await pool.query(
    `update ${table} set processing = true, updated_at = now()
     where id = (
       select id from ${table}
       where queue = $1 and processing = false and completed_at is null
         and has_error is not true and (wait_until is null or wait_until < now())
       order by created_at asc, id asc
       limit 1
       for update skip locked
     )
     returning id`,
    [queue],
  )
  return rows[0]?.id ?? null
}
