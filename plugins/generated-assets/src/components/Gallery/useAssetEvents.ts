'use client'
import { useEffect, useRef, useState } from 'react'

import type { GalleryAsset } from '../types.js'

type RestDocument = Record<string, unknown>

/** A status change as the events endpoint sends it. */
export type AssetEvent = {
  /** The asset as REST returns it (depth 1), sent with `generation_complete`. */
  asset?: RestDocument
  error?: string
  /** The stable code of `error`, sent with `generation_failed`. */
  errorCode?: null | string
  id: number | string
  name: string
  status: NonNullable<GalleryAsset['status']>
}

const EVENT_NAMES = [
  'generation_started',
  'generation_progress',
  'generation_complete',
  'generation_failed',
  'asset_removed',
]

/**
 * Follows `GET {apiURL}/events` (Server-Sent Events) and calls `onEvent` for each status change.
 * Answers whether the stream is open: while it is not (not yet connected, dropped, or refused),
 * the gallery falls back to polling. The browser's EventSource reconnects by itself.
 */
export const useAssetEvents = ({
  apiURL,
  onEvent,
}: {
  apiURL: string
  onEvent: (event: AssetEvent) => void
}): boolean => {
  const [isLive, setIsLive] = useState(false)
  // The latest handler, so that a new one does not reopen the stream.
  const latest = useRef(onEvent)
  latest.current = onEvent
  useEffect(() => {
    if (typeof EventSource === 'undefined') return
    const source = new EventSource(`${apiURL}/events`, { withCredentials: true })
    const handle = (message: MessageEvent) => {
      try {
        latest.current({ ...(JSON.parse(message.data) as Omit<AssetEvent, 'name'>), name: message.type })
      } catch {
        // Not an event of ours.
      }
    }
    for (const name of EVENT_NAMES) source.addEventListener(name, handle as EventListener)
    source.onopen = () => setIsLive(true)
    source.onerror = () => setIsLive(false)
    return () => {
      source.close()
      setIsLive(false)
    }
  }, [apiURL])
  return isLive
}
