import { describe, expect, it } from 'vitest'

import { composePresetPrompt } from './composePresetPrompt.js'

const watercolour = { promptPrefix: 'A watercolour of', promptSuffix: 'in soft morning light' }
const poster = { promptPrefix: 'A travel poster of', promptSuffix: ', bold flat colours' }

describe('composePresetPrompt', () => {
  it('puts the prefix before and the suffix after the typed prompt', () => {
    expect(composePresetPrompt({ preset: watercolour, prompt: '  a red fox ' })).toBe(
      'A watercolour of a red fox in soft morning light',
    )
  })

  it('attaches a suffix that starts with punctuation without a space', () => {
    expect(composePresetPrompt({ preset: poster, prompt: 'Lisbon' })).toBe('A travel poster of Lisbon, bold flat colours')
  })

  it('gives the prefix and suffix alone for an empty prompt, and the prompt alone for a preset without them', () => {
    expect(composePresetPrompt({ preset: watercolour, prompt: '' })).toBe('A watercolour of in soft morning light')
    expect(composePresetPrompt({ preset: { promptPrefix: 'red fox in snow' }, prompt: '' })).toBe('red fox in snow')
    expect(composePresetPrompt({ preset: {}, prompt: 'a red fox' })).toBe('a red fox')
  })

  it('does not add the same preset twice', () => {
    const once = composePresetPrompt({ preset: watercolour, prompt: 'a red fox' })
    expect(composePresetPrompt({ preset: watercolour, previous: watercolour, prompt: once })).toBe(once)
    expect(composePresetPrompt({ preset: watercolour, prompt: once })).toBe(once)
  })

  it("replaces the previous preset's prefix and suffix with the new one's", () => {
    const first = composePresetPrompt({ preset: watercolour, prompt: 'a red fox' })
    expect(composePresetPrompt({ preset: poster, previous: watercolour, prompt: first })).toBe(
      'A travel poster of a red fox, bold flat colours',
    )
  })

  it('keeps what the editor changed: a prefix edited away is not taken off', () => {
    expect(
      composePresetPrompt({ preset: poster, previous: watercolour, prompt: 'An ink drawing of a red fox in soft morning light' }),
    ).toBe('A travel poster of An ink drawing of a red fox, bold flat colours')
  })
})
