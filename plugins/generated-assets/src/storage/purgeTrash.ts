import type { Payload } from 'payload'

import { commitTransaction, createLocalReq, initTransaction, killTransaction } from 'payload'

import { executeSQL, toSQLLiteral } from '../utilities/executeSQL.js'
import { getTableName } from '../utilities/getPostgres.js'
import { getAssetsCollectionInfo } from './getAssetsCollectionInfo.js'

/** Most assets one purge deletes; the next scheduled run goes on with the rest. */
const DEFAULT_PURGE_LIMIT = 1000

/** What a purge did. */
export type PurgeTrashResult = {
  /** Ids of the assets deleted for good (with their files, image sizes and posters). */
  purged: (number | string)[]
  /** Assets whose delete failed (logged); they are tried again by the next purge. */
  failed: { id: number | string; message: string }[]
}

/**
 * Deletes for good every asset that has been in the trash longer than `retentionDays`, through
 * the Local API, so the storage adapter removes its file and image sizes and the plugin's hooks
 * its video poster (DESIGN §3.5). This is what the scheduled task `purgeGeneratedAssetsTrash`
 * runs; call it yourself to purge on demand.
 *
 * Safe with any number of purges at once, in any number of processes: with Postgres each asset
 * is taken with `SELECT … FOR UPDATE SKIP LOCKED` in the transaction that deletes it, so no two
 * purges delete the same asset and none waits for another. With other databases the purge is
 * best effort (an asset already deleted by another purge is skipped).
 *
 * @param args.retentionDays days an asset stays in the trash (fractions allowed); default the
 *   plugin's `trashRetentionDays`.
 * @param args.limit most assets to delete in this call. @default 1000
 * @throws {Error} when the plugin is not in `payload`'s config, or `retentionDays` is negative.
 */
export const purgeTrash = async ({
  limit = DEFAULT_PURGE_LIMIT,
  payload,
  retentionDays,
}: {
  limit?: number
  payload: Payload
  retentionDays?: number
}): Promise<PurgeTrashResult> => {
  const info = getAssetsCollectionInfo({ payload })
  const days = retentionDays ?? info.trashRetentionDays
  if (!Number.isFinite(days) || days < 0) {
    throw new Error(`purgeTrash: retentionDays must be a number of days, 0 or more (got ${days}).`)
  }
  const result: PurgeTrashResult = { failed: [], purged: [] }
  const table = getTableName({ payload, slug: info.collectionSlug })
  const seconds = Math.round(days * 86_400)

  while (result.purged.length < limit) {
    const req = await createLocalReq({}, payload)
    const isOwnTransaction = await initTransaction(req)
    const skipped = result.failed.map(({ id }) => toSQLLiteral(id))
    let id: number | string | undefined
    try {
      const rows = req.transactionID
        ? await executeSQL({
            req,
            sql: `select id from ${table}
              where deleted_at is not null and deleted_at < now() - make_interval(secs => ${seconds})
                ${skipped.length ? `and id::text not in (${skipped.join(', ')})` : ''}
              order by deleted_at, id limit 1
              for update skip locked`,
          })
        : undefined
      if (rows === undefined) {
        // Not Postgres, or no transaction to hold a row lock in.
        await killTransaction(req)
        await purgeWithoutLocks({ days, info, limit: limit - result.purged.length, payload, result })
        return result
      }
      if (rows.length === 0) {
        await killTransaction(req)
        break
      }
      id = rows[0]!.id as number | string
      await payload.delete({ collection: info.collectionSlug, id, overrideAccess: true, req, trash: true })
      if (isOwnTransaction) await commitTransaction(req)
      result.purged.push(id)
    } catch (error) {
      await killTransaction(req)
      if (id === undefined) throw error
      payload.logger.error({ err: error, msg: `generated-assets: could not purge trashed asset ${id}` })
      result.failed.push({ id, message: (error as Error).message })
    }
  }
  if (result.purged.length) {
    payload.logger.info(`generated-assets: purged ${result.purged.length} asset(s) trashed over ${days} day(s) ago`)
  }
  return result
}

/** The purge for databases without row locks: find, then delete each, tolerating ones already gone. */
const purgeWithoutLocks = async ({
  days,
  info,
  limit,
  payload,
  result,
}: {
  days: number
  info: ReturnType<typeof getAssetsCollectionInfo>
  limit: number
  payload: Payload
  result: PurgeTrashResult
}): Promise<void> => {
  const { docs } = await payload.find({
    collection: info.collectionSlug,
    depth: 0,
    limit,
    overrideAccess: true,
    select: {},
    sort: 'deletedAt',
    trash: true,
    where: { deletedAt: { less_than: new Date(Date.now() - days * 86_400_000).toISOString() } },
  })
  for (const { id } of docs) {
    const { docs: deleted, errors } = await payload.delete({
      collection: info.collectionSlug,
      overrideAccess: true,
      trash: true,
      where: { id: { equals: id } },
    })
    if (deleted.length) result.purged.push(id)
    for (const error of errors) result.failed.push({ id: error.id, message: error.message })
  }
}
