import type { CollectionConfig, Config, Field, GlobalConfig } from 'payload'

import type { ResolvedGeneratedAssetsPluginOptions } from '../types.js'
import type { GeneratedAssetsAdminCustom } from './getGeneratedAssetsCollection.js'

import { TARGET_RELATION_FIELD } from '../endpoints/useInTargetEndpoint.js'

/** The client component the control is, in the import map. */
export const GENERATE_CONTROL_PATH = 'payload-plugin-generated-assets/client#GenerateIntoField'

/** What the Generate control of one upload field is given (serialisable: it crosses to the client). */
export type GenerateControlProps = {
  /** Slug of the assets collection (the generate route, the tiles). */
  assetsCollection: string
  /** Where a chosen asset goes: the assets collection itself, or a `targets` collection (copied there). */
  targetCollection: string
  defaultModel: string
  maxPromptLength: number
  maxVariations: number
  models: GeneratedAssetsAdminCustom['models']
  /** The field's prompt template (`promptTemplates`), with `{{name}}` for the document's values. */
  promptTemplate?: string
  /** Slug of the generation presets collection (the drawer's presets). */
  presetsCollection?: string
}

const TEMPLATE_NAME = /\{\{\s*([A-Za-z_$][\w$]*)\s*\}\}/g

/** Names of a document's top-level data fields (through rows, collapsibles and unnamed tabs). */
const topLevelNames = (fields: Field[]): string[] =>
  fields.flatMap((field) => {
    if (field.type === 'tabs')
      return field.tabs.flatMap((tab) => ('name' in tab && tab.name ? [tab.name] : topLevelNames(tab.fields)))
    if ('name' in field && field.name) return [field.name]
    return 'fields' in field ? topLevelNames(field.fields) : []
  })

type Visit = {
  /** Prefix of named paths, e.g. `posts.` or `posts.layout.image.`. */
  path: string
  wrap: (field: Field & { type: 'upload' }, path: string) => Field
}

/** Copies `fields` with every matching upload field wrapped, in any container. */
const visitFields = (fields: Field[], visit: Visit): Field[] =>
  fields.map((field): Field => {
    const named = 'name' in field && field.name ? `${visit.path}${field.name}` : undefined
    switch (field.type) {
      case 'upload':
        return visit.wrap(field, named!)
      case 'tabs':
        return {
          ...field,
          tabs: field.tabs.map((tab) => ({
            ...tab,
            fields: visitFields(tab.fields, {
              ...visit,
              path: 'name' in tab && tab.name ? `${visit.path}${tab.name}.` : visit.path,
            }),
          })),
        }
      case 'blocks':
        return {
          ...field,
          blocks: field.blocks.map((block) => ({
            ...block,
            fields: visitFields(block.fields, { ...visit, path: `${named}.${block.slug}.` }),
          })),
        }
      case 'array':
      case 'group':
      case 'collapsible':
      case 'row':
        return {
          ...field,
          fields: visitFields(field.fields, { ...visit, path: named ? `${named}.` : visit.path }),
        } as Field
      default:
        return field
    }
  })

/**
 * Gives every `upload` field of the config whose `relationTo` includes the assets collection or a
 * `targets` collection the Generate control (an `afterInput` component after any the field already
 * has): collections, globals and `config.blocks`, inside tabs, rows, collapsibles, groups, arrays
 * and blocks, `hasMany` and polymorphic fields alike. Fields added by plugins that run before this
 * one are seen; list this plugin after them (and before the storage plugin). Each `targets`
 * collection gets the `generatedAsset` relationship field (read-only, in the sidebar).
 *
 * @throws {Error} when a target is not an upload collection, or a `promptTemplates` key names no
 *   field with the control, or uses a `{{name}}` that is no top-level field of its document.
 */
