import type { S3Client } from '@aws-sdk/client-s3'
import type { CollectionConfig, Payload } from 'payload'

import path from 'node:path'

import type { ResolvedGeneratedAssetsPluginOptions } from '../types.js'

import { getAssetsCollectionInfo } from './getAssetsCollectionInfo.js'
import { getBucketClient } from './getBucketClient.js'
import { getStoragePrefixes } from './getStoragePrefixes.js'

/** The stored-file fields of an upload document that locate its objects. */
export type StoredFileDoc = {
  _objectKey?: null | string
  filename?: null | string
  id?: number | string
  prefix?: null | string
  sizes?: null | Record<string, null | undefined | { filename?: null | string }>
}

/**
 * Where and how one of the plugin's upload collections stores its files, and the keys of a
 * document's objects there: what the job, the share routes, the gallery, the collection's read
 * hook and the storage tools ask instead of guessing from the config themselves.
 */
export type StorageInfo = {
  /**
   * The storage adapter's name, as `@payloadcms/plugin-cloud-storage` records it on the
   * collection (`upload.adapter`): `s3` for `@payloadcms/storage-s3`, each other adapter its own
   * name; `null` on Payload's local disk.
   */
  adapter: null | string
  /**
   * The bucket the plugin itself may write to and sign URLs of: set only when the collection is
   * on storage-s3 and the plugin's `storage` option names its `bucket`.
   */
  bucket: null | {
    acl?: 'private' | 'public-read'
    client: S3Client
    name: string
    /** Seconds a share link's signed URL stays valid; `false`: share links stream through the app. */
    signedURLExpiresIn: false | number
  }
  /**
   * The key prefix new objects of the collection get (`generated-assets`, `media/generated-assets`
   * under a collection `prefix`; no trailing slash, `''` for the bucket's root): the folder
   * `auditStorage` lists. On local disk, `''` (files sit in `staticDir`).
   */
  folder: string
  /**
   * The key of one stored file of `doc` (default its own file; or `filename`, one of its image
   * sizes) as its storage adapter reads and deletes it: `prefix/_objectKey/filename` under the
   * collection prefix, built by `@payloadcms/plugin-cloud-storage`'s own `getStorageFilePath`;
   * on local disk, the name in `staticDir`. `null` when the document has no file.
   */
  getKey: (args: { doc: StoredFileDoc; filename?: null | string }) => Promise<null | string>
  /** The keys of every stored file of `doc`: its file and each image size that was made. */
  getKeys: (args: { doc: StoredFileDoc }) => Promise<string[]>
  /** Whether the collection is on `@payloadcms/storage-s3` (its adapter calls itself `s3`). */
  isStorageS3: boolean
  /**
   * What REST and the gallery call the storage (`storageMode`): `local` on local disk, else the
   * adapter's name (`s3` for storage-s3).
   */
  mode: string
}

/** The parts of `@payloadcms/plugin-cloud-storage/utilities` used here; older versions export fewer. */
type CloudStorageUtilities = {
  buildUploadStoragePathData?: (args: KeyArgs) => { storageFilePath: string }
  getFileKey?: (args: KeyArgs) => string | { storageFilePath: string }
  getStorageFilePath?: (args: {
    collection: CollectionConfig
    collectionPrefix?: string
    doc: { _objectKey?: string; id: number | string; prefix?: string }
    filename: string
    req: never
    useCompositePrefixes?: boolean
  }) => Promise<string>
}

type KeyArgs = { collectionPrefix?: string; docPrefix?: string; filename: string; useCompositePrefixes?: boolean }

/**
 * Not a literal, and marked for the bundlers to leave alone: the package comes with every storage
 * adapter built on it, and a project on local disk need not have it.
 */
const CLOUD_STORAGE_UTILITIES = '@payloadcms/plugin-cloud-storage/utilities'

let utilitiesPromise: Promise<{ error?: unknown; utilities: CloudStorageUtilities }> | undefined

/** The storage plugin's utilities, loaded once; none, with the import's error, where it cannot be loaded. */
const loadUtilities = (): Promise<{ error?: unknown; utilities: CloudStorageUtilities }> =>
  (utilitiesPromise ??= import(/* webpackIgnore: true */ /* turbopackIgnore: true */ CLOUD_STORAGE_UTILITIES).then(
    (module: CloudStorageUtilities) => ({ utilities: module }),
    (error: unknown) => ({ error, utilities: {} }),
  ))

/** Seconds a signed share URL stays valid unless `storage.signedURLExpiresIn` says otherwise. */
const DEFAULT_SIGNED_URL_EXPIRES_IN = 300

/** `a/b/` → `a/b`, `/` → `''`. */
const trimSlashes = (value: null | string | undefined) => (value ?? '').replace(/^\/+|\/+$/g, '')

/**
 * A key function for a cloud storage adapter: `getStorageFilePath` where the installed
 * `@payloadcms/plugin-cloud-storage` exports it (3.90: the function storage-s3's own file handler
 * calls, `prefix` then `_objectKey` under the collection prefix, `useCompositePrefixes` honoured);
 * else `getFileKey`; else, as versions that exported neither stored files, the document's
 * `prefix` (or the collection's) joined with the name.
 */
