import type { CollectionAfterChangeHook, CollectionAfterDeleteHook } from 'payload'

import type { AssetStatusEvent } from './types.js'

import { getRelationId } from '../utilities/getRelationId.js'
import { publishAssetEvent } from './publishAssetEvent.js'

const toEvent = (doc: Record<string, any>, extra: Partial<AssetStatusEvent> = {}): AssetStatusEvent => ({
  createdBy: getRelationId(doc.createdBy) ?? null,
  error: doc.status === 'failed' ? String(doc.error ?? '').slice(0, 2000) : undefined,
  errorCode: doc.status === 'failed' ? ((doc.errorCode as null | string | undefined) ?? null) : undefined,
  id: doc.id,
  kind: doc.kind === 'video' ? 'video' : 'image',
  status: doc.status,
  ...extra,
})

/** Collection hooks that publish every status change, verdict change, trash and delete of an asset. */
export const getPublishStatusHooks = (): {
  afterChange: CollectionAfterChangeHook
  afterDelete: CollectionAfterDeleteHook
} => ({
  afterChange: async ({ doc, operation, previousDoc, req }) => {
    const isTrashed = Boolean(doc.deletedAt) && !previousDoc?.deletedAt
    const isRestored = !doc.deletedAt && Boolean(previousDoc?.deletedAt)
    // A visitor's verdict through a board's review link shows in every open gallery at once too.
    const isReviewed = (previousDoc?.verdict ?? null) !== (doc.verdict ?? null)
    if (operation === 'create' || previousDoc?.status !== doc.status || isTrashed || isRestored || isReviewed) {
      await publishAssetEvent({ event: toEvent(doc, isTrashed ? { deleted: true } : {}), req })
    }
    return doc
  },
  afterDelete: async ({ doc, req }) => {
    await publishAssetEvent({ event: toEvent(doc, { deleted: true }), isRowGone: true, req })
    return doc
  },
})
