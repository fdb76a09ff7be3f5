import type { PayloadRequest } from 'payload'

import type { AssetDocument } from '../utilities/normalizeAsset.js'

import { notFoundError } from '../utilities/notFoundError.js'

/** Share tokens are base64url, 32 characters; anything else cannot match and is refused unqueried. */
export const SHARE_TOKEN_PATTERN = /^[\w-]{16,128}$/

/**
 * The asset a share token belongs to: `ready`, with a stored file, and not in the trash.
 * Revoking (token cleared), rotating (token replaced) and trashing therefore end a link at once.
 *
 * @throws {APIError} 404 for any other token.
 */
export const findSharedAsset = async ({
  collectionSlug,
  req,
  token,
}: {
  collectionSlug: string
  req: PayloadRequest
  token: unknown
}): Promise<AssetDocument & Record<string, unknown>> => {
  if (typeof token !== 'string' || !SHARE_TOKEN_PATTERN.test(token)) {
    throw notFoundError({ req })
  }
  const { docs } = await req.payload.find({
    collection: collectionSlug,
    depth: 1,
    limit: 1,
    overrideAccess: true,
    pagination: false,
    req,
    where: { and: [{ shareToken: { equals: token } }, { status: { equals: 'ready' } }] },
  })
  const doc = docs[0] as (AssetDocument & Record<string, unknown>) | undefined
  if (!doc?.filename) {
    throw notFoundError({ req })
  }
  return doc
}
