import type {
  Experimental_VideoModelV4 as VideoModelV4,
  Experimental_VideoModelV4CallOptions as VideoModelV4CallOptions,
  JSONValue,
  SharedV4ProviderMetadata,
  SharedV4Warning,
} from '@ai-sdk/provider'

import { createHash, randomBytes, randomUUID } from 'node:crypto'
import { mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { runFfmpeg } from '../media/ffmpeg.js'

/** Smallest and largest side the offline video model renders, in pixels (even numbers only). */
export const LOCAL_VIDEO_MIN_SIDE = 64
export const LOCAL_VIDEO_MAX_SIDE = 1920
/** Shortest, longest and default clip, in seconds. */
export const LOCAL_VIDEO_MIN_DURATION = 1
export const LOCAL_VIDEO_MAX_DURATION = 20
const DEFAULT_DURATION = 4
/** Lowest, highest and default frame rate, in frames per second. */
export const LOCAL_VIDEO_MIN_FPS = 1
export const LOCAL_VIDEO_MAX_FPS = 60
const DEFAULT_FPS = 24
/** Long side when only an aspect ratio (or nothing) is given, in pixels; the default is 640×360. */
const DEFAULT_LONG_SIDE = 640
// Finished clips nobody collected, and renders a crashed process left behind, are removed after these.
const CLIP_MAX_AGE_MS = 24 * 60 * 60 * 1000
const PARTIAL_MAX_AGE_MS = 60 * 60 * 1000

/** Everything a clip is rendered from: the same values always give the same clip. */
export type LocalVideoParams = {
  /** Seconds. */
  duration: number
  /** Frames per second. */
  fps: number
  /** Pixels. */
  height: number
  prompt: string
  seed: number
  /** Pixels. */
  width: number
}

/**
 * The `operation` `doStart` returns: plain JSON, so a job can store it and any process can poll it.
 * It carries every render setting, so a process that finds no clip renders it again.
 */
export type LocalVideoOperation = {
  /** A UUID; also the clip's file name. */
  id: string
  params: LocalVideoParams
  /** ISO 8601 time `doStart` was called. */
  startedAt: string
}

const isInRange = (value: number, min: number, max: number): boolean =>
  Number.isFinite(value) && value >= min && value <= max

const toEven = (value: number): number => Math.max(LOCAL_VIDEO_MIN_SIDE, Math.round(value / 2) * 2)

/**
 * Turns call options into render settings and warnings.
 *
 * @throws {RangeError} for a resolution, duration or frame rate out of range.
 */
const resolveParams = (options: VideoModelV4CallOptions): { params: LocalVideoParams; warnings: SharedV4Warning[] } => {
  const warnings: SharedV4Warning[] = []
  const unsupported = (feature: string, details: string) => warnings.push({ details, feature, type: 'unsupported' })
  if (options.image) {
    unsupported('image', 'the offline model does not animate images')
  }
  if (options.frameImages?.length) {
    unsupported('frameImages', 'the offline model does not use first or last frames')
  }
  if (options.inputReferences?.length) {
    unsupported('inputReferences', 'the offline model does not use references')
  }
  if (options.generateAudio) {
    unsupported('generateAudio', 'the offline model makes silent clips')
  }
  if (options.n > 1) {
    unsupported('n', 'the offline model renders one video per call')
  }
  let width = DEFAULT_LONG_SIDE
  let height = Math.round((DEFAULT_LONG_SIDE * 9) / 16 / 2) * 2
  if (options.resolution) {
    if (options.aspectRatio) {
      unsupported('aspectRatio', 'resolution is used; aspectRatio is ignored')
    }
    const match = /^(\d+)x(\d+)$/.exec(options.resolution)
    width = Number(match?.[1])
    height = Number(match?.[2])
    if (
      !match ||
      ![width, height].every((side) => side % 2 === 0 && isInRange(side, LOCAL_VIDEO_MIN_SIDE, LOCAL_VIDEO_MAX_SIDE))
    ) {
      throw new RangeError(
        `resolution must be {width}x{height} with even sides from ${LOCAL_VIDEO_MIN_SIDE} to ${LOCAL_VIDEO_MAX_SIDE} pixels, got ${options.resolution}`,
      )
    }
  } else if (options.aspectRatio === 'adaptive') {
    unsupported('aspectRatio', 'there is no input media to adapt to; 16:9 is used')
  } else if (options.aspectRatio) {
    const [w, h] = options.aspectRatio.split(':').map(Number)
    if (!(w! > 0 && h! > 0)) {
      throw new RangeError(`aspectRatio must be {width}:{height} with positive numbers, got ${options.aspectRatio}`)
    }
    width = w! >= h! ? DEFAULT_LONG_SIDE : toEven((DEFAULT_LONG_SIDE * w!) / h!)
    height = w! >= h! ? toEven((DEFAULT_LONG_SIDE * h!) / w!) : DEFAULT_LONG_SIDE
  }
  const duration = options.duration ?? DEFAULT_DURATION
  if (!isInRange(duration, LOCAL_VIDEO_MIN_DURATION, LOCAL_VIDEO_MAX_DURATION)) {
    throw new RangeError(
      `duration must be from ${LOCAL_VIDEO_MIN_DURATION} to ${LOCAL_VIDEO_MAX_DURATION} seconds, got ${duration}`,
    )
  }
  const fps = options.fps ?? DEFAULT_FPS
  if (!isInRange(fps, LOCAL_VIDEO_MIN_FPS, LOCAL_VIDEO_MAX_FPS)) {
    throw new RangeError(`fps must be from ${LOCAL_VIDEO_MIN_FPS} to ${LOCAL_VIDEO_MAX_FPS}, got ${fps}`)
  }
  return { params: { duration, fps, height, prompt: options.prompt ?? '', seed: options.seed ?? 0, width }, warnings }
}

// Places the Mandelbrot zoom heads for, chosen because they stay detailed as the view narrows.
const MANDELBROT_POINTS: Array<[number, number]> = [
  [-0.743643887037151, 0.13182590420533],
  [-0.7453, 0.1127],
  [-1.25066, 0.02012],
  [-0.16, 1.0405],
  [0.285, 0.01],
  [-0.761574, -0.0847596],
  [-1.7497591451303, 0],
  [0.3245046418497685, 0.04855101129280834],
]
// Life-like rules that keep moving instead of dying out: Conway, HighLife, Day & Night, Morley, Maze.
const LIFE_RULES = ['S23/B3', 'S23/B36', 'S34678/B3678', 'S245/B368', 'S12345/B3']
// Elementary automata with visible structure (chaotic, fractal or striped).
const CELLAUTO_RULES = [18, 22, 30, 45, 54, 60, 73, 90, 105, 110, 126, 150]

/**
 * The lavfi graph of a clip. Its source (test pattern, Mandelbrot zoom, Game of Life, cellular
 * automaton), that source's settings and the colour shifts all derive from SHA-256(prompt, seed),
 * so different prompts look different and the same prompt and seed give the same frames.
 * Life and automata render at a quarter size and are scaled up: cheaper to make and to encode.
 */
const buildScene = ({ duration, fps, height, prompt, seed, width }: LocalVideoParams): string => {
  const digest = createHash('sha256').update(`${prompt}\u0000${seed}`).digest()
  const byte = (index: number) => digest[index]!
  const fraction = (index: number) => digest.readUInt16BE(index) / 65535
  const color = (index: number) => `0x${digest.subarray(index, index + 3).toString('hex')}`
  const reduced = (divisor: number) =>
    `${Math.max(16, Math.round(width / divisor / 2) * 2)}x${Math.max(16, Math.round(height / divisor / 2) * 2)}`
  const scaleUp = (flags: string) => `scale=${width}:${height}:flags=${flags}`
  let source: string
  switch (byte(0) % 4) {
    case 0:
      source = [
        `testsrc2=s=${width}x${height}:r=${fps}`,
        ...(byte(1) & 1 ? ['hflip'] : []),
        ...(byte(1) & 2 ? ['vflip'] : []),
      ].join(',')
      break
    case 1: {
      const [x, y] = MANDELBROT_POINTS[byte(1) % MANDELBROT_POINTS.length]!
      source = [
        `mandelbrot=s=${reduced(2)}:r=${fps}:maxiter=${128 + byte(2)}:start_x=${x}:start_y=${y}`,
        `start_scale=${(1.5 + fraction(3) * 2).toFixed(3)}:end_scale=${(0.005 + fraction(5) * 0.2).toFixed(4)}`,
        `end_pts=${Math.max(1, Math.round(duration * fps))}`,
        `inner=${['black', 'convergence', 'mincol', 'period'][byte(7) % 4]}`,
        `outer=${byte(8) & 1 ? 'iteration_count' : 'normalized_iteration_count'}`,
      ].join(':')
      source += `,${scaleUp('bicubic')}`
      break
    }
    case 2:
      source = [
        `life=s=${reduced(4)}:r=${fps}:rule=${LIFE_RULES[byte(1) % LIFE_RULES.length]}`,
        `seed=${digest.readUInt32BE(4)}:ratio=${(0.15 + fraction(8) * 0.35).toFixed(3)}:mold=${byte(10) % 40}`,
        `life_color=${color(11)}:death_color=${color(14)}:mold_color=${color(17)}`,
      ].join(':')
      source += `,${scaleUp('neighbor')}`
      break
    default: {
      // The automaton is black and white: the mixer turns white into a colour from the digest.
      const [red, green, blue] = [fraction(11), fraction(13), fraction(15)].map((value) => (0.2 + value * 0.8) / 3)
      source = [
        `cellauto=s=${reduced(4)}:r=${fps}:rule=${CELLAUTO_RULES[byte(1) % CELLAUTO_RULES.length]}`,
        `seed=${digest.readUInt32BE(4)}:ratio=${(0.2 + fraction(8) * 0.6).toFixed(3)}:scroll=1:start_full=1`,
      ].join(':')
      source += `,${scaleUp('neighbor')},format=rgb24,colorchannelmixer=${[
        ...['rr', 'rg', 'rb'].map((key) => `${key}=${red!.toFixed(3)}`),
        ...['gr', 'gg', 'gb'].map((key) => `${key}=${green!.toFixed(3)}`),
        ...['br', 'bg', 'bb'].map((key) => `${key}=${blue!.toFixed(3)}`),
      ].join(':')}`
    }
  }
  const hue = Math.round(fraction(20) * 360)
  const hueSpeed = Math.round(fraction(22) * 120) - 60
  const saturation = (0.6 + fraction(24) * 1.2).toFixed(2)
  return `${source},hue=h=${hue}+${hueSpeed}*t:s=${saturation},format=yuv420p,setsar=1`
}

/**
 * Renders a clip to `path`. ffmpeg writes to a private temporary name that is renamed into place
 * only when complete, so a file at `path` is always a finished clip, even with several processes
 * rendering the same operation at once.
 */
const renderClip = async ({
  params,
  path,
  signal,
}: {
  params: LocalVideoParams
  path: string
  signal?: AbortSignal
}): Promise<void> => {
  const partial = `${path}.${process.pid}-${randomBytes(4).toString('hex')}.partial`
  try {
    await runFfmpeg({
      inputs: [{ options: ['-f', 'lavfi'], source: buildScene(params) }],
      output: partial,
      // A fixed thread count and bitexact flags keep the bytes the same from one machine to the next.
      outputOptions: [
        ...['-frames:v', String(Math.max(1, Math.round(params.duration * params.fps)))],
        ...['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-threads', '4'],
        ...['-an', '-map_metadata', '-1', '-flags', '+bitexact', '-fflags', '+bitexact'],
        ...['-movflags', '+faststart', '-f', 'mp4'],
      ],
      signal,
    })
    await rename(partial, path)
  } catch (error) {
    await rm(partial, { force: true })
    throw error
  }
}

const isValidParams = (params: unknown): params is LocalVideoParams => {
  const value = params as Partial<LocalVideoParams> | null
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof value.prompt === 'string' &&
    Number.isInteger(value.seed) &&
    [value.width, value.height].every(
      (side) =>
        typeof side === 'number' && side % 2 === 0 && isInRange(side, LOCAL_VIDEO_MIN_SIDE, LOCAL_VIDEO_MAX_SIDE),
    ) &&
    typeof value.duration === 'number' &&
    isInRange(value.duration, LOCAL_VIDEO_MIN_DURATION, LOCAL_VIDEO_MAX_DURATION) &&
    typeof value.fps === 'number' &&
    isInRange(value.fps, LOCAL_VIDEO_MIN_FPS, LOCAL_VIDEO_MAX_FPS)
  )
}

