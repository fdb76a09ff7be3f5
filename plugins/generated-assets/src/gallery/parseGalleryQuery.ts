import type { GeneratedAssetsT } from '../translations/types.js'

import { APIError } from 'payload'

import { translateEnglish } from '../translations/getTranslate.js'

/**
 * Which assets a gallery view shows: every field optional, all of them ANDed. The same filter
 * drives a page of the gallery, "select all N matching", bulk actions and zip downloads.
 */
export type GalleryFilter = {
  /** Only the variations of one request (their shared `batch`). */
  batch?: string
  /** Only assets on this board (id). */
  board?: number | string
  /** Only assets created by this user (id). */
  createdBy?: number | string
  /** Only assets created at or after this instant (ISO 8601). */
  from?: string
  kind?: 'image' | 'video'
  /** Registry key of the model, e.g. `local/image`. */
  model?: string
  /** Words that must all occur in the prompt (case-insensitive), matched in the database. */
  q?: string
  starred?: boolean
  status?: 'failed' | 'generating' | 'ingesting' | 'queued' | 'ready'
  /** Only assets created at or before this instant (ISO 8601). */
  to?: string
  /** The trash (assets with `deletedAt`) instead of the live gallery. */
  trash?: boolean
  /** Only assets whose latest review verdict is this; `none`: never given one (or cleared). */
  verdict?: 'approved' | 'none' | 'rejected'
}

/** A validated gallery query (REST query string or GraphQL arguments): a filter plus paging. */
export type GalleryQuery = GalleryFilter & {
  /** Also answer `totalDocs`, the number of assets matching the filter (one extra `count`). */
  count?: boolean
  cursor?: { createdAt: string; id: number | string }
  /** Items per page, 1–100. */
  limit: number
  sort: 'newest' | 'oldest'
}

/** Largest page, in items. */
export const MAX_GALLERY_LIMIT = 100
const DEFAULT_LIMIT = 50
const KINDS = new Set(['image', 'video'])
const STATUSES = new Set(['failed', 'generating', 'ingesting', 'queued', 'ready'])
const FILTER_KEYS = ['batch', 'board', 'createdBy', 'from', 'kind', 'model', 'q', 'starred', 'status', 'to', 'trash', 'verdict']
const VERDICTS = new Set(['approved', 'none', 'rejected'])
/** Parameters Payload's REST layer may add to any request; accepted and ignored. */
const PAYLOAD_KEYS = ['depth', 'locale', 'draft', 'fallback-locale']

const badRequest = (message: string) => new APIError(message, 400, null, true)

/** How the parsers word their errors: `t` in the request's language (`req.t`), English by default. */
type ParseOptions = { t?: GeneratedAssetsT }

/** Encodes a keyset position (the last item's `createdAt` and `id`) as an opaque base64url cursor. */
export const encodeCursor = ({ createdAt, id }: { createdAt: string; id: number | string }): string =>
  Buffer.from(JSON.stringify([createdAt, id])).toString('base64url')

const decodeCursor = (value: string, t: GeneratedAssetsT): GalleryQuery['cursor'] => {
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
  throw badRequest(t('generatedAssets:errorCursor'))
}

const parseDate = (name: string, value: string, t: GeneratedAssetsT) => {
  if (Number.isNaN(Date.parse(value)) || value.length > 40) {
    throw badRequest(t('generatedAssets:errorDate', { name }))
  }
  return new Date(value).toISOString()
}

const parseBoolean = (name: string, value: string, t: GeneratedAssetsT) => {
  if (value !== 'true' && value !== 'false') throw badRequest(t('generatedAssets:errorBoolean', { name }))
  return value === 'true'
}

/** Reads one parameter as text: numbers and booleans are accepted (GraphQL), lists are not. */
const getter =
  (input: Record<string, unknown>, t: GeneratedAssetsT) =>
  (name: string): string | undefined => {
    const value = input[name]
    if (value === undefined || value === null || value === '') return undefined
    if (typeof value === 'number' || typeof value === 'boolean') return String(value)
    if (typeof value !== 'string') throw badRequest(t('generatedAssets:errorOnce', { name }))
    return value
  }

/**
 * Validates the filter part of gallery parameters (strings as in a query string, all optional):
 * `kind` (image | video), `model`, `batch` (the variations of one request), `status`, `starred` (true | false), `q` (prompt search,
 * ≤ 200 characters; runs of whitespace count as one space), `createdBy` (user id), `from` / `to`
 * (ISO dates, on `createdAt`; a bare date `to` covers that whole day), `trash` (true | false),
 * `board` (board id), `verdict` (approved | rejected | none).
 * Unknown keys are not checked here (see {@link parseGalleryQuery}).
 *
 * @throws {APIError} 400 naming the first bad parameter (in `t`'s language).
 */
