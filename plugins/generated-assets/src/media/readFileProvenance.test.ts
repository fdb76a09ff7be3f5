import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import {
  breakSignature,
  createTestSigner,
  DIGITAL_CAPTURE,
  jpegWithTruncatedJumbf,
  jpegWithTruncatedXmp,
  plainImage,
  pngWithXmp,
  signImage,
  TRAINED,
  xmpPacket,
} from '../../../../test/helpers/provenanceFixtures'
import { readFileProvenance } from './readFileProvenance.js'
import { endProvenanceTool, writeProvenance } from './writeProvenance.js'

let directory: string
const MAX = 50 * 1024 * 1024

beforeAll(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'read-provenance-'))
})

afterAll(async () => {
  await endProvenanceTool()
  await rm(directory, { force: true, recursive: true })
})

/** Reads `bytes` as a file named `name`. */
const read = async (bytes: Buffer, name: string, maxC2PABytes = MAX) => {
  const file = path.join(directory, `${Math.random().toString(36).slice(2)}-${name}`)
  await writeFile(file, bytes)
  return readFileProvenance({ maxC2PABytes, path: file })
}

describe('readFileProvenance', () => {
  it('reads the IPTC properties and creation date of an XMP packet, and no manifest', async () => {
    const png = pngWithXmp(await plainImage('png'), xmpPacket({ aiSystemUsed: 'Imagen 4', createDate: '2026-03-01T08:00:00Z', digitalSourceType: TRAINED }))
    expect(await read(png, 'ai.png')).toEqual({
      aiSystemUsed: 'Imagen 4',
      aiSystemVersionUsed: null,
      c2pa: { digitalSourceType: null, error: null, signer: null, softwareAgent: null, status: 'absent' },
      createdAt: '2026-03-01T08:00:00Z',
      digitalSourceType: TRAINED,
      metadataError: null,
    })
    const plain = await read(await plainImage('jpeg'), 'plain.jpg')
    expect(plain).toMatchObject({ aiSystemUsed: null, c2pa: { status: 'absent' }, digitalSourceType: null, metadataError: null })
  })

  it('reads back what writeProvenance wrote', async () => {
    const file = path.join(directory, 'written.png')
    await writeFile(file, await plainImage('png'))
    await writeProvenance({
      path: file,
      provenance: { aiSystem: 'Local (offline)', aiSystemVersion: 'image', createdAt: new Date('2026-01-02T03:04:05Z'), digitalSourceType: TRAINED },
    })
    expect(await readFileProvenance({ maxC2PABytes: MAX, path: file })).toMatchObject({
      aiSystemUsed: 'Local (offline)',
      aiSystemVersionUsed: 'image',
      createdAt: '2026-01-02T03:04:05.000Z',
      digitalSourceType: TRAINED,
    })
  })

  it('validates a signed manifest and reads its created action and signer', async () => {
    const signer = await createTestSigner({ name: 'Acme Images' })
    for (const format of ['png', 'jpeg'] as const) {
      const signed = await signImage({ data: await plainImage(format), signer, softwareAgent: 'Acme Diffusion 3' })
      const reading = await read(signed, `signed.${format}`)
      expect(reading.c2pa, format).toEqual({
        digitalSourceType: TRAINED,
        error: null,
        signer: 'CN=Acme Images, O=Acme Images',
        softwareAgent: 'Acme Diffusion 3',
        status: 'valid',
      })
      // The XMP says nothing: the manifest's word is kept apart from it.
      expect(reading.digitalSourceType, format).toBeNull()
      expect(reading.metadataError, format).toBeNull()
      // A larger file than the reader may hold is not validated.
      expect((await read(signed, `big.${format}`, 100)).c2pa.status, format).toBe('unverified')
    }
  })

  it('reports a manifest whose signature does not validate, and claims nothing from it', async () => {
    const signed = await signImage({ data: await plainImage('png'), signer: await createTestSigner() })
    expect((await read(breakSignature(signed), 'broken.png')).c2pa).toEqual({
      digitalSourceType: null,
      error: 'claimSignature.mismatch',
      signer: null,
      softwareAgent: null,
      status: 'invalid',
    })
  })

  it('reports a manifest whose file was changed after signing', async () => {
    const signed = await signImage({ data: await plainImage('jpeg'), signer: await createTestSigner() })
    // The last byte before EOI belongs to the entropy-coded image data, which the hard binding covers.
    const changed = Buffer.from(signed)
    changed[changed.length - 3]! ^= 0x01
    const { c2pa } = await read(changed, 'changed.jpg')
    expect(c2pa.status).toBe('invalid')
    expect(c2pa.error).toContain('assertion.dataHash.mismatch')
  })

  it('reports malformed metadata instead of failing: corrupt XMP, a bad chunk CRC, truncated APP1 and APP11', async () => {
    const png = await plainImage('png')
    const unclosed = xmpPacket({ digitalSourceType: TRAINED }).replace('</x:xmpmeta>', '')
    // [file, ExifTool's message, what it could still read]
    const cases: [string, Buffer, RegExp, null | string][] = [
      ['corrupt-xmp.png', pngWithXmp(png, unclosed), /XMP format error/, null],
      // The packet itself is whole: what it says is read, the chunk's failure recorded beside it.
      ['bad-crc.png', pngWithXmp(png, xmpPacket({ digitalSourceType: TRAINED }), { corruptCRC: true }), /Bad CRC for iTXt chunk/, TRAINED],
      ['truncated-xmp.jpg', await jpegWithTruncatedXmp(), /XMP format error/, null],
      ['truncated-jumbf.jpg', await jpegWithTruncatedJumbf(), /JUMBF/, null],
    ]
    for (const [name, bytes, message, digitalSourceType] of cases) {
      const reading = await read(bytes, name)
      expect(reading.metadataError, name).toMatch(message)
      expect(reading.digitalSourceType, name).toBe(digitalSourceType)
    }
    const jumbf = await read(await jpegWithTruncatedJumbf(), 'truncated-jumbf.jpg')
    expect(jumbf.c2pa.status).toBe('invalid')
  })

  it('reads a capture as what it says it is', async () => {
    const png = pngWithXmp(await plainImage('png'), xmpPacket({ digitalSourceType: DIGITAL_CAPTURE }))
    expect((await read(png, 'capture.png')).digitalSourceType).toBe(DIGITAL_CAPTURE)
  })

  it('answers a reading for a file that is not there, not an error', async () => {
    const reading = await readFileProvenance({ maxC2PABytes: MAX, path: path.join(directory, 'missing.png') })
    expect(reading.metadataError).toBeTruthy()
    expect(reading.c2pa.status).toBe('absent')
  })
})
