'use client'
import { useCallback, useEffect, useRef, useState } from 'react'

import type { GeneratedAssetsT } from '../../translations/types.js'
import type { GalleryAsset } from '../types.js'
import type { GalleryPageResponse } from './galleryApi.js'

import { FIRST_PAGE_SIZE, PAGE_SIZE } from './constants.js'
import { findAddedAtTop, mergeIntoHeld, mergeIntoItems } from './feedMerge.js'
import { fetchGalleryPage } from './galleryApi.js'

/** The gallery's loaded assets and how to load, refresh and change them. */
export type GalleryFeed = {
  error: null | string
  hasMore: boolean
  /** The first page of this filter is loading (the grid is empty or stale). */
  isLoading: boolean
  isLoadingMore: boolean
  /** Loaded assets, in the gallery's order. */
  items: GalleryAsset[]
  /** Loads the next page, unless one is loading or there is none. */
  loadMore: () => void
  /** Keeps removed assets in place, marked `isRemoved` (removed elsewhere), and lowers the count. */
  markRemoved: (ids: (number | string)[]) => void
  /** New assets held back while the editor is scrolled down (see `isAtTop`). */
  newCount: number
  /** Changes loaded assets in place (`null` from `update` removes one). */
  patch: (id: number | string, update: (asset: GalleryAsset) => GalleryAsset | null) => void
  /** Reloads the first page and adds what is new at the top, keeping everything loaded. */
  refreshHead: () => Promise<void>
  /** Drops assets (deleted, trashed, restored elsewhere) and lowers the count. */
  remove: (ids: (number | string)[]) => void
  /** Starts over with the first page (after a bulk action, say). */
  reload: () => void
  /** Puts the held-back new assets at the top. */
  showNew: () => void
  /** How many assets match the filter, when known. */
  totalDocs: null | number
}

/**
 * Keyset infinite loading of the gallery endpoint for one filter (`params`, `sort`): the first
 * page with the match count, then `nextCursor` pages on demand. A change of filter starts over
 * (aborting what was in flight). `initialPage` is the server-rendered first page of
 * `initialKey`'s filter, used instead of a first request. New assets found by `refreshHead` go to
 * the top at once only while `isAtTop()`; otherwise they are held (`newCount`) until `showNew`,
 * so nothing moves under an editor who has scrolled down. `t` words a failure the server did not
 * explain.
 */
