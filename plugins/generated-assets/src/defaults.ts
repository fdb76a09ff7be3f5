import type { Access, Config } from 'payload'

import type { GeneratedAssetsPluginOptions, ResolvedGeneratedAssetsPluginOptions } from './types.js'

import { ownOrSharedPresets, ownPresets } from './presets/presetAccess.js'
import { createLocalImageModel } from './models/localImageModel.js'
import { createLocalVideoModel } from './models/localVideoModel.js'

/** Longest validity of a SigV4 presigned URL, in seconds (7 days: AWS's limit for query-string authentication). */
const MAX_PRESIGNED_SECONDS = 604_800
/** Highest `maxVariations` a config may set: one request never queues more assets than this. */
const MAX_VARIATIONS_LIMIT = 16
/** Slug of the assets collection unless `collectionSlug` says otherwise. */
export const DEFAULT_COLLECTION_SLUG = 'generated-assets'
/** Slug of the video poster collection unless `posterCollectionSlug` says otherwise. */
export const DEFAULT_POSTER_COLLECTION_SLUG = 'generated-asset-posters'
/** Slug of the boards collection unless `boardsCollectionSlug` says otherwise. */
export const DEFAULT_BOARDS_COLLECTION_SLUG = 'generated-asset-boards'
/** Slug of the board reviews collection unless `reviewsCollectionSlug` says otherwise. */
export const DEFAULT_REVIEWS_COLLECTION_SLUG = 'generated-asset-reviews'
/** Slug of the generation presets collection unless `presetsCollectionSlug` says otherwise. */
export const DEFAULT_PRESETS_COLLECTION_SLUG = 'generated-asset-presets'
/** Jobs Queue queue of generation tasks unless `queue` says otherwise. */
export const DEFAULT_QUEUE = 'generated-assets'
/** Slug of the generation task. */
export const GENERATE_TASK_SLUG = 'generateAsset'
/** Key of the built-in offline image model. */
export const LOCAL_IMAGE_MODEL_KEY = 'local/image'
/** Postgres channel a worker listens on to pick up new jobs at once. */
export const JOBS_NOTIFY_CHANNEL = 'generated_assets_jobs'
/** Postgres channel that carries asset status changes to every web instance (SSE). */
export const EVENTS_NOTIFY_CHANNEL = 'generated_assets_events'
/** Slug of the scheduled task that purges old trash. */
export const PURGE_TRASH_TASK_SLUG = 'purgeGeneratedAssetsTrash'
/** Postgres schema of the plugin's own tables (kept out of Payload's schema, so a dev push never drops them). */
export const PLUGIN_DB_SCHEMA = 'payload_generated_assets'
/** Key of the built-in offline video model. */
export const LOCAL_VIDEO_MODEL_KEY = 'local/video'

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
 * @throws {Error} when `defaultModel` names a model that `models` does not have, or `rateLimit`,
 *   `maxActiveGenerations` or `storage.signedURLExpiresIn` is out of range (the message says what it takes).
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
          [LOCAL_VIDEO_MODEL_KEY]: {
            kind: 'video' as const,
            label: 'Local video (offline)',
            model: createLocalVideoModel(),
          },
        }
  const defaultModel = options.defaultModel ?? Object.keys(models)[0]!
  if (!models[defaultModel]) {
    throw new Error(
      `payload-plugin-generated-assets: defaultModel "${defaultModel}" is not one of the configured models (${Object.keys(models).join(', ')}). Add it to "models" or remove "defaultModel".`,
    )
  }
  const rateLimit = options.rateLimit ?? { limit: 60, window: 60 }
  if (
    rateLimit !== false &&
    !(Number.isInteger(rateLimit?.limit) && rateLimit.limit > 0 && Number.isInteger(rateLimit.window) && rateLimit.window > 0)
  ) {
    throw new Error(
      'payload-plugin-generated-assets: rateLimit must be false or { limit, window } with a whole number of generations (limit) per whole number of seconds (window), both above 0.',
    )
  }
  const maxVariations = options.maxVariations ?? 4
  if (!(Number.isInteger(maxVariations) && maxVariations >= 1 && maxVariations <= MAX_VARIATIONS_LIMIT)) {
    throw new Error(
      `payload-plugin-generated-assets: maxVariations must be a whole number from 1 to ${MAX_VARIATIONS_LIMIT}, got ${String(maxVariations)}.`,
    )
  }
  const maxActiveGenerations = options.maxActiveGenerations ?? 10
  if (maxActiveGenerations !== false && !(Number.isInteger(maxActiveGenerations) && maxActiveGenerations > 0)) {
    throw new Error(
      'payload-plugin-generated-assets: maxActiveGenerations must be false or a whole number of assets above 0.',
    )
  }
  const c2pa = options.provenance ? options.provenance.c2pa : undefined
  const signer = c2pa?.signer
  if (
    c2pa !== undefined &&
    !(signer && signer.certificateChain && (typeof signer.sign === 'function' || Boolean(signer.privateKey)))
  ) {
    throw new Error(
      'payload-plugin-generated-assets: provenance.c2pa must be { signer: { certificateChain, privateKey } } or { signer: { certificateChain, sign } }: PEM certificates (the signing one first) and its private key (PEM or KeyObject) or a function that signs with it.',
    )
  }
  const signedURLExpiresIn = options.storage?.signedURLExpiresIn
  if (
    signedURLExpiresIn !== undefined &&
    signedURLExpiresIn !== false &&
    !(Number.isInteger(signedURLExpiresIn) && signedURLExpiresIn > 0 && signedURLExpiresIn <= MAX_PRESIGNED_SECONDS)
  ) {
    throw new Error(
      `payload-plugin-generated-assets: storage.signedURLExpiresIn must be false or a whole number of seconds from 1 to ${MAX_PRESIGNED_SECONDS} (7 days, the longest a SigV4 presigned URL is valid).`,
    )
  }
  return {
    access: {
      delete: options.access?.delete ?? ownAssetsOnly,
      presets: {
        delete: options.access?.presets?.delete ?? ownPresets,
        read: options.access?.presets?.read ?? ownOrSharedPresets,
        update: options.access?.presets?.update ?? ownPresets,
      },
      read: options.access?.read ?? ownAssetsOnly,
      readInternalFields: options.access?.readInternalFields ?? (() => false),
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
    maxVariations,
    altTextModel: options.altTextModel,
    targets: [...new Set(options.targets ?? [])],
    promptTemplates: { ...options.promptTemplates },
    models,
    queue: options.queue ?? DEFAULT_QUEUE,
    posterCollectionSlug: options.posterCollectionSlug ?? DEFAULT_POSTER_COLLECTION_SLUG,
    boardsCollectionSlug: options.boardsCollectionSlug ?? DEFAULT_BOARDS_COLLECTION_SLUG,
    reviewsCollectionSlug: options.reviewsCollectionSlug ?? DEFAULT_REVIEWS_COLLECTION_SLUG,
    presetsCollectionSlug: options.presetsCollectionSlug ?? DEFAULT_PRESETS_COLLECTION_SLUG,
    maxAttempts: options.maxAttempts ?? 3,
    timeLimit: options.timeLimit ?? 15 * 60,
    maxImageBytes: options.maxImageBytes ?? 50 * 1024 * 1024,
    maxVideoBytes: options.maxVideoBytes ?? 1024 * 1024 * 1024,
    leaseTimeout: options.leaseTimeout ?? 30,
    allowPrivateAddresses: options.allowPrivateAddresses ?? false,
    provenance:
      options.provenance === false
        ? false
        : { c2pa: signer ? { signer } : null, embedPrompt: options.provenance?.embedPrompt ?? false },
    trashRetentionDays: options.trashRetentionDays ?? 30,
    trashPurgeSchedule: options.trashPurgeSchedule ?? '0 * * * *',
    rateLimit,
    maxActiveGenerations,
    storage: options.storage,
  }
}
