/**
 * Resident set size of another process, from /proc/<pid>/status (Linux): VmRSS sampled on an
 * interval, and the kernel's own high-water mark VmHWM (which can be reset through clear_refs),
 * as an exact cross-check of the sampled peak.
 */
import { readFileSync, writeFileSync } from 'node:fs'

const readStatusField = (pid: number, field: 'VmHWM' | 'VmRSS'): number | undefined => {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)
    return match ? Number(match[1]) * 1024 : undefined
  } catch {
    return undefined
  }
}

/** Bytes resident now, or `undefined` once the process is gone. */
export const readRss = (pid: number) => readStatusField(pid, 'VmRSS')

/** The peak resident bytes since start or the last {@link resetPeakRss}. */
export const readPeakRss = (pid: number) => readStatusField(pid, 'VmHWM')

/** Resets VmHWM to the current RSS (`echo 5 > /proc/<pid>/clear_refs`); `false` when not permitted. */
export const resetPeakRss = (pid: number): boolean => {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5')
    return true
  } catch {
    return false
  }
}

export type RssSample = { at: number; bytes: number }

export type RssSampler = {
  samples: RssSample[]
  /** Samples taken at or after `from` (performance.now()). */
  since: (from: number) => RssSample[]
  stop: () => void
}

/** Reads VmRSS of `pid` every `intervalMs` until stopped (or the process is gone). */
export const startRssSampler = ({ intervalMs = 50, pid }: { intervalMs?: number; pid: number }): RssSampler => {
  const samples: RssSample[] = []
  const take = () => {
    const bytes = readRss(pid)
    if (bytes !== undefined) samples.push({ at: performance.now(), bytes })
  }
  take()
  const timer = setInterval(take, intervalMs)
  return {
    samples,
    since: (from) => samples.filter((sample) => sample.at >= from),
    stop: () => clearInterval(timer),
  }
}

export const toMB = (bytes: number) => Math.round(bytes / 1e5) / 10
