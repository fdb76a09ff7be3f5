import type { PayloadRequest, Where } from 'payload'

import type { ResolvedGeneratedAssetsPluginOptions } from '../types.js'
import type { NormalizedAsset } from '../utilities/normalizeAsset.js'
import type { GalleryQuery } from './parseGalleryQuery.js'

import { getRequestOrigin } from '../utilities/getRequestOrigin.js'
import { normalizeAsset } from '../utilities/normalizeAsset.js'
import { encodeCursor } from './parseGalleryQuery.js'

/**
 * A gallery page: normalized items, the documents they came from (as REST returns them), and the
 * cursor of the next page (`null` on the last).
 */
export type GalleryPage = { docs: Record<string, unknown>[]; items: NormalizedAsset[]; nextCursor: null | string }

/**
 * Reads one gallery page with keyset pagination (DESIGN §7): ordered by (`createdAt`, `id`),
 * both descending for `newest`, and continuing strictly after the cursor's position, so pages
 * stay stable while assets are inserted or removed (no duplicates, no skips) and a deep page
 * costs what the first does. Applies the reader's access (`overrideAccess: false`).
 */
export const queryGallery = async ({
  options,
  query,
  req,
}: {
  options: ResolvedGeneratedAssetsPluginOptions
  query: GalleryQuery
  req: PayloadRequest
}): Promise<GalleryPage> => {
  const isNewest = query.sort === 'newest'
  const before = isNewest ? 'less_than' : 'greater_than'
  const and: Where[] = []
  if (query.cursor) {
    and.push({
      or: [
        { createdAt: { [before]: query.cursor.createdAt } },
        { and: [{ createdAt: { equals: query.cursor.createdAt } }, { id: { [before]: query.cursor.id } }] },
      ],
    })
  }
  if (query.kind) and.push({ kind: { equals: query.kind } })
  if (query.status) and.push({ status: { equals: query.status } })
  if (query.model) and.push({ model: { equals: query.model } })
  if (query.starred !== undefined) and.push({ starred: { equals: query.starred } })
  if (query.createdBy !== undefined) and.push({ createdBy: { equals: query.createdBy } })
  if (query.from) and.push({ createdAt: { greater_than_equal: query.from } })
  if (query.to) and.push({ createdAt: { less_than_equal: query.to } })
  if (query.q) and.push({ prompt: { like: query.q } })
  const { docs } = await req.payload.find({
    collection: options.collectionSlug,
    depth: 1,
    limit: query.limit + 1,
    overrideAccess: false,
    pagination: false,
    req,
    sort: isNewest ? ['-createdAt', '-id'] : ['createdAt', 'id'],
    user: req.user,
    where: and.length ? { and } : undefined,
  })
  const page = docs.slice(0, query.limit)
  const last = page[page.length - 1] as { createdAt: string; id: number | string } | undefined
  const origin = getRequestOrigin({ req })
  const storageMode = (req.payload.collections[options.collectionSlug]?.config.upload as { adapter?: string })?.adapter ? 's3' : 'local'
  return {
    docs: page as Record<string, unknown>[],
    items: page.map((doc) =>
      normalizeAsset({ apiRoute: req.payload.config.routes.api, collectionSlug: options.collectionSlug, doc: doc as never, origin, storageMode }),
    ),
    nextCursor: docs.length > query.limit && last ? encodeCursor({ createdAt: last.createdAt, id: last.id }) : null,
  }
}
