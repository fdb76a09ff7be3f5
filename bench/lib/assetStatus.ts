/**
 * Asset status changes, timestamped as they become visible, on either database:
 * - Postgres: the plugin's own status events (`NOTIFY generated_assets_events`, sent as the
 *   status write commits), received on a `LISTEN` connection of this process ({@link listenForStatusEvents});
 * - SQLite (no NOTIFY; the plugin's live events poll every 0.4 s, too coarse to time with): a host
 *   `afterChange` hook on the assets collection ({@link addStatusHook}), which sees every status
 *   write since the plugin makes each one through the Local API. db-sqlite runs without
 *   transactions in the demo config, so the row is written when the hook runs. In a worker process
 *   the hook prints {@link STATUS_LINE} lines (epoch times), which the benchmark feeds in
 *   ({@link parseStatusLine}).
 * Times are `performance.now()` of the benchmark process.
 */
import type { SanitizedConfig } from 'payload'

import { listen, parseAssetEvent } from './listen'

export type StatusEvent = { at: number; id: string; status: string }

export type StatusFeed = {
  received: StatusEvent[]
  push: (event: StatusEvent) => void
  /** The first event (past or future) of asset `id` with one of `statuses`; rejects after `timeoutMs`. */
  waitFor: (id: number | string, statuses: string[], timeoutMs: number) => Promise<StatusEvent>
  /** When asset `id` was first seen with `status` (NaN if never). */
  firstAt: (id: number | string, status: string) => number
  close: () => Promise<void>
}

export const createStatusFeed = ({ close = async () => undefined }: { close?: () => Promise<void> } = {}): StatusFeed => {
  const received: StatusEvent[] = []
  const waiters = new Set<{ match: (event: StatusEvent) => boolean; resolve: (event: StatusEvent) => void }>()
  return {
    close,
    firstAt: (id, status) => received.find((event) => event.id === String(id) && event.status === status)?.at ?? Number.NaN,
    push: (event) => {
      received.push(event)
      for (const waiter of waiters) {
        if (waiter.match(event)) {
          waiters.delete(waiter)
          waiter.resolve(event)
        }
      }
    },
    received,
    waitFor: (id, statuses, timeoutMs) => {
      const match = (event: StatusEvent) => event.id === String(id) && statuses.includes(event.status)
      const earlier = received.find(match)
      if (earlier) return Promise.resolve(earlier)
      return new Promise((resolve, reject) => {
        const waiter = {
          match,
          resolve: (event: StatusEvent) => {
            clearTimeout(timer)
            resolve(event)
          },
        }
        const timer = setTimeout(() => {
          waiters.delete(waiter)
          reject(new Error(`timed out after ${timeoutMs} ms waiting for asset ${id} to be ${statuses.join(' or ')}`))
        }, timeoutMs)
        waiters.add(waiter)
      })
    },
  }
}

/** Postgres: a feed of the plugin's status events on `generated_assets_events`. */
export const listenForStatusEvents = async ({ connectionString }: { connectionString: string }): Promise<StatusFeed> => {
  let feed: StatusFeed | undefined
  const listener = await listen({
    channels: ['generated_assets_events'],
    connectionString,
    onNotification: (notification) => {
      const event = parseAssetEvent(notification)
      if (event) feed?.push({ at: notification.receivedAt, id: String(event.id), status: event.status })
    },
  })
  feed = createStatusFeed({ close: listener.close })
  return feed
}

/**
 * Adds a host `afterChange` hook to `collectionSlug` of a built config (before `getPayload`),
 * calling `onStatus` whenever a write leaves a document with another status than before.
 */
export const addStatusHook = ({
  collectionSlug = 'generated-assets',
  config,
  onStatus,
}: {
  collectionSlug?: string
  config: SanitizedConfig
  onStatus: (id: string, status: string) => void
}): void => {
  const collection = config.collections.find((candidate) => candidate.slug === collectionSlug)
  if (!collection) throw new Error(`no collection ${collectionSlug}`)
  collection.hooks.afterChange = [
    ...(collection.hooks.afterChange ?? []),
    ({ doc, previousDoc }) => {
      if (doc?.status && doc.status !== previousDoc?.status) onStatus(String(doc.id), String(doc.status))
      return doc
    },
  ]
}

/** The line a worker process prints for each status change (bench/workerProcess.ts, BENCH_STATUS_LINES=1). */
export const STATUS_LINE = 'status '

export const epochNow = () => performance.timeOrigin + performance.now()

export const formatStatusLine = (id: string, status: string) =>
  `${STATUS_LINE}${JSON.stringify({ id, status, t: Math.round(epochNow() * 100) / 100 })}`

/** A {@link STATUS_LINE} line as an event of this process's clock, or undefined. */
export const parseStatusLine = (line: string): StatusEvent | undefined => {
  if (!line.startsWith(STATUS_LINE)) return undefined
  const { id, status, t } = JSON.parse(line.slice(STATUS_LINE.length)) as { id: string; status: string; t: number }
  return { at: t - performance.timeOrigin, id, status }
}
