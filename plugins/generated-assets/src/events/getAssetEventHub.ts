import type { Payload } from 'payload'

import { EventEmitter } from 'node:events'

import type { AssetStatusEvent } from './types.js'

import { getDatabaseKind } from '../adapters/getDatabaseKind.js'
import { listenForNotifications } from '../adapters/postgres/listenForNotifications.js'
import { EVENTS_NOTIFY_CHANNEL } from '../defaults.js'
import { pollAssetChanges } from './pollAssetChanges.js'

/** Receives status changes from every process: subscribe, and unsubscribe with the returned function. */
export type AssetEventHub = {
  /** Delivers an event published in this process that the change feed cannot see (see {@link publishAssetEvent}). */
  emitLocal: (event: AssetStatusEvent) => void
  /** `true` when the feed delivers this process's own changes too (Postgres `NOTIFY`). */
  hasNotify: boolean
  subscribe: (listener: (event: AssetStatusEvent) => void) => () => void
}

const hubs = new WeakMap<Payload, AssetEventHub>()

/** The hub of `payload` if this process has one (someone subscribed), else `undefined`. */
export const findAssetEventHub = ({ payload }: { payload: Payload }): AssetEventHub | undefined => hubs.get(payload)

/**
 * The process-wide event hub of a Payload instance and its assets collection. While anyone is
 * subscribed it holds one change feed, so a worker in any process reaches every web instance:
 * with Postgres a `LISTEN` connection on {@link EVENTS_NOTIFY_CHANNEL} (the collection's hooks
 * `NOTIFY` it), with any other database a poll of the assets changed since the last look
 * ({@link pollAssetChanges}, every 0.4 s).
 */
export const getAssetEventHub = ({ collectionSlug, payload }: { collectionSlug: string; payload: Payload }): AssetEventHub => {
  const existing = hubs.get(payload)
  if (existing) return existing
  const emitter = new EventEmitter()
  emitter.setMaxListeners(0)
  const hasNotify = getDatabaseKind({ payload }) === 'postgres'
  const emit = (event: AssetStatusEvent) => emitter.emit('event', event)
  let feed: { close: () => void } | undefined

  const openFeed = () =>
    hasNotify
      ? listenForNotifications({
          channel: EVENTS_NOTIFY_CHANNEL,
          onPayload: (message) => {
            try {
              emit(JSON.parse(message) as AssetStatusEvent)
            } catch {
              // A malformed payload is not ours to deliver.
            }
          },
          payload,
        })
      : pollAssetChanges({ collectionSlug, onEvent: emit, payload })

  const hub: AssetEventHub = {
    emitLocal: (event) => {
      if (emitter.listenerCount('event') > 0) emit(event)
    },
    hasNotify,
    subscribe: (listener) => {
      emitter.on('event', listener)
      feed ??= openFeed()
      return () => {
        emitter.off('event', listener)
        if (emitter.listenerCount('event') === 0 && feed) {
          feed.close()
          feed = undefined
        }
      }
    },
  }
  hubs.set(payload, hub)
  return hub
}
