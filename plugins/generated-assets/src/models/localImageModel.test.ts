import sharp from 'sharp'
import { describe, expect, it } from 'vitest'

import { createLocalImageModel } from './localImageModel.js'

const call = (prompt: string, seed: number, size?: `${number}x${number}`, aspectRatio?: `${number}:${number}`) =>
  createLocalImageModel().doGenerate({
    aspectRatio,
    files: undefined,
    mask: undefined,
    n: 1,
    prompt,
    providerOptions: {},
    seed,
    size,
  })

const pixels = async (image: string | Uint8Array) =>
  sharp(Buffer.from(image as Uint8Array))
    .resize(32, 32)
    .raw()
    .toBuffer()

describe('local/image', () => {
  it('implements the AI SDK image model spec v4', () => {
    const model = createLocalImageModel()
    expect(model).toMatchObject({ modelId: 'image', provider: 'local', specificationVersion: 'v4' })
  })

  it('gives the same bytes for the same prompt and seed', async () => {
    const [a, b] = await Promise.all([call('a red fox', 7, '256x256'), call('a red fox', 7, '256x256')])
    expect(Buffer.from(a.images[0] as Uint8Array).equals(Buffer.from(b.images[0] as Uint8Array))).toBe(true)
  })

  it('gives visibly different pictures for different prompts', async () => {
    const [a, b] = await Promise.all([call('a red fox', 7, '256x256'), call('a blue whale', 7, '256x256')])
    const [pa, pb] = await Promise.all([pixels(a.images[0]!), pixels(b.images[0]!)])
    let difference = 0
    for (let index = 0; index < pa.length; index++) difference += Math.abs(pa[index]! - pb[index]!)
    // Mean absolute difference per channel, 0–255: a visible change is well above a few levels.
    expect(difference / pa.length).toBeGreaterThan(20)
  })

  it('honours size and aspect ratio', async () => {
    const sized = await sharp(Buffer.from((await call('x', 1, '640x360')).images[0] as Uint8Array)).metadata()
    expect([sized.width, sized.height]).toEqual([640, 360])
    const ratio = await sharp(Buffer.from((await call('x', 1, undefined, '16:9')).images[0] as Uint8Array)).metadata()
    expect([ratio.width, ratio.height]).toEqual([1024, 576])
  })

  it('turns unsupported inputs into warnings, not failures', async () => {
    const result = await createLocalImageModel().doGenerate({
      aspectRatio: '1:1',
      files: undefined,
      mask: undefined,
      n: 1,
      prompt: 'x',
      providerOptions: {},
      seed: 1,
      size: '64x64',
    })
    expect(result.warnings).toEqual([expect.objectContaining({ feature: 'aspectRatio', type: 'unsupported' })])
  })

  it('edits a source image: keeps its size and picture under the prompt\'s shapes', async () => {
    // A half red, half blue source: the edit must stay red on the left and blue on the right.
    const source = await sharp({ create: { background: '#ff0000', channels: 3, height: 300, width: 500 } })
      .composite([{ input: { create: { background: '#0000ff', channels: 3, height: 300, width: 250 } }, left: 250, top: 0 }])
      .png()
      .toBuffer()
    const model = createLocalImageModel()
    expect(model.supportsFileInputs).toBe(true)
    const result = await model.doGenerate({
      aspectRatio: undefined,
      files: [{ data: new Uint8Array(source), mediaType: 'image/png', type: 'file' }],
      mask: undefined,
      n: 1,
      prompt: 'a few shapes',
      providerOptions: {},
      seed: 3,
      size: undefined,
    })
    expect(result.warnings).toEqual([])
    const output = Buffer.from(result.images[0] as Uint8Array)
    expect(await sharp(output).metadata()).toMatchObject({ height: 300, width: 500 })
    const { data } = await sharp(output).removeAlpha().resize(2, 1, { fit: 'fill' }).raw().toBuffer({ resolveWithObject: true })
    const [leftRed, , leftBlue, rightRed, , rightBlue] = data
    expect(leftRed!).toBeGreaterThan(leftBlue!)
    expect(rightBlue!).toBeGreaterThan(rightRed!)
    const unedited = await call('a few shapes', 3, '500x300')
    expect(output.equals(Buffer.from(unedited.images[0] as Uint8Array))).toBe(false)
  })

  it('refuses sizes outside 64–4096 pixels', async () => {
    await expect(call('x', 1, '32x32')).rejects.toThrow(RangeError)
  })
})
