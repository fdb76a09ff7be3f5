import type { Config } from 'payload'

import { describe, expect, it } from 'vitest'

import { resolveOptions } from '../defaults.js'
import { addGenerateControls, GENERATE_CONTROL_PATH } from './addGenerateControls.js'

const adminCustom = { authCollection: 'users', defaultModel: 'local/image', maxPromptLength: 4000, maxVariations: 4, models: [], trashRetentionDays: 30 }

const hostConfig = (): Config =>
  ({
    blocks: [{ fields: [{ name: 'picture', relationTo: 'media', type: 'upload' }], slug: 'shared' }],
    collections: [
      { fields: [{ name: 'alt', type: 'text' }], slug: 'media', upload: true },
      { fields: [{ name: 'file', type: 'text' }], slug: 'documents', upload: true },
      {
        fields: [
          { name: 'title', type: 'text' },
          { name: 'hero', relationTo: 'media', type: 'upload' },
          { name: 'attachment', relationTo: 'documents', type: 'upload' },
          {
            tabs: [
              { fields: [{ fields: [{ name: 'gallery', hasMany: true, relationTo: ['generated-assets', 'documents'], type: 'upload' }], type: 'row' }], label: 'Media' },
              { fields: [{ name: 'cover', relationTo: 'generated-assets', type: 'upload' }], name: 'meta' },
            ],
            type: 'tabs',
          },
          {
            blocks: [{ fields: [{ fields: [{ name: 'image', relationTo: 'generated-assets', type: 'upload' }], name: 'items', type: 'array' }], slug: 'grid' }],
            name: 'layout',
            type: 'blocks',
          },
        ],
        slug: 'posts',
      },
    ],
    globals: [{ fields: [{ fields: [{ name: 'image', relationTo: 'media', type: 'upload' }], name: 'banners', type: 'array' }], slug: 'settings' }],
  }) as unknown as Config

const run = (options: Record<string, unknown>, config = hostConfig()) =>
  addGenerateControls({ adminCustom, config, options: resolveOptions({ config, options }) })

/** `{ path: clientProps.targetCollection }` of every field with the control. */
const controls = (config: Config) => {
  const found: Record<string, string> = {}
  const walk = (value: unknown, path: string) => {
    if (Array.isArray(value)) return value.forEach((item, index) => walk(item, `${path}[${index}]`))
    if (!value || typeof value !== 'object') return
    const record = value as Record<string, any>
    const control = record.admin?.components?.afterInput?.find?.((entry: any) => entry.path === GENERATE_CONTROL_PATH)
    if (record.type === 'upload' && control) found[`${path}.${record.name}`] = control.clientProps.targetCollection
    for (const [key, child] of Object.entries(record)) if (key !== 'admin') walk(child, `${path}.${key}`)
  }
  walk(config, 'config')
  return Object.entries(found).map(([path, target]) => `${path.replace(/\.(fields|tabs|blocks)\[\d+\]/g, '').replace('config.', '')} → ${target}`)
}

describe('addGenerateControls', () => {
  it('adds the control to every upload field relating to the assets or a target, in every container, and nothing else', () => {
    expect(controls(run({ targets: ['media'] })).sort()).toEqual(
      [
        'picture → media',
        'collections[2].gallery → generated-assets',
        'collections[2].cover → generated-assets',
        'collections[2].hero → media',
        'collections[2].image → generated-assets',
        'globals[0].image → media',
      ].sort(),
    )
  })

  it('keeps afterInput components the host set, before its own', () => {
    const config = hostConfig()
    const hero = (config.collections![2]!.fields[1] as any)
    hero.admin = { components: { afterInput: ['/components/HostNote#HostNote'] } }
    const field = (run({ targets: ['media'] }, config).collections![2]!.fields[1] as any)
    expect(field.admin.components.afterInput.map((entry: any) => entry.path ?? entry)).toEqual(['/components/HostNote#HostNote', GENERATE_CONTROL_PATH])
  })

  it('adds the generatedAsset relation to each target', () => {
    const media = run({ targets: ['media'] }).collections!.find((collection) => collection.slug === 'media')!
    expect(media.fields.at(-1)).toMatchObject({ name: 'generatedAsset', relationTo: 'generated-assets', type: 'relationship' })
  })

  it('passes a prompt template to its field', () => {
    const config = run({ promptTemplates: { 'posts.hero': 'Hero for "{{title}}"' }, targets: ['media'] })
    const hero = config.collections![2]!.fields[1] as any
    expect(hero.admin.components.afterInput.at(-1).clientProps.promptTemplate).toBe('Hero for "{{title}}"')
  })

  it.each([
    [{ targets: ['posts'] }, /targets names "posts", which is not an upload collection/],
    [{ targets: ['nope'] }, /targets names "nope"/],
    [{ promptTemplates: { 'posts.title': 'x' } }, /promptTemplates has "posts.title", but no upload field/],
    [{ promptTemplates: { 'posts.hero': 'x' } }, /promptTemplates has "posts.hero"/],
    [{ promptTemplates: { 'posts.meta.cover': 'About {{subtitle}}' } }, /uses \{\{subtitle\}\}, which is no top-level field/],
  ])('refuses %j at config time', (options, message) => {
    expect(() => run(options)).toThrow(message)
  })
})
