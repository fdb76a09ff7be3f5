import type { Where } from 'payload'

import type { GalleryFilter } from './parseGalleryQuery.js'

/**
 * The Payload `where` of a gallery filter (without access, which Payload adds itself). Prompt
 * search uses Payload's `like` operator, which the Postgres adapter runs as one `ILIKE '%word%'`
 * per word: the trigram GIN index on `prompt` (migration `gallery_search`) answers it in the
 * database, however many assets there are. In the trash, only trashed assets match; pass
 * `trash: true` to the Local API call along with this `where`.
 */
export const buildGalleryWhere = (filter: GalleryFilter): Where => {
  const and: Where[] = []
  if (filter.trash) and.push({ deletedAt: { exists: true } })
  if (filter.kind) and.push({ kind: { equals: filter.kind } })
  if (filter.status) and.push({ status: { equals: filter.status } })
  if (filter.model) and.push({ model: { equals: filter.model } })
  if (filter.batch) and.push({ batch: { equals: filter.batch } })
  if (filter.starred !== undefined) and.push({ starred: { equals: filter.starred } })
  if (filter.createdBy !== undefined) and.push({ createdBy: { equals: filter.createdBy } })
  if (filter.from) and.push({ createdAt: { greater_than_equal: filter.from } })
  if (filter.to) and.push({ createdAt: { less_than_equal: filter.to } })
  if (filter.board !== undefined) and.push({ boards: { equals: filter.board } })
  if (filter.verdict) and.push(filter.verdict === 'none' ? { verdict: { exists: false } } : { verdict: { equals: filter.verdict } })
  if (filter.q) and.push({ prompt: { like: filter.q } })
  return { and }
}
