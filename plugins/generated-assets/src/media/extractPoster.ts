import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import sharp from 'sharp'

import { runFfmpeg } from './ffmpeg.js'
import { MediaProcessingError } from './MediaProcessingError.js'
import { probeVideo } from './probeVideo.js'

/**
 * The frame at `time` seconds as PNG bytes, empty when there is none (seeking past the end).
 * ffmpeg writes it to a temporary file rather than to a pipe: fluent-ffmpeg fails a command whose
 * output stream closes more than 20 ms before the process exits ("Output stream closed", in its
 * `processor.js`), which happens on a busy machine even when ffmpeg succeeds.
 */
const grabFrame = async ({ path, time }: { path: string; time: number }): Promise<Buffer> => {
  const directory = await mkdtemp(join(tmpdir(), 'generated-asset-frame-'))
  const framePath = join(directory, 'frame.png')
  try {
    await runFfmpeg({
      // Seeking before -i jumps to the nearest keyframe and then decodes up to the exact time.
      inputs: [{ options: ['-protocol_whitelist', 'file', '-ss', time.toFixed(3)], source: resolve(path) }],
      output: framePath,
      outputOptions: ['-map', '0:v:0', '-frames:v', '1', '-an', '-sn', '-f', 'image2', '-update', '1', '-c:v', 'png'],
    })
    return await readFile(framePath).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return Buffer.alloc(0)
      throw error
    })
  } finally {
    await rm(directory, { force: true, recursive: true }).catch(() => undefined)
  }
}

/**
 * Takes one frame of a video as a still image, for a poster.
 *
 * The frame is the one at `at` seconds, or the first frame when the clip is not longer than
 * `at` (and when seeking past the real end yields nothing). Rotation is applied, so the poster
 * has the size {@link probeVideo} reports.
 *
 * @param path a local video file.
 * @param at time of the frame, in seconds. @default 1
 * @param duration the clip's length in seconds when already known (skips a probe).
 * @param format `jpeg` (quality 85, for posters) or `png` (lossless). @default 'jpeg'
 * @returns the encoded image.
 *
 * @throws {MediaProcessingError} `no_frame` when no frame can be decoded, `ffmpeg_failed`,
 *   `ffmpeg_missing`, and the errors of {@link probeVideo} when `duration` is not given.
 */
export const extractPoster = async ({
  at = 1,
  duration,
  format = 'jpeg',
  path,
}: {
  at?: number
  duration?: number
  format?: 'jpeg' | 'png'
  path: string
}): Promise<Buffer> => {
  const length = duration ?? (await probeVideo({ path })).duration
  const time = length === undefined || length > at ? Math.max(0, at) : 0
  let png = await grabFrame({ path, time })
  if (png.byteLength === 0 && time > 0) {
    png = await grabFrame({ path, time: 0 })
  }
  if (png.byteLength === 0) {
    throw new MediaProcessingError(`No frame could be decoded from ${path}.`, { code: 'no_frame' })
  }
  return format === 'png' ? png : sharp(png).jpeg({ mozjpeg: true, quality: 85 }).toBuffer()
}
