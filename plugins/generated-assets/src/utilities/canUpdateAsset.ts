import type { PayloadRequest, Where } from 'payload'

/**
 * Whether the request's user may update the asset `id`, by the collection's own `update` access
 * (so a widened `access` option widens sharing too). A `Where` answer is checked against the
 * asset with one query.
 */
export const canUpdateAsset = async ({
  collectionSlug,
  id,
  req,
}: {
  collectionSlug: string
  id: number | string
  req: PayloadRequest
}): Promise<boolean> => {
  if (!req.user) return false
  const access = req.payload.collections[collectionSlug]?.config.access.update
  const result = access ? await access({ id, req }) : Boolean(req.user)
  if (result === true) return true
  if (!result) return false
  const { totalDocs } = await req.payload.count({
    collection: collectionSlug,
    overrideAccess: true,
    req,
    where: { and: [{ id: { equals: id } }, result as Where] },
  })
  return totalDocs > 0
}
