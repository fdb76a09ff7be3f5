import { ExifTool } from 'exiftool-vendored'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { crc32 } from 'node:zlib'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { DIGITAL_SOURCE_TYPES } from '../utilities/getAIDisclosure.js'
import { endProvenanceTool, hasC2PAManifest, writeProvenance } from './writeProvenance.js'

/** A reader of its own, so the check does not go through the module under test. */
const reader = new ExifTool({ maxProcs: 1 })
let directory: string

beforeAll(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'write-provenance-'))
})

afterAll(async () => {
  await endProvenanceTool()
  await reader.end()
  await rm(directory, { force: true, recursive: true })
})

const provenance = {
  aiSystem: 'GPT Image 1 (openai)',
  aiSystemVersion: 'gpt-image-1',
  createdAt: new Date('2026-05-01T10:20:30Z'),
  digitalSourceType: DIGITAL_SOURCE_TYPES.trainedAlgorithmicMedia,
}

const box = (type: string, body: Buffer) => {
  const header = Buffer.alloc(8)
  header.writeUInt32BE(8 + body.length)
  header.write(type, 4, 'latin1')
  return Buffer.concat([header, body])
}

describe('writeProvenance', () => {
  it.each(['png', 'jpeg', 'webp'] as const)('writes the IPTC properties into a %s without touching its pixels', async (format) => {
    const original = await sharp({ create: { background: '#468', channels: 3, height: 48, width: 64 } })
      .toFormat(format)
      .toBuffer()
    const file = path.join(directory, `image.${format}`)
    await writeFile(file, original)
    expect(await writeProvenance({ path: file, provenance: { ...provenance, prompt: 'a <b> & "c"' } })).toBe('written')
    const written = await readFile(file)
    expect(written.equals(original)).toBe(false)
    // Same decoded pixels: only metadata was added (a JPEG re-encode would change them).
    expect((await sharp(written).raw().toBuffer()).equals(await sharp(original).raw().toBuffer())).toBe(true)
    const tags = (await reader.read(file)) as Record<string, unknown>
    expect(tags).toMatchObject({
      AISystemUsed: 'GPT Image 1 (openai)',
      AISystemVersionUsed: 'gpt-image-1',
      Description: 'a <b> & "c"',
      DigitalSourceType: DIGITAL_SOURCE_TYPES.trainedAlgorithmicMedia,
    })
    expect(String(tags.CreateDate)).toMatch(/^2026-05-01T10:20:30/)
  })

  it('leaves a file with a C2PA manifest store byte for byte as it is', async () => {
    const png = await sharp({ create: { background: '#864', channels: 3, height: 16, width: 16 } }).png().toBuffer()
    const jumbf = box(
      'jumb',
      box('jumd', Buffer.concat([Buffer.from('6332706100110010800000aa00389b71', 'hex'), Buffer.from([3]), Buffer.from('c2pa\0')])),
    )
    const typed = Buffer.concat([Buffer.from('caBX'), jumbf])
    const chunk = Buffer.alloc(8 + jumbf.length + 4)
    chunk.writeUInt32BE(jumbf.length, 0)
    typed.copy(chunk, 4)
    chunk.writeUInt32BE(crc32(typed), 8 + jumbf.length)
    const withManifest = Buffer.concat([png.subarray(0, 33), chunk, png.subarray(33)])
    const file = path.join(directory, 'c2pa.png')
    await writeFile(file, withManifest)
    expect(await hasC2PAManifest({ path: file })).toBe(true)
    expect(await writeProvenance({ path: file, provenance })).toBe('c2pa')
    expect((await readFile(file)).equals(withManifest)).toBe(true)

    const plain = path.join(directory, 'plain.png')
    await writeFile(plain, png)
    expect(await hasC2PAManifest({ path: plain })).toBe(false)
  })

  it('throws on a file ExifTool cannot write', async () => {
    const file = path.join(directory, 'not-media')
    await writeFile(file, 'plain text, no image')
    await expect(writeProvenance({ path: file, provenance })).rejects.toThrow()
  })
})
