import { deflateSync } from 'node:zlib'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'

import { MediaProcessingError } from './MediaProcessingError.js'
import { probeImage } from './probeImage.js'

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

const crc32 = (data: Buffer): number => {
  let c = 0xffffffff
  for (const byte of data) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

const pngChunk = (type: string, data: Buffer): Buffer => {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.byteLength)
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([length, body, crc])
}

/**
 * A valid 1-bit PNG of 20000×20000 pixels (400 MP): about 50 KB on disk, 1.2 GB once decoded to RGB.
 * Made by hand because an encoder would have to hold those 400 MP.
 */
const makeBomb = (): Buffer => {
  const side = 20_000
  const header = Buffer.alloc(13)
  header.writeUInt32BE(side, 0)
  header.writeUInt32BE(side, 4)
  header[8] = 1 // bit depth
  header[9] = 0 // greyscale
  const rows = Buffer.alloc((1 + side / 8) * side)
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(rows, { level: 9 })),
    pngChunk('IEND', Buffer.alloc(0)),
  ])
}

const failure = async (promise: Promise<unknown>): Promise<MediaProcessingError> => {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  )
  expect(MediaProcessingError.isInstance(error), `expected a MediaProcessingError, got ${String(error)}`).toBe(true)
  return error as MediaProcessingError
}

describe('probeImage', () => {
  it('reads width, height and format', async () => {
    const png = await sharp({ create: { background: '#808080', channels: 3, height: 360, width: 640 } })
      .png()
      .toBuffer()
    await expect(probeImage({ data: png })).resolves.toEqual({ format: 'png', height: 360, width: 640 })
  })

  it('reports the size as displayed when EXIF rotates the image', async () => {
    const jpeg = await sharp({ create: { background: '#808080', channels: 3, height: 100, width: 200 } })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toBuffer()
    await expect(probeImage({ data: jpeg })).resolves.toEqual({ format: 'jpeg', height: 200, width: 100 })
  })

  it('refuses a decompression bomb without decoding it', async () => {
    const bomb = makeBomb()
    expect(bomb.byteLength).toBeLessThan(100_000)
    const error = await failure(probeImage({ data: bomb }))
    expect(error.code).toBe('too_many_pixels')
  })

  it('honours a lower maxPixels', async () => {
    const png = await sharp({ create: { background: '#808080', channels: 3, height: 100, width: 100 } })
      .png()
      .toBuffer()
    expect((await failure(probeImage({ data: png, maxPixels: 9999 }))).code).toBe('too_many_pixels')
    await expect(probeImage({ data: png, maxPixels: 10_000 })).resolves.toMatchObject({ width: 100 })
  })

  it('refuses what it cannot read', async () => {
    expect((await failure(probeImage({ data: Buffer.from('not an image') }))).code).toBe('unreadable')
    expect((await failure(probeImage({ path: '/nonexistent/image.png' }))).code).toBe('unreadable')
  })
})
