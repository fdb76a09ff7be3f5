import sharp from 'sharp'
import { describe, expect, it } from 'vitest'

import { createPlaceholder } from './createPlaceholder.js'
import { MediaProcessingError } from './MediaProcessingError.js'

const PREFIX = 'data:image/webp;base64,'

const decode = async (placeholder: string) => {
  expect(placeholder.startsWith(PREFIX)).toBe(true)
  return sharp(Buffer.from(placeholder.slice(PREFIX.length), 'base64')).metadata()
}

// A busy picture (noise compresses worst), so the size bound is honest.
const noise = (width: number, height: number) =>
  sharp({
    create: { background: '#000', channels: 3, height, noise: { mean: 128, sigma: 60, type: 'gaussian' }, width },
  })

describe('createPlaceholder', () => {
  it('makes a WebP data URL about 16 pixels on the long side and under 1 KB', async () => {
    const placeholder = await createPlaceholder({ data: await noise(1920, 1080).png().toBuffer() })
    expect(placeholder.length).toBeLessThan(1024)
    const metadata = await decode(placeholder)
    expect([metadata.format, metadata.width, metadata.height]).toEqual(['webp', 16, 9])
  })

  it('keeps portrait images portrait, EXIF rotation included', async () => {
    const jpeg = await noise(400, 200).jpeg().withMetadata({ orientation: 6 }).toBuffer()
    const metadata = await decode(await createPlaceholder({ data: jpeg }))
    expect([metadata.width, metadata.height]).toEqual([8, 16])
  })

  it('takes a size', async () => {
    const metadata = await decode(await createPlaceholder({ data: await noise(300, 300).png().toBuffer(), size: 32 }))
    expect([metadata.width, metadata.height]).toEqual([32, 32])
  })

  it('refuses images over maxPixels and what it cannot read', async () => {
    const png = await noise(200, 200).png().toBuffer()
    const tooLarge = await createPlaceholder({ data: png, maxPixels: 1000 }).catch((error: unknown) => error)
    expect(MediaProcessingError.isInstance(tooLarge) && tooLarge.code).toBe('too_many_pixels')
    const unreadable = await createPlaceholder({ data: Buffer.from('<html>') }).catch((error: unknown) => error)
    expect(MediaProcessingError.isInstance(unreadable) && unreadable.code).toBe('unreadable')
  })
})
