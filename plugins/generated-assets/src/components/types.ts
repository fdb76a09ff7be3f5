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

/** A model's display name: its label, else its registry key, else `unknown` (e.g. "unknown model", translated). */
export const modelLabel = ({
  asset,
  unknown,
}: {
  asset: Pick<GalleryAsset, 'model' | 'modelName'>
  unknown: string
}): string => asset.modelName ?? asset.model ?? unknown
