import type {
  CollectionAfterReadHook,
  CollectionBeforeChangeHook,
  CollectionConfig,
  Field,
  PayloadRequest,
} from 'payload'

import type { GeneratedAssetsT } from '../translations/types.js'
import type { ResolvedGeneratedAssetsPluginOptions } from '../types.js'

import { createPlaceholder } from '../media/createPlaceholder.js'
import { getDeletePostersHooks } from '../storage/getDeletePostersHooks.js'
import { getPrefixFields } from '../storage/getPrefixFields.js'
import { getProvenanceField } from './getProvenanceField.js'
import { getProvenanceSizesHook } from './getProvenanceSizesHook.js'
import { getStoragePrefixes } from '../storage/getStoragePrefixes.js'
import { keepProvenanceInSizes } from '../utilities/getAIDisclosure.js'
import { acceptsSourceImages } from '../utilities/acceptsSourceImages.js'
import { areReadableSourceImages } from '../utilities/areReadableSourceImages.js'
import { getRelationId } from '../utilities/getRelationId.js'
import { ownerOnlyFieldAccess } from '../utilities/ownerOnlyFieldAccess.js'
import { setCreatedBy } from '../utilities/setCreatedBy.js'
import { REVIEW_VERDICTS } from '../boards/getReviewsCollection.js'
import { validateBoards } from '../boards/validateBoards.js'
import { getDeleteReviewsHook } from '../boards/getDeleteReviewsHook.js'
import { isAssetId } from '../utilities/isAssetId.js'
import { answerBadInput } from './answerBadInput.js'
import { computeVirtualFields } from './computeVirtualFields.js'
import { getQueueOnCreateHooks } from './getQueueOnCreateHooks.js'
import { getUploadTempFileHooks } from './getUploadTempFileHooks.js'
import { getVirtualFieldSelectHooks } from './getVirtualFieldSelectHooks.js'
import { validateOperationArgs } from './validateOperationArgs.js'
import { withTrashedFilesForOwnersOnly } from './withTrashedFilesForOwnersOnly.js'

/** Admin state the gallery reads from `collection.admin.custom['plugin-generated-assets']`. */
export type GeneratedAssetsAdminCustom = {
  /** Slug of the collection of the users who create assets (the creator filter). */
  authCollection: string
  defaultModel: string
  maxPromptLength: number
  /** Most variations one generation may ask for (the plugin's `maxVariations`). */
  maxVariations: number
  /**
   * The models editors can pick. `acceptsSourceImages`: the model takes input images (the AI SDK
   * image model's `supportsFileInputs`, or the entry's `acceptsSourceImages`), so Reuse attaches the asset as a source.
   */
  models: { acceptsSourceImages: boolean; key: string; kind: 'image' | 'video'; label: string }[]
  /** Days a trashed asset is kept before it may be purged (shown in the Trash view). */
  trashRetentionDays: number
  /** Slug of the generation presets collection (the Create panel's presets, the viewer's Save as preset). */
  presetsCollection: string
  /** Slug of the boards collection (the gallery's boards bar, Add to board). */
  boardsCollection: string
  /** Slug of the reviews collection (the viewer's Reviews section). */
  reviewsCollection: string
}

/**
 * Server state on `collection.custom['plugin-generated-assets']`: what the worker, the trash purge
 * and `auditStorage` need to find from a bare `payload` instance.
 */
export type GeneratedAssetsCollectionCustom = {
  /** Seconds a worker holds an asset without a heartbeat (the plugin's `leaseTimeout`). */
  leaseTimeout: number
  /** Slug of the collection holding video posters. */
  posterCollectionSlug: string
  /** Jobs Queue queue of the generation and purge tasks. */
  queue: string
  /** The bucket the storage adapter writes to (the plugin's `storage` option), for `auditStorage`. */
  storage: ResolvedGeneratedAssetsPluginOptions['storage']
}


/**
 * Fields the pipeline owns (status, timings, leases, provenance): readable, but written only by the
 * plugin itself (which uses `overrideAccess`), never through REST or GraphQL updates.
 */
const pipelineOwned = { update: () => false }

