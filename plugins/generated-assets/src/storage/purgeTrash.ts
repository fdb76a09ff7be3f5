import type { Payload, PayloadRequest } from 'payload'

import { randomUUID } from 'node:crypto'
import { createLocalReq, NotFound } from 'payload'

import { getAssetsCollectionInfo } from './getAssetsCollectionInfo.js'

/** Most assets one purge deletes; the next scheduled run goes on with the rest. */
const DEFAULT_PURGE_LIMIT = 1000
/** Trashed assets read per page. */
const PAGE_SIZE = 100
/** Seconds a purge holds an asset it is deleting; a purge that died lets go after this. */
const PURGE_LEASE_SECONDS = 300

/** What a purge did. */
export type PurgeTrashResult = {
  /** Ids of the assets deleted for good (with their files, image sizes and posters). */
  purged: (number | string)[]
  /** Assets whose delete failed (logged); they are tried again by the next purge. */
  failed: { id: number | string; message: string }[]
}

/**
 * Takes a trashed asset for this purge: one conditional write of its lease (`leaseOwner`,
 * `leaseExpiresAt`, the fields the generation workers take an asset with) where it is still
 * trashed before `cutoff` and nobody holds it. `payload.db.updateOne` with `options.atomic`
 * makes that one `UPDATE … WHERE` on the SQL adapters (`@payloadcms/drizzle` 3.90; the option
 * Payload's own forgot-password flow takes a reservation with), and MongoDB's update is one
 * `findOneAndUpdate` anyway, so of any number of purges, in any process, exactly one gets each
 * asset; a worker running a step of it keeps it until its lease ends. (Older SQL adapters ignore
 * the option and read, then write: two purges may then both take, delete and report an asset.) Answers whether it was taken.
 */
const claimForPurge = async ({
  cutoff,
  id,
  owner,
  req,
  slug,
}: {
  cutoff: string
  id: number | string
  owner: string
  req: PayloadRequest
  slug: string
}): Promise<boolean> => {
  const now = Date.now()
  const claimed = await req.payload.db.updateOne({
    collection: slug,
    data: { leaseExpiresAt: new Date(now + PURGE_LEASE_SECONDS * 1000).toISOString(), leaseOwner: owner },
    options: { atomic: true },
    req,
    where: {
      and: [
        { id: { equals: id } },
        { deletedAt: { less_than: cutoff } },
        { or: [{ leaseExpiresAt: { exists: false } }, { leaseExpiresAt: { less_than: new Date(now).toISOString() } }] },
      ],
    },
  })
  return Boolean(claimed)
}

/** Gives an asset back after its delete failed, so the next purge takes it at once. */
const releaseClaim = async ({ id, owner, req, slug }: { id: number | string; owner: string; req: PayloadRequest; slug: string }) => {
  await req.payload.db.updateOne({
    collection: slug,
    data: { leaseExpiresAt: null, leaseOwner: null },
    options: { atomic: true },
    req,
    where: { and: [{ id: { equals: id } }, { leaseOwner: { equals: owner } }] },
  })
}

/**
 * Deletes for good every asset that has been in the trash longer than `retentionDays`, one at a
 * time through the Local API, so the storage adapter removes its file and image sizes and the
 * plugin's hooks its video poster. This is what the scheduled task `purgeGeneratedAssetsTrash`
 * runs; call it yourself to purge on demand.
 *
 * Works on every database adapter, and any number of purges may run at once, in any number of
 * processes: each asset is taken first with one atomic conditional write of its lease (see
 * `claimForPurge`), so each is deleted by exactly one purge, reported by that one only, and none
 * waits for another. An asset a generation worker holds is left for a later run; one deleted by
 * someone else meanwhile is skipped (not a failure).
 *
 * @param args.retentionDays days an asset stays in the trash (fractions allowed); default the
 *   plugin's `trashRetentionDays`.
 * @param args.limit most assets to delete in this call. @default 1000
 * @throws {Error} when the plugin is not in `payload`'s config, or `retentionDays` is negative;
 *   the database's error when the trash cannot be read.
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
  const slug = info.collectionSlug
  const cutoff = new Date(Date.now() - days * 86_400_000).toISOString()
  const owner = `purge-${randomUUID()}`
  // Outside any transaction: each claim is seen by every other purge at once.
  const req = await createLocalReq({}, payload)
  let after: number | string | undefined
  while (result.purged.length < limit) {
    const { docs } = await payload.find({
      collection: slug,
      depth: 0,
      limit: PAGE_SIZE,
      overrideAccess: true,
      pagination: false,
      select: {},
      sort: 'id',
      trash: true,
      where: {
        and: [{ deletedAt: { less_than: cutoff } }, ...(after === undefined ? [] : [{ id: { greater_than: after } }])],
      },
    })
    for (const { id } of docs) {
      if (result.purged.length >= limit) break
      if (!(await claimForPurge({ cutoff, id, owner, req, slug }))) continue
      try {
        await payload.delete({ collection: slug, id, overrideAccess: true, trash: true })
        result.purged.push(id)
      } catch (error) {
        if (error instanceof NotFound) continue
        payload.logger.error({ err: error, msg: `generated-assets: could not purge trashed asset ${id}` })
        result.failed.push({ id, message: (error as Error).message })
        await releaseClaim({ id, owner, req, slug }).catch(() => undefined)
      }
    }
    if (docs.length < PAGE_SIZE) break
    after = docs[docs.length - 1]!.id
  }
  if (result.purged.length) {
    payload.logger.info(`generated-assets: purged ${result.purged.length} asset(s) trashed over ${days} day(s) ago`)
  }
  return result
}
