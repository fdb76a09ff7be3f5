import { resolve } from 'node:path'

import { runFfprobe } from './ffmpeg.js'
import { MediaProcessingError } from './MediaProcessingError.js'
import { DEFAULT_MAX_PIXELS } from './probeImage.js'
import { sniffMediaType } from './sniffMediaType.js'

/** What {@link probeVideo} reads from a video file. */
export type VideoProbe = {
  /** Video codec as ffprobe names it, e.g. `h264`, `hevc`, `vp9`, `av1`. */
  codec: string
  /** Length in seconds; `undefined` when neither the stream nor the container says. */
  duration: number | undefined
  /** Frames per second (average), e.g. 24 or 29.97; `undefined` when unknown. */
  fps: number | undefined
  /** Height in pixels as displayed (rotation applied). */
  height: number
  /** Media type from the bytes, e.g. `video/mp4`, `video/webm`, `video/quicktime`. */
  mime: string
  /** Width in pixels as displayed (rotation applied). */
  width: number
}

const toNumber = (value: number | string | undefined): number | undefined => {
  const number = typeof value === 'number' ? value : Number(value)
  return Number.isFinite(number) && number > 0 ? number : undefined
}

const toRate = (value: number | string | undefined): number | undefined => {
  const [numerator, denominator] = String(value ?? '')
    .split('/')
    .map(Number)
  const rate = denominator ? numerator! / denominator : numerator
  return rate !== undefined && Number.isFinite(rate) && rate > 0 ? Math.round(rate * 1000) / 1000 : undefined
}

/**
 * Reads a video's size, length, frame rate and codec with ffprobe, and its type from its bytes.
 *
 * @param path a local video file.
 * @param maxPixels frames larger than this (width × height, in pixels) are refused, so posters
 *   and previews are never made from absurd frame sizes. @default 100_000_000
 *
 * @throws {UnsupportedMediaError} when the bytes are not a video (see `sniffMediaType`).
 * @throws {MediaProcessingError} `unreadable` when ffprobe cannot read it, `no_video_stream` when
 *   it holds no video (audio only, or only cover art), `too_many_pixels`, `ffmpeg_missing`.
 */
export const probeVideo = async ({
  maxPixels = DEFAULT_MAX_PIXELS,
  path,
}: {
  maxPixels?: number
  path: string
}): Promise<VideoProbe> => {
  const { mime } = await sniffMediaType({ expectedKind: 'video', path })
  // An absolute path can never be read by ffprobe as a protocol or option.
  const probe = await runFfprobe({ path: resolve(path) })
  const stream = probe.streams.find(
    (candidate) => candidate.codec_type === 'video' && candidate['DISPOSITION:attached_pic'] !== 1,
  )
  const codedWidth = toNumber(stream?.width)
  const codedHeight = toNumber(stream?.height)
  if (!stream || !codedWidth || !codedHeight) {
    throw new MediaProcessingError('The file holds no video stream (audio only, or only cover art).', { code: 'no_video_stream' })
  }
  if (codedWidth * codedHeight > maxPixels) {
    throw new MediaProcessingError(
      `The video is ${codedWidth}×${codedHeight} pixels, more than the ${maxPixels} allowed per frame.`,
      { code: 'too_many_pixels' },
    )
  }
  // Phones store portrait video as landscape plus a rotation (old ffprobe: a tag; new: display matrix side data).
  const rotation = Math.abs(Number(stream['TAG:rotate'] ?? stream.rotation ?? 0)) % 180
  const isTurned = rotation === 90
  return {
    codec: String(stream.codec_name ?? 'unknown'),
    duration: toNumber(stream.duration) ?? toNumber(probe.format.duration),
    fps: toRate(stream.avg_frame_rate) ?? toRate(stream.r_frame_rate),
    height: isTurned ? codedWidth : codedHeight,
    mime,
    width: isTurned ? codedHeight : codedWidth,
  }
}
