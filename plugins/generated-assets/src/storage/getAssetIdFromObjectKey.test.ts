import { describe, expect, it } from 'vitest'

import { getAssetFilename } from '../media/getAssetFilename.js'
import { getAssetIdFromObjectKey } from './getAssetIdFromObjectKey.js'

describe('getAssetIdFromObjectKey', () => {
  it('reads the asset id from every name the plugin stores, in any folder', () => {
    const file = getAssetFilename({ assetId: 42, extension: 'png', prompt: 'A galaxy -ga7 far away' })
    expect(file).toBe('a-galaxy-ga7-far-away-ga42.png')
    expect(getAssetIdFromObjectKey(file)).toBe('42')
    expect(getAssetIdFromObjectKey('media/a-galaxy-ga7-far-away-ga42-480x360.webp')).toBe('42')
    expect(getAssetIdFromObjectKey('boat-ga9-poster.jpg')).toBe('9')
    expect(getAssetIdFromObjectKey('x/boat-ga9-poster-480x270.webp')).toBe('9')
  })

  it('answers undefined for files that are not the plugin’s', () => {
    for (const key of ['photo.png', 'uploads/gallery-photo.png', 'ga12.png', 'a-ga12', 'a-ga12.png/other.txt']) {
      expect(getAssetIdFromObjectKey(key)).toBeUndefined()
    }
  })
})
