import { describe, expect, it } from 'vitest'

import { buildGalleryWhere } from './buildGalleryWhere.js'
import { translations } from '../translations/index.js'
import { encodeCursor, parseGalleryFilter, parseGalleryQuery } from './parseGalleryQuery.js'

describe('parseGalleryQuery', () => {
  it('applies defaults', () => {
    expect(parseGalleryQuery({})).toEqual({ limit: 50, sort: 'newest' })
  })

  it('reads every filter, the trash, the count and a cursor', () => {
    const cursor = encodeCursor({ createdAt: '2026-11-21T08:00:00.000Z', id: 42 })
    expect(
      parseGalleryQuery({
        count: 'true',
        createdBy: '7',
        cursor,
        from: '2026-11-01T00:00:00Z',
        kind: 'video',
        limit: '500',
        model: 'local/video',
        q: '  red   fox ',
        sort: 'oldest',
        starred: 'false',
        status: 'ready',
        to: '2026-11-21T10:00:00Z',
        trash: 'true',
      }),
    ).toEqual({
      count: true,
      createdBy: 7,
      cursor: { createdAt: '2026-11-21T08:00:00.000Z', id: 42 },
      from: '2026-11-01T00:00:00.000Z',
      kind: 'video',
      limit: 100,
      model: 'local/video',
      q: 'red fox',
      sort: 'oldest',
      starred: false,
      status: 'ready',
      to: '2026-11-21T10:00:00.000Z',
      trash: true,
    })
  })

  it('reads a bare "to" date as the end of that day', () => {
    expect(parseGalleryFilter({ to: '2026-11-21' }).to).toBe('2026-11-21T23:59:59.999Z')
  })

  it.each([
    ['an unknown parameter', { colour: 'red' }],
    ['a repeated parameter', { kind: ['image', 'video'] }],
    ['a bad trash flag', { trash: 'yes' }],
    ['a bad count flag', { count: '1' }],
    ['a bad creator', { createdBy: 'a b' }],
    ['a long search', { q: 'x'.repeat(201) }],
  ])('refuses %s with a 400', (_name, input) => {
    expect(() => parseGalleryQuery(input)).toThrow(expect.objectContaining({ status: 400 }))
  })
})

describe('buildGalleryWhere', () => {
  it('ANDs the filters, searching the prompt with like (the trigram index) and the trash by deletedAt', () => {
    expect(
      buildGalleryWhere(parseGalleryFilter({ kind: 'image', q: 'red fox', starred: 'true', trash: 'true' })),
    ).toEqual({
      and: [
        { deletedAt: { exists: true } },
        { kind: { equals: 'image' } },
        { starred: { equals: true } },
        { prompt: { like: 'red fox' } },
      ],
    })
  })

  it('is an empty AND without filters', () => {
    expect(buildGalleryWhere({})).toEqual({ and: [] })
  })
})

describe('parseGalleryQuery errors', () => {
  it('are in English by default, and in the language of the `t` given', () => {
    expect(() => parseGalleryQuery({ sort: 'sideways' })).toThrow('sort must be "newest" or "oldest".')
    const german = translations.de!.translations.generatedAssets as Record<string, string>
    const t = ((key: string, vars: Record<string, unknown> = {}) =>
      german[key.split(':')[1]!]!.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(vars[name]))) as never
    expect(() => parseGalleryQuery({ limit: '0' }, { t })).toThrow('limit muss eine ganze Zahl von 1 bis 100 sein.')
    expect(() => parseGalleryFilter({ from: 'soon' }, { t })).toThrow('from muss ein Datum nach ISO 8601 sein')
  })
})