// The id becomes a file name, so only a UUID is accepted, never a path.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

const parseOperation = (operation: JSONValue): LocalVideoOperation | undefined => {
  const value = operation as Partial<LocalVideoOperation> | null
  return typeof value === 'object' &&
    value !== null &&
    typeof value.id === 'string' &&
    UUID.test(value.id) &&
    isValidParams(value.params)
    ? { id: value.id, params: value.params, startedAt: String(value.startedAt ?? '') }
    : undefined
}

const getMetadata = (params: LocalVideoParams): SharedV4ProviderMetadata => ({
  local: {
    videos: [
      { duration: params.duration, fps: params.fps, height: params.height, seed: params.seed, width: params.width },
    ],
  },
})

const toBinary = (data: Buffer) => ({
  data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
  mediaType: 'video/mp4',
  type: 'binary' as const,
})

/**
 * Creates the built-in offline video model `local/video`, an AI SDK video model
 * (`@ai-sdk/provider` VideoModelV4, specification `v4`) that needs no account or network: ffmpeg
 * renders an H.264 MP4 (`yuv420p`, `+faststart`, silent) from lavfi sources chosen by the prompt
 * and seed.
 *
 * - `resolution` (`{width}x{height}`, even sides of 64–1920 px) is honoured; else `aspectRatio`
 *   at 640 px on the long side; else 640×360. `duration` 1–20 s (default 4), `fps` 1–60 (default 24),
 *   `seed` (default 0).
 * - The same prompt, seed and settings give the same bytes with the same ffmpeg build.
 * - Image, frame-image and reference inputs, audio, and `n` above 1 become warnings.
 * - `doGenerate` renders and answers at once. `doStart` starts the render in the background and
 *   answers a {@link LocalVideoOperation}; `doStatus` answers `pending` until the clip exists, then
 *   `completed` with its bytes. Any instance, in any process, can answer `doStatus`: one that finds
 *   neither the clip nor a render of it in progress renders it again from the operation.
 *
 * A 4 s 512×512 clip renders in about 0.2–0.5 s on 2 cores (`-preset ultrafast`).
 *
 * @param directory where clips are rendered; finished clips older than a day are removed from it
 *   at the next `doStart`. @default `<os.tmpdir()>/payload-generated-assets/local-video`
 *
 * @throws {RangeError} from `doGenerate` and `doStart` when `resolution`, `aspectRatio`, `duration`
 *   or `fps` is out of range.
 * @throws {MediaProcessingError} from `doGenerate` when ffmpeg is missing or fails (`doStatus`
 *   answers `status: 'error'` instead).
 */
