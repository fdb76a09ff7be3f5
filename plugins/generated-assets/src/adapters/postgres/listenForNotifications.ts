import type { Payload } from 'payload'

import { getPostgresPool, type PostgresClient } from '../../utilities/getPostgres.js'

/**
 * Postgres: holds one `LISTEN` connection on `channel` from the adapter's pool and hands every
 * notification's payload to `onPayload`; when the connection drops it reconnects with back-off
 * (0.5 s doubling up to 10 s) until {@link close} is called. Postgres `NOTIFY` is delivered when
 * the notifying transaction commits, so listeners never hear of a change that rolled back.
 * Other adapters have no such channel: the plugin polls there (`events/pollAssetChanges.ts`).
 */
export const listenForNotifications = ({
  channel,
  onPayload,
  payload,
}: {
  channel: string
  onPayload: (message: string) => void
  payload: Payload
}): { close: () => void } => {
  const pool = getPostgresPool({ payload })!
  let client: PostgresClient | undefined
  let isClosed = false
  let retryDelay = 500

  const scheduleReconnect = () => {
    if (isClosed) return
    setTimeout(() => void connect(), retryDelay).unref()
    retryDelay = Math.min(retryDelay * 2, 10_000)
  }
  const connect = async () => {
    try {
      const next = await pool.connect()
      if (isClosed) {
        next.release(true)
        return
      }
      next.on('notification', (message: { channel: string; payload?: string }) => {
        if (message.channel === channel && message.payload) onPayload(message.payload)
      })
      next.on('error', (err) => {
        payload.logger.warn({ err, msg: `generated-assets: LISTEN ${channel} connection lost; reconnecting` })
        next.release(true)
        if (client === next) client = undefined
        scheduleReconnect()
      })
      await next.query(`LISTEN ${channel}`)
      client = next
      retryDelay = 500
    } catch (err) {
      payload.logger.warn({ err, msg: `generated-assets: LISTEN ${channel} failed; retrying` })
      scheduleReconnect()
    }
  }
  void connect()
  return {
    close: () => {
      isClosed = true
      // Close the connection rather than returning a LISTENing one to the pool.
      client?.release(true)
      client = undefined
    },
  }
}

/**
 * Postgres: `pg_notify(channel, payload)` on the adapter's pool (outside any transaction: call it
 * after the transaction that made the change has committed).
 */
export const notifyPostgres = async ({
  channel,
  message,
  payload,
}: {
  channel: string
  message: string
  payload: Payload
}): Promise<void> => {
  await getPostgresPool({ payload })!.query('select pg_notify($1, $2)', [channel, message])
}