/**
 * Validates `sources` / `parent` for a request made by a user (REST, GraphQL, the plugin's
 * endpoints): every id must be a ready image that user may read, because the worker reads the
 * source files with full access and hands them to the model (another user's picture must not
 * come back as an edit). Trusted Local API calls without a user are not checked.
 */
const validateSources =
  ({ collectionSlug }: { collectionSlug: string }) =>
  async (value: unknown, { req }: { req: PayloadRequest }): Promise<string | true> => {
    const ids = (Array.isArray(value) ? value : value === null || value === undefined ? [] : [value]).map(getRelationId)
    if (!ids.length || !req.user) return true
    if (!ids.every(isAssetId)) {
      return 'Source images must be asset ids.'
    }
    return (await areReadableSourceImages({ collectionSlug, ids, req }))
      ? true
      : 'Source images must be ready images you can see.'
  }

/**
 * Fields that point at someone (the creator) or at stored files (the poster): set only by the
 * plugin, never by a REST or GraphQL create or update, so nobody can file an asset under another
 * user's name or borrow another user's poster for their own share link.
 */
const pluginOnly = { create: () => false, update: () => false }

/**
 * Sets `placeholder` (the blurred LQIP the gallery shows while a thumbnail loads) whenever an
 * image file is stored, by the pipeline or by an upload in the admin: made from the smallest
 * image size Payload has just generated for this file (`req.payloadUploadSizes`, a few hundred
 * pixels, so far cheaper to decode than the original), else from the original's bytes. A
 * placeholder given by the caller (a video's, from its poster) is kept. Never fails the save.
 */
const setPlaceholder: CollectionBeforeChangeHook = async ({ data, req }) => {
  const file = req.file
  if (data.placeholder || !file || !data.filename || !String(data.mimeType ?? file.mimetype).startsWith('image/')) {
    return data
  }
  const sizes = Object.values(req.payloadUploadSizes ?? {}).filter((buffer): buffer is Buffer => Buffer.isBuffer(buffer))
  const source = sizes.sort((a, b) => a.byteLength - b.byteLength)[0] ?? (file.data?.byteLength ? file.data : undefined)
  if (source) {
    data.placeholder = await createPlaceholder({ data: source }).catch((err: unknown) => {
      req.payload.logger.warn({ err, msg: 'generated-assets: could not make a placeholder' })
      return null
    })
  }
  return data
}

/** Fills the virtual URL fields (absolute, persisted-first) from the stored ones, on every read. */
const getComputeUrlsHook =
  ({ collectionSlug }: { collectionSlug: string }): CollectionAfterReadHook =>
  ({ doc, req }) =>
    computeVirtualFields({ collectionSlug, doc, req })

const virtualText = (name: string, description: string): Field => ({
  name,
  type: 'text',
  admin: { description, hidden: true, readOnly: true },
  virtual: true,
})

/**
 * The upload collection `generated-assets`: one document per generated or imported
 * output, the single source of truth for its prompt, model, timings and stored file.
 */
