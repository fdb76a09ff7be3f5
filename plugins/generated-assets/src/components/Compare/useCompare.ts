'use client'
import { useModal } from '@payloadcms/ui'
import { useCallback, useState } from 'react'

import type { GalleryAsset } from '../types.js'

import { assetViewerModalSlug } from '../AssetViewer/index.js'
import { compareModalSlug } from './CompareView.js'

/** The gallery's comparison: what is compared, and the viewer's "Compare with…" waiting for its pick. */
export type GalleryCompare = {
  /** The assets compared (2 to 4), in the order first shown. */
  assets: GalleryAsset[]
  /** Ends the pick without comparing. */
  cancelPick: () => void
  /** Opens the compare view on these assets (2 to 4; more are cut to the first four). */
  compare: (assets: GalleryAsset[]) => void
  /** Counts comparisons, for the view's `key`: each starts afresh. */
  key: number
  /** The pick: compares the asset waiting with this one (the same asset ends the pick). */
  pick: (asset: GalleryAsset) => void
  /** The asset "Compare with…" was chosen for, until the other one is picked. */
  pickFor: GalleryAsset | null
  /** "Compare with…": closes the viewer and waits for the other asset. */
  startPick: (asset: GalleryAsset) => void
}

/** Most assets compared at once. */
export const MAX_COMPARED = 4

/**
 * The state behind the compare view: the selection bar's Compare opens it on the selected
 * assets; the viewer's "Compare with…" closes the viewer and makes the next asset opened (a
 * tile clicked, or Enter on it) the other one compared.
 */
export const useCompare = (): GalleryCompare => {
  const { closeModal, openModal } = useModal()
  const [assets, setAssets] = useState<GalleryAsset[]>([])
  const [key, setKey] = useState(0)
  const [pickFor, setPickFor] = useState<GalleryAsset | null>(null)
  const compare = useCallback(
    (next: GalleryAsset[]) => {
      if (next.length < 2) return
      setAssets(next.slice(0, MAX_COMPARED))
      setKey((current) => current + 1)
      openModal(compareModalSlug)
    },
    [openModal],
  )
  const startPick = useCallback(
    (asset: GalleryAsset) => {
      closeModal(assetViewerModalSlug)
      setPickFor(asset)
    },
    [closeModal],
  )
  const cancelPick = useCallback(() => setPickFor(null), [])
  const pick = useCallback(
    (asset: GalleryAsset) => {
      setPickFor(null)
      if (pickFor && String(pickFor.id) !== String(asset.id)) compare([pickFor, asset])
    },
    [compare, pickFor],
  )
  return { assets, cancelPick, compare, key, pick, pickFor, startPick }
}