export const addGenerateControls = ({
  adminCustom,
  config,
  options,
}: {
  adminCustom: GeneratedAssetsAdminCustom
  config: Config
  /** With `disabled: true` only the schema part is done (the `generatedAsset` fields), no controls. */
  options: ResolvedGeneratedAssetsPluginOptions
}): Config => {
  for (const target of options.targets) {
    const collection = config.collections?.find((candidate) => candidate.slug === target)
    if (!collection?.upload) {
      throw new Error(
        `payload-plugin-generated-assets: targets names "${target}", which is not an upload collection of this config.`,
      )
    }
  }
  const covered = new Set([options.collectionSlug, ...options.targets])
  const usedTemplates = new Set<string>()
  const wrapFor =
    (topLevel: string[]) =>
    (field: Field & { type: 'upload' }, path: string): Field => {
      const relationTo = Array.isArray(field.relationTo) ? field.relationTo : [field.relationTo]
      const targetCollection = relationTo.includes(options.collectionSlug)
        ? options.collectionSlug
        : relationTo.find((slug) => covered.has(slug))
      if (!targetCollection || field.admin?.readOnly || options.disabled) return field
      const promptTemplate = options.promptTemplates[path]
      if (promptTemplate !== undefined) {
        usedTemplates.add(path)
        for (const [, name] of promptTemplate.matchAll(TEMPLATE_NAME)) {
          if (!topLevel.includes(name!)) {
            throw new Error(
              `payload-plugin-generated-assets: promptTemplates["${path}"] uses {{${name}}}, which is no top-level field of that document (${topLevel.join(', ')}).`,
            )
          }
        }
      }
      const clientProps: GenerateControlProps = {
        assetsCollection: options.collectionSlug,
        defaultModel: adminCustom.defaultModel,
        maxPromptLength: adminCustom.maxPromptLength,
        maxVariations: adminCustom.maxVariations,
        models: adminCustom.models,
        presetsCollection: adminCustom.presetsCollection,
        targetCollection,
        ...(promptTemplate !== undefined ? { promptTemplate } : {}),
      }
      const afterInput = field.admin?.components?.afterInput ?? []
      return {
        ...field,
        admin: {
          ...field.admin,
          components: {
            ...field.admin?.components,
            afterInput: [
              ...(Array.isArray(afterInput) ? afterInput : [afterInput]),
              { clientProps, path: GENERATE_CONTROL_PATH },
            ],
          },
        },
      } as Field
    }
  const withControls = <T extends CollectionConfig | GlobalConfig>(entity: T): T => ({
    ...entity,
    fields: visitFields(entity.fields, {
      path: `${entity.slug}.`,
      wrap: wrapFor(topLevelNames(entity.fields)),
    }),
  })
  const result: Config = {
    ...config,
    blocks: config.blocks?.map((block) => ({
      ...block,
      fields: visitFields(block.fields, { path: `${block.slug}.`, wrap: wrapFor(topLevelNames(block.fields)) }),
    })),
    collections: (config.collections ?? []).map((collection) => {
      const withRelation = options.targets.includes(collection.slug)
        ? {
            ...collection,
            fields: [
              ...collection.fields,
              {
                name: TARGET_RELATION_FIELD,
                type: 'relationship' as const,
                access: { update: () => false },
                admin: {
                  description: 'The generated asset this file was made from',
                  position: 'sidebar' as const,
                  readOnly: true,
                },
                index: true,
                relationTo: options.collectionSlug,
              },
            ],
          }
        : collection
      return collection.slug === options.collectionSlug || collection.slug === options.posterCollectionSlug
        ? withRelation
        : withControls(withRelation)
    }),
    globals: config.globals?.map(withControls),
  }
  for (const key of Object.keys(options.promptTemplates)) {
    if (!usedTemplates.has(key) && !options.disabled) {
      throw new Error(
        `payload-plugin-generated-assets: promptTemplates has "${key}", but no upload field at that path (collection or global slug, then named fields) has the Generate control.`,
      )
    }
  }
  return result
}
