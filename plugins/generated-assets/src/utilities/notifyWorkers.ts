import type { Payload } from 'payload'

import { getDatabaseKind } from '../adapters/getDatabaseKind.js'
import { notifyPostgres } from '../adapters/postgres/listenForNotifications.js'
import { JOBS_NOTIFY_CHANNEL } from '../defaults.js'

/**
 * Wakes idle workers at once through Postgres `NOTIFY` on {@link JOBS_NOTIFY_CHANNEL}, so a
 * queued job starts without waiting for the next poll. Call it after the transaction that queued
 * the job has committed. Best effort: with another database, or when the notify fails, workers
 * still find the job on their next poll (every 0.25 s there by default).
 */
export const notifyWorkers = async ({ payload, queue }: { payload: Payload; queue: string }): Promise<void> => {
  if (getDatabaseKind({ payload }) !== 'postgres') return
  try {
    await notifyPostgres({ channel: JOBS_NOTIFY_CHANNEL, message: queue, payload })
  } catch (err) {
    payload.logger.warn({ err, msg: 'payload-plugin-generated-assets: could not notify workers' })
  }
}
