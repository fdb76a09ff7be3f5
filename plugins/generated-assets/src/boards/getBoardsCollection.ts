import type { CollectionAfterReadHook, CollectionConfig, PayloadRequest } from 'payload'

import type { GeneratedAssetsT } from '../translations/types.js'
import type { ResolvedGeneratedAssetsPluginOptions } from '../types.js'

import { answerBadInput } from '../collections/answerBadInput.js'
import { validateOperationArgs } from '../collections/validateOperationArgs.js'
import { areReadableSourceImages } from '../utilities/areReadableSourceImages.js'
import { absolutizeUrl } from '../utilities/absolutizeUrl.js'
import { getRelationId } from '../utilities/getRelationId.js'
import { getRequestOrigin } from '../utilities/getRequestOrigin.js'
import { isAssetId } from '../utilities/isAssetId.js'
import { ownerOnlyFieldAccess } from '../utilities/ownerOnlyFieldAccess.js'
import { setCreatedBy } from '../utilities/setCreatedBy.js'

/** Path of a board's public review page under the API route: `/{boards}/share/{token}`. */
export const getBoardSharePath = ({
  apiRoute,
  boardsCollectionSlug,
  token,
}: {
  apiRoute: string | undefined
  boardsCollectionSlug: string
  token: string
}): string => `${apiRoute ?? '/api'}/${boardsCollectionSlug}/share/${encodeURIComponent(token)}`

/** Fills `shareUrl` (absolute) from the share token, for whoever may read the token (the owner). */
const getShareUrlHook =
  ({ boardsCollectionSlug }: { boardsCollectionSlug: string }): CollectionAfterReadHook =>
  ({ doc, req }) => {
    const token = (doc as { shareToken?: null | string }).shareToken
    ;(doc as { shareUrl?: null | string }).shareUrl = token
      ? absolutizeUrl(getBoardSharePath({ apiRoute: req.payload.config.routes?.api, boardsCollectionSlug, token }), getRequestOrigin({ req }))
      : null
    return doc
  }

/** A cover must be a ready image of the plugin's that the user may read (it is shown on the board). */
const validateCover =
  ({ collectionSlug }: { collectionSlug: string }) =>
  async (value: unknown, { req }: { req: PayloadRequest }): Promise<string | true> => {
    const id = getRelationId(value)
    if (value === null || value === undefined || !req.user) return true
    const { t } = req as unknown as { t: GeneratedAssetsT }
    if (!isAssetId(id) || !(await areReadableSourceImages({ collectionSlug, ids: [id], req }))) {
      return t('generatedAssets:errorBoardCover')
    }
    return true
  }

/** Fields only the plugin writes: nobody files a board under another user or sets its token. */
const pluginOnly = { create: () => false, update: () => false }

/**
 * The boards collection (`generated-asset-boards`): a named group of assets, which the assets
 * point at (their `boards` field, so one asset can be on any number of boards). Same `access` as
 * the assets (own boards by default; creating is open to any logged-in user); deleting a board
 * keeps its assets. A board can have a client review link (`shareToken`, made by
 * `POST /api/{boards}/:id/share`), whose page shows prompts only with `showPrompts`.
 */
export const getBoardsCollection = ({ options }: { options: ResolvedGeneratedAssetsPluginOptions }): CollectionConfig => ({
  slug: options.boardsCollectionSlug,
  labels: {
    plural: ({ t }) => (t as unknown as GeneratedAssetsT)('generatedAssets:boardsPlural'),
    singular: ({ t }) => (t as unknown as GeneratedAssetsT)('generatedAssets:boardsSingular'),
  },
  access: {
    create: ({ req }) => Boolean(req.user),
    delete: options.access.delete,
    read: options.access.read,
    update: options.access.update,
  },
  admin: { defaultColumns: ['title', 'createdBy', 'updatedAt'], group: 'AI', useAsTitle: 'title' },
  fields: [
    { name: 'title', type: 'text', maxLength: 120, required: true },
    { name: 'description', type: 'textarea', maxLength: 2000 },
    {
      name: 'cover',
      type: 'relationship',
      relationTo: options.collectionSlug,
      validate: validateCover({ collectionSlug: options.collectionSlug }),
    },
    {
      name: 'showPrompts',
      type: 'checkbox',
      admin: { description: 'Show prompts, models and parameters on the review page' },
      defaultValue: false,
    },
    {
      name: 'createdBy',
      access: pluginOnly,
      type: 'relationship',
      admin: { position: 'sidebar', readOnly: true },
      index: true,
      relationTo: options.authCollection,
    },
    {
      name: 'shareToken',
      type: 'text',
      access: { create: () => false, read: ownerOnlyFieldAccess, update: () => false },
      admin: { hidden: true },
      index: true,
      unique: true,
    },
    { name: 'sharedAt', access: pluginOnly, type: 'date', admin: { hidden: true } },
    {
      name: 'shareUrl',
      type: 'text',
      admin: { description: 'Public review page (only while shared)', hidden: true, readOnly: true },
      virtual: true,
    },
  ],
  hooks: {
    afterError: [answerBadInput],
    afterRead: [getShareUrlHook({ boardsCollectionSlug: options.boardsCollectionSlug })],
    beforeChange: [setCreatedBy],
    beforeOperation: [validateOperationArgs({ ingestPath: `/api/${options.collectionSlug}/ingest` })],
  },
})
