import type { Access, Config } from 'payload'

import type { GeneratedAssetsPluginOptions, ResolvedGeneratedAssetsPluginOptions } from './types.js'

import { createLocalImageModel } from './models/localImageModel.js'

/** Slug of the assets collection unless `collectionSlug` says otherwise. */
export const DEFAULT_COLLECTION_SLUG = 'generated-assets'
/** Jobs Queue queue of generation tasks unless `queue` says otherwise. */
export const DEFAULT_QUEUE = 'generated-assets'
/** Slug of the generation task. */
export const GENERATE_TASK_SLUG = 'generateAsset'
/** Key of the built-in offline image model. */
export const LOCAL_IMAGE_MODEL_KEY = 'local/image'
/** Postgres channel a worker listens on to pick up new jobs at once. */
export const JOBS_NOTIFY_CHANNEL = 'generated_assets_jobs'

/** Default access: a logged-in user reaches the assets they created; anonymous users nothing. */
export const ownAssetsOnly: Access = ({ req }) => {
  if (!req.user) {
    return false
  }
  return { createdBy: { equals: req.user.id } }
}

/**
 * Applies every default to the plugin's options.
 *
 * @throws {Error} when `defaultModel` names a model that `models` does not have.
 */
export const resolveOptions = ({
  config,
  options,
}: {
  config: Config
  options: GeneratedAssetsPluginOptions
}): ResolvedGeneratedAssetsPluginOptions => {
  const models =
    options.models && Object.keys(options.models).length > 0
      ? options.models
      : {
          [LOCAL_IMAGE_MODEL_KEY]: { kind: 'image' as const, label: 'Local (offline)', model: createLocalImageModel() },
        }
  const defaultModel = options.defaultModel ?? Object.keys(models)[0]!
  if (!models[defaultModel]) {
    throw new Error(
      `payload-plugin-generated-assets: defaultModel "${defaultModel}" is not one of the configured models (${Object.keys(models).join(', ')}). Add it to "models" or remove "defaultModel".`,
    )
  }
  return {
    access: {
      delete: options.access?.delete ?? ownAssetsOnly,
      read: options.access?.read ?? ownAssetsOnly,
      update: options.access?.update ?? ownAssetsOnly,
    },
    authCollection:
      options.authCollection ??
      config.admin?.user ??
      config.collections?.find((collection) => collection.auth)?.slug ??
      'users',
    collectionOverride: options.collectionOverride,
    collectionSlug: options.collectionSlug ?? DEFAULT_COLLECTION_SLUG,
    defaultModel,
    disabled: options.disabled ?? false,
    maxPromptLength: options.maxPromptLength ?? 4000,
    models,
    queue: options.queue ?? DEFAULT_QUEUE,
  }
}
