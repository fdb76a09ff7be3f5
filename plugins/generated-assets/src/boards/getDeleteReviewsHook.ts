import type { CollectionBeforeDeleteHook } from 'payload'

/**
 * `beforeDelete` of the assets: a permanent delete takes the asset's reviews with it (in the same
 * transaction), since a review belongs to its asset. Trashing keeps them.
 */
export const getDeleteReviewsHook =
  ({ reviewsCollectionSlug }: { reviewsCollectionSlug: string }): CollectionBeforeDeleteHook =>
  async ({ id, req }) => {
    await req.payload.delete({
      collection: reviewsCollectionSlug,
      overrideAccess: true,
      req,
      where: { asset: { equals: id } },
    })
  }
