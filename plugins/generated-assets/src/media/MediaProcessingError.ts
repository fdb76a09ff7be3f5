const marker = 'payload-plugin-generated-assets.error.MediaProcessingError'
const symbol = Symbol.for(marker)

/**
 * Why reading or converting a media file failed:
 *
 * - `too_many_pixels`: the image or video frame has more pixels than allowed (a decompression bomb).
 * - `unreadable`: sharp or ffprobe cannot decode the file.
 * - `no_video_stream`: the container holds no video stream.
 * - `no_frame`: ffmpeg produced no frame for the poster.
 * - `ffmpeg_missing`: the ffmpeg or ffprobe binary cannot be started.
 * - `ffmpeg_failed`: ffmpeg exited with an error (its last lines of output end the message).
 */
export type MediaProcessingErrorCode =
  'ffmpeg_failed' | 'ffmpeg_missing' | 'no_frame' | 'no_video_stream' | 'too_many_pixels' | 'unreadable'

/**
 * A media file that could not be probed or converted. Recognise it with
 * `MediaProcessingError.isInstance(error)`.
 */
export class MediaProcessingError extends Error {
  private readonly [symbol] = true
  readonly code: MediaProcessingErrorCode

  constructor(message: string, { cause, code }: { cause?: unknown; code: MediaProcessingErrorCode }) {
    super(message, { cause })
    this.name = 'MediaProcessingError'
    this.code = code
  }

  static isInstance(error: unknown): error is MediaProcessingError {
    return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[symbol] === true
  }
}
