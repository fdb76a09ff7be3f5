import type { PayloadRequest } from 'payload'

import type { ResolvedGeneratedAssetsPluginOptions } from '../types.js'
import type { SharedBoard } from './findSharedBoard.js'
import type { ReviewVerdict } from './getReviewsCollection.js'

import { readBoardRowsPostgres } from '../adapters/postgres/readBoardRows.js'
import { getImageSizes, type ImageSize, type ImageSizesDocument } from '../utilities/getImageSizes.js'

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
  prompt: true,
  seed: true,
  sizes: true,
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
  poster?: null | number | string
  prompt?: null | string
  seed?: null | number
  verdict?: null | ReviewVerdict
}

/**
 * The items of a board's review link at `pageUrl`: its assets that are ready and not in the
 * trash, newest first, each with the comments visitors left through this board (oldest first).
 * Three reads through the database adapter (the assets, their video posters, the board's
 * comments) with narrow `select`s and no access or hooks: the link is the right to see them, and
 * every URL handed out is the link's own route, so none of Payload's per-document read work
 * (URL hooks, field walk) is needed; a board of 500 costs a few queries.
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
  const fast = await readBoardRowsPostgres({
    assetId,
    boardId: board.id,
    boardsCollectionSlug: options.boardsCollectionSlug,
    collectionSlug: options.collectionSlug,
    fields: Object.keys(ASSET_SELECT),
    payload: req.payload,
  })
  const docs = fast ?? (await req.payload.db.find({
    collection: options.collectionSlug,
    limit: 0,
    pagination: false,
    req,
    select: ASSET_SELECT,
    sort: ['-createdAt', '-id'],
    where: {
      and: [
        { boards: { equals: board.id } },
        { status: { equals: 'ready' } },
        { deletedAt: { exists: false } },
        ...(assetId === undefined ? [] : [{ id: { equals: assetId } }]),
      ],
    },
  })).docs
  const assets = docs as unknown as ItemDocument[]
  const [comments, posters] = await Promise.all([
    readComments({ assetIds: assets.map((asset) => asset.id), board, options, req }),
    readPosters({ assets, options, req }),
  ])
  return assets.map((asset): BoardReviewItem => {
    const base = `${pageUrl}/items/${encodeURIComponent(String(asset.id))}`
    const poster = asset.poster === null || asset.poster === undefined ? undefined : posters.get(String(asset.poster))
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
      sizes: getImageSizes({ doc: withStoredNames(isVideo ? poster : asset), origin: null, urlOf: ({ name }) => `${base}/sizes/${encodeURIComponent(name)}` }),
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
  const { docs } = await req.payload.db.find({
    collection: options.reviewsCollectionSlug,
    limit: 0,
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

/** Posters of the video `assets`, by id (the fields their renditions are made from). */
const readPosters = async ({
  assets,
  options,
  req,
}: {
  assets: ItemDocument[]
  options: ResolvedGeneratedAssetsPluginOptions
  req: PayloadRequest
}): Promise<Map<string, ImageSizesDocument>> => {
  const ids = [...new Set(assets.filter((asset) => asset.kind === 'video' && asset.poster !== null && asset.poster !== undefined).map((asset) => asset.poster as number | string))]
  if (!ids.length) return new Map()
  const { docs } = await req.payload.db.find({
    collection: options.posterCollectionSlug,
    limit: 0,
    pagination: false,
    req,
    select: { filename: true, height: true, mimeType: true, sizes: true, width: true },
    where: { id: { in: ids } },
  })
  return new Map(docs.map((poster) => [String(poster.id), poster as ImageSizesDocument]))
}

/**
 * A stored file's document with each stored name standing in as its URL: `getImageSizes` takes a
 * rendition only where the file exists (a name and a URL), and the review link replaces every URL
 * with its own route.
 */
const withStoredNames = (doc: ImageSizesDocument | null | undefined): ImageSizesDocument | undefined =>
  doc
    ? {
        ...doc,
        sizes: Object.fromEntries(Object.entries(doc.sizes ?? {}).map(([name, size]) => [name, size && { ...size, url: size.filename }])),
        url: doc.filename,
      }
    : undefined
