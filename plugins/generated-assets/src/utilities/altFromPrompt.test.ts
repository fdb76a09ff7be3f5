import { describe, expect, it } from 'vitest'

import { altFromPrompt } from './altFromPrompt.js'

describe('altFromPrompt', () => {
  it('makes a sentence of a plain prompt', () => {
    expect(altFromPrompt('a red fox in snow, cinematic lighting')).toBe('A red fox in snow, cinematic lighting.')
  })

  it('keeps only the first sentence', () => {
    expect(altFromPrompt('A lighthouse at dusk. Moody, 35mm film.')).toBe('A lighthouse at dusk.')
  })

  it('drops prompt syntax that describes nothing', () => {
    expect(altFromPrompt('(castle:1.3) on a hill [misty] --ar 16:9')).toBe('Castle on a hill misty.')
  })

  it('cuts a long prompt at a word, under 150 characters', () => {
    const alt = altFromPrompt(`an old harbour ${'with boats and gulls '.repeat(20)}`)
    expect(alt.length).toBeLessThanOrEqual(151)
    expect(alt).toMatch(/^An old harbour with boats .*[a-z]\.$/)
  })

  it('is never empty', () => {
    expect(altFromPrompt('   ')).toBe('Generated image.')
    expect(altFromPrompt('[]')).toBe('Generated image.')
  })
})