export const useGalleryFeed = ({
  apiURL,
  initialKey,
  initialPage,
  isAtTop,
  params,
  sort,
  t,
}: {
  apiURL: string
  initialKey: string
  initialPage: GalleryPageResponse | null
  isAtTop: () => boolean
  params: Record<string, string>
  sort: 'newest' | 'oldest'
  t: GeneratedAssetsT
}): GalleryFeed => {
  const key = JSON.stringify([params, sort])
  const isInitial = key === initialKey && initialPage !== null
  const [items, setItems] = useState<GalleryAsset[]>(isInitial ? initialPage.items : [])
  const [nextCursor, setNextCursor] = useState<null | string>(isInitial ? initialPage.nextCursor : null)
  const [totalDocs, setTotalDocs] = useState<null | number>(isInitial ? (initialPage.totalDocs ?? null) : null)
  const [isLoading, setIsLoading] = useState(!isInitial)
  const [isLoadingMore, setIsLoadingMore] = useState(false)
  const [error, setError] = useState<null | string>(null)
  const [generation, setGeneration] = useState(0)
  const [held, setHeld] = useState<GalleryAsset[]>([])
  const heldRef = useRef(held)
  heldRef.current = held
  const isAtTopRef = useRef(isAtTop)
  isAtTopRef.current = isAtTop
  const loadedKey = useRef(isInitial ? key : '')
  const controller = useRef<AbortController | null>(null)
  const isLoadingMoreRef = useRef(false)
  /**
   * Order of what the feed learned about each asset: a counter bumped when a first-page refresh
   * starts and when an asset is patched (a live event, a star). A refresh's copy of an asset is
   * used only if nothing newer was learned about it after that refresh started, so a page that
   * answers after a live event (or after a later refresh) cannot put a ready asset back to
   * `generating`: no event would come to correct it.
   */
  const clock = useRef(0)
  const learnedAt = useRef(new Map<string, number>())
  /** When the count was last lowered here (an asset removed): an older refresh's count is stale. */
  const countLoweredAt = useRef(0)
  const lowerTotal = useCallback((by: number) => {
    countLoweredAt.current = ++clock.current
    setTotalDocs((total) => (total === null ? null : Math.max(0, total - by)))
  }, [])
  const state = useRef({ items, key, nextCursor, params, sort, t })
  state.current = { items, key, nextCursor, params, sort, t }

  useEffect(() => {
    if (loadedKey.current === key && generation === 0) return
    loadedKey.current = key
    controller.current?.abort()
    const abort = new AbortController()
    controller.current = abort
    isLoadingMoreRef.current = false
    setHeld([])
    setIsLoading(true)
    setIsLoadingMore(false)
    setError(null)
    fetchGalleryPage({ apiURL, count: true, limit: FIRST_PAGE_SIZE, params, signal: abort.signal, sort, t })
      .then((page) => {
        if (abort.signal.aborted) return
        setItems(page.items)
        setNextCursor(page.nextCursor)
        setTotalDocs(page.totalDocs ?? null)
        setIsLoading(false)
      })
      .catch((reason: Error) => {
        if (abort.signal.aborted) return
        setItems([])
        setNextCursor(null)
        setError(reason.message)
        setIsLoading(false)
      })
    return () => abort.abort()
    // `params` and `sort` are what `key` is made of.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [apiURL, key, generation])

  const loadMore = useCallback(() => {
    const { key: requestKey, nextCursor: cursor, params: currentParams, sort: currentSort } = state.current
    if (!cursor || isLoadingMoreRef.current) return
    isLoadingMoreRef.current = true
    setIsLoadingMore(true)
    const signal = controller.current?.signal
    fetchGalleryPage({ apiURL, cursor, limit: PAGE_SIZE, params: currentParams, signal, sort: currentSort, t: state.current.t })
      .then((page) => {
        if (signal?.aborted || state.current.key !== requestKey) return
        setItems((current) => {
          const seen = new Set(current.map((asset) => String(asset.id)))
          return [...current, ...page.items.filter((asset) => !seen.has(String(asset.id)))]
        })
        setNextCursor(page.nextCursor)
      })
      .catch((reason: Error) => {
        if (!signal?.aborted) setError(reason.message)
      })
      .finally(() => {
        if (state.current.key === requestKey) {
          isLoadingMoreRef.current = false
          setIsLoadingMore(false)
        }
      })
  }, [apiURL])

  const refreshHead = useCallback(async () => {
    const { key: requestKey, params: currentParams, sort: currentSort } = state.current
    const startedAt = ++clock.current
    try {
      const page = await fetchGalleryPage({
        apiURL,
        count: true,
        limit: FIRST_PAGE_SIZE,
        params: currentParams,
        sort: currentSort,
        t: state.current.t,
      })
      if (state.current.key !== requestKey) return
      const current = state.current.items
      const fresh = new Map(
        page.items
          .filter((asset) => (learnedAt.current.get(String(asset.id)) ?? 0) < startedAt)
          .map((asset) => [String(asset.id), asset]),
      )
      for (const id of fresh.keys()) learnedAt.current.set(id, startedAt)
      const added = findAddedAtTop({ current, fresh, sort: currentSort })
      const isShown = added.length > 0 && (current.length === 0 || isAtTopRef.current())
      setItems((items) => mergeIntoItems({ added, fresh, isShown, items }))
      setHeld((pending) => mergeIntoHeld({ added, fresh, isShown, pending }))
      if (page.totalDocs !== undefined && countLoweredAt.current < startedAt) setTotalDocs(page.totalDocs)
      if (!state.current.items.length) setNextCursor(page.nextCursor)
    } catch {
      // A failed refresh leaves the grid as it is; the next event tries again.
    }
  }, [apiURL])

  const patch = useCallback((id: number | string, update: (asset: GalleryAsset) => GalleryAsset | null) => {
    const current = state.current.items.find((asset) => String(asset.id) === String(id))
    if (!current) return
    const next = update(current)
    if (next === current) return
    learnedAt.current.set(String(id), ++clock.current)
    if (next === null) {
      lowerTotal(1)
      setItems((items) => items.filter((asset) => String(asset.id) !== String(id)))
      return
    }
    setItems((items) => items.map((asset) => (String(asset.id) === String(id) ? next : asset)))
  }, [lowerTotal])

  const remove = useCallback((ids: (number | string)[]) => {
    const gone = new Set(ids.map(String))
    // A page fetched before they went must not bring them back.
    for (const id of gone) learnedAt.current.set(id, ++clock.current)
    setHeld((pending) =>
      pending.some((asset) => gone.has(String(asset.id)))
        ? pending.filter((asset) => !gone.has(String(asset.id)))
        : pending,
    )
    const removed = state.current.items.filter((asset) => gone.has(String(asset.id)) && !asset.isRemoved).length
    if (!state.current.items.some((asset) => gone.has(String(asset.id)))) return
    if (removed) lowerTotal(removed)
    setItems((items) => items.filter((asset) => !gone.has(String(asset.id))))
  }, [lowerTotal])

  const markRemoved = useCallback((ids: (number | string)[]) => {
    const gone = new Set(ids.map(String))
    for (const id of gone) learnedAt.current.set(id, ++clock.current)
    const heldGone = heldRef.current.filter((asset) => gone.has(String(asset.id))).length
    if (heldGone) {
      setHeld((pending) => pending.filter((asset) => !gone.has(String(asset.id))))
      lowerTotal(heldGone)
    }
    const removed = state.current.items.filter((asset) => gone.has(String(asset.id)) && !asset.isRemoved).length
    if (!removed) return
    lowerTotal(removed)
    setItems((items) =>
      items.map((asset) => (gone.has(String(asset.id)) && !asset.isRemoved ? { ...asset, isRemoved: true } : asset)),
    )
  }, [lowerTotal])

  const showNew = useCallback(() => {
    const pending = heldRef.current
    if (!pending.length) return
    setHeld([])
    setItems((items) => {
      const known = new Set(items.map((asset) => String(asset.id)))
      return [...pending.filter((asset) => !known.has(String(asset.id))), ...items]
    })
  }, [])

  const reload = useCallback(() => setGeneration((value) => value + 1), [])

  return {
    error,
    hasMore: Boolean(nextCursor),
    isLoading,
    isLoadingMore,
    items,
    loadMore,
    markRemoved,
    newCount: held.length,
    patch,
    refreshHead,
    remove,
    reload,
    showNew,
    totalDocs,
  }
}
