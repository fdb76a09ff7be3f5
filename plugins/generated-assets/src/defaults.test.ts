import { describe, expect, it } from 'vitest'

import { resolveOptions } from './defaults.js'

const resolve = (options: Parameters<typeof resolveOptions>[0]['options']) => () =>
  resolveOptions({ config: { collections: [] } as never, options })

describe('resolveOptions', () => {
  it('refuses a signed URL lifetime S3 would not honour, with what it takes', () => {
    for (const signedURLExpiresIn of [0, -5, 1.5, 604_801, Number.NaN]) {
      expect(resolve({ storage: { bucket: 'b', signedURLExpiresIn } })).toThrow(
        /storage\.signedURLExpiresIn must be false or a whole number of seconds from 1 to 604800/,
      )
    }
  })

  it('takes false, a lifetime up to 7 days, or none (the 300 s default applies when signing)', () => {
    for (const signedURLExpiresIn of [false, 1, 300, 604_800, undefined] as const) {
      expect(resolve({ storage: { bucket: 'b', signedURLExpiresIn } })().storage?.signedURLExpiresIn).toBe(signedURLExpiresIn)
    }
  })
})
