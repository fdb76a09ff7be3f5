import { describe, expect, it } from 'vitest'

import { DIGITAL_SOURCE_TYPES, getAIDisclosure, isAIDigitalSourceType } from './getAIDisclosure.js'

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

  it('states the C2PA manifest the asset records', () => {
    expect(getAIDisclosure({ model: 'x', provenance: { c2pa: 'provider' }, provider: 'signed', sources: [] })?.c2pa).toBe('provider')
    expect(getAIDisclosure({ model: 'x', provenance: { c2pa: 'signed' }, provider: 'openai', sources: [] })?.c2pa).toBe('signed')
    expect(getAIDisclosure({ model: 'x', provenance: null, provider: 'openai', sources: [] })?.c2pa).toBeNull()
  })

  it('claims for an import only what its file says it is', () => {
    const sourceUrl = 'https://example.com/a.png'
    expect(
      getAIDisclosure({
        provenance: { c2pa: 'provider', digitalSourceType: DIGITAL_SOURCE_TYPES.trainedAlgorithmicMedia },
        provider: 'import',
        sourceUrl,
      }),
    ).toEqual({ c2pa: 'provider', digitalSourceType: DIGITAL_SOURCE_TYPES.trainedAlgorithmicMedia, isAIGenerated: true, model: null, provider: null })
    const capture = 'http://cv.iptc.org/newscodes/digitalsourcetype/digitalCapture'
    expect(getAIDisclosure({ provenance: { c2pa: 'none', digitalSourceType: capture }, provider: 'import', sourceUrl })).toEqual({
      c2pa: 'none',
      digitalSourceType: capture,
      isAIGenerated: false,
      model: null,
      provider: null,
    })
  })

  it('tells the AI Digital Source Types from the others, however the code is spelled', () => {
    expect(isAIDigitalSourceType(DIGITAL_SOURCE_TYPES.trainedAlgorithmicMedia)).toBe(true)
    expect(isAIDigitalSourceType(DIGITAL_SOURCE_TYPES.compositeWithTrainedAlgorithmicMedia)).toBe(true)
    expect(isAIDigitalSourceType('https://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia')).toBe(true)
    expect(isAIDigitalSourceType('trainedAlgorithmicMedia')).toBe(true)
    expect(isAIDigitalSourceType('http://cv.iptc.org/newscodes/digitalsourcetype/algorithmicMedia')).toBe(false)
    expect(isAIDigitalSourceType('http://cv.iptc.org/newscodes/digitalsourcetype/digitalCapture')).toBe(false)
    expect(isAIDigitalSourceType('http://example.com/trainedAlgorithmicMedia')).toBe(false)
    expect(isAIDigitalSourceType(null)).toBe(false)
  })

  it('claims nothing for an import whose file says nothing, and answers null when the fields were not read', () => {
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
