import type { Payload } from 'payload'

import type { GeneratedAssetsAdminCustom, GeneratedAssetsCollectionCustom } from '../collections/getGeneratedAssetsCollection.js'

/** Key of the plugin's state on a collection's `custom` and `admin.custom`. */
const PLUGIN_CUSTOM_KEY = 'plugin-generated-assets'

/** What server-side tools need to know about the plugin's collections in a running Payload. */
export type AssetsCollectionInfo = GeneratedAssetsCollectionCustom & {
  /** Slug of the assets collection. */
  collectionSlug: string
  /** Days a trashed asset is kept before the purge deletes it. */
  trashRetentionDays: number
}

/**
 * Finds the assets collection the plugin added to `payload`'s config (whatever its slug) and the
 * state the plugin recorded on it.
 *
 * @throws {Error} when the plugin is not in the config.
 */
export const getAssetsCollectionInfo = ({ payload }: { payload: Payload }): AssetsCollectionInfo => {
  for (const collection of payload.config.collections) {
    const custom = collection.custom?.[PLUGIN_CUSTOM_KEY] as GeneratedAssetsCollectionCustom | undefined
    if (!custom) continue
    const adminCustom = collection.admin?.custom?.[PLUGIN_CUSTOM_KEY] as GeneratedAssetsAdminCustom | undefined
    return { ...custom, collectionSlug: collection.slug, trashRetentionDays: adminCustom?.trashRetentionDays ?? 30 }
  }
  throw new Error(
    'payload-plugin-generated-assets: the plugin is not in this Payload config. Add generatedAssetsPlugin() to its plugins.',
  )
}
