import type {
  Experimental_VideoModelV4 as VideoModelV4,
  Experimental_VideoModelV4CallOptions as VideoModelV4CallOptions,
  JSONValue,
} from '@ai-sdk/provider'

import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'

import { extractPoster } from '../media/extractPoster.js'
import { runFfprobe } from '../media/ffmpeg.js'
import { probeVideo } from '../media/probeVideo.js'
import { createLocalVideoModel } from './localVideoModel.js'

let root: string
let directoryCount = 0
const newDirectory = () => join(root, `clips-${directoryCount++}`)

const options = (overrides: Partial<VideoModelV4CallOptions> = {}): VideoModelV4CallOptions => ({
  aspectRatio: undefined,
  duration: 1,
  fps: 12,
  frameImages: undefined,
  generateAudio: undefined,
  image: undefined,
  inputReferences: undefined,
  n: 1,
  prompt: 'a lighthouse at dawn',
  providerOptions: {},
  resolution: '128x128',
  seed: 7,
  ...overrides,
})

const bytesOf = (video: unknown): Buffer => {
  const data = video as { data: Uint8Array; mediaType: string; type: string }
  expect(data).toMatchObject({ mediaType: 'video/mp4', type: 'binary' })
  return Buffer.from(data.data)
}

const generate = async (model: VideoModelV4, overrides: Partial<VideoModelV4CallOptions> = {}) => {
  const result = await model.doGenerate!(options(overrides))
  return { bytes: bytesOf(result.videos[0]), result }
}

/** Writes a clip to disk so ffprobe and ffmpeg can read it. */
const save = async (bytes: Buffer): Promise<string> => {
  const path = join(root, `clip-${directoryCount++}.mp4`)
  await writeFile(path, bytes)
  return path
}

/** Polls doStatus until it stops answering pending; returns every answer. */
const pollUntilDone = async (model: VideoModelV4, operation: JSONValue) => {
  const answers = []
  for (let attempt = 0; attempt < 200; attempt++) {
    const answer = await model.doStatus!({ operation })
    answers.push(answer)
    if (answer.status !== 'pending') {
      return answers
    }
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
  throw new Error('the clip never finished')
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'local-video-test-'))
})

afterAll(() => rm(root, { force: true, recursive: true }))

afterEach(() => {
  vi.unstubAllEnvs()
})

describe('local/video', () => {
  it('implements the AI SDK video model spec v4 with both call styles', () => {
    const model = createLocalVideoModel({ directory: newDirectory() })
    expect(model).toMatchObject({
      maxVideosPerCall: 1,
      modelId: 'video',
      provider: 'local',
      specificationVersion: 'v4',
    })
    expect([typeof model.doGenerate, typeof model.doStart, typeof model.doStatus]).toEqual([
      'function',
      'function',
      'function',
    ])
  })

  it('renders a 4 s 512×512 H.264 MP4 (yuv420p, faststart)', async () => {
    const model = createLocalVideoModel({ directory: newDirectory() })
    const { bytes, result } = await generate(model, { duration: 4, fps: 24, resolution: '512x512' })
    const path = await save(bytes)
    await expect(probeVideo({ path })).resolves.toEqual({
      codec: 'h264',
      duration: 4,
      fps: 24,
      height: 512,
      mime: 'video/mp4',
      width: 512,
    })
    const { streams } = await runFfprobe({ path })
    expect(streams[0]).toMatchObject({ nb_frames: 96, pix_fmt: 'yuv420p' })
    // +faststart puts the index (moov) before the media data (mdat), so playback starts before the download ends.
    expect(bytes.indexOf('moov')).toBeLessThan(bytes.indexOf('mdat'))
    expect(result.providerMetadata).toEqual({
      local: { videos: [{ duration: 4, fps: 24, height: 512, seed: 7, width: 512 }] },
    })
  })

  it('gives the same bytes for the same prompt and seed, in any instance', async () => {
    const [a, b] = await Promise.all([
      generate(createLocalVideoModel({ directory: newDirectory() })),
      generate(createLocalVideoModel({ directory: newDirectory() })),
    ])
    expect(a.bytes.equals(b.bytes)).toBe(true)
  })

  it('gives visibly different clips for different prompts or seeds', async () => {
    const model = createLocalVideoModel({ directory: newDirectory() })
    const clips = await Promise.all(
      [
        { prompt: 'a lighthouse at dawn', seed: 7 },
        { prompt: 'a lighthouse at dawn', seed: 8 },
        { prompt: 'a red fox in snow', seed: 7 },
      ].map((overrides) => generate(model, { ...overrides, duration: 2 })),
    )
    const frames = await Promise.all(
      clips.map(async ({ bytes }) =>
        sharp(await extractPoster({ format: 'png', path: await save(bytes) }))
          .resize(32, 32)
          .raw()
          .toBuffer(),
      ),
    )
    const meanDifference = (a: Buffer, b: Buffer) => {
      let total = 0
      for (let index = 0; index < a.length; index++) total += Math.abs(a[index]! - b[index]!)
      return total / a.length
    }
    // Mean absolute difference per channel, 0–255: a visible change is well above a few levels.
    expect(meanDifference(frames[0]!, frames[1]!)).toBeGreaterThan(20)
    expect(meanDifference(frames[0]!, frames[2]!)).toBeGreaterThan(20)
  })

  it('honours duration, fps, aspect ratio and the default size', async () => {
    const model = createLocalVideoModel({ directory: newDirectory() })
    const probe = async (overrides: Partial<VideoModelV4CallOptions>) =>
      probeVideo({ path: await save((await generate(model, overrides)).bytes) })
    await expect(probe({ duration: 2, fps: 10 })).resolves.toMatchObject({ duration: 2, fps: 10 })
    await expect(probe({ aspectRatio: '9:16', resolution: undefined })).resolves.toMatchObject({
      height: 640,
      width: 360,
    })
    await expect(probe({ resolution: undefined })).resolves.toMatchObject({ height: 360, width: 640 })
  })

  it('turns unsupported settings into warnings', async () => {
    const model = createLocalVideoModel({ directory: newDirectory() })
    const image = { data: new Uint8Array([1]), mediaType: 'image/png', type: 'file' as const }
    const { result } = await generate(model, {
      aspectRatio: '16:9',
      frameImages: [{ frameType: 'last_frame', image }],
      generateAudio: true,
      image,
      inputReferences: [image],
    })
    expect(result.warnings.map((warning) => (warning as { feature: string }).feature).sort()).toEqual([
      'aspectRatio',
      'frameImages',
      'generateAudio',
      'image',
      'inputReferences',
    ])
    expect(result.warnings.every((warning) => warning.type === 'unsupported')).toBe(true)
  })

  it.each([
    { resolution: '127x128' as const },
    { resolution: '32x32' as const },
    { resolution: '1922x1080' as const },
    { resolution: 'big' as `${number}x${number}` },
    { duration: 0.5 },
    { duration: 21 },
    { fps: 0 },
    { fps: 61 },
  ])('refuses %o with a RangeError', async (overrides) => {
    const model = createLocalVideoModel({ directory: newDirectory() })
    await expect(model.doGenerate!(options(overrides))).rejects.toThrow(RangeError)
    await expect(model.doStart!(options(overrides))).rejects.toThrow(RangeError)
  })
})

