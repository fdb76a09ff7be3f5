import type { PayloadRequest, Validate, Where } from 'payload'

import type { GeneratedAssetsT } from '../translations/types.js'

import { getRelationId } from '../utilities/getRelationId.js'
import { isAssetId } from '../utilities/isAssetId.js'

/**
 * How many of `ids` (distinct) are boards the request's user may update, by the boards
 * collection's own `update` access (a `Where` answer is applied in one `count`).
 */
export const countUpdatableBoards = async ({
  boardsCollectionSlug,
  ids,
  req,
}: {
  boardsCollectionSlug: string
  ids: (number | string)[]
  req: PayloadRequest
}): Promise<number> => {
  const access = req.payload.collections[boardsCollectionSlug]?.config.access.update
  const result = access ? await access({ req }) : Boolean(req.user)
  if (!result) return 0
  const { totalDocs } = await req.payload.count({
    collection: boardsCollectionSlug,
    overrideAccess: true,
    req,
    where: { and: [{ id: { in: ids } }, ...(result === true ? [] : [result as Where])] },
  })
  return totalDocs
}

/**
 * `validate` of an asset's `boards`: a user (REST, GraphQL, the admin, the bulk route) may put
 * an asset only on boards they may update, so nobody adds assets to another user's board (and
 * its review link). Boards the asset was already on are not checked again, so an editor can still
 * change an asset an admin put on an admin's board. Trusted writes (`overrideAccess`, no user)
 * are not checked.
 */
export const validateBoards =
  ({ boardsCollectionSlug }: { boardsCollectionSlug: string }): Validate =>
  async (value, { overrideAccess, previousValue, req }) => {
    const ids = (Array.isArray(value) ? value : value === null || value === undefined ? [] : [value]).map(getRelationId)
    const before = new Set(
      (Array.isArray(previousValue) ? previousValue : []).map((entry: unknown) => String(getRelationId(entry))),
    )
    const added = [...new Set(ids.filter((id) => !before.has(String(id))))]
    if (!added.length || !req.user || overrideAccess) return true
    const { t } = req as unknown as { t: GeneratedAssetsT }
    if (!added.every(isAssetId) || (await countUpdatableBoards({ boardsCollectionSlug, ids: added as (number | string)[], req })) !== added.length) {
      return t('generatedAssets:errorBoardNotYours')
    }
    return true
  }
