import { describe, expect, it } from 'vitest'

import type { PresetFormValues } from './applyPresetToForm.js'
import type { GenerationPreset } from './types.js'

import { applyPresetToForm } from './applyPresetToForm.js'

const form: PresetFormValues = {
  duration: 4,
  extraParams: { aspectRatio: '4:3' },
  model: 'local/image',
  negativePrompt: 'text',
  prompt: 'a red fox',
  seed: '',
  size: '1024x1024',
}

const preset = (overrides: Partial<GenerationPreset>): GenerationPreset => ({
  id: 1,
  model: 'openai/gpt-image-1',
  name: 'Watercolour',
  visibility: 'private',
  ...overrides,
})

describe('applyPresetToForm', () => {
  it("sets the model, each param the preset has, its other params in place of the form's, the prompt and negative prompt", () => {
    const next = applyPresetToForm({
      form,
      preset: preset({
        negativePrompt: 'blurry',
        params: { providerOptions: { openai: { quality: 'high' } }, seed: 42, size: '768x768' },
        promptPrefix: 'A watercolour of',
        promptSuffix: ', soft light',
      }),
    })
    expect(next).toEqual({
      duration: 4,
      extraParams: { providerOptions: { openai: { quality: 'high' } } },
      model: 'openai/gpt-image-1',
      negativePrompt: 'blurry',
      prompt: 'A watercolour of a red fox, soft light',
      seed: '42',
      size: '768x768',
    })
  })

  it("keeps the form's size, seed, length and negative prompt where the preset has none", () => {
    const next = applyPresetToForm({ form: { ...form, seed: '7' }, preset: preset({ params: null }) })
    expect(next).toMatchObject({ duration: 4, extraParams: {}, negativePrompt: 'text', seed: '7', size: '1024x1024' })
  })

  it("drops the previous preset's negative prompt for one without", () => {
    const first = preset({ negativePrompt: 'blurry' })
    const applied = applyPresetToForm({ form, preset: first })
    expect(applyPresetToForm({ form: applied, preset: preset({ id: 2 }), previous: first }).negativePrompt).toBe('')
  })
})
