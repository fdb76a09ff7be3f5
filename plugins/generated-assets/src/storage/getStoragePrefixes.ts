import type { ResolvedGeneratedAssetsPluginOptions } from '../types.js'

/** Folder of the plugin's stored files unless `storage.prefix` says otherwise. */
export const DEFAULT_STORAGE_PREFIX = 'generated-assets'

/** Folder of the video posters inside the plugin's folder. */
const POSTERS_FOLDER = 'posters'

/** The folders the plugin's two upload collections store their files in. */
export type StoragePrefixes = {
  /** Folder of the assets' files and image sizes, e.g. `generated-assets`; `''` for the root. */
  assets: string
  /** Folder of the video posters and their sizes, e.g. `generated-assets/posters`; `''` for the root. */
  posters: string
}

/** `/a//b/` → `a/b`: no empty, `.` or `..` segments, no leading or trailing slash. */
const toFolder = (value: string): string =>
  value
    .split('/')
    .map((segment) => segment.trim())
    .filter((segment) => segment && segment !== '.' && segment !== '..')
    .join('/')

/**
 * The folders of the plugin's files from its `storage.prefix` option (default
 * `generated-assets`): the assets in it, the video posters in its `posters` subfolder. They are
 * the default value of each collection's `prefix` field (the field storage adapters built on
 * `@payloadcms/plugin-cloud-storage` read the object's folder from) and, on local disk, the
 * collections' `staticDir`. `storage.prefix: ''` gives `''` for both: the files then go where
 * the storage adapter puts any collection's (the bucket's root, or its collection `prefix`).
 */
export const getStoragePrefixes = ({
  storage,
}: {
  storage: ResolvedGeneratedAssetsPluginOptions['storage']
}): StoragePrefixes => {
  const assets = toFolder(storage?.prefix ?? DEFAULT_STORAGE_PREFIX)
  return { assets, posters: assets ? `${assets}/${POSTERS_FOLDER}` : '' }
}
