'use client'
import { useEffect, useState } from 'react'

import { PENDING_STATUSES } from '../types.js'

/** A variation as the field drawer shows it. */
export type DrawerItem = {
  alt?: null | string
  error?: null | string
  /** The stable code of `error`, to show it in the editor's language. */
  errorCode?: null | string
  id: number | string
  status: string
  thumbnailUrl?: null | string
}

/** Milliseconds between two reads of variations still being made. */
const POLL_INTERVAL = 1000

/**
 * The variations `items` as they are now: read from the collection's REST API (`GET
 * /api/{collection}?where[id][in]=…`, as the user, depth 0) once a second while any is queued,
 * generating or ingesting, then no more. Each keeps its place; the thumbnail is the stored
 * WebP thumbnail (else the file itself).
 */
export const useBatchStatus = ({ apiURL, items }: { apiURL: string; items: DrawerItem[] }): DrawerItem[] => {
  const [live, setLive] = useState<DrawerItem[]>(items)
  useEffect(() => {
    setLive(items)
    if (!items.length) return
    let isCancelled = false
    let timer: ReturnType<typeof setTimeout> | undefined
    const read = async () => {
      const search = new URLSearchParams({ depth: '0', limit: String(items.length) })
      items.forEach((item, index) => search.set(`where[id][in][${index}]`, String(item.id)))
      try {
        const response = await fetch(`${apiURL}?${search}`, { credentials: 'include' })
        if (response.ok) {
          const { docs } = (await response.json()) as { docs: Record<string, any>[] }
          const byId = new Map(docs.map((doc) => [String(doc.id), doc]))
          const next = items.map((item) => {
            const doc = byId.get(String(item.id))
            if (!doc) return item
            return {
              alt: doc.alt,
              error: doc.error,
              errorCode: doc.errorCode,
              id: item.id,
              status: doc.status,
              thumbnailUrl: doc.thumbnailURL ?? doc.url ?? null,
            }
          })
          if (isCancelled) return
          setLive(next)
          if (!next.some((item) => PENDING_STATUSES.has(item.status))) return
        }
      } catch {
        // A failed read is tried again on the next tick.
      }
      if (!isCancelled) timer = setTimeout(() => void read(), POLL_INTERVAL)
    }
    void read()
    return () => {
      isCancelled = true
      clearTimeout(timer)
    }
  }, [apiURL, items])
  return live
}
