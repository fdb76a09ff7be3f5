import type { PayloadRequest } from 'payload'

import { APIError } from 'payload'

import { canUpdateAsset } from './canUpdateAsset.js'
import { notFoundError } from './notFoundError.js'

/**
 * The asset `id` (depth 0), if the request's user may update it (see `canUpdateAsset`).
 *
 * @throws {APIError} 401 when anonymous (`anonymousMessage`, in the request's language), 404 when the asset does not exist
 *   or the user may not update it (the two are not told apart, so ids do not leak).
 */
export const findUpdatableAsset = async ({
  anonymousMessage,
  collectionSlug,
  id,
  req,
}: {
  anonymousMessage: string
  collectionSlug: string
  id: unknown
  req: PayloadRequest
}): Promise<Record<string, unknown> & { id: number | string }> => {
  if (!req.user) {
    throw new APIError(anonymousMessage, 401, null, true)
  }
  const hasSerialIds = (req.payload.db as { defaultIDType?: string }).defaultIDType === 'number'
  if (
    (typeof id !== 'string' && typeof id !== 'number') ||
    !/^[\w-]{1,64}$/.test(String(id)) ||
    // A serial id is a Postgres integer: anything else cannot exist (and would fail the query).
    (hasSerialIds && !(/^\d{1,10}$/.test(String(id)) && Number(id) <= 2_147_483_647))
  ) {
    throw notFoundError({ req })
  }
  const { docs } = await req.payload.find({
    collection: collectionSlug,
    depth: 0,
    limit: 1,
    overrideAccess: true,
    pagination: false,
    req,
    where: { id: { equals: id } },
  })
  const asset = docs[0] as (Record<string, unknown> & { id: number | string }) | undefined
  if (!asset || !(await canUpdateAsset({ collectionSlug, id: asset.id, req }))) {
    throw notFoundError({ req })
  }
  return asset
}
