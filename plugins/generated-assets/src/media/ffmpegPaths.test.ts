import { existsSync } from 'node:fs'
import { afterEach, describe, expect, it, vi } from 'vitest'

import { getFfmpegPaths } from './ffmpegPaths.js'

afterEach(() => {
  vi.unstubAllEnvs()
})

describe('getFfmpegPaths', () => {
  it('prefers FFMPEG_PATH and FFPROBE_PATH', () => {
    vi.stubEnv('FFMPEG_PATH', '/opt/ffmpeg/bin/ffmpeg')
    vi.stubEnv('FFPROBE_PATH', '/opt/ffmpeg/bin/ffprobe')
    expect(getFfmpegPaths()).toEqual({ ffmpegPath: '/opt/ffmpeg/bin/ffmpeg', ffprobePath: '/opt/ffmpeg/bin/ffprobe' })
  })

  it('falls back to the installer packages’ static binaries', () => {
    vi.stubEnv('FFMPEG_PATH', '')
    vi.stubEnv('FFPROBE_PATH', '')
    const { ffmpegPath, ffprobePath } = getFfmpegPaths()
    expect(ffmpegPath).toMatch(/@ffmpeg-installer.*ffmpeg$/)
    expect(ffprobePath).toMatch(/@ffprobe-installer.*ffprobe$/)
    expect(existsSync(ffmpegPath) && existsSync(ffprobePath)).toBe(true)
  })
})
