import type { PayloadRequest } from 'payload'

import type { AssetStatusEvent } from './types.js'

import { EVENTS_NOTIFY_CHANNEL } from '../defaults.js'
import { getPostgresPool } from '../utilities/getPostgres.js'
import { emitLocalAssetEvent } from './getAssetEventHub.js'

type TransactionSession = { db?: { execute: (query: string) => Promise<unknown> } }

const quote = (value: string) => `'${value.replace(/'/g, "''")}'`

/**
 * Publishes a status change to every process (DESIGN §3.6). Inside a transaction the
 * `NOTIFY` runs on the transaction's own connection, so listeners hear of the change only once
 * it has committed (and never of a change that rolled back); outside one it is sent at once.
 * Side effect after a write: failures are logged, never thrown into the save.
 */
export const publishAssetEvent = async ({
  event,
  req,
}: {
  event: AssetStatusEvent
  req: PayloadRequest
}): Promise<void> => {
  const { payload } = req
  const pool = getPostgresPool({ payload })
  if (!pool) {
    emitLocalAssetEvent({ event, payload })
    return
  }
  const body = JSON.stringify(event)
  try {
    const transactionID = req.transactionID ? await req.transactionID : undefined
    const sessions = (payload.db as unknown as { sessions?: Record<string, TransactionSession> }).sessions
    const session = transactionID !== undefined ? sessions?.[String(transactionID)] : undefined
    if (session?.db?.execute) {
      await session.db.execute(`select pg_notify(${quote(EVENTS_NOTIFY_CHANNEL)}, ${quote(body)})`)
    } else {
      await pool.query('select pg_notify($1, $2)', [EVENTS_NOTIFY_CHANNEL, body])
    }
  } catch (err) {
    payload.logger.error({ err, msg: 'generated-assets: could not publish a status event' })
  }
}
