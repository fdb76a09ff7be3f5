import type { PayloadRequest } from 'payload'

import { createHash, randomUUID } from 'node:crypto'

import type { ResolvedGeneratedAssetsPluginOptions } from '../types.js'
import type { GalleryQuery } from './parseGalleryQuery.js'

import { buildGalleryWhere } from './buildGalleryWhere.js'

/** Changes with every start of the server, so a changed config (storage, URLs) never matches an old tag. */
const BOOT_ID = randomUUID()

/**
 * A weak entity tag (RFC 9110, section 8.8.3) of a gallery page, worked out without reading the
 * page: from how many assets the reader may see match the filter and the newest `updatedAt`
 * among them (two indexed Local API reads with the reader's access), the reader (id and the
 * user document's own `updatedAt`, which changes with their roles), the query and the server's
 * start. Any change of an asset that Payload writes (a new, changed, trashed, restored or deleted
 * asset; a new status, share link or poster) moves the count or the newest `updatedAt`, so a
 * page is never answered 304 after it changed; writes that bypass Payload (none of the plugin's
 * change what a page shows) and changes of another user's display name are not seen. The page
 * then read is at least as new as the tag, as the tag is read first.
 *
 * @returns the tag, `W/"<base64url SHA-256>"`.
 */
export const getGalleryEntityTag = async ({
  options,
  query,
  req,
}: {
  options: ResolvedGeneratedAssetsPluginOptions
  query: GalleryQuery
  req: PayloadRequest
}): Promise<string> => {
  const where = buildGalleryWhere(query)
  const common = { collection: options.collectionSlug, overrideAccess: false, req, trash: Boolean(query.trash), user: req.user, where }
  const [{ totalDocs }, { docs }] = await Promise.all([
    req.payload.count(common),
    req.payload.find({ ...common, depth: 0, limit: 1, pagination: false, select: { updatedAt: true }, sort: '-updatedAt' }),
  ])
  const reader = req.user ? [req.user.collection, req.user.id, (req.user as { updatedAt?: string }).updatedAt] : null
  const hash = createHash('sha256')
    .update(JSON.stringify([BOOT_ID, reader, query, totalDocs, (docs[0] as { updatedAt?: string } | undefined)?.updatedAt]))
    .digest('base64url')
  return `W/"${hash}"`
}
