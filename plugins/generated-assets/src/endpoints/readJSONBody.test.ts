import { APIError } from 'payload'
import { describe, expect, it } from 'vitest'

import { translations } from '../translations/index.js'
import { readJSONBody } from './readJSONBody.js'

const german = translations.de!.translations.generatedAssets as Record<string, string>
/** A request in German whose body is `text`, with Payload's `t` in short. */
const requestWith = (text: string) =>
  ({
    i18n: { language: 'de' },
    t: (key: string, vars: Record<string, unknown> = {}) =>
      (german[key.split(':')[1]!] ?? key).replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(vars[name])),
    text: async () => text,
  }) as never

describe('readJSONBody', () => {
  it('parses JSON', async () => {
    await expect(readJSONBody({ req: requestWith('{"prompt":"a fox"}') })).resolves.toEqual({ prompt: 'a fox' })
  })

  it("refuses an empty or broken body with a 400 in the request's language", async () => {
    await expect(readJSONBody({ req: requestWith('  ') })).rejects.toThrow(german.errorBodyMustBeJSON!)
    const error = await readJSONBody({ req: requestWith('{') }).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(APIError)
    expect((error as APIError).status).toBe(400)
    expect((error as APIError).message).toMatch(/^Der Anfragetext ist kein gültiges JSON: /)
  })

  it('falls back to English for a request without i18n', async () => {
    await expect(readJSONBody({ req: { text: async () => '' } as never })).rejects.toThrow(
      'The request body must be JSON, e.g. {"prompt": "a red fox"}.',
    )
  })
})
