'use client'
import { useCallback, useMemo, useRef, useState } from 'react'

import type { GalleryAsset } from '../types.js'
import type { AssetTarget } from './galleryApi.js'
import type { TileClick } from './GalleryTile.js'

/** The gallery's selection and how to change it. Ids are compared as strings. */
export type GallerySelection = {
  /** Empties the selection. */
  clear: () => void
  /** Drops ids that are gone (deleted elsewhere, moved to the trash). */
  forget: (ids: (number | string)[]) => void
  /** What a bulk action or download on the selection targets: the ids, or the whole filter. */
  getTarget: (params: Record<string, string>) => AssetTarget
  /** Something is selected. */
  hasSelection: boolean
  /** `true` while "all N matching this filter" is selected, loaded or not. */
  isAllMatching: boolean
  isSelected: (id: number | string) => boolean
  /** Selected ids (loaded assets), in selection order. */
  selectedIds: string[]
  /** Selects every loaded asset. */
  selectAllLoaded: (ids: (number | string)[]) => void
  /** Selects every asset the filter matches, loaded or not. */
  selectAllMatching: (loadedIds: (number | string)[]) => void
  /**
   * Click on an asset: toggles it; with `isRange` (shift-click), selects every asset from the
   * last clicked one to this one in the order of `orderedIds`.
   */
  toggle: (id: number | string, options: { isRange: boolean; orderedIds: (number | string)[] }) => void
}

/**
 * Multi-selection by id, so it survives live inserts and removals: click toggles, shift-click
 * selects a range from the anchor (the last clicked asset), "all loaded" and "all matching".
 */
export const useGallerySelection = (): GallerySelection => {
  const [selected, setSelected] = useState<string[]>([])
  const [anchor, setAnchor] = useState<null | string>(null)
  const [isAllMatching, setIsAllMatching] = useState(false)
  const selectedSet = useMemo(() => new Set(selected), [selected])

  const toggle = useCallback<GallerySelection['toggle']>(
    (id, { isRange, orderedIds }) => {
      const key = String(id)
      setIsAllMatching(false)
      const order = orderedIds.map(String)
      if (isRange && anchor !== null && order.includes(anchor) && order.includes(key)) {
        const [start, end] = [order.indexOf(anchor), order.indexOf(key)].sort((a, b) => a - b) as [number, number]
        const range = order.slice(start, end + 1)
        setSelected((current) => [...current, ...range.filter((value) => !current.includes(value))])
      } else {
        setSelected((current) => (current.includes(key) ? current.filter((value) => value !== key) : [...current, key]))
      }
      setAnchor(key)
    },
    [anchor],
  )

  const selectAllLoaded = useCallback((ids: (number | string)[]) => {
    setIsAllMatching(false)
    setSelected(ids.map(String))
  }, [])

  const selectAllMatching = useCallback((loadedIds: (number | string)[]) => {
    setSelected(loadedIds.map(String))
    setIsAllMatching(true)
  }, [])

  const clear = useCallback(() => {
    setSelected([])
    setIsAllMatching(false)
    setAnchor(null)
  }, [])

  const forget = useCallback((ids: (number | string)[]) => {
    const gone = new Set(ids.map(String))
    setSelected((current) => (current.some((id) => gone.has(id)) ? current.filter((id) => !gone.has(id)) : current))
    setAnchor((current) => (current !== null && gone.has(current) ? null : current))
  }, [])

  const isSelected = useCallback(
    (id: number | string) => isAllMatching || selectedSet.has(String(id)),
    [isAllMatching, selectedSet],
  )

  const getTarget = useCallback(
    (params: Record<string, string>): AssetTarget => (isAllMatching ? { filter: params } : { ids: selected }),
    [isAllMatching, selected],
  )

  return {
    clear,
    forget,
    getTarget,
    hasSelection: isAllMatching || selected.length > 0,
    isAllMatching,
    isSelected,
    selectAllLoaded,
    selectAllMatching,
    selectedIds: selected,
    toggle,
  }
}

/**
 * A tile's select click (or Space): the tile becomes the active one and is toggled; with Shift,
 * the range from the last clicked one, over the assets not removed elsewhere, in grid order.
 */
export const useSelectByClick = ({
  items,
  onActivate,
  toggle,
}: {
  items: GalleryAsset[]
  onActivate: (index: number) => void
  toggle: GallerySelection['toggle']
}): ((click: TileClick) => void) => {
  const latest = useRef(items)
  latest.current = items
  return useCallback(
    ({ asset, index, isRange }: TileClick) => {
      onActivate(index)
      if (asset.isRemoved) return
      const orderedIds = latest.current.filter((item) => !item.isRemoved).map((item) => item.id)
      toggle(asset.id, { isRange, orderedIds })
    },
    [onActivate, toggle],
  )
}
