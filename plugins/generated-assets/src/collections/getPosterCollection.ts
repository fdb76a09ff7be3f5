import type { CollectionConfig } from 'payload'

import type { ResolvedGeneratedAssetsPluginOptions } from '../types.js'

import { getPrefixFields } from '../storage/getPrefixFields.js'
import { getStoragePrefixes } from '../storage/getStoragePrefixes.js'
import { keepProvenanceInSizes } from '../utilities/getAIDisclosure.js'
import { answerBadInput } from './answerBadInput.js'
import { getUploadTempFileHooks } from './getUploadTempFileHooks.js'
import { validateOperationArgs } from './validateOperationArgs.js'
import { withTrashedFilesForOwnersOnly } from './withTrashedFilesForOwnersOnly.js'

const uploadTempFile = getUploadTempFileHooks()

/**
 * The upload collection `generated-asset-posters`: one first-frame image (about 1 s in) per video
 * asset, with its own WebP thumbnail. Same read and delete rules as the assets (the file of a
 * trashed video's poster only for its owner); only the pipeline creates posters.
 */
export const getPosterCollection = ({
  options,
}: {
  options: ResolvedGeneratedAssetsPluginOptions
}): CollectionConfig => ({
  slug: options.posterCollectionSlug,
  access: {
    create: () => false,
    delete: options.access.delete,
    read: withTrashedFilesForOwnersOnly({ deletedAtPath: 'asset.deletedAt', read: options.access.read }),
    update: () => false,
  },
  admin: { hidden: true, useAsTitle: 'filename' },
  hooks: {
    afterError: [answerBadInput, uploadTempFile.afterError],
    afterOperation: [uploadTempFile.afterOperation],
    beforeOperation: [
      uploadTempFile.beforeOperation,
      validateOperationArgs({ ingestPath: `/api/${options.collectionSlug}/ingest` }),
    ],
  },
  fields: [
    { name: 'asset', type: 'relationship', index: true, relationTo: options.collectionSlug },
    { name: 'createdBy', type: 'relationship', index: true, relationTo: options.authCollection },
    ...getPrefixFields({ prefix: getStoragePrefixes({ storage: options.storage }).posters }),
  ],
  upload: {
    adminThumbnail: 'thumbnail',
    crop: false,
    focalPoint: false,
    imageSizes: [
      {
        name: 'thumbnail',
        formatOptions: { format: 'webp', options: { quality: 80 } },
        width: 480,
        withoutEnlargement: true,
      },
    ],
    mimeTypes: ['image/*'],
    // On local disk the posters go to the plugin's folder too (with a storage adapter it is unused).
    staticDir: getStoragePrefixes({ storage: options.storage }).posters || undefined,
    // Sizes keep the XMP AI disclosure of a file the pipeline marked (sharp drops metadata otherwise).
    withMetadata: options.provenance ? keepProvenanceInSizes : undefined,
  },
})
