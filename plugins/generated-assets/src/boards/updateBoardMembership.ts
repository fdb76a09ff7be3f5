import type { PayloadRequest, Where } from 'payload'

import { getRelationId } from '../utilities/getRelationId.js'

/** What {@link updateBoardMembership} did: assets changed, and the ones it could not change with why. */
export type BoardMembershipResult = { changed: number; errors: { id: number | string; message: string }[] }

/**
 * Puts every asset matching `where` on `board` (`add`) or takes it off (`remove`), through the
 * Local API with the user's access (`overrideAccess: false`, so the assets' `update` access, the
 * `boards` field's validation and every hook apply, as for a single update). Payload's update sets
 * a `hasMany` relationship whole, so the assets are grouped by the boards they are on now and each
 * group gets one `update` with its new list: a few updates however many assets match. Assets
 * already on (or already off) the board are left alone and not counted as changed.
 *
 * @throws database errors (Payload's own; per-asset refusals are in `errors`).
 */
export const updateBoardMembership = async ({
  board,
  collectionSlug,
  mode,
  req,
  where,
}: {
  board: number | string
  collectionSlug: string
  mode: 'add' | 'remove'
  req: PayloadRequest
  where: Where
}): Promise<BoardMembershipResult> => {
  const { docs } = await req.payload.find({
    collection: collectionSlug,
    depth: 0,
    overrideAccess: false,
    pagination: false,
    req,
    select: { boards: true },
    user: req.user,
    where,
  })
  const groups = new Map<string, { boards: (number | string)[]; ids: (number | string)[] }>()
  for (const doc of docs) {
    const current = ((doc as { boards?: unknown[] }).boards ?? []).map(getRelationId).filter((id) => id !== undefined)
    const isOn = current.some((id) => String(id) === String(board))
    if (isOn === (mode === 'add')) continue
    const next = mode === 'add' ? [...current, board] : current.filter((id) => String(id) !== String(board))
    const key = JSON.stringify(next.map(String).sort())
    const group = groups.get(key) ?? { boards: next, ids: [] }
    group.ids.push(doc.id)
    groups.set(key, group)
  }
  const result: BoardMembershipResult = { changed: 0, errors: [] }
  for (const group of groups.values()) {
    const { docs: changed, errors } = (await req.payload.update({
      collection: collectionSlug,
      data: { boards: group.boards },
      depth: 0,
      overrideAccess: false,
      req,
      select: { id: true } as never,
      user: req.user,
      where: { id: { in: group.ids } },
    })) as { docs: unknown[]; errors: { id: number | string; message: string }[] }
    result.changed += changed.length
    result.errors.push(...errors)
  }
  return result
}
