import type { GeneratedAssetStatus } from '../types.js'

/** A status change of an asset, as published across processes (kept small: NOTIFY carries 8 KB at most). */
export type AssetStatusEvent = {
  /** The creator's id, so that the common "own assets" access needs no query. */
  createdBy: null | number | string
  /** `true` when the asset was moved to the trash or deleted. */
  deleted?: boolean
  error?: null | string
  /** The stable code of `error` (`timed_out`, `rate_limited`…), for the admin to say it in the editor's language. */
  errorCode?: null | string
  id: number | string
  kind: 'image' | 'video'
  /** Real progress reported by the provider, 0 to 1, when it reports any. */
  progress?: number
  status: GeneratedAssetStatus
}

/**
 * SSE event names: `generation_started` (the model call begins),
 * `generation_progress` (a real step: queued, ingesting, a provider poll with progress),
 * `generation_complete` (ready, with the persisted URLs), `generation_failed`, and
 * `asset_removed` (trashed or deleted).
 */
export type AssetEventName =
  'asset_removed' | 'generation_complete' | 'generation_failed' | 'generation_progress' | 'generation_started'

/** The SSE event name of a status change. */
export const getEventName = (event: AssetStatusEvent): AssetEventName => {
  if (event.deleted) return 'asset_removed'
  switch (event.status) {
    case 'failed':
      return 'generation_failed'
    case 'generating':
      return 'generation_started'
    case 'ready':
      return 'generation_complete'
    default:
      return 'generation_progress'
  }
}
