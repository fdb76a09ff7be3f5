/**
 * The gallery's filters as they live in the admin URL, so a view can be bookmarked and survives a
 * reload: `?q=fox&kind=image&model=local%2Fimage&batch=…&board=7&status=ready&starred=1&verdict=approved&creator=3&from=2026-11-01&to=2026-11-21&order=oldest`.
 * Names avoid the ones Payload's list view reads itself (`search`, `sort`, `where`, `limit`, `page`).
 * Pure functions, used by the server view and the client alike.
 */

/** The filters an editor sets. Empty strings mean "any"; dates are local calendar days (YYYY-MM-DD). */
export type GalleryFilterState = {
  /** The variations of one request (their shared `batch`). */
  batch: string
  /** A board's id: only its assets. */
  board: string
  /** Creator's user id. */
  creator: string
  from: string
  kind: '' | 'image' | 'video'
  /** Registry key of a model. */
  model: string
  order: 'newest' | 'oldest'
  /** Prompt search text. */
  q: string
  starred: boolean
  status: '' | 'failed' | 'generating' | 'ingesting' | 'queued' | 'ready'
  to: string
  /** The latest review verdict: approved, rejected, or none given. */
  verdict: '' | 'approved' | 'none' | 'rejected'
}

/** No filter at all: every asset, newest first. */
export const EMPTY_FILTERS: GalleryFilterState = {
  batch: '',
  board: '',
  creator: '',
  from: '',
  kind: '',
  model: '',
  order: 'newest',
  q: '',
  starred: false,
  status: '',
  to: '',
  verdict: '',
}

/** URL parameter names this module owns. */
export const FILTER_PARAMS = ['q', 'kind', 'model', 'batch', 'board', 'status', 'starred', 'verdict', 'creator', 'from', 'to', 'order'] as const

const VERDICTS = new Set(['approved', 'none', 'rejected'])

const STATUSES = new Set(['failed', 'generating', 'ingesting', 'queued', 'ready'])
const DAY = /^\d{4}-\d{2}-\d{2}$/

type SearchLike = Record<string, string | string[] | undefined> | URLSearchParams

const getParam = (search: SearchLike, name: string): string => {
  if (search instanceof URLSearchParams) return search.get(name) ?? ''
  const value = search[name]
  return (Array.isArray(value) ? value[0] : value) ?? ''
}

/**
 * Reads the filters from URL parameters (a `URLSearchParams` or Next's `searchParams` object).
 * Lenient: a value it does not understand (a hand-edited URL) is read as "any".
 */
export const readFilters = (search: SearchLike): GalleryFilterState => {
  const kind = getParam(search, 'kind')
  const status = getParam(search, 'status')
  const from = getParam(search, 'from')
  const to = getParam(search, 'to')
  const creator = getParam(search, 'creator')
  const batch = getParam(search, 'batch')
  const board = getParam(search, 'board')
  const verdict = getParam(search, 'verdict')
  return {
    batch: /^[0-9a-f-]{1,64}$/i.test(batch) ? batch : '',
    board: /^[\w-]{1,64}$/.test(board) ? board : '',
    creator: /^[\w-]{1,64}$/.test(creator) ? creator : '',
    from: DAY.test(from) ? from : '',
    kind: kind === 'image' || kind === 'video' ? kind : '',
    model: getParam(search, 'model').slice(0, 200),
    order: getParam(search, 'order') === 'oldest' ? 'oldest' : 'newest',
    q: getParam(search, 'q').slice(0, 200),
    starred: ['1', 'true'].includes(getParam(search, 'starred')),
    status: STATUSES.has(status) ? (status as GalleryFilterState['status']) : '',
    to: DAY.test(to) ? to : '',
    verdict: VERDICTS.has(verdict) ? (verdict as GalleryFilterState['verdict']) : '',
  }
}

/**
 * Writes the filters into a copy of `search`: set filters are added, unset ones removed, and
 * every other parameter (Payload's own) is kept as it was.
 */
export const writeFilters = (search: URLSearchParams, filters: GalleryFilterState): URLSearchParams => {
  const next = new URLSearchParams(search)
  for (const name of FILTER_PARAMS) next.delete(name)
  if (filters.q.trim()) next.set('q', filters.q.trim())
  if (filters.kind) next.set('kind', filters.kind)
  if (filters.model) next.set('model', filters.model)
  if (filters.batch) next.set('batch', filters.batch)
  if (filters.board) next.set('board', filters.board)
  if (filters.status) next.set('status', filters.status)
  if (filters.verdict) next.set('verdict', filters.verdict)
  if (filters.starred) next.set('starred', '1')
  if (filters.creator) next.set('creator', filters.creator)
  if (filters.from) next.set('from', filters.from)
  if (filters.to) next.set('to', filters.to)
  if (filters.order !== 'newest') next.set('order', filters.order)
  return next
}

/** How many filters narrow the view (search and order not counted). */
export const countActiveFilters = (filters: GalleryFilterState): number =>
  [filters.kind, filters.model, filters.batch, filters.board, filters.status, filters.starred, filters.verdict, filters.creator, filters.from, filters.to].filter(
    Boolean,
  ).length

/** Whether two filter states ask for the same assets in the same order. */
export const isSameFilters = (a: GalleryFilterState, b: GalleryFilterState): boolean =>
  FILTER_PARAMS.every((name) => a[name] === b[name])

/** A local calendar day's first (`end: false`) or last millisecond, as an ISO instant. */
const localDayBound = (day: string, end: boolean): string => {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number]
  return (end ? new Date(year, month - 1, date, 23, 59, 59, 999) : new Date(year, month - 1, date)).toISOString()
}

/**
 * The gallery endpoint's filter parameters (see `parseGalleryFilter`) for these filters: dates
 * become the instants that start and end those days in the browser's time zone.
 */
export const toFilterParams = (
  filters: GalleryFilterState,
  { isTrash }: { isTrash: boolean },
): Record<string, string> => {
  const params: Record<string, string> = {}
  if (filters.q.trim()) params.q = filters.q.trim()
  if (filters.kind) params.kind = filters.kind
  if (filters.model) params.model = filters.model
  if (filters.batch) params.batch = filters.batch
  if (filters.board) params.board = filters.board
  if (filters.status) params.status = filters.status
  if (filters.verdict) params.verdict = filters.verdict
  if (filters.starred) params.starred = 'true'
  if (filters.creator) params.createdBy = filters.creator
  if (filters.from) params.from = localDayBound(filters.from, false)
  if (filters.to) params.to = localDayBound(filters.to, true)
  if (isTrash) params.trash = 'true'
  return params
}