describe('local/video: doStart and doStatus', () => {
  it('starts in the background and completes with the same bytes as doGenerate', async () => {
    const directory = newDirectory()
    const model = createLocalVideoModel({ directory })
    const { operation, warnings } = await model.doStart!(options({ duration: 3, resolution: '256x256' }))
    // doStart only starts the render: the first status is still pending.
    expect((await model.doStatus!({ operation })).status).toBe('pending')
    expect(warnings).toEqual([])
    // Stored by a job as JSON and read back unchanged.
    expect(JSON.parse(JSON.stringify(operation))).toEqual(operation)
    expect(operation).toMatchObject({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      params: { duration: 3, fps: 12, height: 256, prompt: 'a lighthouse at dawn', seed: 7, width: 256 },
      startedAt: expect.any(String),
    })
    const answers = await pollUntilDone(model, operation)
    expect(answers[0]!.status).toBe('pending')
    const done = answers.at(-1)!
    expect(done.status).toBe('completed')
    const bytes = bytesOf(done.status === 'completed' && done.videos[0])
    const { bytes: expected } = await generate(createLocalVideoModel({ directory: newDirectory() }), {
      duration: 3,
      resolution: '256x256',
    })
    expect(bytes.equals(expected)).toBe(true)
    // Answering again is idempotent; only the finished clip is left in the directory.
    expect((await model.doStatus!({ operation })).status).toBe('completed')
    expect(await readdir(directory)).toEqual([`${(operation as { id: string }).id}.mp4`])
  })

  it('completes from a fresh instance (another process) that finds the clip already rendered', async () => {
    const directory = newDirectory()
    const first = createLocalVideoModel({ directory })
    const { operation } = await first.doStart!(options())
    await pollUntilDone(first, operation)
    const second = createLocalVideoModel({ directory })
    const answer = await second.doStatus!({ operation })
    expect(answer.status).toBe('completed')
  })

  it('renders again from the operation in a fresh instance that finds no clip (restart, other machine)', async () => {
    const started = createLocalVideoModel({ directory: newDirectory() })
    const { operation } = await started.doStart!(options({ prompt: 'a restart', seed: 3 }))
    // Only the JSON survives the restart.
    const stored = JSON.parse(JSON.stringify(operation)) as JSONValue
    const restarted = createLocalVideoModel({ directory: newDirectory() })
    const answers = await pollUntilDone(restarted, stored)
    expect(answers[0]!.status).toBe('pending')
    const done = answers.at(-1)!
    const original = await pollUntilDone(started, operation)
    const originalDone = original.at(-1)!
    expect(done.status === 'completed' && originalDone.status === 'completed').toBe(true)
    const a = bytesOf(done.status === 'completed' && done.videos[0])
    const b = bytesOf(originalDone.status === 'completed' && originalDone.videos[0])
    expect(a.equals(b)).toBe(true)
  })

  it('answers error for a render that failed, and renders again when polled after that', async () => {
    const directory = newDirectory()
    const model = createLocalVideoModel({ directory })
    vi.stubEnv('FFMPEG_PATH', join(root, 'no-such-ffmpeg'))
    const { operation } = await model.doStart!(options())
    const failed = (await pollUntilDone(model, operation)).at(-1)!
    expect(failed).toMatchObject({ error: expect.stringContaining('FFMPEG_PATH'), status: 'error' })
    vi.unstubAllEnvs()
    expect((await pollUntilDone(model, operation)).at(-1)!.status).toBe('completed')
  })

  it.each([
    ['null', null],
    ['a path as id', { id: '../../etc/passwd', params: {} }],
    [
      'params out of range',
      {
        id: '00000000-0000-4000-8000-000000000000',
        params: { duration: 999, fps: 24, height: 64, prompt: '', seed: 0, width: 64 },
      },
    ],
  ])('answers error for an operation that is not its own (%s)', async (_name, operation) => {
    const model = createLocalVideoModel({ directory: newDirectory() })
    await expect(model.doStatus!({ operation: operation as JSONValue })).resolves.toMatchObject({ status: 'error' })
  })
})
