import type { Payload, Where } from 'payload'

import { DeleteObjectCommand, HeadObjectCommand } from '@aws-sdk/client-s3'

import type { StoredFileDoc } from './getStorageInfo.js'

import { englishFailure } from '../translations/failureMessages.js'
import { getRelationId } from '../utilities/getRelationId.js'
import { getAssetIdFromObjectKey } from './getAssetIdFromObjectKey.js'
import { getAssetsCollectionInfo } from './getAssetsCollectionInfo.js'
import { getStorageInfo } from './getStorageInfo.js'
import { listBucketObjects } from './listBucketObjects.js'

/** What {@link auditStorage} found, and whether it repaired it. */
export type AuditStorageResult = {
  /**
   * Keys of objects in the bucket named like the plugin's files (`<slug>-ga<id>[-poster][-<w>x<h>].<ext>`)
   * that no asset or poster references (posters of deleted assets included), sorted.
   */
  orphans: string[]
  /** `ready` assets (trashed ones too) with stored objects missing from the bucket, and the missing keys. */
  missing: Array<{ id: number | string; keys: string[] }>
  /**
   * `true` when `fix` was asked for and everything listed was repaired (orphans removed, broken
   * assets marked `failed`); `false` otherwise, or when a repair failed (logged).
   */
  fixed: boolean
}

const IN_FLIGHT_STATUSES = new Set(['generating', 'ingesting', 'queued'])
/**
 * How old an object of an unknown asset whose id is above every id read must be to count as an
 * orphan (milliseconds): younger, it may belong to an asset created since the read, or one whose
 * create has not committed yet.
 */
const NEWER_ASSET_GRACE = 60 * 60 * 1000
const PAGE_SIZE = 1000
/** Deletes sent to the bucket at once. */
const DELETE_CONCURRENCY = 8
/** Error code of an asset whose stored objects went missing. */
export const STORAGE_MISSING_ERROR_CODE = 'storage_missing'

type AnyDoc = StoredFileDoc & Record<string, unknown> & { id: number | string }

/** A `select` of those of `fields` the collection has (`prefix` and `_objectKey` exist only with a storage adapter). */
const selectOf = ({ fields, payload, slug }: { fields: string[]; payload: Payload; slug: string }) => {
  const present = new Set(payload.collections[slug]!.config.flattenedFields.map((field) => field.name))
  return Object.fromEntries(fields.filter((name) => present.has(name)).map((name) => [name, true as const]))
}

/** Every document of a collection (trash included), read in keyset pages by id, with only `fields`. */
const loadAll = async ({ fields, payload, slug }: { fields: string[]; payload: Payload; slug: string }) => {
  const select = selectOf({ fields, payload, slug })
  const docs: AnyDoc[] = []
  let after: number | string | undefined
  for (;;) {
    const { docs: page } = await payload.find({
      collection: slug,
      depth: 0,
      limit: PAGE_SIZE,
      overrideAccess: true,
      pagination: false,
      select,
      sort: 'id',
      trash: true,
      where: after === undefined ? {} : { id: { greater_than: after } },
    })
    docs.push(...(page as AnyDoc[]))
    if (page.length < PAGE_SIZE) return docs
    after = page[page.length - 1]!.id
  }
}

/** Runs `task` over `items`, `DELETE_CONCURRENCY` at a time; answers the items whose task threw. */
const forEachLimited = async <T>(items: T[], task: (item: T) => Promise<unknown>): Promise<T[]> => {
  const failed: T[] = []
  for (let start = 0; start < items.length; start += DELETE_CONCURRENCY) {
    const batch = items.slice(start, start + DELETE_CONCURRENCY)
    const results = await Promise.allSettled(batch.map(task))
    results.forEach((result, index) => result.status === 'rejected' && failed.push(batch[index]!))
  }
  return failed
}

/**
 * The folders to list for the given collection folders: `''` (the whole bucket) if any is the
 * root, else each folder not inside another, with a trailing slash.
 */
const getListedPrefixes = (folders: string[]): string[] => {
  if (folders.some((folder) => !folder)) return ['']
  const unique = [...new Set(folders)]
  return unique
    .filter((folder) => !unique.some((other) => other !== folder && folder.startsWith(`${other}/`)))
    .map((folder) => `${folder}/`)
}

