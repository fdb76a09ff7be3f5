'use client'
import { useModal } from '@payloadcms/ui'
import { useCallback, useEffect, useRef, useState } from 'react'

import type { GalleryGridHandle } from './GalleryGrid.js'

import { assetViewerModalSlug } from '../AssetViewer/index.js'
import { confirmDeleteModalSlug } from '../ConfirmDeleteModal/index.js'

/** The grid's active tile (the keyboard's), and moving it. */
export type GridFocus = {
  /** The active tile's index, `-1` before any. */
  activeIndex: number
  /** Makes the tile at `index` (clamped to the loaded ones) active, brings it into view and focuses it. */
  moveTo: (index: number) => void
  /** Makes a tile active without moving focus (a click, the viewer's ← →). */
  setActiveIndex: (index: number) => void
}

/**
 * A roving focus over the grid's tiles: the active tile is the one tab reaches and the arrows move
 * from. When the viewer closes (and no delete confirmation took its place), focus goes back to the
 * tile of the asset last shown.
 */
export const useGridFocus = ({
  grid,
  itemCount,
}: {
  grid: React.RefObject<GalleryGridHandle | null>
  /** How many assets are loaded. */
  itemCount: number
}): GridFocus => {
  const { isModalOpen } = useModal()
  const isViewerOpen = isModalOpen(assetViewerModalSlug)
  const [activeIndex, setActiveIndex] = useState(-1)
  const count = useRef(itemCount)
  count.current = itemCount
  const moveTo = useCallback(
    (index: number) => {
      const clamped = Math.max(0, Math.min(index, count.current - 1))
      setActiveIndex(clamped)
      grid.current?.scrollToIndex(clamped)
      grid.current?.focusTile(clamped)
    },
    [grid],
  )
  const wasViewerOpen = useRef(false)
  useEffect(() => {
    if (wasViewerOpen.current && !isViewerOpen && activeIndex >= 0 && !isModalOpen(confirmDeleteModalSlug)) {
      grid.current?.scrollToIndex(activeIndex)
      grid.current?.focusTile(activeIndex)
    }
    wasViewerOpen.current = isViewerOpen
  }, [activeIndex, grid, isModalOpen, isViewerOpen])
  return { activeIndex, moveTo, setActiveIndex }
}