export const getGeneratedAssetsCollection = ({
  options,
}: {
  options: ResolvedGeneratedAssetsPluginOptions
}): CollectionConfig => {
  const adminCustom: GeneratedAssetsAdminCustom = {
    authCollection: options.authCollection,
    defaultModel: options.defaultModel,
    maxPromptLength: options.maxPromptLength,
    maxVariations: options.maxVariations,
    models: Object.entries(options.models).map(([key, entry]) => ({
      acceptsSourceImages: acceptsSourceImages(entry),
      key,
      kind: entry.kind ?? 'image',
      label: entry.label ?? key,
    })),
    trashRetentionDays: options.trashRetentionDays,
    presetsCollection: options.presetsCollectionSlug,
    boardsCollection: options.boardsCollectionSlug,
    reviewsCollection: options.reviewsCollectionSlug,
  }
  const deletePosters = getDeletePostersHooks({ posterCollectionSlug: options.posterCollectionSlug })
  const folder = getStoragePrefixes({ storage: options.storage }).assets
  const uploadTempFile = getUploadTempFileHooks()
  const queueOnCreate = options.disabled ? undefined : getQueueOnCreateHooks({ options })
  const virtualFieldSelect = getVirtualFieldSelectHooks()
  // The pipeline's bookkeeping and the provider's raw answers: written by the plugin only, read by
  // whom `access.readInternalFields` lets (nobody by default) and by the plugin's own reads.
  const internal = { read: options.access.readInternalFields, update: () => false }
  const collection: CollectionConfig = {
    slug: options.collectionSlug,
    // In the admin's language (the nav, the gallery's title and tabs); `collectionOverride` may set others.
    labels: {
      plural: ({ t }) => (t as unknown as GeneratedAssetsT)('generatedAssets:collectionPlural'),
      singular: ({ t }) => (t as unknown as GeneratedAssetsT)('generatedAssets:collectionSingular'),
    },
    access: {
      create: ({ req }) => Boolean(req.user),
      delete: options.access.delete,
      read: withTrashedFilesForOwnersOnly({ deletedAtPath: 'deletedAt', read: options.access.read }),
      update: options.access.update,
    },
    admin: {
      components: options.disabled
        ? undefined
        : {
            views: {
              // A new asset is made with the generation form; an existing one gets Payload's own edit view.
              edit: { default: { Component: 'payload-plugin-generated-assets/client#AssetEditView' } },
              list: { Component: 'payload-plugin-generated-assets/rsc#GalleryView' },
            },
          },
      custom: { 'plugin-generated-assets': adminCustom },
      defaultColumns: ['filename', 'prompt', 'model', 'status', 'createdAt'],
      group: 'AI',
      useAsTitle: 'prompt',
    },
    custom: {
      'plugin-generated-assets': {
        leaseTimeout: options.leaseTimeout,
        posterCollectionSlug: options.posterCollectionSlug,
        queue: options.queue,
        storage: options.storage,
      } satisfies GeneratedAssetsCollectionCustom,
    },
    // The gallery's default order for each creator, keyset-paginated on (createdAt, id); the
    // migration `gallery_search` adds the trigram index for prompt search next to it.
    indexes: [{ fields: ['createdBy', 'createdAt'] }],
    fields: [
      { name: 'prompt', type: 'textarea', maxLength: options.maxPromptLength, required: true },
      { name: 'negativePrompt', type: 'textarea', maxLength: options.maxPromptLength },
      {
        name: 'alt',
        type: 'text',
        admin: { description: 'Alternative text for screen readers and search: filled when the image is ready, yours to edit.' },
        maxLength: 1000,
      },
      {
        type: 'row',
        fields: [
          {
            name: 'model',
            access: pipelineOwned,
            type: 'text',
            admin: { description: 'Registry key, e.g. openai/gpt-image-1', readOnly: true },
            index: true,
            required: true,
          },
          { name: 'modelName', access: pipelineOwned, type: 'text', admin: { readOnly: true } },
          { name: 'provider', access: pipelineOwned, type: 'text', admin: { readOnly: true } },
        ],
      },
      {
        type: 'row',
        fields: [
          {
            name: 'kind',
            access: pipelineOwned,
            type: 'select',
            admin: { readOnly: true },
            defaultValue: 'image',
            index: true,
            options: ['image', 'video'],
            required: true,
          },
          {
            name: 'status',
            access: pipelineOwned,
            type: 'select',
            admin: { readOnly: true },
            defaultValue: 'queued',
            index: true,
            options: ['queued', 'generating', 'ingesting', 'ready', 'failed'],
            required: true,
          },
          { name: 'starred', type: 'checkbox', defaultValue: false, index: true },
        ],
      },
      {
        name: 'boards',
        type: 'relationship',
        admin: { position: 'sidebar' },
        hasMany: true,
        index: true,
        relationTo: options.boardsCollectionSlug,
        validate: validateBoards({ boardsCollectionSlug: options.boardsCollectionSlug }),
      },
      {
        name: 'verdict',
        access: pipelineOwned,
        type: 'select',
        admin: { description: 'The latest verdict given through a board review link', position: 'sidebar', readOnly: true },
        index: true,
        options: [...REVIEW_VERDICTS],
      },
      {
        name: 'error',
        access: pipelineOwned,
        type: 'text',
        admin: {
          components: { Field: 'payload-plugin-generated-assets/client#AssetErrorField' },
          condition: (data) => Boolean(data?.error),
          readOnly: true,
        },
      },
      { name: 'errorCode', access: pipelineOwned, type: 'text', admin: { hidden: true } },
      { name: 'attempts', access: internal, type: 'number', admin: { hidden: true }, defaultValue: 0 },
      { name: 'params', access: pipelineOwned, type: 'json', admin: { readOnly: true } },
      { name: 'seed', access: pipelineOwned, type: 'number', admin: { readOnly: true } },
      {
        type: 'row',
        fields: [
          {
            name: 'batch',
            access: pipelineOwned,
            type: 'text',
            admin: { description: 'Variations asked for together share it', readOnly: true },
            index: true,
          },
          { name: 'batchIndex', access: pipelineOwned, type: 'number', admin: { hidden: true } },
          { name: 'batchSize', access: pipelineOwned, type: 'number', admin: { readOnly: true } },
        ],
      },
      { name: 'warnings', access: pipelineOwned, type: 'json', admin: { readOnly: true } },
      {
        type: 'row',
        fields: [
          {
            name: 'inferenceTime',
            access: pipelineOwned,
            type: 'number',
            admin: { description: 'Seconds the provider call took', readOnly: true },
          },
          {
            name: 'duration',
            access: pipelineOwned,
            type: 'number',
            admin: { description: 'Video length in seconds', readOnly: true },
          },
          { name: 'fps', access: pipelineOwned, type: 'number', admin: { readOnly: true } },
        ],
      },
      { name: 'usage', access: internal, type: 'json', admin: { readOnly: true } },
      {
        name: 'previewUrl',
        access: internal,
        type: 'text',
        admin: {
          description: "The provider's transient URL, kept for diagnosis only; never served or shared.",
          readOnly: true,
        },
      },
      {
        name: 'createdBy',
        access: pluginOnly,
        type: 'relationship',
        admin: { position: 'sidebar', readOnly: true },
        index: true,
        relationTo: options.authCollection,
      },
      { name: 'completedAt', access: pipelineOwned, type: 'date', admin: { position: 'sidebar', readOnly: true } },
      {
        name: 'queuedAt',
        access: internal,
        type: 'date',
        admin: { description: 'When the current attempt series started (time limit)', hidden: true },
      },
      {
        name: 'poster',
        access: pluginOnly,
        type: 'upload',
        admin: { readOnly: true },
        relationTo: options.posterCollectionSlug,
      },
      {
        name: 'placeholder',
        access: pipelineOwned,
        type: 'text',
        admin: { description: 'Tiny blurred preview (data URL)', hidden: true },
      },
      {
        name: 'sources',
        // Set when the asset is created (the worker sends these files to the model), never changed.
        access: pipelineOwned,
        type: 'relationship',
        admin: { description: 'Inputs (edit, image-to-video)', readOnly: true },
        hasMany: true,
        relationTo: options.collectionSlug,
        validate: validateSources({ collectionSlug: options.collectionSlug }),
      },
      {
        name: 'parent',
        access: pipelineOwned,
        type: 'relationship',
        admin: { readOnly: true },
        relationTo: options.collectionSlug,
        validate: validateSources({ collectionSlug: options.collectionSlug }),
      },
      {
        name: 'c2pa',
        // A provenance claim: set by ingest only, never by a create or update through the API.
        access: pluginOnly,
        type: 'select',
        admin: { description: "The stored original's C2PA manifest: signed by this site, the provider's only, or none", readOnly: true },
        options: ['signed', 'provider', 'none'],
      },
      {
        name: 'c2paError',
        access: pluginOnly,
        type: 'text',
        admin: { condition: (data) => Boolean(data?.c2paError), description: 'Why C2PA signing was on but the original is stored unsigned', readOnly: true },
      },
      {
        name: 'sourceUrl',
        access: pipelineOwned,
        type: 'text',
        admin: { description: 'Where an imported file came from', readOnly: true },
      },
      getProvenanceField(),
      {
        name: 'operation',
        access: internal,
        type: 'json',
        admin: { description: "The provider's asynchronous operation (video)", hidden: true },
      },
      { name: 'pollCount', access: internal, type: 'number', admin: { hidden: true }, defaultValue: 0 },
      { name: 'leaseOwner', access: internal, type: 'text', admin: { hidden: true } },
      { name: 'leaseExpiresAt', access: internal, type: 'date', admin: { hidden: true } },
      {
        name: 'shareToken',
        type: 'text',
        access: { read: ownerOnlyFieldAccess, update: () => false, create: () => false },
        admin: { hidden: true },
        index: true,
        unique: true,
      },
      { name: 'sharedAt', access: pipelineOwned, type: 'date', admin: { hidden: true } },
      virtualText('imageUrl', 'Absolute URL of the stored image'),
      virtualText('videoUrl', 'Absolute URL of the stored video'),
      virtualText('posterUrl', "Absolute URL of a video's poster image"),
      virtualText('shareUrl', 'Public share page (only while shared)'),
      virtualText('storageKey', 'Object key of the stored file'),
      virtualText('storageMode', 'local, s3 (storage-s3), or the storage adapter\'s name'),
      {
        name: 'imageSizes',
        type: 'array',
        access: { create: () => false, update: () => false },
        admin: {
          description: "The stored renditions (a video's: its poster's), narrowest first, for srcset",
          hidden: true,
          readOnly: true,
        },
        fields: [
          { name: 'name', type: 'text', required: true },
          { name: 'width', type: 'number', required: true },
          { name: 'height', type: 'number', required: true },
          { name: 'url', type: 'text', required: true },
          { name: 'mimeType', type: 'text' },
        ],
        virtual: true,
      },
      {
        name: 'aiDisclosure',
        type: 'group',
        access: { create: () => false, update: () => false },
        admin: {
          description: 'Machine-readable AI disclosure (EU AI Act Art. 50): also written into the stored files\' XMP',
          hidden: true,
          readOnly: true,
        },
        fields: [
          { name: 'isAIGenerated', type: 'checkbox' },
          { name: 'digitalSourceType', type: 'text' },
          { name: 'model', type: 'text' },
          { name: 'provider', type: 'text' },
          { name: 'c2pa', type: 'select', options: ['signed', 'provider', 'none'] },
        ],
        virtual: true,
      },
      ...getPrefixFields({ prefix: folder }),
    ],
    hooks: {
      afterDelete: [deletePosters.afterDelete],
      afterError: [answerBadInput, uploadTempFile.afterError],
      afterOperation: [uploadTempFile.afterOperation, virtualFieldSelect.afterOperation],
      afterChange: queueOnCreate ? [queueOnCreate.afterChange] : [],
      afterRead: [getComputeUrlsHook({ collectionSlug: options.collectionSlug })],
      // The storage adapter's beforeChange (it uploads the sizes) comes after these: the plugin is placed before it.
      beforeChange: [
        setCreatedBy,
        ...(queueOnCreate ? [queueOnCreate.beforeChange] : []),
        setPlaceholder,
        ...(options.provenance ? [getProvenanceSizesHook()] : []),
      ],
      // Permanent deletes take the video poster (its file and sizes) and the reviews with them; trashing keeps them.
      beforeDelete: [deletePosters.beforeDelete, getDeleteReviewsHook({ reviewsCollectionSlug: options.reviewsCollectionSlug })],
      beforeOperation: [
        uploadTempFile.beforeOperation,
        validateOperationArgs({ ingestPath: `/api/${options.collectionSlug}/ingest` }),
        virtualFieldSelect.beforeOperation,
      ],
    },
    trash: true,
    upload: {
      adminThumbnail: 'thumbnail',
      crop: false,
      filesRequiredOnCreate: false,
      focalPoint: false,
      imageSizes: [
        {
          name: 'thumbnail',
          formatOptions: { format: 'webp', options: { quality: 80 } },
          width: 480,
          withoutEnlargement: true,
        },
        {
          // Only for images wider than 1280 px: Payload omits a size wider than the original when
          // `withoutEnlargement` is unset, where `true` would store a second copy at full size.
          name: 'preview',
          formatOptions: { format: 'webp', options: { quality: 85 } },
          width: 1280,
        },
      ],
      mimeTypes: ['image/*', 'video/*'],
      // On local disk the files go to the plugin's folder too (with a storage adapter it is unused).
      staticDir: folder || undefined,
      // Sizes keep the XMP AI disclosure of a file the pipeline marked (sharp drops metadata otherwise).
      withMetadata: options.provenance ? keepProvenanceInSizes : undefined,
    },
  }
  return options.collectionOverride ? options.collectionOverride({ collection }) : collection
}
