import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)

// The installer packages are optional at run time: they may be absent, or throw on a platform they have no binary for.
const fromInstaller = (name: string): string | undefined => {
  try {
    const path = (require(name) as { path?: unknown }).path
    return typeof path === 'string' && existsSync(path) ? path : undefined
  } catch {
    return undefined
  }
}

/**
 * Where the ffmpeg and ffprobe binaries are (absolute paths, or bare command names looked up on
 * `PATH`), each found in this order:
 *
 * 1. the `FFMPEG_PATH` / `FFPROBE_PATH` environment variables;
 * 2. the static binaries of `@ffmpeg-installer/ffmpeg` / `@ffprobe-installer/ffprobe`, when installed
 *    for this platform;
 * 3. `ffmpeg` / `ffprobe` on `PATH`.
 *
 * Never throws; a binary that cannot be started fails later with a `MediaProcessingError`
 * `ffmpeg_missing`.
 */
export const getFfmpegPaths = (): { ffmpegPath: string; ffprobePath: string } => ({
  ffmpegPath: process.env.FFMPEG_PATH || fromInstaller('@ffmpeg-installer/ffmpeg') || 'ffmpeg',
  ffprobePath: process.env.FFPROBE_PATH || fromInstaller('@ffprobe-installer/ffprobe') || 'ffprobe',
})