const createKeyFunction = ({
  collection,
  collectionPrefix,
  useCompositePrefixes,
  utilities,
}: {
  collection: CollectionConfig
  collectionPrefix: string
  useCompositePrefixes: boolean
  utilities: CloudStorageUtilities
}) => {
  const { getFileKey, getStorageFilePath } = utilities
  return async ({ doc, filename }: { doc: StoredFileDoc; filename: string }): Promise<string> => {
    if (getStorageFilePath) {
      return getStorageFilePath({
        collection,
        collectionPrefix,
        doc: { _objectKey: doc._objectKey ?? undefined, id: doc.id ?? '', prefix: doc.prefix ?? undefined },
        filename,
        req: undefined as never,
        useCompositePrefixes,
      })
    }
    if (getFileKey) {
      const key = getFileKey({ collectionPrefix, docPrefix: doc.prefix ?? undefined, filename, useCompositePrefixes })
      return typeof key === 'string' ? key : key.storageFilePath
    }
    return path.posix.join(trimSlashes(doc.prefix) || trimSlashes(collectionPrefix), filename)
  }
}

const infos = new WeakMap<object, Promise<StorageInfo>>()

/**
 * What stores the files of `collectionSlug` (the plugin's assets or posters collection) and how
 * to find them: the adapter by what it is (storage-s3, local disk, any other adapter by its
 * name), the bucket the plugin may use itself, and the keys of a document's objects, computed
 * by `@payloadcms/plugin-cloud-storage`'s exported utilities with the collection prefix and
 * `useCompositePrefixes` of the plugin's `storage` option (as given to the storage adapter).
 * Worked out once per collection config.
 *
 * @throws {Error} when the plugin or `collectionSlug` is not in `payload`'s config, or the
 *   collection is not an upload collection.
 */
export const getStorageInfo = ({
  collectionSlug,
  payload,
}: {
  collectionSlug: string
  payload: Payload
}): Promise<StorageInfo> => {
  const collection = payload.collections[collectionSlug]?.config
  if (!collection?.upload) {
    return Promise.reject(
      new Error(`payload-plugin-generated-assets: "${collectionSlug}" is not an upload collection of this Payload config.`),
    )
  }
  let info = infos.get(collection)
  if (!info) {
    info = createStorageInfo({ collection, payload })
    infos.set(collection, info)
  }
  return info
}

const createStorageInfo = async ({
  collection,
  payload,
}: {
  collection: NonNullable<Payload['collections'][string]>['config']
  payload: Payload
}): Promise<StorageInfo> => {
  const plugin = getAssetsCollectionInfo({ payload })
  const storage: ResolvedGeneratedAssetsPluginOptions['storage'] = plugin.storage
  const prefixes = getStoragePrefixes({ storage })
  const defaultPrefix = collection.slug === plugin.posterCollectionSlug ? prefixes.posters : prefixes.assets
  const adapter = (collection.upload as { adapter?: unknown }).adapter
  const adapterName = typeof adapter === 'string' && adapter ? adapter : null
  const getKeys: StorageInfo['getKeys'] = async ({ doc }) => {
    const names = [doc.filename, ...Object.values(doc.sizes ?? {}).map((size) => size?.filename)]
    const keys = await Promise.all(
      names.filter((name): name is string => typeof name === 'string' && name.length > 0).map((name) => getKey({ doc, filename: name })),
    )
    return keys.filter((key): key is string => key !== null)
  }
  let getKey: StorageInfo['getKey']
  let folder = ''
  if (!adapterName) {
    getKey = async ({ doc, filename = doc.filename }) => filename || null
  } else {
    const { error, utilities } = await loadUtilities()
    if (error) {
      payload.logger.warn({
        err: error,
        msg: `payload-plugin-generated-assets: ${CLOUD_STORAGE_UTILITIES} could not be loaded; keys of "${collection.slug}" are taken as its prefix and the file name`,
      })
    }
    const collectionPrefix = trimSlashes(storage?.collectionPrefix)
    const useCompositePrefixes = Boolean(storage?.useCompositePrefixes)
    const keyOf = createKeyFunction({ collection, collectionPrefix, useCompositePrefixes, utilities })
    getKey = async ({ doc, filename = doc.filename }) => (filename ? keyOf({ doc, filename }) : null)
    // Where a new document's files go: its default `prefix` placed as the adapter places a new upload's.
    const probe = utilities.buildUploadStoragePathData
      ? utilities.buildUploadStoragePathData({ collectionPrefix, docPrefix: defaultPrefix, filename: '_', useCompositePrefixes })
          .storageFilePath
      : path.posix.join(defaultPrefix || collectionPrefix, '_')
    folder = trimSlashes(path.posix.dirname(probe).replace(/^\.$/, ''))
  }
  const isStorageS3 = adapterName === 's3'
  return {
    adapter: adapterName,
    bucket:
      isStorageS3 && storage?.bucket
        ? {
            acl: storage.acl,
            client: getBucketClient({ storage }),
            name: storage.bucket,
            signedURLExpiresIn: storage.signedURLExpiresIn ?? DEFAULT_SIGNED_URL_EXPIRES_IN,
          }
        : null,
    folder,
    getKey,
    getKeys,
    isStorageS3,
    mode: adapterName ?? 'local',
  }
}
