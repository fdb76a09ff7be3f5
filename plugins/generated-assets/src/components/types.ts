import type { GeneratedAssetKind, GeneratedAssetStatus } from '../types.js'

/** An asset as the admin gallery reads it from REST (depth 0, virtual URL fields included). */
export type GalleryAsset = {
  completedAt?: null | string
  createdAt: string
  duration?: null | number
  error?: null | string
  filename?: null | string
  height?: null | number
  id: number | string
  imageUrl?: null | string
  inferenceTime?: null | number
  kind: GeneratedAssetKind
  model: string
  modelName?: null | string
  params?: null | Record<string, unknown>
  posterUrl?: null | string
  prompt: string
  seed?: null | number
  shareUrl?: null | string
  starred?: boolean | null
  status: GeneratedAssetStatus
  thumbnailUrl?: null | string
  videoUrl?: null | string
  width?: null | number
}

/** A model as the gallery's Generate form offers it. */
export type GalleryModel = { key: string; kind: GeneratedAssetKind; label: string }

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
