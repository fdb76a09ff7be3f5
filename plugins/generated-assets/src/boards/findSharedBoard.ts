import type { PayloadRequest } from 'payload'

import { SHARE_TOKEN_PATTERN } from '../share/findSharedAsset.js'
import { notFoundError } from '../utilities/notFoundError.js'

/** A board as its review link shows it. */
export type SharedBoard = {
  description?: null | string
  id: number | string
  showPrompts?: boolean | null
  title: string
  updatedAt?: string
}

/**
 * The board a review token belongs to (one indexed lookup, no access: the token is the right).
 * Revoking (token cleared) and rotating (token replaced) end a link at once.
 *
 * @throws {APIError} 404 for any other token, in the request's language.
 */
export const findSharedBoard = async ({
  boardsCollectionSlug,
  req,
  token,
}: {
  boardsCollectionSlug: string
  req: PayloadRequest
  token: unknown
}): Promise<SharedBoard> => {
  if (typeof token !== 'string' || !SHARE_TOKEN_PATTERN.test(token)) {
    throw notFoundError({ req })
  }
  const { docs } = await req.payload.find({
    collection: boardsCollectionSlug,
    depth: 0,
    limit: 1,
    overrideAccess: true,
    pagination: false,
    req,
    select: { description: true, showPrompts: true, title: true, updatedAt: true },
    where: { shareToken: { equals: token } },
  })
  const board = docs[0] as SharedBoard | undefined
  if (!board) {
    throw notFoundError({ req })
  }
  return board
}
