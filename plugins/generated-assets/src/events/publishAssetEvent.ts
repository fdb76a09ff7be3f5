import type { PayloadRequest } from 'payload'

import type { AssetStatusEvent } from './types.js'

import { EVENTS_NOTIFY_CHANNEL } from '../defaults.js'
import { executeSQL, toSQLLiteral } from '../utilities/executeSQL.js'
import { getPostgresPool } from '../utilities/getPostgres.js'
import { emitLocalAssetEvent } from './getAssetEventHub.js'

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
  if (!getPostgresPool({ payload })) {
    emitLocalAssetEvent({ event, payload })
    return
  }
  try {
    await executeSQL({ req, sql: `select pg_notify(${toSQLLiteral(EVENTS_NOTIFY_CHANNEL)}, ${toSQLLiteral(JSON.stringify(event))})` })
  } catch (err) {
    payload.logger.error({ err, msg: 'generated-assets: could not publish a status event' })
  }
}
