import type { GalleryAsset } from '../types.js'

/** A first-page refresh's copies of assets, by id: the ones nothing newer is known about. */
type Fresh = Map<string, GalleryAsset>

/**
 * The refreshed assets that are new at the top: not loaded yet, and sorting before the first
 * loaded asset (the rest arrive with their own page).
 */
export const findAddedAtTop = ({
  current,
  fresh,
  sort,
}: {
  current: GalleryAsset[]
  fresh: Fresh
  sort: 'newest' | 'oldest'
}): GalleryAsset[] => {
  const known = new Set(current.map((asset) => String(asset.id)))
  const first = current.find((asset) => !asset.isRemoved)
  const isBefore = (asset: GalleryAsset) =>
    !first ||
    (sort === 'newest'
      ? String(asset.createdAt) > String(first.createdAt)
      : String(asset.createdAt) < String(first.createdAt))
  return [...fresh.values()].filter((asset) => !known.has(String(asset.id)) && isBefore(asset))
}

/**
 * The loaded assets with the refreshed copies in place (never a removed one), and the added ones
 * on top when `isShown`; `items` itself when nothing changed.
 */
export const mergeIntoItems = ({
  added,
  fresh,
  isShown,
  items,
}: {
  added: GalleryAsset[]
  fresh: Fresh
  isShown: boolean
  items: GalleryAsset[]
}): GalleryAsset[] => {
  const updated = items.map((asset) => (asset.isRemoved ? asset : (fresh.get(String(asset.id)) ?? asset)))
  const isChanged = updated.some((asset, index) => asset !== items[index])
  if (isShown) {
    return [...added.filter((asset) => !items.some((item) => String(item.id) === String(asset.id))), ...updated]
  }
  return isChanged ? updated : items
}

/**
 * The held-back new assets: refreshed in place, without the ones now shown, the newly added ones
 * first while they are not shown; `pending` itself when nothing changed.
 */
export const mergeIntoHeld = ({
  added,
  fresh,
  isShown,
  pending,
}: {
  added: GalleryAsset[]
  fresh: Fresh
  isShown: boolean
  pending: GalleryAsset[]
}): GalleryAsset[] => {
  const addedIds = new Set(added.map((asset) => String(asset.id)))
  const kept = pending.filter((asset) => !isShown || !addedIds.has(String(asset.id)))
  const refreshed = kept.map((asset) => fresh.get(String(asset.id)) ?? asset)
  const pendingIds = new Set(refreshed.map((asset) => String(asset.id)))
  const fresher = isShown ? [] : added.filter((asset) => !pendingIds.has(String(asset.id)))
  return fresher.length || refreshed.some((asset, index) => asset !== pending[index]) || kept.length !== pending.length
    ? [...fresher, ...refreshed]
    : pending
}
