import { describe, expect, it } from 'vitest'

import { DIGITAL_SOURCE_TYPES, getAIDisclosure } from './getAIDisclosure.js'

describe('getAIDisclosure', () => {
  it('states a generation, composite when it had source images', () => {
    expect(getAIDisclosure({ model: 'openai/gpt-image-1', modelName: 'GPT Image 1', provider: 'openai.image', sources: [], sourceUrl: null })).toEqual({
      c2pa: null,
      digitalSourceType: DIGITAL_SOURCE_TYPES.trainedAlgorithmicMedia,
      isAIGenerated: true,
      model: 'openai/gpt-image-1',
      provider: 'openai.image',
    })
    expect(getAIDisclosure({ model: 'local/image', provider: 'local', sources: [{ id: 3 }] })?.digitalSourceType).toBe(
      DIGITAL_SOURCE_TYPES.compositeWithTrainedAlgorithmicMedia,
    )
    expect(getAIDisclosure({ model: 'local/image', parent: 3, provider: 'local', sourceUrl: null })?.digitalSourceType).toBe(
      DIGITAL_SOURCE_TYPES.compositeWithTrainedAlgorithmicMedia,
    )
    // The original's C2PA state, as ingest recorded it.
    expect(getAIDisclosure({ c2pa: 'signed', model: 'local/image', provider: 'local', sources: [] })?.c2pa).toBe('signed')
  })

  it('claims nothing for an import, and answers null when the fields were not read', () => {
    const nothing = { c2pa: null, digitalSourceType: null, isAIGenerated: false, model: null, provider: null }
    expect(getAIDisclosure({ model: 'import', provider: 'import', sourceUrl: 'https://example.com/a.png' })).toEqual(nothing)
    expect(getAIDisclosure({ model: 'x', sourceUrl: 'https://example.com/a.png' })).toEqual(nothing)
    // An import's own manifest is still stated.
    expect(getAIDisclosure({ c2pa: 'provider', provider: 'import', sourceUrl: 'https://example.com/a.png' })?.c2pa).toBe('provider')
    expect(getAIDisclosure({ model: 'local/image', modelName: 'Local' })).toBeNull()
    // A generation read without its sources (a gallery page) might be an edit: no guess.
    expect(getAIDisclosure({ model: 'local/image', provider: 'local', sourceUrl: null })).toBeNull()
  })
})
