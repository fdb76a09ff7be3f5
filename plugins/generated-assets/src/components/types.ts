import type { GalleryItem } from '../gallery/toGalleryItem.js'
import type { GeneratedAssetKind } from '../types.js'

/**
 * An asset as the admin gallery holds it: the gallery endpoint's item (normalized, absolute
 * persisted URLs, plus star, placeholder, error, params, creator). `isRemoved` marks an asset
 * deleted or moved elsewhere while the grid was open: it keeps its place (so nothing shifts under
 * the editor) until the list is loaded again.
 */
export type GalleryAsset = GalleryItem & { isRemoved?: boolean }

/** A model as the Create panel offers it. */
export type GalleryModel = {
  /** The model takes input images: Reuse attaches the asset as a source. */
  acceptsSourceImages: boolean
  key: string
  kind: GeneratedAssetKind
  label: string
}

/** A user the creator filter offers. */
export type GalleryCreator = { id: number | string; label: string }

/** Whether the gallery shows live assets or the trash (Payload's `list` and `trash` view types). */
export type GalleryMode = 'list' | 'trash'

/** Statuses of assets that are still being made. */
export const PENDING_STATUSES: ReadonlySet<string> = new Set(['generating', 'ingesting', 'queued'])

/** Seconds as the viewer shows them: `0.42 s`, `3.1 s`, `12 s`. */
export const formatSeconds = (seconds: null | number | undefined): null | string => {
  if (seconds === null || seconds === undefined) {
    return null
  }
  if (seconds < 1) {
    return `${seconds.toFixed(2)} s`
  }
  return `${seconds.toFixed(seconds < 10 ? 1 : 0)} s`
}

/** Bytes as the viewer shows them: `812 KB`, `3.4 MB`. */
export const formatBytes = (bytes: null | number | undefined): null | string => {
  if (bytes === null || bytes === undefined) return null
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`
  if (bytes < 1024 * 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`
  return `${(bytes / 1024 / 1024 / 1024).toFixed(2)} GB`
}

/** A model's display name: its label, else its registry key. */
export const modelLabel = (asset: Pick<GalleryAsset, 'model' | 'modelName'>): string =>
  asset.modelName ?? asset.model ?? 'unknown model'
