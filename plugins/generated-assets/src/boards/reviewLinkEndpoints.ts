import type { Endpoint, PayloadRequest, Where } from 'payload'

import { APIError } from 'payload'
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible'
import { z } from 'zod'

import type { ResolvedGeneratedAssetsPluginOptions } from '../types.js'

import { respondWithClientErrors } from '../endpoints/respondWithClientErrors.js'
import { readJSONBody } from '../endpoints/readJSONBody.js'
import { GenerationLimitError } from '../limits/GenerationLimitError.js'
import { findAssetFile } from '../share/findSharedFile.js'
import { serveSharedPart, type SharedPart } from '../share/serveSharedPart.js'
import { getTranslate } from '../translations/getTranslate.js'
import { absolutizeUrl } from '../utilities/absolutizeUrl.js'
import { respondWithEntityTag } from '../utilities/conditionalGet.js'
import { getRequestOrigin } from '../utilities/getRequestOrigin.js'
import { isAssetId } from '../utilities/isAssetId.js'
import { notFoundError } from '../utilities/notFoundError.js'
import { findSharedBoard, type SharedBoard } from './findSharedBoard.js'
import { getBoardSharePath } from './getBoardsCollection.js'
import { MAX_REVIEW_COMMENT_LENGTH, MAX_REVIEWER_NAME_LENGTH, REVIEW_VERDICTS } from './getReviewsCollection.js'
import { readBoardItems } from './readBoardItems.js'
import { renderReviewPage } from './renderReviewPage.js'

/** Reviews one visitor (address) may post through one link per minute. */
const REVIEWS_PER_ADDRESS = 30
/** Reviews one link takes per minute from everyone together. */
const REVIEWS_PER_LINK = 300

/** The review body: a verdict (`null` clears it), a comment, or both; a name if the visitor gives one. */
const reviewBodySchema = z
  .object({
    comment: z.string().max(MAX_REVIEW_COMMENT_LENGTH).optional(),
    name: z.string().max(MAX_REVIEWER_NAME_LENGTH).optional(),
    verdict: z.enum(REVIEW_VERDICTS).nullable().optional(),
  })
  .strict()

/** Per-process limiters (rate-limiter-flexible): per link and address, and per link. */
const limiters = {
  address: new RateLimiterMemory({ duration: 60, keyPrefix: 'board-review-address', points: REVIEWS_PER_ADDRESS }),
  link: new RateLimiterMemory({ duration: 60, keyPrefix: 'board-review-link', points: REVIEWS_PER_LINK }),
}

/**
 * The visitor's address as the nearest proxy reports it (the first `X-Forwarded-For` entry, else
 * `X-Real-IP`), for rate limiting only; `unknown` when the app is reached directly.
 */
const getClientAddress = (req: PayloadRequest): string =>
  req.headers.get('x-forwarded-for')?.split(',')[0]?.trim() || req.headers.get('x-real-ip')?.trim() || 'unknown'

/** Takes one review from the link's and the visitor's budget, or throws a 429 with `Retry-After`. */
const consumeReviewBudget = async ({ req, token }: { req: PayloadRequest; token: string }) => {
  try {
    await limiters.link.consume(token)
    await limiters.address.consume(`${token}:${getClientAddress(req)}`)
  } catch (refusal) {
    if (!(refusal instanceof RateLimiterRes)) throw refusal
    const retryAfter = Math.max(1, Math.ceil(refusal.msBeforeNext / 1000))
    throw new GenerationLimitError({ message: getTranslate({ req }).t('generatedAssets:errorReviewRate', { seconds: retryAfter }), retryAfter })
  }
}

const pageUrlOf = ({ options, req, token }: { options: ResolvedGeneratedAssetsPluginOptions; req: PayloadRequest; token: string }) =>
  absolutizeUrl(getBoardSharePath({ apiRoute: req.payload.config.routes?.api, boardsCollectionSlug: options.boardsCollectionSlug, token }), getRequestOrigin({ req }))!

/**
 * The `where` of an asset reachable through a board's link: that id, on the board, ready; the
 * trash is left out by Payload (and `deletedAt` checked for reads below the Local API).
 */
const itemWhere = ({ assetId, board }: { assetId: number | string; board: SharedBoard }): Where => ({
  and: [{ id: { equals: assetId } }, { boards: { equals: board.id } }, { status: { equals: 'ready' } }, { deletedAt: { exists: false } }],
})

/** The route's board and asset id, or a 404 (unknown, revoked or rotated token; malformed id). */
const resolveItem = async ({ options, req }: { options: ResolvedGeneratedAssetsPluginOptions; req: PayloadRequest }) => {
  const board = await findSharedBoard({ boardsCollectionSlug: options.boardsCollectionSlug, req, token: req.routeParams?.token })
  const id = req.routeParams?.assetId
  const hasSerialIds = (req.payload.db as { defaultIDType?: string }).defaultIDType === 'number'
  if (!isAssetId(id) || (hasSerialIds && !(/^\d{1,10}$/.test(String(id)) && Number(id) <= 2_147_483_647))) {
    throw notFoundError({ req })
  }
  // Serial ids as numbers, as relationship fields take them.
  const assetId: number | string = hasSerialIds ? Number(id) : id
  return { assetId, board }
}

