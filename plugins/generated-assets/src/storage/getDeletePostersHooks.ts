import type { CollectionAfterDeleteHook, CollectionBeforeDeleteHook } from 'payload'

import { getRelationId } from '../utilities/getRelationId.js'

/** Where `beforeDelete` leaves, per asset id, the posters that `afterDelete` removes. */
const CONTEXT_KEY = 'generatedAssetsPostersToDelete'

type PostersByAsset = Record<string, (number | string)[]>

/**
 * Hooks of the assets collection that make a permanent delete (REST `DELETE`, bulk delete, trash
 * purge) also delete the asset's video posters, so the storage adapter removes their files and
 * sizes as it removes the asset's own. The posters are looked up before the delete (the
 * database then unlinks them from the asset) and deleted after it, in the same transaction.
 * A soft delete (trash) keeps them.
 */
export const getDeletePostersHooks = ({
  posterCollectionSlug,
}: {
  posterCollectionSlug: string
}): { afterDelete: CollectionAfterDeleteHook; beforeDelete: CollectionBeforeDeleteHook } => ({
  afterDelete: async ({ doc, id, req }) => {
    const recorded = (req.context[CONTEXT_KEY] as PostersByAsset | undefined)?.[String(id)] ?? []
    const posterIds = new Set([...recorded, getRelationId(doc?.poster)].filter((value) => value !== undefined).map(String))
    if (posterIds.size === 0) return doc
    const { errors } = await req.payload.delete({
      collection: posterCollectionSlug,
      depth: 0,
      overrideAccess: true,
      req,
      where: { id: { in: [...posterIds] } },
    })
    for (const error of errors) {
      req.payload.logger.error({ msg: `Could not delete poster ${error.id} of asset ${id}: ${error.message}` })
    }
    return doc
  },
  beforeDelete: async ({ id, req }) => {
    const { docs } = await req.payload.find({
      collection: posterCollectionSlug,
      depth: 0,
      limit: 0,
      overrideAccess: true,
      pagination: false,
      req,
      select: {},
      where: { asset: { equals: id } },
    })
    if (docs.length > 0) {
      const byAsset = (req.context[CONTEXT_KEY] ?? {}) as PostersByAsset
      byAsset[String(id)] = docs.map((poster) => poster.id)
      req.context[CONTEXT_KEY] = byAsset
    }
  },
})
