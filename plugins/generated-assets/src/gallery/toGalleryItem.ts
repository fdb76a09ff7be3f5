import type { GenerationParams } from '../types.js'
import type { AssetDocument, NormalizedAsset } from '../utilities/normalizeAsset.js'

import { normalizeAsset } from '../utilities/normalizeAsset.js'

/**
 * One gallery tile: the normalized asset (absolute persisted URLs) plus what the admin
 * gallery shows and acts on. Times are ISO 8601 strings, `filesize` is in bytes.
 */
export type GalleryItem = NormalizedAsset & {
  /** The variations of one request share it; `null` for a single generation. */
  batch: null | string
  /** How many variations the request asked for (1 for a single generation). */
  batchSize: number
  completedAt: null | string
  /** Who made it: id and a display label (the auth collection's `useAsTitle`, else email). */
  createdBy: { id: number | string; label: string } | null
  /** When it was moved to the trash; `null` outside the trash. */
  deletedAt: null | string
  /** Message an editor can act on, for `failed` assets. */
  error: null | string
  errorCode: null | string
  filesize: null | number
  mimeType: null | string
  negativePrompt: null | string
  params: GenerationParams | null
  seed: null | number
  starred: boolean
  /** The latest verdict a visitor gave through a board's review link, if any. */
  verdict: 'approved' | 'rejected' | null
}

type GalleryDocument = AssetDocument & {
  batch?: null | string
  batchSize?: null | number
  completedAt?: null | string
  createdBy?: null | number | Record<string, unknown> | string
  deletedAt?: null | string
  error?: null | string
  errorCode?: null | string
  filesize?: null | number
  negativePrompt?: null | string
  params?: GenerationParams | null
  seed?: null | number
  starred?: boolean | null
  verdict?: 'approved' | 'rejected' | null
}

const creatorOf = (createdBy: GalleryDocument['createdBy'], titleField: string): GalleryItem['createdBy'] => {
  if (createdBy === null || createdBy === undefined) return null
  if (typeof createdBy !== 'object') return { id: createdBy, label: String(createdBy) }
  const title = createdBy[titleField] ?? createdBy.email ?? createdBy.id
  return { id: createdBy.id as number | string, label: String(title) }
}

/**
 * Builds a {@link GalleryItem} from an asset document read at depth 1 (poster and creator
 * populated; at depth 0 the creator's label is its id).
 */
export const toGalleryItem = ({
  apiRoute,
  collectionSlug,
  creatorTitleField,
  doc,
  origin,
  storageMode,
}: {
  apiRoute: string
  collectionSlug: string
  /** Field of the auth collection that names a user, e.g. `email`. */
  creatorTitleField: string
  doc: GalleryDocument
  origin: null | string
  storageMode: string
}): GalleryItem => ({
  ...normalizeAsset({ apiRoute, collectionSlug, doc, origin, storageMode }),
  batch: doc.batch ?? null,
  batchSize: doc.batchSize ?? 1,
  completedAt: doc.completedAt ?? null,
  createdBy: creatorOf(doc.createdBy, creatorTitleField),
  deletedAt: doc.deletedAt ?? null,
  error: doc.error ?? null,
  errorCode: doc.errorCode ?? null,
  filesize: doc.filesize ?? null,
  mimeType: doc.mimeType ?? null,
  negativePrompt: doc.negativePrompt ?? null,
  params: doc.params ?? null,
  seed: doc.seed ?? null,
  starred: Boolean(doc.starred),
  verdict: doc.verdict ?? null,
})
