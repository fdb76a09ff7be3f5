import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { runFfmpeg } from './ffmpeg.js'
import { MediaProcessingError } from './MediaProcessingError.js'
import { probeVideo } from './probeVideo.js'
import { UnsupportedMediaError } from './UnsupportedMediaError.js'

let directory: string
const fixture = (name: string) => join(directory, name)

/**
 * Turns a clip's display matrix 90° (bytes 44–79 of its `tkhd` box, version 0), as phones do for
 * portrait video: the bundled ffmpeg cannot write one itself.
 */
const rotate = async ({ from, to }: { from: string; to: string }) => {
  const bytes = await readFile(from)
  const matrix = bytes.indexOf('tkhd') + 44
  bytes.writeInt32BE(0, matrix)
  bytes.writeInt32BE(0x10000, matrix + 4)
  bytes.writeInt32BE(-0x10000, matrix + 12)
  bytes.writeInt32BE(0, matrix + 16)
  await writeFile(to, bytes)
}

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'probe-video-test-'))
  const x264 = ['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-f', 'mp4']
  await Promise.all([
    runFfmpeg({
      inputs: [{ options: ['-f', 'lavfi'], source: 'testsrc2=s=320x240:r=25' }],
      output: fixture('clip.mp4'),
      outputOptions: ['-frames:v', '75', ...x264],
    }),
    runFfmpeg({
      inputs: [{ options: ['-f', 'lavfi'], source: 'testsrc2=s=160x90:r=30000/1001' }],
      output: fixture('ntsc.mp4'),
      outputOptions: ['-frames:v', '30', ...x264],
    }),
    runFfmpeg({
      inputs: [{ options: ['-f', 'lavfi'], source: 'testsrc2=s=64x64:r=10' }],
      output: fixture('clip.webm'),
      outputOptions: ['-frames:v', '10', '-c:v', 'libvpx-vp9', '-deadline', 'realtime', '-cpu-used', '8', '-f', 'webm'],
    }),
    runFfmpeg({
      inputs: [{ options: ['-f', 'lavfi'], source: 'sine=d=1' }],
      output: fixture('audio.mp4'),
      outputOptions: ['-c:a', 'aac', '-f', 'mp4'],
    }),
  ])
  await rotate({ from: fixture('clip.mp4'), to: fixture('portrait.mp4') })
})

afterAll(() => rm(directory, { force: true, recursive: true }))

describe('probeVideo', () => {
  it('reads size, duration, frame rate, codec and type', async () => {
    await expect(probeVideo({ path: fixture('clip.mp4') })).resolves.toEqual({
      codec: 'h264',
      duration: 3,
      fps: 25,
      height: 240,
      mime: 'video/mp4',
      width: 320,
    })
  })

  it('reads fractional frame rates', async () => {
    const probe = await probeVideo({ path: fixture('ntsc.mp4') })
    expect(probe.fps).toBe(29.97)
    expect(probe.duration).toBeCloseTo(1.001, 2)
  })

  it('takes the duration from the container when the stream has none (WebM)', async () => {
    await expect(probeVideo({ path: fixture('clip.webm') })).resolves.toEqual({
      codec: 'vp9',
      duration: 1,
      fps: 10,
      height: 64,
      mime: 'video/webm',
      width: 64,
    })
  })

  it('reports portrait video as displayed', async () => {
    await expect(probeVideo({ path: fixture('portrait.mp4') })).resolves.toMatchObject({ height: 320, width: 240 })
  })

  it('refuses a container without video', async () => {
    const error = await probeVideo({ path: fixture('audio.mp4') }).catch((caught: unknown) => caught)
    expect(MediaProcessingError.isInstance(error) && error.code).toBe('no_video_stream')
  })

  it('refuses frames over maxPixels', async () => {
    const error = await probeVideo({ maxPixels: 320 * 240 - 1, path: fixture('clip.mp4') }).catch(
      (caught: unknown) => caught,
    )
    expect(MediaProcessingError.isInstance(error) && error.code).toBe('too_many_pixels')
  })

  it('refuses images, and MP4 headers on garbage', async () => {
    const png = fixture('image.png')
    await sharp({ create: { background: '#000', channels: 3, height: 8, width: 8 } })
      .png()
      .toFile(png)
    const notVideo = await probeVideo({ path: png }).catch((caught: unknown) => caught)
    expect(UnsupportedMediaError.isInstance(notVideo) && notVideo.code).toBe('kind_mismatch')
    const broken = fixture('broken.mp4')
    await writeFile(
      broken,
      Buffer.concat([(await readFile(fixture('clip.mp4'))).subarray(0, 32), Buffer.alloc(4096, 7)]),
    )
    const unreadable = await probeVideo({ path: broken }).catch((caught: unknown) => caught)
    expect(MediaProcessingError.isInstance(unreadable) && unreadable.code).toBe('unreadable')
  })
})