export const createLocalVideoModel = ({
  directory = join(tmpdir(), 'payload-generated-assets', 'local-video'),
}: { directory?: string } = {}): VideoModelV4 => {
  // Renders running in this process, and why finished ones failed, by operation id.
  const renders = new Map<string, Promise<void>>()
  const failures = new Map<string, string>()
  const pathOf = (id: string) => join(directory, `${id}.mp4`)
  const response = () => ({ headers: undefined, modelId: 'video', timestamp: new Date() })

  const startRender = ({ id, params }: LocalVideoOperation): void => {
    if (renders.has(id)) {
      return
    }
    const render = mkdir(directory, { recursive: true })
      .then(() => renderClip({ params, path: pathOf(id) }))
      .catch((error: Error) => {
        failures.set(id, error.message)
      })
      .finally(() => renders.delete(id))
    renders.set(id, render)
  }

  const prune = async (): Promise<void> => {
    const now = Date.now()
    for (const name of await readdir(directory)) {
      const maxAge = name.endsWith('.mp4') ? CLIP_MAX_AGE_MS : name.endsWith('.partial') ? PARTIAL_MAX_AGE_MS : 0
      if (maxAge) {
        const path = join(directory, name)
        const { mtimeMs } = await stat(path)
        if (now - mtimeMs > maxAge) {
          await rm(path, { force: true })
        }
      }
    }
  }

  return {
    async doGenerate(options) {
      const { params, warnings } = resolveParams(options)
      await mkdir(directory, { recursive: true })
      const path = pathOf(randomUUID())
      try {
        await renderClip({ params, path, signal: options.abortSignal })
        return {
          providerMetadata: getMetadata(params),
          response: response(),
          videos: [toBinary(await readFile(path))],
          warnings,
        }
      } finally {
        await rm(path, { force: true })
      }
    },
    async doStart(options) {
      const { params, warnings } = resolveParams(options)
      const operation: LocalVideoOperation = { id: randomUUID(), params, startedAt: new Date().toISOString() }
      startRender(operation)
      // Housekeeping must never fail or delay the call it rides on.
      prune().catch(() => {})
      return { operation, response: response(), warnings }
    },
    async doStatus({ operation: rawOperation }) {
      const operation = parseOperation(rawOperation)
      if (!operation) {
        return { error: 'Not an operation of the local video model.', response: response(), status: 'error' }
      }
      const { id, params } = operation
      const failure = failures.get(id)
      if (failure) {
        // Reported once: polling again starts a fresh render.
        failures.delete(id)
        return { error: `Rendering the clip failed: ${failure}`, response: response(), status: 'error' }
      }
      try {
        const data = await readFile(pathOf(id))
        return {
          providerMetadata: getMetadata(params),
          response: response(),
          status: 'completed',
          videos: [toBinary(data)],
          warnings: [],
        }
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
          throw error
        }
      }
      // Started elsewhere (another process, or before a restart) or cleaned away: render it here.
      startRender(operation)
      return { response: response(), status: 'pending' }
    },
    maxVideosPerCall: 1,
    modelId: 'video',
    provider: 'local',
    specificationVersion: 'v4',
  }
}
