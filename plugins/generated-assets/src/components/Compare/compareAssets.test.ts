import { describe, expect, it } from 'vitest'

import type { GalleryAsset } from '../types.js'

import { canSlide, compareDetails, diffPromptWords, rotateAssets } from './compareAssets.js'

const asset = (overrides: Partial<GalleryAsset>): GalleryAsset =>
  ({
    height: 512,
    id: 1,
    imageUrl: 'http://cms.test/a.png',
    kind: 'image',
    model: 'local/image',
    modelName: 'Local (offline)',
    params: { size: '512x512' },
    seed: 1,
    status: 'ready',
    width: 512,
    ...overrides,
  }) as GalleryAsset

describe('diffPromptWords', () => {
  it('marks the words only the other prompt has as added, those only the reference has as removed', () => {
    const changes = diffPromptWords({ other: 'a red fox in deep snow', reference: 'a grey fox in snow' })
    expect(changes.filter((change) => change.type === 'removed').map((change) => change.value.trim())).toEqual(['grey'])
    expect(changes.filter((change) => change.type === 'added').map((change) => change.value.trim())).toEqual(['red', 'deep'])
    expect(changes.map((change) => change.value).join('')).toContain('fox in')
  })

  it('answers one common run for equal prompts, and everything added against none', () => {
    expect(diffPromptWords({ other: 'a fox', reference: 'a fox' })).toEqual([{ type: 'same', value: 'a fox' }])
    expect(diffPromptWords({ other: 'a fox', reference: null })).toEqual([{ type: 'added', value: 'a fox' }])
  })
})

describe('compareDetails', () => {
  const label = (entry: GalleryAsset) => entry.modelName ?? 'unknown'

  it('gives model, seed, size and each param key, marking values that differ from the first asset', () => {
    const rows = compareDetails({
      assets: [
        asset({ params: { providerOptions: { openai: { quality: 'high' } }, seed: 7, size: '512x512' }, seed: 7 }),
        asset({ id: 2, modelName: 'Other', params: { aspectRatio: '1:1', size: '512x512' }, seed: 8 }),
      ],
      modelLabel: label,
    })
    expect(rows.map((entry) => entry.id)).toEqual(['model', 'seed', 'size', 'params.aspectRatio', 'params.providerOptions', 'params.size'])
    const byId = Object.fromEntries(rows.map((entry) => [entry.id, entry]))
    expect(byId.model).toEqual({ differs: [false, true], id: 'model', values: ['Local (offline)', 'Other'] })
    expect(byId.seed!.values).toEqual(['7', '8'])
    expect(byId.size).toEqual({ differs: [false, false], id: 'size', values: ['512 × 512', '512 × 512'] })
    expect(byId['params.aspectRatio']).toEqual({ differs: [false, true], id: 'params.aspectRatio', values: [null, '1:1'] })
    expect(byId['params.providerOptions']!.values).toEqual(['{"openai":{"quality":"high"}}', null])
  })
})

describe('canSlide', () => {
  it('takes exactly two ready images of the same width and height', () => {
    expect(canSlide([asset({}), asset({ id: 2 })])).toBe(true)
    expect(canSlide([asset({}), asset({ id: 2, width: 768 })])).toBe(false)
    expect(canSlide([asset({}), asset({ id: 2, kind: 'video' })])).toBe(false)
    expect(canSlide([asset({}), asset({ id: 2 }), asset({ id: 3 })])).toBe(false)
    expect(canSlide([asset({}), asset({ id: 2, imageUrl: null })])).toBe(false)
  })
})

describe('rotateAssets', () => {
  it('swaps two, and moves more one place round in either direction', () => {
    expect(rotateAssets(['a', 'b'], 1)).toEqual(['b', 'a'])
    expect(rotateAssets(['a', 'b'], -1)).toEqual(['b', 'a'])
    expect(rotateAssets(['a', 'b', 'c'], 1)).toEqual(['c', 'a', 'b'])
    expect(rotateAssets(['a', 'b', 'c'], -1)).toEqual(['b', 'c', 'a'])
  })
})
