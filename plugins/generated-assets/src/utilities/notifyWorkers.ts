import type { Payload } from 'payload'

import { JOBS_NOTIFY_CHANNEL } from '../defaults.js'
import { getPostgresPool } from './getPostgres.js'

/**
 * Wakes idle workers at once through Postgres `NOTIFY` on {@link JOBS_NOTIFY_CHANNEL}, so a
 * queued job starts without waiting for the next poll. Call it after the transaction that queued
 * the job has committed. Best effort: with another database, or when the notify fails, workers
 * still find the job on their next poll.
 */
export const notifyWorkers = async ({ payload, queue }: { payload: Payload; queue: string }): Promise<void> => {
  const pool = getPostgresPool({ payload })
  if (!pool) {
    return
  }
  try {
    await pool.query('select pg_notify($1, $2)', [JOBS_NOTIFY_CHANNEL, queue])
  } catch (err) {
    payload.logger.warn({ err, msg: 'payload-plugin-generated-assets: could not notify workers' })
  }
}
