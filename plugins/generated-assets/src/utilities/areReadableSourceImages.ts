import type { PayloadRequest } from 'payload'

/**
 * Whether every id is a ready image that the request's user may read (the collection's `read`
 * access, as the gallery applies it): the rule for an asset's `sources` and `parent`, because the
 * worker reads source files with full access and hands them to the model.
 *
 * @param ids asset ids (duplicates allowed); the caller has checked their shape.
 * @throws database errors.
 */
export const areReadableSourceImages = async ({
  collectionSlug,
  ids,
  req,
}: {
  collectionSlug: string
  ids: (number | string)[]
  req: PayloadRequest
}): Promise<boolean> => {
  const { totalDocs } = await req.payload.count({
    collection: collectionSlug,
    overrideAccess: false,
    req,
    user: req.user,
    where: { and: [{ id: { in: ids } }, { kind: { equals: 'image' } }, { status: { equals: 'ready' } }] },
  })
  return totalDocs === new Set(ids.map(String)).size
}
