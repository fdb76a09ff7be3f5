import { APIError } from 'payload'

/** A validated gallery query (REST query string or GraphQL arguments). */
export type GalleryQuery = {
  createdBy?: number | string
  cursor?: { createdAt: string; id: number | string }
  from?: string
  kind?: 'image' | 'video'
  limit: number
  model?: string
  q?: string
  sort: 'newest' | 'oldest'
  starred?: boolean
  status?: 'failed' | 'generating' | 'ingesting' | 'queued' | 'ready'
  to?: string
}

/** Largest page, in items. */
export const MAX_GALLERY_LIMIT = 100
const DEFAULT_LIMIT = 50
const KINDS = new Set(['image', 'video'])
const STATUSES = new Set(['failed', 'generating', 'ingesting', 'queued', 'ready'])

const badRequest = (message: string) => new APIError(message, 400, null, true)

/** Encodes a keyset position (the last item's `createdAt` and `id`) as an opaque base64url cursor. */
export const encodeCursor = ({ createdAt, id }: { createdAt: string; id: number | string }): string =>
  Buffer.from(JSON.stringify([createdAt, id])).toString('base64url')

const decodeCursor = (value: string): GalleryQuery['cursor'] => {
  try {
    if (value.length > 200) throw new Error('too long')
    const parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as unknown
    if (
      Array.isArray(parsed) &&
      parsed.length === 2 &&
      typeof parsed[0] === 'string' &&
      !Number.isNaN(Date.parse(parsed[0])) &&
      (typeof parsed[1] === 'number' || (typeof parsed[1] === 'string' && parsed[1].length <= 64))
    ) {
      return { createdAt: new Date(parsed[0]).toISOString(), id: parsed[1] }
    }
  } catch {
    // fall through
  }
  throw badRequest('cursor is not a cursor this endpoint returned.')
}

const parseDate = (name: string, value: string) => {
  if (Number.isNaN(Date.parse(value)) || value.length > 40) {
    throw badRequest(`${name} must be an ISO 8601 date, e.g. 2026-11-21 or 2026-11-21T08:00:00Z.`)
  }
  return new Date(value).toISOString()
}

/**
 * Validates gallery parameters (all optional, strings as in a query string):
 * `cursor` (from a previous page), `limit` (1–100, default 50), `kind` (image | video),
 * `model`, `status`, `starred` (true | false), `q` (prompt search, ≤ 200 characters),
 * `createdBy` (user id), `from` / `to` (ISO dates, on `createdAt`), `sort` (newest | oldest).
 *
 * @throws {APIError} 400 naming the first bad parameter.
 */
export const parseGalleryQuery = (input: Record<string, unknown>): GalleryQuery => {
  const get = (name: string): string | undefined => {
    const value = input[name]
    if (value === undefined || value === null || value === '') return undefined
    if (typeof value === 'number' || typeof value === 'boolean') return String(value)
    if (typeof value !== 'string') throw badRequest(`${name} must be given once, as text.`)
    return value
  }
  const query: GalleryQuery = { limit: DEFAULT_LIMIT, sort: 'newest' }
  const limit = get('limit')
  if (limit !== undefined) {
    if (!/^\d{1,4}$/.test(limit) || Number(limit) < 1) throw badRequest(`limit must be a whole number from 1 to ${MAX_GALLERY_LIMIT}.`)
    query.limit = Math.min(Number(limit), MAX_GALLERY_LIMIT)
  }
  const cursor = get('cursor')
  if (cursor !== undefined) query.cursor = decodeCursor(cursor)
  const kind = get('kind')
  if (kind !== undefined) {
    if (!KINDS.has(kind)) throw badRequest('kind must be "image" or "video".')
    query.kind = kind as GalleryQuery['kind']
  }
  const status = get('status')
  if (status !== undefined) {
    if (!STATUSES.has(status)) throw badRequest(`status must be one of ${[...STATUSES].join(', ')}.`)
    query.status = status as GalleryQuery['status']
  }
  const starred = get('starred')
  if (starred !== undefined) {
    if (starred !== 'true' && starred !== 'false') throw badRequest('starred must be "true" or "false".')
    query.starred = starred === 'true'
  }
  const model = get('model')
  if (model !== undefined) {
    if (model.length > 200) throw badRequest('model must be at most 200 characters.')
    query.model = model
  }
  const q = get('q')
  if (q !== undefined) {
    if ([...q].length > 200) throw badRequest('q must be at most 200 characters.')
    if (q.trim()) query.q = q.trim()
  }
  const createdBy = get('createdBy')
  if (createdBy !== undefined) {
    if (!/^[\w-]{1,64}$/.test(createdBy)) throw badRequest('createdBy must be a user id.')
    query.createdBy = /^\d+$/.test(createdBy) ? Number(createdBy) : createdBy
  }
  const from = get('from')
  if (from !== undefined) query.from = parseDate('from', from)
  const to = get('to')
  if (to !== undefined) query.to = parseDate('to', to)
  const sort = get('sort')
  if (sort !== undefined) {
    if (sort !== 'newest' && sort !== 'oldest') throw badRequest('sort must be "newest" or "oldest".')
    query.sort = sort
  }
  const unknown = Object.keys(input).filter(
    (key) => !['createdBy', 'cursor', 'from', 'kind', 'limit', 'model', 'q', 'sort', 'starred', 'status', 'to', 'depth', 'locale', 'draft', 'trash'].includes(key),
  )
  if (unknown.length) throw badRequest(`Unknown parameter ${unknown[0]}.`)
  return query
}