/**
 * Compares the bucket with the database: lists the objects named like the plugin's files that no
 * asset or poster references (**orphans**, e.g. left by a delete whose storage call failed, or
 * posters of assets deleted before posters were deleted with them), and the `ready` assets whose
 * file, image sizes or poster are missing from the bucket (**missing**).
 * With `fix` it deletes the orphans (orphan poster documents through the Local API, so the
 * storage adapter removes their files) and marks the broken assets `failed` with an error saying
 * the file is gone (`errorCode: 'storage_missing'`; retry regenerates it).
 *
 * Works on every database adapter: the database is read through the Local API. Safe while the
 * app runs: the database is read before the bucket is listed, and objects of assets still in
 * flight (`queued`, `generating`, `ingesting`) or created after that read are never taken for
 * orphans (an object of an unknown asset whose id is above every id read counts only once it is
 * an hour old); each asset is read again just before its objects are deleted.
 * Only the plugin's folders are listed (`storage.prefix`, under `storage.collectionPrefix`), and
 * objects there not named like the plugin's files are never touched. Keys are computed as the
 * storage adapter computes them (`getStorageInfo`). Lists the bucket of the plugin's `storage`
 * option (ListObjectsV2, paginated); missing keys are confirmed with HeadObject before they are
 * reported.
 *
 * `payload audit:storage [--fix]` runs it from the command line.
 *
 * @throws {Error} when the plugin is not configured, its collections are not on storage-s3 or its
 *   `storage.bucket` is not set, or the bucket cannot be listed (the S3 client's error).
 */
