import type { Endpoint, PayloadRequest } from 'payload'

import { APIError } from 'payload'

import type { ResolvedGeneratedAssetsPluginOptions } from '../types.js'

import { respondWithClientErrors } from '../endpoints/respondWithClientErrors.js'
import { getShareTokenEndpoints } from '../share/getShareTokenEndpoints.js'
import { getTranslate } from '../translations/getTranslate.js'
import { absolutizeUrl } from '../utilities/absolutizeUrl.js'
import { getRequestOrigin } from '../utilities/getRequestOrigin.js'
import { getBoardSharePath } from './getBoardsCollection.js'
import { reviewLinkEndpoints } from './reviewLinkEndpoints.js'

/** Most boards the gallery's sidebar lists. */
const MAX_SIDEBAR_BOARDS = 200

/** One board of the gallery's sidebar: how many of its live assets the reader may see. */
export type BoardSummary = { count: number; id: number | string; shareUrl: null | string; showPrompts: boolean; title: string }

/**
 * The boards collection's endpoints:
 * - `GET /summary`: `{ docs: BoardSummary[] }`, the boards the user may read (by title, at most
 *   200), each with the number of its assets outside the trash that the user may read (the
 *   assets' `read` access, so a board never counts what its viewer cannot see). 401 when anonymous.
 * - `POST /:id/share` (`?rotate=1` or `{ "rotate": true }` for a new token) and `DELETE /:id/share`:
 *   the board's review link, `{ shareUrl }`, for a user who may update the board (404 otherwise).
 *   The token is 192 random bits; rotating or revoking ends the old link at once.
 * - the review link's public routes (`reviewLinkEndpoints`).
 */
export const boardEndpoints = ({ options }: { options: ResolvedGeneratedAssetsPluginOptions }): Endpoint[] => [
  ...[
    {
      handler: async (req: PayloadRequest) => {
        const { t } = getTranslate({ req })
        if (!req.user) throw new APIError(t('generatedAssets:errorLoggedOutBrowse'), 401, null, true)
        const { docs } = await req.payload.find({
          collection: options.boardsCollectionSlug,
          depth: 0,
          limit: MAX_SIDEBAR_BOARDS,
          overrideAccess: false,
          req,
          select: { createdBy: true, shareToken: true, showPrompts: true, title: true },
          sort: 'title',
          user: req.user,
        })
        const counts = await Promise.all(
          docs.map((board) =>
            req.payload.count({
              collection: options.collectionSlug,
              overrideAccess: false,
              req,
              user: req.user,
              where: { boards: { equals: board.id } },
            }),
          ),
        )
        const summaries: BoardSummary[] = docs.map((board, index) => {
          const doc = board as unknown as { id: number | string; shareUrl?: null | string; showPrompts?: boolean; title: string }
          return { count: counts[index]!.totalDocs, id: doc.id, shareUrl: doc.shareUrl ?? null, showPrompts: Boolean(doc.showPrompts), title: doc.title }
        })
        return Response.json({ docs: summaries }, { headers: { 'Cache-Control': 'private, no-store' } })
      },
      method: 'get' as const,
      path: '/summary',
    },
    ...getShareTokenEndpoints({
      collectionSlug: options.boardsCollectionSlug,
      shareUrlOf: ({ req, token }) =>
        absolutizeUrl(
          getBoardSharePath({ apiRoute: req.payload.config.routes?.api, boardsCollectionSlug: options.boardsCollectionSlug, token }),
          getRequestOrigin({ req }),
        )!,
    }),
  ].map((endpoint) => ({ ...endpoint, handler: respondWithClientErrors(endpoint.handler) })),
  ...reviewLinkEndpoints({ options }),
]
