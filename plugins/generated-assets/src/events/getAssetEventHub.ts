import type { Payload } from 'payload'

import { EventEmitter } from 'node:events'

import type { AssetStatusEvent } from './types.js'

import { EVENTS_NOTIFY_CHANNEL } from '../defaults.js'
import { getPostgresPool, type PostgresClient } from '../utilities/getPostgres.js'

/** Receives status changes from every process: subscribe, and unsubscribe with the returned function. */
export type AssetEventHub = {
  subscribe: (listener: (event: AssetStatusEvent) => void) => () => void
}

const hubs = new WeakMap<Payload, AssetEventHub>()

/**
 * The process-wide event hub of a Payload instance. With Postgres it holds one `LISTEN`
 * connection on {@link EVENTS_NOTIFY_CHANNEL} (opened on the first subscriber, closed with the
 * last, reconnected with back-off when it drops), so a worker in any process reaches every web
 * instance. With another database, events published in this process are delivered in-process.
 */
export const getAssetEventHub = ({ payload }: { payload: Payload }): AssetEventHub => {
  const existing = hubs.get(payload)
  if (existing) return existing
  const emitter = new EventEmitter()
  emitter.setMaxListeners(0)
  const pool = getPostgresPool({ payload })
  let client: PostgresClient | undefined
  let connecting: Promise<void> | undefined
  let retryDelay = 500

  const connect = (): Promise<void> => {
    if (!pool || client || connecting) return connecting ?? Promise.resolve()
    connecting = (async () => {
      try {
        const next = await pool.connect()
        next.on('notification', (message: { channel: string; payload?: string }) => {
          if (message.channel !== EVENTS_NOTIFY_CHANNEL || !message.payload) return
          try {
            emitter.emit('event', JSON.parse(message.payload) as AssetStatusEvent)
          } catch {
            // A malformed payload is not ours to deliver.
          }
        })
        next.on('error', (err) => {
          payload.logger.warn({ err, msg: 'generated-assets events: LISTEN connection lost; reconnecting' })
          next.release(true)
          if (client === next) client = undefined
          scheduleReconnect()
        })
        await next.query(`LISTEN ${EVENTS_NOTIFY_CHANNEL}`)
        client = next
        retryDelay = 500
      } catch (err) {
        payload.logger.warn({ err, msg: 'generated-assets events: LISTEN failed; retrying' })
        scheduleReconnect()
      } finally {
        connecting = undefined
      }
    })()
    return connecting
  }
  const scheduleReconnect = () => {
    if (emitter.listenerCount('event') === 0) return
    setTimeout(() => void connect(), retryDelay).unref()
    retryDelay = Math.min(retryDelay * 2, 10_000)
  }

  const hub: AssetEventHub & { emitLocal: (event: AssetStatusEvent) => void } = {
    emitLocal: (event) => {
      if (!pool) emitter.emit('event', event)
    },
    subscribe: (listener) => {
      emitter.on('event', listener)
      void connect()
      return () => {
        emitter.off('event', listener)
        if (emitter.listenerCount('event') === 0 && client) {
          const closing = client
          client = undefined
          closing.release(true)
        }
      }
    },
  }
  hubs.set(payload, hub)
  return hub
}

/** Delivers an event in-process when the database has no NOTIFY (see {@link getAssetEventHub}). */
export const emitLocalAssetEvent = ({ event, payload }: { event: AssetStatusEvent; payload: Payload }) => {
  ;(getAssetEventHub({ payload }) as AssetEventHub & { emitLocal: (event: AssetStatusEvent) => void }).emitLocal(event)
}
