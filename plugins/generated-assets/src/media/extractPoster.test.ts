import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { extractPoster } from './extractPoster.js'
import { runFfmpeg } from './ffmpeg.js'
import { MediaProcessingError } from './MediaProcessingError.js'
import { probeVideo } from './probeVideo.js'
import { sniffMediaType } from './sniffMediaType.js'

let directory: string
const fixture = (name: string) => join(directory, name)

/** A clip of solid colours, one after the other, so a frame's colour tells its time. */
const renderColours = async ({ path, segments }: { path: string; segments: Array<[string, number]> }) => {
  const sources = segments.map(([colour, seconds], index) => `color=c=${colour}:s=320x240:r=25:d=${seconds}[s${index}]`)
  const labels = segments.map((_, index) => `[s${index}]`).join('')
  await runFfmpeg({
    inputs: [
      { options: ['-f', 'lavfi'], source: `${sources.join(';')};${labels}concat=n=${segments.length}:v=1:a=0[out0]` },
    ],
    output: path,
    outputOptions: ['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-f', 'mp4'],
  })
}

/** The average colour of an image, as [red, green, blue] from 0 to 255. */
const averageColour = async (image: Buffer): Promise<number[]> =>
  (await sharp(image).stats()).channels.slice(0, 3).map((channel) => Math.round(channel.mean))

const isClose = (actual: number[], expected: number[]) =>
  actual.every((value, index) => Math.abs(value - expected[index]!) < 40)

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'poster-test-'))
  await Promise.all([
    renderColours({
      path: fixture('colours.mp4'),
      segments: [
        ['red', 1],
        ['lime', 1],
        ['blue', 1],
      ],
    }),
    renderColours({
      path: fixture('short.mp4'),
      segments: [
        ['red', 0.2],
        ['blue', 0.4],
      ],
    }),
  ])
})

afterAll(() => rm(directory, { force: true, recursive: true }))

describe('extractPoster', () => {
  it('takes the frame at 1 s as a JPEG of the video’s size', async () => {
    const poster = await extractPoster({ path: fixture('colours.mp4') })
    await expect(sniffMediaType({ data: poster })).resolves.toMatchObject({ mime: 'image/jpeg' })
    const metadata = await sharp(poster).metadata()
    const probe = await probeVideo({ path: fixture('colours.mp4') })
    expect([metadata.width, metadata.height]).toEqual([probe.width, probe.height])
    expect(isClose(await averageColour(poster), [0, 255, 0])).toBe(true)
  })

  it('takes the frame at another time, as PNG when asked', async () => {
    const poster = await extractPoster({ at: 2.5, duration: 3, format: 'png', path: fixture('colours.mp4') })
    await expect(sniffMediaType({ data: poster })).resolves.toMatchObject({ mime: 'image/png' })
    expect(isClose(await averageColour(poster), [0, 0, 255])).toBe(true)
  })

  it('takes the first frame of a clip shorter than `at`', async () => {
    const poster = await extractPoster({ path: fixture('short.mp4') })
    expect(isClose(await averageColour(poster), [255, 0, 0])).toBe(true)
  })

  it('falls back to the first frame when `at` is past the real end', async () => {
    // A wrong duration makes it seek past the end, where there is no frame.
    const poster = await extractPoster({ at: 10, duration: 60, path: fixture('short.mp4') })
    expect(isClose(await averageColour(poster), [255, 0, 0])).toBe(true)
  })

  it('turns portrait video upright', async () => {
    const bytes = await readFile(fixture('colours.mp4'))
    const matrix = bytes.indexOf('tkhd') + 44
    bytes.writeInt32BE(0, matrix)
    bytes.writeInt32BE(0x10000, matrix + 4)
    bytes.writeInt32BE(-0x10000, matrix + 12)
    bytes.writeInt32BE(0, matrix + 16)
    await writeFile(fixture('portrait.mp4'), bytes)
    const metadata = await sharp(await extractPoster({ path: fixture('portrait.mp4') })).metadata()
    expect([metadata.width, metadata.height]).toEqual([240, 320])
  })

  it('fails with a MediaProcessingError on a file that is no video', async () => {
    const path = fixture('garbage.mp4')
    await writeFile(path, Buffer.alloc(1000, 1))
    const error = await extractPoster({ duration: 3, path }).catch((caught: unknown) => caught)
    expect(MediaProcessingError.isInstance(error) && error.code).toBe('ffmpeg_failed')
  })
})
