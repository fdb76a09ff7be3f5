'use client'
import { useModal } from '@payloadcms/ui'
import { useCallback, useEffect, useRef, useState } from 'react'

import type { GalleryAsset } from '../types.js'
import type { GalleryGridHandle } from './GalleryGrid.js'
import type { GalleryFeed } from './useGalleryFeed.js'

import { assetViewerModalSlug } from '../AssetViewer/index.js'

/** Load the next page when the viewer comes this close to the end of what is loaded. */
const LOAD_AHEAD = 6

/** The viewer's asset and its neighbours. */
export type ViewerNavigation = {
  /** The asset shown: the loaded one, else what it looked like when last seen. */
  asset: GalleryAsset | null
  /** Shows the asset at `index` (← →), scrolling the grid along. Ignores `-1`. */
  goTo: (index: number) => void
  /** The asset shown was deleted or moved to the trash elsewhere. */
  isGone: boolean
  isOpen: boolean
  /** The asset shown is loaded and not removed: star and delete apply to it. */
  isShown: boolean
  /** The next ready asset's index, `-1` if none (or the viewer is closed). */
  nextIndex: number
  /** Opens the viewer on an asset. */
  open: (asset: GalleryAsset, index: number) => void
  /** Index of the asset shown in the loaded list, `-1` if it is not there (any more). */
  openIndex: number
  /** Updates the remembered copy of an asset (its star, say) if it is the one shown. */
  patchShown: (id: number | string, update: (asset: GalleryAsset) => GalleryAsset) => void
  previousIndex: number
}

/**
 * Which asset the viewer shows and how ← → move through the ready assets around it. The asset
 * is followed by id, so live inserts and removals do not change what is shown; one deleted
 * elsewhere stays on screen as last seen (`isGone`). Each move makes that asset the grid's
 * active one (`onActivate`) and brings it into view, loading the next page near the end.
 */
export const useViewerNavigation = ({
  feed: { hasMore, items, loadMore },
  grid,
  onActivate,
}: {
  feed: Pick<GalleryFeed, 'hasMore' | 'items' | 'loadMore'>
  grid: React.RefObject<GalleryGridHandle | null>
  onActivate: (index: number) => void
}): ViewerNavigation => {
  const { isModalOpen, openModal } = useModal()
  const [openId, setOpenId] = useState<null | string>(null)
  const [snapshot, setSnapshot] = useState<GalleryAsset | null>(null)
  const lastOpenIndex = useRef(-1)
  const openIndex = openId === null ? -1 : items.findIndex((asset) => String(asset.id) === openId)
  if (openIndex !== -1) lastOpenIndex.current = openIndex
  const asset = openIndex !== -1 ? items[openIndex]! : snapshot
  const isOpen = isModalOpen(assetViewerModalSlug)
  useEffect(() => {
    if (openIndex !== -1 && items[openIndex] !== snapshot) setSnapshot(items[openIndex]!)
  }, [items, openIndex, snapshot])

  const show = useCallback(
    (next: GalleryAsset, index: number) => {
      setOpenId(String(next.id))
      setSnapshot(next)
      onActivate(index)
    },
    [onActivate],
  )
  const open = useCallback(
    (next: GalleryAsset, index: number) => {
      show(next, index)
      openModal(assetViewerModalSlug)
    },
    [openModal, show],
  )
  // From where the shown asset is, or was before it went (its old neighbours then still apply).
  const neighbour = (direction: -1 | 1): number => {
    const from = openIndex !== -1 ? openIndex : lastOpenIndex.current - (direction === 1 ? 1 : 0)
    for (let index = from + direction; index >= 0 && index < items.length; index += direction) {
      if (items[index]!.status === 'ready' && !items[index]!.isRemoved) return index
    }
    return -1
  }
  const goTo = (index: number) => {
    if (index < 0) return
    show(items[index]!, index)
    grid.current?.scrollToIndex(index)
    if (hasMore && index >= items.length - LOAD_AHEAD) loadMore()
  }
  const patchShown = useCallback((id: number | string, update: (current: GalleryAsset) => GalleryAsset) => {
    setSnapshot((current) => (current && String(current.id) === String(id) ? update(current) : current))
  }, [])

  return {
    asset,
    goTo,
    isGone: openId !== null && (openIndex === -1 || Boolean(items[openIndex]?.isRemoved)),
    isOpen,
    isShown: Boolean(asset) && openIndex !== -1 && !items[openIndex]?.isRemoved,
    nextIndex: isOpen ? neighbour(1) : -1,
    open,
    openIndex,
    patchShown,
    previousIndex: isOpen ? neighbour(-1) : -1,
  }
}
