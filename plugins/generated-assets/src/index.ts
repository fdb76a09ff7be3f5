import type { Config, Plugin } from 'payload'

import type { GeneratedAssetsPluginOptions } from './types.js'

import { getGeneratedAssetsCollection } from './collections/getGeneratedAssetsCollection.js'
import { resolveOptions } from './defaults.js'
import { generateEndpoint } from './endpoints/generateEndpoint.js'
import { shareEndpoints } from './endpoints/shareEndpoints.js'
import { getGenerateAssetTask } from './jobs/getGenerateAssetTask.js'

/**
 * Adds a permanent, shareable gallery of AI-generated images to a Payload config: the upload
 * collection `generated-assets` (trash enabled), its generation task on the Jobs Queue, the
 * `generate` and share endpoints, and the admin gallery that replaces the collection's list view.
 *
 * Place it before your storage plugin (e.g. `s3Storage({ collections: { 'generated-assets': true } })`)
 * so the storage adapter sees the collection.
 *
 * @throws {Error} at config time when `defaultModel` is not one of `models`.
 */
export const generatedAssetsPlugin =
  (pluginOptions: GeneratedAssetsPluginOptions = {}): Plugin =>
  (incomingConfig: Config): Config => {
    const config: Config = { ...incomingConfig }
    const options = resolveOptions({ config, options: pluginOptions })
    const collection = getGeneratedAssetsCollection({ options })
    const isSlugTaken = (config.collections ?? []).some((existing) => existing.slug === collection.slug)
    if (isSlugTaken) {
      throw new Error(
        `payload-plugin-generated-assets: a collection with the slug "${collection.slug}" already exists. Pass another "collectionSlug" to the plugin.`,
      )
    }
    // The collection is added even when disabled, so turning the plugin off never changes the schema.
    if (options.disabled) {
      config.collections = [...(config.collections ?? []), collection]
      return config
    }
    config.collections = [
      ...(config.collections ?? []),
      {
        ...collection,
        endpoints: [...(collection.endpoints || []), generateEndpoint({ options }), ...shareEndpoints({ options })],
      },
    ]
    config.jobs = {
      ...config.jobs,
      tasks: [...(config.jobs?.tasks ?? []), getGenerateAssetTask({ options })],
    }
    return config
  }

export type {
  GeneratedAssetKind,
  GeneratedAssetsModel,
  GeneratedAssetsPluginOptions,
  GeneratedAssetStatus,
  GenerationParams,
  StorageMode,
} from './types.js'
export { createLocalImageModel } from './models/localImageModel.js'
export { runWorker } from './worker/runWorker.js'
export type { RunWorkerOptions } from './worker/runWorker.js'
export { absolutizeUrl } from './utilities/absolutizeUrl.js'
export { getRequestOrigin } from './utilities/getRequestOrigin.js'
export { getPersistedMediaUrl, getPosterUrl, normalizeAsset } from './utilities/normalizeAsset.js'
export type { NormalizedAsset } from './utilities/normalizeAsset.js'
