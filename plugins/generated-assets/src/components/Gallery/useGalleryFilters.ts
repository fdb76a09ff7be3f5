'use client'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'

import type { GalleryFilterState } from './galleryFilters.js'

import { isSameFilters, toFilterParams, writeFilters } from './galleryFilters.js'

/** The gallery's filters and what follows from them. */
export type GalleryFilters = {
  /** Sets new filters (a no-op when they ask for the same assets). */
  changeFilters: (next: GalleryFilterState) => void
  /** `JSON.stringify([params, order])`: changes exactly when the assets asked for change. */
  filterKey: string
  filters: GalleryFilterState
  /** Something narrows the view (a search or a filter; the trash itself does not count). */
  isFiltered: boolean
  /** The gallery endpoint's parameters for these filters (see `toFilterParams`). */
  params: Record<string, string>
}

/**
 * The gallery's filters, mirrored into the URL with `history.replaceState` (no server round trip;
 * Next's router stays in sync), so a view can be bookmarked and survives a reload.
 */
export const useGalleryFilters = ({
  initialFilters,
  isTrash,
}: {
  /** Filters the server read from the URL. */
  initialFilters: GalleryFilterState
  isTrash: boolean
}): GalleryFilters => {
  const [filters, setFilters] = useState(initialFilters)
  const changeFilters = useCallback((next: GalleryFilterState) => {
    setFilters((current) => (isSameFilters(current, next) ? current : next))
  }, [])
  useEffect(() => {
    const search = writeFilters(new URLSearchParams(window.location.search), filters).toString()
    if (search !== window.location.search.replace(/^\?/, '')) {
      window.history.replaceState(window.history.state, '', `${window.location.pathname}${search ? `?${search}` : ''}`)
    }
  }, [filters])
  const params = useMemo(() => toFilterParams(filters, { isTrash }), [filters, isTrash])
  return {
    changeFilters,
    filterKey: JSON.stringify([params, filters.order]),
    filters,
    isFiltered: Boolean(filters.q) || Object.keys(params).some((key) => key !== 'trash'),
    params,
  }
}

/** Calls `onChange` after a render whose `filterKey` differs from the one before (not on the first). */
export const useFilterChange = ({ filterKey, onChange }: { filterKey: string; onChange: () => void }): void => {
  const previous = useRef(filterKey)
  const latest = useRef(onChange)
  latest.current = onChange
  useEffect(() => {
    if (previous.current === filterKey) return
    previous.current = filterKey
    latest.current()
  }, [filterKey])
}
