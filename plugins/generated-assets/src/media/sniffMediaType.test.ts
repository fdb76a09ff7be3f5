import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { runFfmpeg } from './ffmpeg.js'
import { sniffMediaType, UnsupportedMediaError } from './sniffMediaType.js'

let directory: string
let png: Buffer
let jpeg: Buffer
let webp: Buffer
let mp4Path: string

const refusal = async (promise: Promise<unknown>): Promise<UnsupportedMediaError> => {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  )
  expect(UnsupportedMediaError.isInstance(error), `expected an UnsupportedMediaError, got ${String(error)}`).toBe(true)
  return error as UnsupportedMediaError
}

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'sniff-test-'))
  const image = sharp({ create: { background: '#3366cc', channels: 3, height: 8, width: 8 } })
  ;[png, jpeg, webp] = await Promise.all([
    image.clone().png().toBuffer(),
    image.clone().jpeg().toBuffer(),
    image.clone().webp().toBuffer(),
  ])
  mp4Path = join(directory, 'clip.mp4')
  await runFfmpeg({
    inputs: [{ options: ['-f', 'lavfi'], source: 'testsrc2=s=64x64:r=10' }],
    output: mp4Path,
    outputOptions: ['-frames:v', '5', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-f', 'mp4'],
  })
})

afterAll(() => rm(directory, { force: true, recursive: true }))

describe('sniffMediaType', () => {
  it('names images and videos from their bytes', async () => {
    await expect(sniffMediaType({ data: png })).resolves.toEqual({ ext: 'png', kind: 'image', mime: 'image/png' })
    await expect(sniffMediaType({ data: jpeg })).resolves.toEqual({ ext: 'jpg', kind: 'image', mime: 'image/jpeg' })
    await expect(sniffMediaType({ data: webp })).resolves.toEqual({ ext: 'webp', kind: 'image', mime: 'image/webp' })
    await expect(sniffMediaType({ path: mp4Path })).resolves.toEqual({ ext: 'mp4', kind: 'video', mime: 'video/mp4' })
  })

  it('ignores the file name', async () => {
    const path = join(directory, 'really-a-png.mp4')
    await writeFile(path, png)
    await expect(sniffMediaType({ path })).resolves.toMatchObject({ mime: 'image/png' })
  })

  it('refuses zero bytes', async () => {
    const path = join(directory, 'empty.png')
    await writeFile(path, '')
    expect((await refusal(sniffMediaType({ path }))).code).toBe('empty')
    expect((await refusal(sniffMediaType({ data: new Uint8Array() }))).code).toBe('empty')
  })

  it.each([
    ['an HTML error page', '<!doctype html><html><body><h1>403 Forbidden</h1></body></html>', 'unrecognized'],
    ['a JSON error', '{"error":{"message":"expired"}}', 'unrecognized'],
    ['plain text', 'hello world', 'unrecognized'],
    ['SVG', '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', 'unrecognized'],
    // file-type sees the XML declaration and says application/xml.
    [
      'XML-declared SVG',
      '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>',
      'not_media',
    ],
  ])('refuses %s, even when declared as an image', async (_name, text, code) => {
    const error = await refusal(sniffMediaType({ data: Buffer.from(text), declaredType: 'image/png' }))
    expect(error.code).toBe(code)
    expect(error.declaredType).toBe('image/png')
  })

  it('refuses known formats that are not media', async () => {
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n')
    const error = await refusal(sniffMediaType({ data: pdf, declaredType: 'image/jpeg' }))
    expect(error).toMatchObject({ code: 'not_media', detectedType: 'application/pdf' })
  })

  it('refuses the other kind than expected', async () => {
    expect((await refusal(sniffMediaType({ data: png, expectedKind: 'video' }))).code).toBe('kind_mismatch')
    expect((await refusal(sniffMediaType({ expectedKind: 'image', path: mp4Path }))).code).toBe('kind_mismatch')
  })

  it('refuses a declared type of the other kind, and lets a wrong subtype or generic type through', async () => {
    const lie = await refusal(sniffMediaType({ data: png, declaredType: 'video/mp4' }))
    expect(lie).toMatchObject({ code: 'type_mismatch', declaredType: 'video/mp4', detectedType: 'image/png' })
    await expect(sniffMediaType({ data: jpeg, declaredType: 'image/png' })).resolves.toMatchObject({
      mime: 'image/jpeg',
    })
    await expect(sniffMediaType({ data: png, declaredType: 'application/octet-stream' })).resolves.toMatchObject({
      mime: 'image/png',
    })
    await expect(sniffMediaType({ declaredType: 'video/mp4; codecs="avc1"', path: mp4Path })).resolves.toMatchObject({
      kind: 'video',
    })
  })
})
