import type { Config, Endpoint, Plugin } from 'payload'

import path from 'node:path'
import { fileURLToPath } from 'node:url'

import type { GeneratedAssetsPluginOptions } from './types.js'

import { getGeneratedAssetsCollection } from './collections/getGeneratedAssetsCollection.js'
import { resolveOptions } from './defaults.js'
import { getPosterCollection } from './collections/getPosterCollection.js'
import { boardEndpoints } from './boards/boardEndpoints.js'
import { getBoardsCollection } from './boards/getBoardsCollection.js'
import { getReviewsCollection } from './boards/getReviewsCollection.js'
import { getPresetsCollection } from './collections/getPresetsCollection.js'
import { eventsEndpoint } from './endpoints/eventsEndpoint.js'
import { generateEndpoint } from './endpoints/generateEndpoint.js'
import { ingestEndpoint } from './endpoints/ingestEndpoint.js'
import { provenanceEndpoint } from './endpoints/provenanceEndpoint.js'
import { retryEndpoint } from './endpoints/retryEndpoint.js'
import { useInTargetEndpoint } from './endpoints/useInTargetEndpoint.js'
import { addGenerateControls } from './collections/addGenerateControls.js'
import type { GeneratedAssetsAdminCustom } from './collections/getGeneratedAssetsCollection.js'
import { shareEndpoints } from './endpoints/shareEndpoints.js'
import { bulkEndpoint } from './endpoints/bulkEndpoint.js'
import { downloadZipEndpoint } from './endpoints/downloadZipEndpoint.js'
import { galleryEndpoint } from './endpoints/galleryEndpoint.js'
import { getDisabledEndpoint } from './endpoints/getDisabledEndpoint.js'
import { getPublishStatusHooks } from './events/getPublishStatusHooks.js'
import { getHeadEndpoints } from './endpoints/getHeadEndpoints.js'
import { getGraphQLExtensions } from './graphql/getGraphQLExtensions.js'
import { setIntegerTypes } from './graphql/setIntegerTypes.js'
import { getGenerateAssetTask } from './jobs/getGenerateAssetTask.js'
import { getPurgeTrashTask } from './storage/getPurgeTrashTask.js'
import { handlePoolErrors } from './adapters/postgres/handlePoolErrors.js'
import { getDatabaseKind } from './adapters/getDatabaseKind.js'
import { prepareSQLite } from './adapters/sqlite/prepareSQLite.js'
import { mergeTranslations } from './translations/mergeTranslations.js'
import { endProvenanceTool } from './media/writeProvenance.js'
import { prepareC2PASigning } from './jobs/markOriginal.js'

/**
 * Where a bin script sits beside this file (`file` relative to `dist/`, e.g.
 * `storage/auditStorageScript.js`). Built from a variable, not `new URL('…', import.meta.url)`,
 * which bundlers (Next) would turn into an emitted asset; `undefined` where this module has no
 * file path (the bin runs with Node anyway).
 */
const getBinScriptPath = ({ file }: { file: string }): string | undefined => {
  const moduleURL = import.meta.url
  if (!moduleURL.startsWith('file:')) return undefined
  return path.join(path.dirname(fileURLToPath(moduleURL)), file)
}

