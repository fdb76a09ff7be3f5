import { existsSync, statSync } from 'node:fs'
import type { AddressInfo } from 'node:net'

import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { createServer } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'

import { runFfmpeg, runFfprobe } from './ffmpeg.js'
import { MediaProcessingError } from './MediaProcessingError.js'

let directory: string

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'ffmpeg-test-'))
})

afterAll(() => rm(directory, { force: true, recursive: true }))

afterEach(() => {
  vi.unstubAllEnvs()
})

const failure = async (promise: Promise<unknown>): Promise<MediaProcessingError> => {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  )
  expect(MediaProcessingError.isInstance(error), `expected a MediaProcessingError, got ${String(error)}`).toBe(true)
  return error as MediaProcessingError
}

describe('runFfmpeg', () => {
  it('returns stdout when no output file is given', async () => {
    const png = await runFfmpeg({
      inputs: [{ options: ['-f', 'lavfi'], source: 'color=c=red:s=32x16' }],
      outputOptions: ['-frames:v', '1', '-f', 'image2pipe', '-c:v', 'png'],
    })
    const metadata = await sharp(png).metadata()
    expect([metadata.format, metadata.width, metadata.height]).toEqual(['png', 32, 16])
  })

  it('fails with ffmpeg_failed and the end of ffmpeg’s output', async () => {
    const error = await failure(
      runFfmpeg({
        inputs: [{ options: ['-f', 'lavfi'], source: 'no_such_filter=x=1' }],
        outputOptions: ['-f', 'null'],
        output: '-',
      }),
    )
    expect(error.code).toBe('ffmpeg_failed')
    expect(error.message).toMatch(/no_such_filter/i)
  })

  it('fails with ffmpeg_missing, without crashing, when the binary is not there', async () => {
    vi.stubEnv('FFMPEG_PATH', join(directory, 'missing', 'ffmpeg'))
    const error = await failure(
      runFfmpeg({
        inputs: [{ options: ['-f', 'lavfi'], source: 'color' }],
        outputOptions: ['-f', 'null'],
        output: '-',
      }),
    )
    expect(error.code).toBe('ffmpeg_missing')
    expect(error.message).toContain('FFMPEG_PATH')
    vi.stubEnv('FFMPEG_PATH', 'no-such-ffmpeg-on-path')
    expect((await failure(runFfmpeg({ inputs: [], outputOptions: [] }))).code).toBe('ffmpeg_missing')
  })

  it('kills ffmpeg when aborted', async () => {
    const output = join(directory, 'long.mp4')
    const controller = new AbortController()
    setTimeout(() => controller.abort(new Error('cancelled')), 200)
    await expect(
      runFfmpeg({
        inputs: [{ options: ['-f', 'lavfi'], source: 'testsrc2=s=1920x1080:r=60:d=600' }],
        output,
        outputOptions: ['-c:v', 'libx264', '-preset', 'veryslow', '-f', 'mp4'],
        signal: controller.signal,
      }),
    ).rejects.toThrow('cancelled')
    // A ten-minute 1080p60 veryslow render cannot have finished: no complete output was written.
    expect(existsSync(output) ? statSync(output).size : 0).toBeLessThan(1024 * 1024)
  })
})

describe('runFfprobe', () => {
  it('reads streams and format', async () => {
    const path = join(directory, 'clip.mp4')
    await runFfmpeg({
      inputs: [{ options: ['-f', 'lavfi'], source: 'testsrc2=s=96x64:r=10' }],
      output: path,
      outputOptions: ['-frames:v', '10', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-f', 'mp4'],
    })
    const probe = await runFfprobe({ path })
    expect(probe.streams[0]).toMatchObject({ codec_name: 'h264', codec_type: 'video', height: 64, width: 96 })
    expect(probe.format.duration).toBe(1)
  })

  it('never reaches the network, through a playlist or a URL as path', async () => {
    let requests = 0
    const server = createServer((_request, response) => {
      requests++
      response.writeHead(404).end()
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    try {
      const port = (server.address() as AddressInfo).port
      const playlist = join(directory, 'playlist.m3u8')
      await writeFile(
        playlist,
        `#EXTM3U\n#EXT-X-TARGETDURATION:1\n#EXTINF:1.0,\nhttp://127.0.0.1:${port}/segment.ts\n#EXT-X-ENDLIST\n`,
      )
      // ffmpeg's HLS defaults refuse this too; the URL given as the path is what only the whitelist stops.
      expect((await failure(runFfprobe({ path: playlist }))).code).toBe('unreadable')
      expect((await failure(runFfprobe({ path: `http://127.0.0.1:${port}/clip.mp4` }))).code).toBe('unreadable')
      expect(requests).toBe(0)
    } finally {
      server.close()
    }
  })

  it('fails with ffmpeg_missing when ffprobe is not there', async () => {
    vi.stubEnv('FFPROBE_PATH', join(directory, 'missing', 'ffprobe'))
    expect((await failure(runFfprobe({ path: join(directory, 'clip.mp4') }))).code).toBe('ffmpeg_missing')
  })
})
