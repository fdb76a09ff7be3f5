import type { PayloadRequest } from 'payload'

import type { ResolvedGeneratedAssetsPluginOptions } from '../types.js'
import type { SharedBoard } from './findSharedBoard.js'
import type { ReviewVerdict } from './getReviewsCollection.js'

import { ITEM_POSTER_SELECT } from '../gallery/queryGallery.js'
import { getImageSizes, type ImageSize, type ImageSizesDocument } from '../utilities/getImageSizes.js'
import { getRequestOrigin } from '../utilities/getRequestOrigin.js'

/** A visitor's comment on an item, as the review page and its JSON show it. */
export type BoardReviewComment = { comment: string; createdAt: string; name: null | string; verdict: null | ReviewVerdict }

/**
 * One asset of a board's review link. URLs are the review link's own routes (they work while the
 * link does); `sizes` are the renditions narrowest first (a video's: its poster's), widths and
 * heights in pixels. The prompt, alt text (made from the prompt) and generation settings are there
 * only when the board's owner turned on `showPrompts`.
 */
export type BoardReviewItem = {
  alt: null | string
  comments: BoardReviewComment[]
  height: null | number
  id: number | string
  kind: 'image' | 'video'
  model?: null | string
  modelName?: null | string
  negativePrompt?: null | string
  params?: null | Record<string, unknown>
  placeholder: null | string
  posterUrl: null | string
  prompt?: null | string
  seed?: null | number
  sizes: ImageSize[]
  thumbnailUrl: string
  url: string
  verdict: null | ReviewVerdict
  width: null | number
}

const ASSET_SELECT = {
  alt: true,
  createdAt: true,
  filename: true,
  height: true,
  kind: true,
  mimeType: true,
  model: true,
  modelName: true,
  negativePrompt: true,
  params: true,
  placeholder: true,
  poster: true,
  prefix: true,
  prompt: true,
  seed: true,
  sizes: true,
  url: true,
  verdict: true,
  width: true,
} as const

type ItemDocument = ImageSizesDocument & {
  alt?: null | string
  id: number | string
  kind?: 'image' | 'video'
  model?: null | string
  modelName?: null | string
  negativePrompt?: null | string
  params?: null | Record<string, unknown>
  placeholder?: null | string
  poster?: (ImageSizesDocument & { id: number | string }) | null | number | string
  prompt?: null | string
  seed?: null | number
  verdict?: null | ReviewVerdict
}

/**
 * The items of a board's review link at `pageUrl`: its assets that are ready and not in the
 * trash, newest first, each with the comments visitors left through this board (oldest first).
 * Two Local API reads (assets with their posters, then the board's reviews), without access: the
 * link is the right to see them.
 */
export const readBoardItems = async ({
  assetId,
  board,
  options,
  pageUrl,
  req,
}: {
  /** Only this asset (still only if it is on the board). */
  assetId?: number | string
  board: SharedBoard
  options: ResolvedGeneratedAssetsPluginOptions
  pageUrl: string
  req: PayloadRequest
}): Promise<BoardReviewItem[]> => {
  const { docs } = await req.payload.find({
    collection: options.collectionSlug,
    depth: 1,
    overrideAccess: true,
    pagination: false,
    populate: { [options.posterCollectionSlug]: ITEM_POSTER_SELECT } as never,
    req,
    select: ASSET_SELECT as never,
    sort: '-createdAt',
    where: {
      and: [
        { boards: { equals: board.id } },
        { status: { equals: 'ready' } },
        ...(assetId === undefined ? [] : [{ id: { equals: assetId } }]),
      ],
    },
  })
  const assets = docs as unknown as ItemDocument[]
  const comments = await readComments({ assetIds: assets.map((asset) => asset.id), board, options, req })
  const origin = getRequestOrigin({ req })
  return assets.map((asset): BoardReviewItem => {
    const base = `${pageUrl}/items/${encodeURIComponent(String(asset.id))}`
    const poster = asset.poster && typeof asset.poster === 'object' ? asset.poster : null
    const isVideo = asset.kind === 'video'
    return {
      // Alt text is made from the prompt: shown only where prompts are.
      alt: board.showPrompts ? (asset.alt ?? null) : null,
      comments: comments.get(String(asset.id)) ?? [],
      height: asset.height ?? null,
      id: asset.id,
      kind: isVideo ? 'video' : 'image',
      placeholder: asset.placeholder ?? null,
      posterUrl: isVideo && poster?.filename ? `${base}/poster` : null,
      sizes: getImageSizes({ doc: isVideo ? poster : asset, origin, urlOf: ({ name }) => `${base}/sizes/${encodeURIComponent(name)}` }),
      thumbnailUrl: `${base}/thumbnail`,
      url: `${base}/file`,
      verdict: asset.verdict ?? null,
      width: asset.width ?? null,
      ...(board.showPrompts
        ? {
            model: asset.model ?? null,
            modelName: asset.modelName ?? null,
            negativePrompt: asset.negativePrompt ?? null,
            params: asset.params ?? null,
            prompt: asset.prompt ?? null,
            seed: asset.seed ?? null,
          }
        : {}),
    }
  })
}

/** The comments left on `assetIds` through `board`, by asset id, oldest first. */
const readComments = async ({
  assetIds,
  board,
  options,
  req,
}: {
  assetIds: (number | string)[]
  board: SharedBoard
  options: ResolvedGeneratedAssetsPluginOptions
  req: PayloadRequest
}): Promise<Map<string, BoardReviewComment[]>> => {
  const byAsset = new Map<string, BoardReviewComment[]>()
  if (!assetIds.length) return byAsset
  const { docs } = await req.payload.find({
    collection: options.reviewsCollectionSlug,
    depth: 0,
    overrideAccess: true,
    pagination: false,
    req,
    select: { asset: true, comment: true, createdAt: true, name: true, verdict: true },
    sort: 'createdAt',
    where: { and: [{ board: { equals: board.id } }, { comment: { exists: true } }] },
  })
  const wanted = new Set(assetIds.map(String))
  for (const review of docs as unknown as (BoardReviewComment & { asset: number | string })[]) {
    if (!review.comment || !wanted.has(String(review.asset))) continue
    const list = byAsset.get(String(review.asset)) ?? []
    list.push({ comment: review.comment, createdAt: review.createdAt, name: review.name ?? null, verdict: review.verdict ?? null })
    byAsset.set(String(review.asset), list)
  }
  return byAsset
}