/**
 * Adds a permanent, shareable gallery of AI-generated images to a Payload config: the upload
 * collection `generated-assets` (trash enabled), boards of assets with client review links
 * (`generated-asset-boards`, `generated-asset-reviews`), the generation presets collection
 * `generated-asset-presets`, its generation task on the Jobs Queue, the
 * `generate` and share endpoints, and the admin gallery that replaces the collection's list view;
 * a scheduled task that purges old trash, per-user generation limits, and the bin scripts
 * `payload audit:storage [--fix]` and `payload generated-assets:worker`. Its admin and API
 * messages come in English, German, French and Spanish (merged into `i18n.translations` under
 * `generatedAssets`, the host's own keys winning).
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
    const posterCollection = getPosterCollection({ options })
    const boardsCollection = getBoardsCollection({ options })
    const reviewsCollection = getReviewsCollection({ options })
    const presetsCollection = getPresetsCollection({ options })
    // Upload fields of the host (and of plugins before this one) get the Generate control; targets their relation field.
    const withGenerateControls = (built: Config) =>
      addGenerateControls({
        adminCustom: collection.admin!.custom!['plugin-generated-assets'] as GeneratedAssetsAdminCustom,
        config: built,
        options,
      })
    for (const slug of [collection.slug, posterCollection.slug, boardsCollection.slug, reviewsCollection.slug, presetsCollection.slug]) {
      if ((config.collections ?? []).some((existing) => existing.slug === slug)) {
        throw new Error(
          `payload-plugin-generated-assets: a collection with the slug "${slug}" already exists. Pass another "collectionSlug" / "posterCollectionSlug" / "boardsCollectionSlug" / "reviewsCollectionSlug" / "presetsCollectionSlug" to the plugin.`,
        )
      }
    }
    // The admin's strings in every language the host supports; the host's own keys win.
    config.i18n = mergeTranslations({ i18n: config.i18n })
    // `payload audit:storage [--fix]` (see auditStorage), a maintenance command, and the worker
    // `payload generated-assets:worker` (see workerScript); kept when disabled.
    const auditScriptPath = getBinScriptPath({ file: 'storage/auditStorageScript.js' })
    const workerScriptPath = getBinScriptPath({ file: 'worker/workerScript.js' })
    if (auditScriptPath && workerScriptPath) {
      config.bin = [
        ...(config.bin ?? []),
        { key: 'audit:storage', scriptPath: auditScriptPath },
        { key: 'generated-assets:worker', scriptPath: workerScriptPath },
      ]
    }
    const endpoints: Endpoint[] = [
      generateEndpoint({ options }),
      galleryEndpoint({ options }),
      bulkEndpoint({ options }),
      downloadZipEndpoint({ options }),
      ingestEndpoint({ options }),
      eventsEndpoint({ options }),
      retryEndpoint({ options }),
      provenanceEndpoint({ options }),
      useInTargetEndpoint({ options }),
      ...shareEndpoints({ options }),
    ]
    // The collections are added even when disabled, so turning the plugin off never changes the schema.
    // So is the task, inert: its slug is part of the schema too (the jobs table's task enum, and the
    // jobs table itself when the project has no other task). The routes answer 404, because Payload
    // would take `GET /gallery` for `GET /:id` and fail on a non-numeric id.
    if (options.disabled) {
      config.collections = [
        ...(config.collections ?? []),
        { ...collection, endpoints: [...(collection.endpoints || []), ...endpoints.map(getDisabledEndpoint)] },
        posterCollection,
        { ...boardsCollection, endpoints: boardEndpoints({ options }).map(getDisabledEndpoint) },
        reviewsCollection,
        presetsCollection,
      ]
      config.jobs = {
        ...config.jobs,
        tasks: [...(config.jobs?.tasks ?? []), getGenerateAssetTask({ options }), getPurgeTrashTask({ options })],
      }
      return withGenerateControls(config)
    }
    // Web processes too: a database restart must not end the app (pg emits unhandled 'error' events).
    const existingOnInit = config.onInit
    config.onInit = async (payload) => {
      handlePoolErrors({ payload })
      if (options.provenance && options.provenance.c2pa) {
        await prepareC2PASigning({ logger: payload.logger, signer: options.provenance.c2pa.signer })
      }
      if (getDatabaseKind({ payload }) === 'sqlite') prepareSQLite({ payload })
      // The provenance step's ExifTool process (unreferenced, so it never holds the process open)
      // ends with Payload, as the worker script's shutdown and tests' teardown call `destroy()`;
      // Payload has no shutdown hook of its own. A later write starts a new one.
      const destroy = payload.destroy
      payload.destroy = async () => {
        await endProvenanceTool()
        await destroy()
      }
      await existingOnInit?.(payload)
    }
    const publishHooks = getPublishStatusHooks()
    config.collections = [
      ...(config.collections ?? []),
      {
        ...collection,
        endpoints: [
          ...(collection.endpoints || []),
          ...endpoints,
          ...getHeadEndpoints({
            collectionSlug: collection.slug,
            paths: [...endpoints.filter((endpoint) => endpoint.method === 'get').map((endpoint) => endpoint.path), '/file/:filename'],
          }),
        ],
        hooks: {
          ...collection.hooks,
          afterChange: [...(collection.hooks?.afterChange ?? []), publishHooks.afterChange],
          afterDelete: [...(collection.hooks?.afterDelete ?? []), publishHooks.afterDelete],
        },
      },
      {
        ...posterCollection,
        endpoints: [
          ...(posterCollection.endpoints || []),
          ...getHeadEndpoints({ collectionSlug: posterCollection.slug, paths: ['/file/:filename'] }),
        ],
      },
      { ...boardsCollection, endpoints: boardEndpoints({ options }) },
      reviewsCollection,
      presetsCollection,
    ]
    const graphQL = getGraphQLExtensions({ options })
    const existingQueries = config.graphQL?.queries
    const existingMutations = config.graphQL?.mutations
    config.graphQL = {
      ...config.graphQL,
      mutations: (GraphQL, context) => ({
        ...existingMutations?.(GraphQL, context),
        ...graphQL.mutations(GraphQL, context),
      }),
      queries: (GraphQL, context) => {
        const types = (slug: string) => context.collections[slug]?.graphQL?.type
        setIntegerTypes({
          GraphQL,
          collectionTypes: Object.keys(context.collections).map(types).filter((type) => type !== undefined),
          types: [types(options.collectionSlug), types(options.posterCollectionSlug)].filter((type) => type !== undefined),
        })
        return { ...existingQueries?.(GraphQL, context), ...graphQL.queries(GraphQL, context) }
      },
    }
    config.jobs = {
      ...config.jobs,
      tasks: [...(config.jobs?.tasks ?? []), getGenerateAssetTask({ options }), getPurgeTrashTask({ options })],
    }
    return withGenerateControls(config)
  }

export type {
  GeneratedAssetKind,
  GeneratedAssetsModel,
  GeneratedAssetsPluginOptions,
  GeneratedAssetStatus,
  GenerationParams,
  StorageMode,
} from './types.js'
export type { C2PASigner, C2PASigningAlgorithm } from './media/c2paSigner.js'
export type { AIDisclosure, C2PAStatus } from './utilities/getAIDisclosure.js'
export { ownOrSharedPresets, ownPresets } from './presets/presetAccess.js'
export { translations } from './translations/index.js'
export type {
  GeneratedAssetsDefaultTranslations,
  GeneratedAssetsLanguage,
  GeneratedAssetsTranslationKeys,
} from './translations/index.js'
export { createLocalImageModel } from './models/localImageModel.js'
export { createLocalVideoModel } from './models/localVideoModel.js'
export { runWorker } from './worker/runWorker.js'
export type { RunWorkerOptions } from './worker/runWorker.js'
export { auditStorage } from './storage/auditStorage.js'
export type { AuditStorageResult } from './storage/auditStorage.js'
export { purgeTrash } from './storage/purgeTrash.js'
export type { PurgeTrashResult } from './storage/purgeTrash.js'
export { GenerationLimitError } from './limits/GenerationLimitError.js'
export { absolutizeUrl } from './utilities/absolutizeUrl.js'
export { getRequestOrigin } from './utilities/getRequestOrigin.js'
export { getPersistedMediaUrl, getPosterUrl, normalizeAsset } from './utilities/normalizeAsset.js'
export type { NormalizedAsset } from './utilities/normalizeAsset.js'
