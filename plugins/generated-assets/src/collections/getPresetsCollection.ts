import type { CollectionBeforeChangeHook, CollectionConfig, FieldHook } from 'payload'

import type { GeneratedAssetsT } from '../translations/types.js'
import type { ResolvedGeneratedAssetsPluginOptions } from '../types.js'

import {
  getValidatePresetModel,
  validatePresetParams,
  validatePresetText,
  validatePresetTextarea,
} from '../presets/validatePresetFields.js'
import { answerBadInput } from './answerBadInput.js'

/** Longest preset name, in characters. */
export const MAX_PRESET_NAME_LENGTH = 120

/** Who sees a preset: its owner alone, or everyone who can generate. */
export const PRESET_VISIBILITIES = ['private', 'shared'] as const

/** Surrounding whitespace is dropped, so a name of spaces alone is refused as empty (`required`). */
const trim: FieldHook = ({ value }) => (typeof value === 'string' ? value.trim() : value)

/** The owner is whoever creates the preset; a trusted Local API call may name another. */
const setOwner: CollectionBeforeChangeHook = ({ data, operation, req }) => {
  if (operation === 'create' && req.user && !data.owner) data.owner = req.user.id
  return data
}

/**
 * The collection `generated-asset-presets` (slug: the plugin's `presetsCollectionSlug`): saved
 * generation settings an editor applies in the Create panel or the upload field's Generate
 * drawer. `name`, `model` (a key of the plugin's `models`), `params` (as the generate endpoint
 * takes them), `promptPrefix` and `promptSuffix` (put around the typed prompt), `negativePrompt`,
 * `visibility` (`private` or `shared`) and `owner` (set to the creating user, never written
 * through REST or GraphQL). Access is the plugin's `access.presets` (own and shared presets to
 * read, own ones to change and delete); any logged-in user creates. Bad values answer 400 with
 * the field's message (Payload's `ValidationError`), nothing saved.
 */
export const getPresetsCollection = ({
  options,
}: {
  options: ResolvedGeneratedAssetsPluginOptions
}): CollectionConfig => ({
  slug: options.presetsCollectionSlug,
  labels: {
    plural: ({ t }) => (t as unknown as GeneratedAssetsT)('generatedAssets:presetsPlural'),
    singular: ({ t }) => (t as unknown as GeneratedAssetsT)('generatedAssets:presetSingular'),
  },
  access: {
    create: ({ req }) => Boolean(req.user),
    delete: options.access.presets.delete,
    read: options.access.presets.read,
    update: options.access.presets.update,
  },
  admin: {
    defaultColumns: ['name', 'model', 'visibility', 'owner', 'updatedAt'],
    group: 'AI',
    useAsTitle: 'name',
  },
  hooks: {
    afterError: [answerBadInput],
    beforeChange: [setOwner],
  },
  fields: [
    {
      name: 'name',
      type: 'text',
      hooks: { beforeValidate: [trim] },
      maxLength: MAX_PRESET_NAME_LENGTH,
      required: true,
      validate: validatePresetText,
    },
    {
      name: 'model',
      type: 'text',
      admin: { description: 'Key of a configured model, e.g. openai/gpt-image-1' },
      index: true,
      maxLength: 200,
      required: true,
      validate: getValidatePresetModel({ models: options.models }),
    },
    {
      name: 'params',
      type: 'json',
      admin: { description: 'Generation params: size, aspectRatio, seed, duration, fps, providerOptions' },
      validate: validatePresetParams,
    },
    {
      name: 'promptPrefix',
      type: 'textarea',
      admin: { description: 'Put before the typed prompt' },
      maxLength: options.maxPromptLength,
      validate: validatePresetTextarea,
    },
    {
      name: 'promptSuffix',
      type: 'textarea',
      admin: { description: 'Put after the typed prompt' },
      maxLength: options.maxPromptLength,
      validate: validatePresetTextarea,
    },
    { name: 'negativePrompt', type: 'textarea', maxLength: options.maxPromptLength, validate: validatePresetTextarea },
    {
      name: 'visibility',
      type: 'select',
      admin: { description: 'Private: only you. Shared: everyone who can generate.', position: 'sidebar' },
      defaultValue: 'private',
      index: true,
      options: PRESET_VISIBILITIES.map((value) => ({
        label: ({ t }) =>
          (t as unknown as GeneratedAssetsT)(value === 'shared' ? 'generatedAssets:presetShared' : 'generatedAssets:presetPrivate'),
        value,
      })),
      required: true,
    },
    {
      name: 'owner',
      type: 'relationship',
      access: { create: () => false, update: () => false },
      admin: { position: 'sidebar', readOnly: true },
      index: true,
      relationTo: options.authCollection,
    },
  ],
})