export const auditStorage = async ({
  fix = false,
  payload,
}: {
  fix?: boolean
  payload: Payload
}): Promise<AuditStorageResult> => {
  const info = getAssetsCollectionInfo({ payload })
  const [assetStorage, posterStorage] = await Promise.all([
    getStorageInfo({ collectionSlug: info.collectionSlug, payload }),
    getStorageInfo({ collectionSlug: info.posterCollectionSlug, payload }),
  ])
  const bucket = assetStorage.bucket
  if (!bucket || !posterStorage.bucket) {
    throw new Error(
      'auditStorage lists the S3 bucket the assets are stored in: put both of the plugin\'s collections on storage-s3 and pass storage: { bucket, config } to generatedAssetsPlugin (the same bucket and S3 client config as s3Storage).',
    )
  }
  const keysOf = (doc: AnyDoc, isPoster = false) => (isPoster ? posterStorage : assetStorage).getKeys({ doc })
  const startedAt = Date.now()
  // The database before the bucket: an object written after this read belongs to an asset that
  // is in flight in it, or newer than it, and is left alone either way.
  const posters = await loadAll({
    fields: ['asset', 'filename', 'sizes', 'prefix', '_objectKey'],
    payload,
    slug: info.posterCollectionSlug,
  })
  const assets = await loadAll({
    fields: ['filename', 'sizes', 'prefix', '_objectKey', 'status', 'poster'],
    payload,
    slug: info.collectionSlug,
  })
  const assetById = new Map(assets.map((asset) => [String(asset.id), asset]))
  const numericIds = assets.map((asset) => asset.id).filter((id): id is number => typeof id === 'number')
  const newestKnownId = numericIds.reduce((max, id) => Math.max(max, id), 0)
  const hasNumericIds = assets.length === 0 || numericIds.length === assets.length

  const referenced = new Set<string>()
  for (const asset of assets) for (const key of await keysOf(asset)) referenced.add(key)
  const posterById = new Map<string, AnyDoc>()
  const orphanPosters: AnyDoc[] = []
  for (const poster of posters) {
    const assetId = getRelationId(poster.asset)
    if (assetId !== undefined && assetById.has(String(assetId))) {
      posterById.set(String(poster.id), poster)
      for (const key of await keysOf(poster, true)) referenced.add(key)
    } else {
      orphanPosters.push(poster)
    }
  }

  const { client } = bucket
  const objects = (
    await Promise.all(
      getListedPrefixes([assetStorage.folder, posterStorage.folder]).map((prefix) =>
        listBucketObjects({ bucket: bucket.name, client, prefix }),
      ),
    )
  ).flat()
  const listed = new Set(objects.map((object) => object.key))

  const orphanIds = new Map<string, string>()
  for (const object of objects) {
    if (referenced.has(object.key)) continue
    const assetId = getAssetIdFromObjectKey(object.key)
    if (assetId === undefined) continue
    const asset = assetById.get(assetId)
    if (asset && IN_FLIGHT_STATUSES.has(String(asset.status))) continue
    if (!asset) {
      const isKnownDeleted = hasNumericIds && /^\d+$/.test(assetId) && Number(assetId) <= newestKnownId
      const grace = hasNumericIds ? NEWER_ASSET_GRACE : 1000
      const isNewerAsset = !isKnownDeleted && (!object.lastModified || object.lastModified.getTime() >= startedAt - grace)
      if (isNewerAsset) continue
    }
    orphanIds.set(object.key, assetId)
  }

  const missing: AuditStorageResult['missing'] = []
  for (const asset of assets) {
    if (asset.status !== 'ready') continue
    const poster = posterById.get(String(getRelationId(asset.poster)))
    const expected = [...(await keysOf(asset)), ...(poster ? await keysOf(poster, true) : [])]
    const unlisted = expected.filter((key) => !listed.has(key))
    if (unlisted.length === 0) continue
    // Confirmed one by one: a key outside the listed folders, or written since, is not missing.
    const gone: string[] = []
    for (const key of unlisted) {
      try {
        await client.send(new HeadObjectCommand({ Bucket: bucket.name, Key: key }))
      } catch (error) {
        const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode
        if (status !== 404 && (error as Error).name !== 'NotFound') throw error
        gone.push(key)
      }
    }
    if (gone.length) missing.push({ id: asset.id, keys: gone })
  }

  const orphans = [...orphanIds.keys()].sort()
  const result: AuditStorageResult = { fixed: false, missing, orphans }
  if (!fix) return result

  let isComplete = true
  // Orphan poster documents go through the Local API: the storage adapter deletes their files.
  const posterKeys = new Set<string>()
  for (const poster of orphanPosters) {
    for (const key of await keysOf(poster, true)) posterKeys.add(key)
    const { errors } = await payload.delete({
      collection: info.posterCollectionSlug,
      overrideAccess: true,
      where: { id: { equals: poster.id } },
    })
    if (errors.length) isComplete = false
  }
  // Read the orphans' assets again: one retried since the listing may be writing that key now.
  const ids = [...new Set(orphanIds.values())]
  const current = ids.length
    ? (
        await payload.find({
          collection: info.collectionSlug,
          depth: 0,
          limit: 0,
          overrideAccess: true,
          pagination: false,
          select: selectOf({ fields: ['_objectKey', 'filename', 'prefix', 'sizes', 'status'], payload, slug: info.collectionSlug }),
          trash: true,
          where: { id: { in: ids } },
        })
      ).docs
    : []
  const busy = new Set(
    current.filter((asset) => IN_FLIGHT_STATUSES.has(String(asset.status))).map((asset) => String(asset.id)),
  )
  const nowReferenced = new Set((await Promise.all(current.map((asset) => keysOf(asset as AnyDoc)))).flat())
  const toDelete = orphans.filter((key) => !posterKeys.has(key) && !busy.has(orphanIds.get(key)!) && !nowReferenced.has(key))
  const failedDeletes = await forEachLimited(toDelete, (key) =>
    client.send(new DeleteObjectCommand({ Bucket: bucket.name, Key: key })),
  )
  if (failedDeletes.length) {
    isComplete = false
    payload.logger.error(`generated-assets audit: could not delete ${failedDeletes.length} orphan object(s): ${failedDeletes.join(', ')}`)
  }

  for (const { id, keys } of missing) {
    const where: Where = { and: [{ id: { equals: id } }, { status: { equals: 'ready' } }] }
    const { errors } = await payload.update({
      collection: info.collectionSlug,
      data: {
        error: englishFailure('generatedAssets:failureStorageMissing', { keys: keys.join(', ') }),
        errorCode: STORAGE_MISSING_ERROR_CODE,
        status: 'failed',
      },
      depth: 0,
      overrideAccess: true,
      trash: true,
      where,
    })
    if (errors.length) isComplete = false
  }
  payload.logger.info(
    `generated-assets audit: removed ${toDelete.length - failedDeletes.length} orphan object(s) and ${orphanPosters.length} orphan poster(s), marked ${missing.length} asset(s) failed`,
  )
  result.fixed = isComplete
  return result
}
