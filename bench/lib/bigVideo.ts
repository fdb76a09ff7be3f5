/**
 * A real ~500 MB MP4 for the memory benchmark, made once with the repo's ffmpeg and cached under
 * the system temporary directory (`generated-assets-bench-cache/`): 640×360 30 fps MPEG-4 Part 2
 * at q 1 of a test pattern with heavy temporal noise (so it barely compresses), cut by ffmpeg's
 * `-fs` at 500 MiB and finalized (moov at the end), so ffprobe and the poster extraction read it.
 */
import { spawn } from 'node:child_process'
import { mkdir, rename, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { getFfmpegPaths } from '../../plugins/generated-assets/src/media/ffmpegPaths'

export const BIG_VIDEO_BYTES = 500 * 1024 * 1024
const CACHE_DIR = path.join(tmpdir(), 'generated-assets-bench-cache')
const FILE = path.join(CACHE_DIR, 'noise-640x360-mpeg4-500MiB-v1.mp4')

const run = (command: string, args: string[]) =>
  new Promise<string>((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    child.stdout.on('data', (chunk) => (output += chunk))
    child.stderr.on('data', (chunk) => (output += chunk))
    child.once('error', reject)
    child.once('exit', (code) => (code === 0 ? resolve(output) : reject(new Error(`${command} exited ${code}:\n${output.slice(-2000)}`))))
  })

/** Probes a video with ffprobe: `{ width, height, duration, codec }`. */
export const probe = async (file: string) => {
  const { ffprobePath } = getFfmpegPaths()
  const json = JSON.parse(
    await run(ffprobePath, ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', file]),
  ) as { format: { duration: string }; streams: { codec_name: string; codec_type: string; height: number; width: number }[] }
  const video = json.streams.find((stream) => stream.codec_type === 'video')!
  return { codec: video.codec_name, duration: Number(json.format.duration), height: video.height, width: video.width }
}

/** The cached video's path and size, made first if missing (a few seconds to a minute). */
export const ensureBigVideo = async (): Promise<{ path: string; size: number }> => {
  const existing = await stat(FILE).catch(() => undefined)
  if (existing && existing.size >= BIG_VIDEO_BYTES * 0.98) return { path: FILE, size: existing.size }
  await mkdir(CACHE_DIR, { recursive: true })
  const partial = `${FILE}.${process.pid}.partial.mp4`
  const { ffmpegPath } = getFfmpegPaths()
  console.log(`making a ${BIG_VIDEO_BYTES / 1024 / 1024} MiB MP4 at ${FILE} (once)…`)
  try {
    await run(ffmpegPath, [
      '-hide_banner',
      '-loglevel',
      'error',
      '-y',
      '-f',
      'lavfi',
      '-i',
      'testsrc2=s=640x360:r=30,noise=alls=100:allf=t',
      '-t',
      '600',
      '-c:v',
      'mpeg4',
      '-q:v',
      '1',
      '-pix_fmt',
      'yuv420p',
      '-fs',
      String(BIG_VIDEO_BYTES),
      '-f',
      'mp4',
      partial,
    ])
    await probe(partial)
    await rename(partial, FILE)
  } finally {
    await rm(partial, { force: true })
  }
  return { path: FILE, size: (await stat(FILE)).size }
}
