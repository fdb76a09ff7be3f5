import { describe, expect, it } from 'vitest'

import type { GalleryAsset } from '../types.js'

import { findAddedAtTop, mergeIntoHeld, mergeIntoItems } from './feedMerge.js'

const asset = (id: number, createdAt: string, extra: Partial<GalleryAsset> = {}) =>
  ({ createdAt, id, status: 'ready', ...extra }) as GalleryAsset
const freshOf = (...assets: GalleryAsset[]) => new Map(assets.map((item) => [String(item.id), item]))

describe('feedMerge', () => {
  const loaded = [asset(2, '2026-12-02'), asset(1, '2026-12-01')]

  it('finds what sorts before the first loaded asset and is not loaded', () => {
    const fresh = freshOf(asset(3, '2026-12-03'), asset(2, '2026-12-02'), asset(0, '2026-11-30'))
    expect(findAddedAtTop({ current: loaded, fresh, sort: 'newest' }).map((item) => item.id)).toEqual([3])
    expect(findAddedAtTop({ current: loaded, fresh, sort: 'oldest' }).map((item) => item.id)).toEqual([0])
  })

  it('puts refreshed copies in place, never over a removed asset, and the added on top when shown', () => {
    const removed = asset(1, '2026-12-01', { isRemoved: true })
    const items = [asset(2, '2026-12-02', { status: 'generating' }), removed]
    const fresh = freshOf(asset(2, '2026-12-02'), asset(1, '2026-12-01'))
    const added = [asset(3, '2026-12-03')]
    expect(mergeIntoItems({ added, fresh, isShown: false, items }).map((item) => [item.id, item.status])).toEqual([
      [2, 'ready'],
      [1, 'ready'],
    ])
    expect(mergeIntoItems({ added, fresh, isShown: false, items })[1]).toBe(removed)
    expect(mergeIntoItems({ added, fresh, isShown: true, items }).map((item) => item.id)).toEqual([3, 2, 1])
    expect(mergeIntoItems({ added: [], fresh: new Map(), isShown: false, items })).toBe(items)
  })

  it('holds new assets back while not shown, and lets them go once shown', () => {
    const added = [asset(4, '2026-12-04')]
    const pending = [asset(3, '2026-12-03')]
    expect(mergeIntoHeld({ added, fresh: freshOf(...added), isShown: false, pending }).map((item) => item.id)).toEqual([
      4, 3,
    ])
    expect(mergeIntoHeld({ added: pending, fresh: freshOf(...pending), isShown: true, pending })).toEqual([])
    expect(mergeIntoHeld({ added: [], fresh: new Map(), isShown: false, pending })).toBe(pending)
  })
})
