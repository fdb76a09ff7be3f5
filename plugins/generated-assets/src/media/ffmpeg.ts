import ffmpeg from 'fluent-ffmpeg'
import { accessSync, constants } from 'node:fs'
import { delimiter, join } from 'node:path'
import { PassThrough } from 'node:stream'

import { getFfmpegPaths } from './ffmpegPaths.js'
import { MediaProcessingError } from './MediaProcessingError.js'

// fluent-ffmpeg is no longer maintained: this file is the only one that imports it, so replacing it
// (with a plain child_process.spawn) means rewriting these two functions and nothing else.

/** One ffmpeg input: a file path or a lavfi graph, and the options placed before its `-i`. */
export type FfmpegInput = { options?: string[]; source: string }

/** What ffprobe reports (`-show_streams -show_format`); numeric fields are numbers, `N/A` stays a string. */
export type FfprobeResult = {
  format: Record<string, number | string | undefined>
  streams: Array<Record<string, number | string | undefined>>
}

const isExecutable = (path: string): boolean => {
  try {
    accessSync(path, constants.X_OK)
    return true
  } catch {
    return false
  }
}

/**
 * The binary's path when it exists and may be run: as given when it names a path, else the first
 * match on `PATH`. Checked before every run because fluent-ffmpeg, handed a binary it cannot
 * spawn, crashes with an uncaught TypeError instead of reporting an error.
 */
const findExecutable = (command: string): string | undefined => {
  const candidates = /[\\/]/.test(command)
    ? [command]
    : (process.env.PATH ?? '')
        .split(delimiter)
        .filter(Boolean)
        .map((directory) => join(directory, command))
  return (process.platform === 'win32' ? candidates.flatMap((path) => [path, `${path}.exe`]) : candidates).find(
    isExecutable,
  )
}

const missing = ({ cause, name, path }: { cause?: unknown; name: 'ffmpeg' | 'ffprobe'; path: string }) =>
  new MediaProcessingError(
    `Cannot start ${name} (${path}). Install ffmpeg, or set ${name === 'ffmpeg' ? 'FFMPEG_PATH' : 'FFPROBE_PATH'} to its binary.`,
    { cause, code: 'ffmpeg_missing' },
  )

const lastLines = (text: string, count: number): string => text.trim().split(/\r?\n/).slice(-count).join('\n')

/**
 * Runs ffmpeg once: `ffmpeg [input options] -i source … [outputOptions] output`.
 *
 * @param inputs files or lavfi graphs, in order.
 * @param outputOptions options placed before the output, e.g. `['-c:v', 'libx264']`.
 * @param output file to write; when omitted, the output goes to stdout and is returned, so
 *   `outputOptions` must name a format (`-f image2pipe`).
 * @param signal kills ffmpeg (SIGKILL) and rejects with the signal's reason.
 * @returns what ffmpeg wrote to stdout (empty when writing to a file). On failure a partly written
 *   `output` is left in place: the caller owns that path and removes it.
 *
 * @throws {MediaProcessingError} `ffmpeg_missing` when the binary cannot be started, `ffmpeg_failed`
 *   when it exits with an error (the message ends with its last lines of output).
 */
export const runFfmpeg = ({
  inputs,
  output,
  outputOptions,
  signal,
}: {
  inputs: FfmpegInput[]
  output?: string
  outputOptions: string[]
  signal?: AbortSignal
}): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason)
      return
    }
    const configured = getFfmpegPaths().ffmpegPath
    const ffmpegPath = findExecutable(configured)
    if (!ffmpegPath) {
      reject(missing({ name: 'ffmpeg', path: configured }))
      return
    }
    const command = ffmpeg({ stdoutLines: 20 }).setFfmpegPath(ffmpegPath)
    for (const input of inputs) {
      command.input(input.source)
      if (input.options?.length) {
        command.inputOptions(input.options)
      }
    }
    const chunks: Buffer[] = []
    if (output) {
      command.output(output)
    } else {
      const stdout = new PassThrough()
      stdout.on('data', (chunk: Buffer) => chunks.push(chunk))
      command.output(stdout)
    }
    command.outputOptions(outputOptions)
    const onAbort = () => command.kill('SIGKILL')
    signal?.addEventListener('abort', onAbort, { once: true })
    // An abort that lands while fluent-ffmpeg is still checking capabilities finds no process to kill.
    command.on('start', () => {
      if (signal?.aborted) {
        command.kill('SIGKILL')
      }
    })
    command.on('error', (error: Error, _stdout: string | null, stderr: string | null) => {
      signal?.removeEventListener('abort', onAbort)
      if (signal?.aborted) {
        reject(signal.reason)
      } else if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        reject(missing({ cause: error, name: 'ffmpeg', path: ffmpegPath }))
      } else {
        reject(
          new MediaProcessingError(`ffmpeg failed: ${error.message.split('\n')[0]}\n${lastLines(stderr ?? '', 8)}`, {
            cause: error,
            code: 'ffmpeg_failed',
          }),
        )
      }
    })
    command.on('end', () => {
      signal?.removeEventListener('abort', onAbort)
      resolve(Buffer.concat(chunks))
    })
    command.run()
  })

/**
 * Reads a media file's streams and container with ffprobe. Only the `file` protocol is allowed,
 * so a playlist that points at URLs (HLS, concat) cannot make the server fetch them.
 *
 * @param path local file path.
 * @throws {MediaProcessingError} `ffmpeg_missing` when ffprobe cannot be started, `unreadable`
 *   when it cannot read the file.
 */
export const runFfprobe = ({ path }: { path: string }): Promise<FfprobeResult> =>
  new Promise((resolve, reject) => {
    const configured = getFfmpegPaths().ffprobePath
    const ffprobePath = findExecutable(configured)
    if (!ffprobePath) {
      reject(missing({ name: 'ffprobe', path: configured }))
      return
    }
    ffmpeg.setFfprobePath(ffprobePath)
    ffmpeg.ffprobe(path, ['-protocol_whitelist', 'file'], (error, data) => {
      if (!error) {
        resolve(data as unknown as FfprobeResult)
      } else if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        reject(missing({ cause: error, name: 'ffprobe', path: ffprobePath }))
      } else {
        reject(
          new MediaProcessingError(
            `The video cannot be read: ${lastLines((error as Error).message.split(path).join('the file'), 3)}`, {
            cause: error,
            code: 'unreadable',
          }),
        )
      }
    })
  })
