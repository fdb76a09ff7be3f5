import type { Access, CollectionConfig, Where } from 'payload'

import type { ResolvedGeneratedAssetsPluginOptions } from '../types.js'

import { prefixWhere } from '../utilities/prefixWhere.js'

/** Verdicts a visitor of a review link may give an asset. */
export const REVIEW_VERDICTS = ['approved', 'rejected'] as const
export type ReviewVerdict = (typeof REVIEW_VERDICTS)[number]

/** Longest review comment, in characters. */
export const MAX_REVIEW_COMMENT_LENGTH = 2000
/** Longest reviewer name, in characters. */
export const MAX_REVIEWER_NAME_LENGTH = 100

/**
 * An `Access` about assets applied to reviews through their `asset`: whoever may read (or change)
 * an asset may read (or delete) its reviews, however the `access` option words it.
 */
const throughAsset =
  (access: Access): Access =>
  async (args) => {
    const result = await access(args)
    return typeof result === 'object' && result !== null ? prefixWhere(result as Where, 'asset') : result
  }

/**
 * The reviews collection (`generated-asset-reviews`): one document per verdict or comment a
 * visitor left through a board's review link, with its time (`createdAt`), the visitor's name as
 * they gave it, the board and the asset. Only the plugin writes reviews (the review route);
 * whoever may read an asset reads its reviews, whoever may update it may delete them. The asset's
 * own `verdict` holds the latest verdict, for the gallery's filter and badges.
 */
export const getReviewsCollection = ({ options }: { options: ResolvedGeneratedAssetsPluginOptions }): CollectionConfig => ({
  slug: options.reviewsCollectionSlug,
  access: {
    create: () => false,
    delete: throughAsset(options.access.update),
    read: throughAsset(options.access.read),
    update: () => false,
  },
  admin: { defaultColumns: ['asset', 'verdict', 'comment', 'name', 'createdAt'], group: 'AI', hidden: true },
  fields: [
    { name: 'asset', type: 'relationship', index: true, relationTo: options.collectionSlug, required: true },
    { name: 'board', type: 'relationship', index: true, relationTo: options.boardsCollectionSlug },
    { name: 'verdict', type: 'select', options: [...REVIEW_VERDICTS] },
    { name: 'comment', type: 'textarea', maxLength: MAX_REVIEW_COMMENT_LENGTH },
    { name: 'name', type: 'text', maxLength: MAX_REVIEWER_NAME_LENGTH },
  ],
  timestamps: true,
})
