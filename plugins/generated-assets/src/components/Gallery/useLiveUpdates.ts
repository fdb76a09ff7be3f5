'use client'
import { useCallback, useEffect, useRef, useState } from 'react'

import type { GalleryAsset } from '../types.js'
import type { GalleryFeed } from './useGalleryFeed.js'

import { PENDING_STATUSES } from '../types.js'
import { fromRestDoc } from './galleryApi.js'
import { type AssetEvent, useAssetEvents } from './useAssetEvents.js'

/** Milliseconds between refreshes while an asset is pending and the event stream is down. */
export const PENDING_POLL_INTERVAL = 2000
/** Milliseconds to gather events about unknown assets into one refresh. */
const REFRESH_DELAY = 250
/** Milliseconds the stream may take to connect before the gallery says it is down. */
const OFFLINE_AFTER = 5000

/**
 * Keeps the loaded assets current from the events stream (SSE): status changes in place, assets
 * the grid does not know (made in another tab, by the API) fetched into the top, and assets
 * removed elsewhere marked in place (`markRemoved`) and dropped from the selection (`forget`). In
 * the trash, an event about a loaded asset means it was restored or deleted for good. While the
 * stream is down and something is pending, the first page is polled instead. Answers whether to
 * tell the editor that live updates are paused.
 */
export const useLiveUpdates = ({
  apiURL,
  feed,
  forget,
  isTrash,
}: {
  apiURL: string
  feed: Pick<GalleryFeed, 'items' | 'markRemoved' | 'patch' | 'refreshHead'>
  forget: (ids: (number | string)[]) => void
  isTrash: boolean
}): { isOffline: boolean } => {
  const { items, markRemoved, patch, refreshHead } = feed
  const refreshTimer = useRef<ReturnType<typeof setTimeout> | null>(null)
  const scheduleRefresh = useCallback(() => {
    if (refreshTimer.current) return
    refreshTimer.current = setTimeout(() => {
      refreshTimer.current = null
      void refreshHead()
    }, REFRESH_DELAY)
  }, [refreshHead])
  useEffect(() => () => clearTimeout(refreshTimer.current ?? undefined), [])

  const itemsRef = useRef(items)
  itemsRef.current = items
  const onEvent = useCallback(
    (event: AssetEvent) => {
      const id = String(event.id)
      const isKnown = itemsRef.current.some((asset) => String(asset.id) === id)
      if (event.name === 'asset_removed' || (isTrash && isKnown)) {
        // It keeps its place, marked, so that nothing moves under the editor.
        markRemoved([id])
        forget([id])
        return
      }
      if (isTrash) return
      if (!isKnown) {
        scheduleRefresh()
        return
      }
      patch(id, (asset: GalleryAsset) =>
        event.asset
          ? { ...fromRestDoc(event.asset), createdBy: asset.createdBy }
          : { ...asset, error: event.error ?? null, errorCode: event.errorCode ?? null, status: event.status },
      )
    },
    [forget, isTrash, markRemoved, patch, scheduleRefresh],
  )
  const isLive = useAssetEvents({ apiURL, onEvent })

  const [isOffline, setIsOffline] = useState(false)
  useEffect(() => {
    if (isLive) {
      setIsOffline(false)
      return
    }
    const timer = setTimeout(() => setIsOffline(true), OFFLINE_AFTER)
    return () => clearTimeout(timer)
  }, [isLive])

  const hasPending = !isTrash && items.some((asset) => PENDING_STATUSES.has(String(asset.status)))
  useEffect(() => {
    if (!hasPending || isLive) return
    const timer = setInterval(() => void refreshHead(), PENDING_POLL_INTERVAL)
    return () => clearInterval(timer)
  }, [hasPending, isLive, refreshHead])

  return { isOffline: isOffline && !isTrash }
}