/**
 * A board's client review link, public (the token is the right, at least 128 random bits):
 * - `GET /share/:token`: the review page (HTML), or with `Accept: application/json`
 *   `{ title, description, items }` (`BoardReviewItem`s: the board's ready assets not in the
 *   trash; prompts and settings only with the board's `showPrompts`).
 * - `GET /share/:token/items/:assetId/file`, `/poster`, `/thumbnail`, `/sizes/:name`: an item's
 *   media, as an asset's own share routes serve theirs.
 * - `POST /share/:token/items/:assetId/review` `{ verdict?: 'approved' | 'rejected' | null,
 *   comment?: string (≤ 2,000 characters), name?: string (≤ 100) }`: stores a review (the
 *   reviews collection) and sets the asset's `verdict` when one is given; answers the item's
 *   `{ verdict, comments }`. At most 30 per minute per link and address, 300 per link (429 with
 *   `Retry-After`). Comments are stored as text and always shown escaped.
 * An asset not on the board, not ready or in the trash, and a revoked or rotated token get 404 on
 * every route.
 */
export const reviewLinkEndpoints = ({ options }: { options: ResolvedGeneratedAssetsPluginOptions }): Endpoint[] => {
  const endpoints: Endpoint[] = [
    {
      handler: async (req) => {
        const token = req.routeParams?.token
        const board = await findSharedBoard({ boardsCollectionSlug: options.boardsCollectionSlug, req, token })
        const pageUrl = pageUrlOf({ options, req, token: token as string })
        const items = await readBoardItems({ board, options, pageUrl, req })
        // Revalidated on every use (a 304 while nothing changed), so a revoked link ends at once.
        const headers = { 'Cache-Control': 'private, no-cache', Vary: 'Accept, Accept-Language' }
        if ((req.headers.get('accept') ?? '').includes('application/json')) {
          return respondWithEntityTag({
            body: JSON.stringify({ description: board.description ?? null, items, title: board.title }),
            headers: { ...headers, 'Content-Type': 'application/json' },
            request: req,
          })
        }
        return respondWithEntityTag({
          body: renderReviewPage({ board, items, req }),
          headers: { ...headers, 'Content-Type': 'text/html; charset=utf-8' },
          request: req,
        })
      },
      method: 'get',
      path: '/share/:token',
    },
    ...(['file', 'poster', 'thumbnail', 'size'] as SharedPart[]).map(
      (part): Endpoint => ({
        handler: async (req) => {
          const { assetId, board } = await resolveItem({ options, req })
          return serveSharedPart({
            findFile: ({ withPoster }) =>
              findAssetFile({
                collectionSlug: options.collectionSlug,
                posterCollectionSlug: options.posterCollectionSlug,
                req,
                where: itemWhere({ assetId, board }),
                withPoster,
              }),
            options,
            part,
            req,
          })
        },
        method: 'get',
        path: part === 'size' ? '/share/:token/items/:assetId/sizes/:name' : `/share/:token/items/:assetId/${part}`,
      }),
    ),
    {
      handler: async (req) => {
        const { t } = getTranslate({ req })
        const { assetId, board } = await resolveItem({ options, req })
        const parsed = reviewBodySchema.safeParse(await readJSONBody({ req }))
        if (!parsed.success || (parsed.data.verdict === undefined && !parsed.data.comment?.trim())) {
          throw new APIError(t('generatedAssets:errorReviewBody', { max: MAX_REVIEW_COMMENT_LENGTH, verdicts: REVIEW_VERDICTS.join(', ') }), 400, null, true)
        }
        const { totalDocs } = await req.payload.count({ collection: options.collectionSlug, overrideAccess: true, req, where: itemWhere({ assetId, board }) })
        if (!totalDocs) throw notFoundError({ req })
        await consumeReviewBudget({ req, token: req.routeParams!.token as string })
        const { comment, name, verdict } = parsed.data
        await req.payload.create({
          collection: options.reviewsCollectionSlug,
          data: { asset: assetId, board: board.id, comment: comment?.trim() || undefined, name: name?.trim() || undefined, verdict: verdict ?? undefined },
          depth: 0,
          overrideAccess: true,
          req,
        })
        if (verdict !== undefined) {
          await req.payload.update({ collection: options.collectionSlug, data: { verdict }, depth: 0, id: assetId, overrideAccess: true, req })
        }
        const pageUrl = pageUrlOf({ options, req, token: req.routeParams!.token as string })
        const item = (await readBoardItems({ assetId, board, options, pageUrl, req }))[0]
        return Response.json({ comments: item?.comments ?? [], verdict: item?.verdict ?? null })
      },
      method: 'post',
      path: '/share/:token/items/:assetId/review',
    },
  ]
  return endpoints.map((endpoint) => ({ ...endpoint, handler: respondWithClientErrors(endpoint.handler) }))
}
