import type { PayloadRequest } from 'payload'

import type { AssetStatusEvent } from './types.js'

import { getDatabaseKind } from '../adapters/getDatabaseKind.js'
import { EVENTS_NOTIFY_CHANNEL } from '../defaults.js'
import { executeSQL, toSQLLiteral } from '../adapters/postgres/executeSQL.js'
import { findAssetEventHub } from './getAssetEventHub.js'

/**
 * Publishes a status change to every process. With Postgres it is a `NOTIFY`; inside a
 * transaction it runs on the transaction's own connection, so listeners hear of the change only
 * once it has committed (and never of a change that rolled back). With other databases every
 * process's change feed polls the assets themselves (`pollAssetChanges`), so only a change that
 * leaves no row behind (`isRowGone`: a permanent delete) is delivered here, in this process.
 * Side effect after a write: failures are logged, never thrown into the save.
 */
export const publishAssetEvent = async ({
  event,
  isRowGone = false,
  req,
}: {
  event: AssetStatusEvent
  isRowGone?: boolean
  req: PayloadRequest
}): Promise<void> => {
  const { payload } = req
  if (getDatabaseKind({ payload }) !== 'postgres') {
    if (isRowGone) findAssetEventHub({ payload })?.emitLocal(event)
    return
  }
  try {
    await executeSQL({
      req,
      sql: `select pg_notify(${toSQLLiteral(EVENTS_NOTIFY_CHANNEL)}, ${toSQLLiteral(JSON.stringify(event))})`,
    })
  } catch (err) {
    payload.logger.error({ err, msg: 'generated-assets: could not publish a status event' })
  }
}
