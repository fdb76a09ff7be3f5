import { APIError } from 'payload'
import { describe, expect, it } from 'vitest'

import { createLocalImageModel } from '../models/localImageModel.js'
import { translateEnglish as t } from '../translations/getTranslate.js'
import { validateGenerateInput } from './validateGenerateInput.js'

const options = {
  defaultModel: 'local/image',
  maxPromptLength: 4000,
  models: { 'local/image': { model: createLocalImageModel() } },
}

describe('validateGenerateInput', () => {
  it('trims the prompt and applies the default model', () => {
    expect(validateGenerateInput({ body: { prompt: '  a fox  ' }, options, t })).toEqual({
      model: 'local/image',
      n: 1,
      negativePrompt: undefined,
      params: {},
      prompt: 'a fox',
    })
  })

  it('counts characters, not UTF-16 units, against the limit', () => {
    expect(() => validateGenerateInput({ body: { prompt: '🦊'.repeat(4000) }, options, t })).not.toThrow()
    expect(() => validateGenerateInput({ body: { prompt: '🦊'.repeat(4001) }, options, t })).toThrow(APIError)
  })

  it('does not accept inherited keys as model names', () => {
    expect(() => validateGenerateInput({ body: { model: 'toString', prompt: 'x' }, options, t })).toThrow(/Unknown model/)
  })

  it('normalizes valid params', () => {
    expect(
      validateGenerateInput({
        t,
        body: {
          params: { aspectRatio: '16:9', providerOptions: { local: { a: 1 } }, seed: 0, size: '1024x768' },
          prompt: 'x',
        },
        options,
      }).params,
    ).toEqual({ aspectRatio: '16:9', providerOptions: { local: { a: 1 } }, seed: 0, size: '1024x768' })
  })

  it('answers 400 errors', () => {
    try {
      validateGenerateInput({ body: { params: { seed: 1.5 }, prompt: 'x' }, options, t })
      expect.unreachable()
    } catch (error) {
      expect(error).toBeInstanceOf(APIError)
      expect((error as APIError).status).toBe(400)
      expect((error as APIError).message).toMatch(/seed/)
    }
  })
})
