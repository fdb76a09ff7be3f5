import type { Endpoint, Where } from 'payload'

import { APIError } from 'payload'

import type { ResolvedGeneratedAssetsPluginOptions } from '../types.js'

import { countUpdatableBoards } from '../boards/validateBoards.js'
import { updateBoardMembership } from '../boards/updateBoardMembership.js'
import { buildGalleryWhere } from '../gallery/buildGalleryWhere.js'
import { getTranslate } from '../translations/getTranslate.js'
import { parseGalleryFilter } from '../gallery/parseGalleryQuery.js'
import { isAssetId } from '../utilities/isAssetId.js'
import { readJSONBody } from './readJSONBody.js'
import { respondWithClientErrors } from './respondWithClientErrors.js'

const ACTIONS = new Set(['addToBoard', 'delete', 'removeFromBoard', 'restore', 'star', 'trash', 'unstar'])
const BOARD_ACTIONS = new Set(['addToBoard', 'removeFromBoard'])
/** Most ids one request may name. */
const MAX_IDS = 1000

/** An asset a bulk action could not change, and Payload's reason. */
type BulkFailure = { id: number | string; message: string }

const badRequest = (message: string) => new APIError(message, 400, null, true)

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  Boolean(value) && typeof value === 'object' && !Array.isArray(value)

/**
 * `POST /api/{collection}/bulk` with JSON `{ action, ids }`, `{ action, filter }` or
 * `{ action, where }`: `star`, `unstar`, `trash`, `restore` or `delete` (permanently, with every
 * stored object) on many assets, or `addToBoard` / `removeFromBoard` with `board` (a board id the
 * user may update: 404 otherwise). `filter` takes the gallery's filter parameters (`kind`, `q`,
 * `trash`…, see `parseGalleryFilter`), so "all N matching this filter" means exactly what the
 * gallery shows; `{ action: 'delete', filter: { trash: 'true' } }` empties the trash. `where` is a
 * Payload query (validated by Payload; bad fields get 400). Each asset is checked against the
 * user's access, as a single update or delete would be: ones the user may not change are counted,
 * not changed. Answers `{ action, matched, changed, failed: [{ id, message }] }`. Messages are in
 * the request's language (`req.t`).
 */
export const bulkEndpoint = ({ options }: { options: ResolvedGeneratedAssetsPluginOptions }): Endpoint => ({
  handler: respondWithClientErrors(async (req) => {
    const { t } = getTranslate({ req })
    if (!req.user) {
      throw new APIError(t('generatedAssets:errorLoggedOutChange'), 401, null, true)
    }
    const body = (await readJSONBody({ req })) as Record<string, unknown>
    if (!isPlainObject(body)) {
      throw badRequest(t('generatedAssets:errorBulkBody'))
    }
    const action = body.action
    if (typeof action !== 'string' || !ACTIONS.has(action)) {
      throw badRequest(t('generatedAssets:errorBulkAction', { actions: [...ACTIONS].join(', ') }))
    }
    const board = body.board
    if (BOARD_ACTIONS.has(action)) {
      if (!isAssetId(board)) throw badRequest(t('generatedAssets:errorBulkBoard'))
      const boardsCollectionSlug = options.boardsCollectionSlug
      if ((await countUpdatableBoards({ boardsCollectionSlug, ids: [board], req })) !== 1) {
        throw new APIError(t('generatedAssets:errorBoardNotFound'), 404, null, true)
      }
    }
    let where: Where
    if (body.ids !== undefined) {
      if (!Array.isArray(body.ids) || body.ids.length === 0 || body.ids.length > MAX_IDS) {
        throw badRequest(t('generatedAssets:errorBulkIds', { max: MAX_IDS }))
      }
      if (!body.ids.every(isAssetId)) {
        throw badRequest(t('generatedAssets:errorBulkIdsType'))
      }
      where = { id: { in: body.ids } }
    } else if (isPlainObject(body.filter)) {
      const filter = parseGalleryFilter(body.filter, { t })
      where = buildGalleryWhere(filter)
      // Outside the trash a filter means live assets only, even for actions that reach into the trash.
      if (!filter.trash) where = { and: [where, { deletedAt: { exists: false } }] }
    } else if (isPlainObject(body.where)) {
      where = body.where as Where
    } else {
      throw badRequest(t('generatedAssets:errorBulkTarget'))
    }
    const isInTrash = action === 'restore' || action === 'delete'
    const scoped: Where = action === 'restore' ? { and: [where, { deletedAt: { exists: true } }] } : where
    const common = {
      collection: options.collectionSlug,
      depth: 0,
      overrideAccess: false,
      req,
      user: req.user,
      where: scoped,
    } as const
    const { totalDocs: matched } = await req.payload.count({ ...common, trash: isInTrash } as never)
    let result: { changed: number; errors: BulkFailure[] }
    if (BOARD_ACTIONS.has(action)) {
      result = await updateBoardMembership({
        board: board as number | string,
        collectionSlug: options.collectionSlug,
        mode: action === 'addToBoard' ? 'add' : 'remove',
        req,
        where: scoped,
      })
    } else if (action === 'delete') {
      const { docs, errors } = (await req.payload.delete({ ...common, trash: true })) as { docs: unknown[]; errors: BulkFailure[] }
      result = { changed: docs.length, errors }
    } else {
      const data =
        action === 'star'
          ? { starred: true }
          : action === 'unstar'
            ? { starred: false }
            : action === 'trash'
              ? { deletedAt: new Date().toISOString() }
              : { deletedAt: null }
      const { docs, errors } = (await req.payload.update({ ...common, data, trash: isInTrash })) as { docs: unknown[]; errors: BulkFailure[] }
      result = { changed: docs.length, errors }
    }
    return Response.json({
      action,
      changed: result.changed,
      failed: result.errors.map(({ id, message }) => ({ id, message })),
      matched,
    })
  }),
  method: 'post',
  path: '/bulk',
})
