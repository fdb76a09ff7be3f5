import type { Payload } from 'payload'

import { LRUCache } from 'lru-cache'

import type { AssetStatusEvent } from './types.js'

import { getRelationId } from '../utilities/getRelationId.js'

/** Milliseconds between two looks at the assets changed since the last one. */
export const POLL_INTERVAL_MS = 400
/**
 * Milliseconds each look reaches back before the previous one: a write whose transaction
 * committed after a later one (or whose process's clock is a little behind) is still seen.
 */
const LOOKBACK_MS = 5000
/** Most changes one look delivers; more are picked up by the next look. */
const PAGE_SIZE = 200
/** Milliseconds, and how many assets, the last delivered state of each changed asset is remembered. */
const REMEMBER_MS = 10 * 60 * 1000
const REMEMBER_ASSETS = 10_000

/**
 * The change feed where the database has no `NOTIFY` (SQLite, MongoDB, …): while `onEvent` is
 * subscribed, looks every {@link POLL_INTERVAL_MS} ms through the Local API for assets whose
 * `updatedAt` (indexed) moved, and delivers each status change, verdict change, trash and restore once, from
 * whichever process made it; a change of another field (a star, a share) delivers nothing. States
 * that pass within one look (`generating` → `ingesting`) are coalesced into the last one, except
 * the start of the model call: an asset found `ingesting` or `ready` whose row records a model
 * call of this run (`inferenceTime` set, an attempt counted, queued within the last 10 minutes) that no look saw
 * `generating` delivers `generating` first, so every stream hears `generation_started` before
 * `generation_complete`, as the Postgres feed delivers them. Each
 * asset's last delivered state is remembered for 10 minutes (at most 10,000 assets): a change of
 * another field after that repeats its current state once, which the gallery takes as it is.
 * Permanent deletes leave no row to find: the process that deletes publishes those itself
 * (in-process), so a stream served by another web instance learns of them only from the next
 * gallery page.
 */
export const pollAssetChanges = ({
  collectionSlug,
  onEvent,
  payload,
}: {
  collectionSlug: string
  onEvent: (event: AssetStatusEvent) => void
  payload: Payload
}): { close: () => void } => {
  /** The last state delivered of each recently changed asset: `status|deleted`. */
  const delivered = new LRUCache<string, string>({ max: REMEMBER_ASSETS, ttl: REMEMBER_MS })
  /** The run (`queuedAt|attempts`) of each recently changed asset whose `generating` was delivered. */
  const startDelivered = new LRUCache<string, string>({ max: REMEMBER_ASSETS, ttl: REMEMBER_MS })
  let since = Date.now()
  let isClosed = false
  let timer: NodeJS.Timeout | undefined

  const look = async () => {
    const startedAt = Date.now()
    const { docs } = await payload.find({
      collection: collectionSlug,
      depth: 0,
      limit: PAGE_SIZE,
      overrideAccess: true,
      pagination: false,
      select: {
        attempts: true,
        createdBy: true,
        deletedAt: true,
        error: true,
        errorCode: true,
        inferenceTime: true,
        kind: true,
        queuedAt: true,
        status: true,
        updatedAt: true,
        verdict: true,
      },
      sort: 'updatedAt',
      trash: true,
      where: { updatedAt: { greater_than_equal: new Date(since - LOOKBACK_MS).toISOString() } },
    })
    for (const doc of docs as Record<string, any>[]) {
      const version = `${doc.status}|${Boolean(doc.deletedAt)}|${doc.verdict ?? ''}`
      const key = String(doc.id)
      if (delivered.get(key) === version) continue
      delivered.set(key, version)
      const event: AssetStatusEvent = {
        createdBy: getRelationId(doc.createdBy) ?? null,
        deleted: doc.deletedAt ? true : undefined,
        error: doc.status === 'failed' ? String(doc.error ?? '').slice(0, 2000) : undefined,
        errorCode: doc.status === 'failed' ? (doc.errorCode ?? null) : undefined,
        id: doc.id,
        kind: doc.kind === 'video' ? 'video' : 'image',
        status: doc.status,
      }
      const run = `${doc.queuedAt}|${doc.attempts}`
      // Runs queued longer ago than the memory lasts are not this feed's to complete (a star on an old asset).
      const hasModelCall =
        typeof doc.inferenceTime === 'number' &&
        Number(doc.attempts) > 0 &&
        startedAt - new Date(doc.queuedAt).getTime() < REMEMBER_MS
      if (doc.status === 'generating') startDelivered.set(key, run)
      else if (
        !doc.deletedAt &&
        hasModelCall &&
        (doc.status === 'ingesting' || doc.status === 'ready') &&
        startDelivered.get(key) !== run
      ) {
        startDelivered.set(key, run)
        onEvent({ ...event, status: 'generating' })
      }
      onEvent(event)
    }
    const full = docs.length === PAGE_SIZE
    const last = docs.at(-1) as { updatedAt?: string } | undefined
    since = full && last?.updatedAt ? new Date(last.updatedAt).getTime() + LOOKBACK_MS : startedAt
  }
  const loop = async () => {
    if (isClosed) return
    try {
      await look()
    } catch (err) {
      payload.logger.warn({ err, msg: 'generated-assets events: polling for changes failed; trying again' })
    }
    if (!isClosed) timer = setTimeout(() => void loop(), POLL_INTERVAL_MS)
  }
  timer = setTimeout(() => void loop(), POLL_INTERVAL_MS)
  return {
    close: () => {
      isClosed = true
      clearTimeout(timer)
    },
  }
}