export const parseGalleryFilter = (
  input: Record<string, unknown>,
  { t = translateEnglish }: ParseOptions = {},
): GalleryFilter => {
  const get = getter(input, t)
  const filter: GalleryFilter = {}
  const kind = get('kind')
  if (kind !== undefined) {
    if (!KINDS.has(kind)) throw badRequest(t('generatedAssets:errorIngestKind'))
    filter.kind = kind as GalleryFilter['kind']
  }
  const status = get('status')
  if (status !== undefined) {
    if (!STATUSES.has(status)) throw badRequest(t('generatedAssets:errorStatus', { statuses: [...STATUSES].join(', ') }))
    filter.status = status as GalleryFilter['status']
  }
  const starred = get('starred')
  if (starred !== undefined) filter.starred = parseBoolean('starred', starred, t)
  const trash = get('trash')
  if (trash !== undefined && parseBoolean('trash', trash, t)) filter.trash = true
  const batch = get('batch')
  if (batch !== undefined) {
    if (!/^[0-9a-f-]{1,64}$/i.test(batch)) throw badRequest(t('generatedAssets:errorBatch'))
    filter.batch = batch
  }
  const model = get('model')
  if (model !== undefined) {
    if (model.length > 200) throw badRequest(t('generatedAssets:errorModelLength'))
    filter.model = model
  }
  const q = get('q')
  if (q !== undefined) {
    if ([...q].length > 200) throw badRequest(t('generatedAssets:errorQueryLength'))
    const words = q.trim().split(/\s+/).filter(Boolean)
    if (words.length) filter.q = words.join(' ')
  }
  const board = get('board')
  if (board !== undefined) {
    if (!/^[\w-]{1,64}$/.test(board)) throw badRequest(t('generatedAssets:errorBoardFilter'))
    filter.board = /^\d+$/.test(board) ? Number(board) : board
  }
  const verdict = get('verdict')
  if (verdict !== undefined) {
    if (!VERDICTS.has(verdict)) throw badRequest(t('generatedAssets:errorVerdictFilter', { verdicts: [...VERDICTS].join(', ') }))
    filter.verdict = verdict as GalleryFilter['verdict']
  }
  const createdBy = get('createdBy')
  if (createdBy !== undefined) {
    if (!/^[\w-]{1,64}$/.test(createdBy)) throw badRequest(t('generatedAssets:errorCreatedBy'))
    filter.createdBy = /^\d+$/.test(createdBy) ? Number(createdBy) : createdBy
  }
  const from = get('from')
  if (from !== undefined) filter.from = parseDate('from', from, t)
  const to = get('to')
  if (to !== undefined) {
    // A bare date means "up to the end of that day", which is what a date picker's "to" says.
    filter.to = /^\d{4}-\d{2}-\d{2}$/.test(to)
      ? new Date(Date.parse(parseDate('to', to, t)) + 24 * 60 * 60 * 1000 - 1).toISOString()
      : parseDate('to', to, t)
  }
  return filter
}

/**
 * Validates gallery parameters: the filter (see {@link parseGalleryFilter}) plus `cursor` (from a
 * previous page), `limit` (1–100, default 50; larger values are capped), `sort` (newest | oldest)
 * and `count` (true: also count the matches).
 *
 * @throws {APIError} 400 naming the first bad or unknown parameter (in `t`'s language).
 */
export const parseGalleryQuery = (
  input: Record<string, unknown>,
  { t = translateEnglish }: ParseOptions = {},
): GalleryQuery => {
  const get = getter(input, t)
  const query: GalleryQuery = { ...parseGalleryFilter(input, { t }), limit: DEFAULT_LIMIT, sort: 'newest' }
  const limit = get('limit')
  if (limit !== undefined) {
    if (!/^\d{1,4}$/.test(limit) || Number(limit) < 1) {
      throw badRequest(t('generatedAssets:errorLimit', { max: MAX_GALLERY_LIMIT }))
    }
    query.limit = Math.min(Number(limit), MAX_GALLERY_LIMIT)
  }
  const cursor = get('cursor')
  if (cursor !== undefined) query.cursor = decodeCursor(cursor, t)
  const sort = get('sort')
  if (sort !== undefined) {
    if (sort !== 'newest' && sort !== 'oldest') throw badRequest(t('generatedAssets:errorSort'))
    query.sort = sort
  }
  const count = get('count')
  if (count !== undefined && parseBoolean('count', count, t)) query.count = true
  const known = new Set([...FILTER_KEYS, ...PAYLOAD_KEYS, 'count', 'cursor', 'limit', 'sort'])
  const unknown = Object.keys(input).filter((key) => !known.has(key))
  if (unknown.length) throw badRequest(t('generatedAssets:errorUnknownQueryParam', { name: unknown[0] }))
  return query
}
