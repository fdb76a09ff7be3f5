import { describe, expect, it } from 'vitest'

import { getVirtualFieldSelectHooks } from './getVirtualFieldSelectHooks.js'

const collection = {
  flattenedFields: [
    'createdBy',
    'filename',
    'kind',
    'mimeType',
    'poster',
    'prefix',
    'prompt',
    'shareToken',
    'sizes',
    'url',
  ].map((name) => ({ name })),
}

/** Runs the two hooks around a read that answers `doc` (what the database gave for the widened select). */
const read = async (select: Record<string, unknown> | undefined, doc: Record<string, unknown>) => {
  const hooks = getVirtualFieldSelectHooks()
  const args = (await hooks.beforeOperation({ args: { select }, collection, operation: 'read' } as never)) as {
    select?: Record<string, unknown>
  }
  const result = await hooks.afterOperation({ args, operation: 'findByID', result: doc } as never)
  return { result, select: args.select }
}

const DOC = {
  filename: 'a.png',
  id: 1,
  imageUrl: 'https://cms.test/a.png',
  kind: 'image',
  prompt: 'p',
  sizes: { preview: { url: '/p.webp' }, thumbnail: { url: '/t.webp' } },
  storageMode: 's3',
}

describe('getVirtualFieldSelectHooks', () => {
  it('widens an include select by what the computed fields are made of, and trims the result back', async () => {
    const { result, select } = await read({ imageUrl: true }, { ...DOC })
    expect(select).toMatchObject({ filename: true, imageUrl: true, kind: true, shareToken: true, sizes: true })
    expect(select).not.toHaveProperty('_objectKey')
    expect(result).toEqual({ id: 1, imageUrl: 'https://cms.test/a.png' })
  })

  it('keeps a nested select of a widened group', async () => {
    const { result } = await read(
      { sizes: { thumbnail: true }, thumbnailURL: true },
      { ...DOC, thumbnailURL: '/t.webp' },
    )
    expect(result).toEqual({ id: 1, sizes: { thumbnail: { url: '/t.webp' } }, thumbnailURL: '/t.webp' })
  })

  it('reads everything when an exclusion list only held inputs, and takes them out after', async () => {
    const { result, select } = await read({ filename: false, sizes: false }, { ...DOC })
    expect(select).toBeUndefined()
    expect(result).not.toHaveProperty('filename')
    expect(result).not.toHaveProperty('sizes')
    expect(result).toMatchObject({ imageUrl: DOC.imageUrl, prompt: 'p' })
  })

  it('leaves selects without computed fields, and reads without select, alone', async () => {
    expect((await read({ prompt: true }, { ...DOC })).select).toEqual({ prompt: true })
    expect((await read(undefined, { ...DOC })).result).toEqual(DOC)
  })
})
