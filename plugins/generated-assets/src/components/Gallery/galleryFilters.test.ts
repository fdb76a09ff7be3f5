import { describe, expect, it } from 'vitest'

import { countActiveFilters, EMPTY_FILTERS, readFilters, toFilterParams, writeFilters } from './galleryFilters.js'

describe('gallery filters in the URL', () => {
  it('round-trips through the URL and keeps Payload’s own parameters', () => {
    const filters = {
      ...EMPTY_FILTERS,
      from: '2026-11-01',
      kind: 'image' as const,
      order: 'oldest' as const,
      q: 'red fox',
      starred: true,
    }
    const search = writeFilters(new URLSearchParams('limit=10&depth=1&q=old'), filters)
    expect(search.get('limit')).toBe('10')
    expect(search.get('depth')).toBe('1')
    expect(Object.fromEntries(search)).toMatchObject({
      from: '2026-11-01',
      kind: 'image',
      order: 'oldest',
      q: 'red fox',
      starred: '1',
    })
    expect(readFilters(search)).toEqual(filters)
    expect(countActiveFilters(filters)).toBe(3)
  })

  it('reads what it does not understand as "any"', () => {
    expect(readFilters({ creator: 'a b', from: 'yesterday', kind: 'audio', order: 'random', status: 'done' })).toEqual(
      EMPTY_FILTERS,
    )
  })

  it('leaves defaults out of the URL', () => {
    expect(writeFilters(new URLSearchParams(), EMPTY_FILTERS).toString()).toBe('')
  })

  it('turns calendar days into the local day’s first and last instants for the endpoint', () => {
    const params = toFilterParams(
      { ...EMPTY_FILTERS, creator: '3', from: '2026-11-01', to: '2026-11-21' },
      { isTrash: true },
    )
    expect(params).toEqual({
      createdBy: '3',
      from: new Date(2026, 10, 1).toISOString(),
      to: new Date(2026, 10, 21, 23, 59, 59, 999).toISOString(),
      trash: 'true',
    })
  })
})
