/**
 * Lets a benchmark read a child process's CPU time: on the stdin line `cpu` the process prints
 * `cpu {"user","system"}`, its `process.cpuUsage()` so far in microseconds (every thread: the
 * main thread, libuv's pool where sharp encodes, GC). Differences of two readings give the CPU a
 * stretch of work took whatever else the machine was doing (unlike wall time on a busy machine).
 */
import { createInterface } from 'node:readline'

export const CPU_LINE = 'cpu '

/** Answers `cpu` lines on stdin (call once, in the child). */
export const answerCpuUsage = (): void => {
  const lines = createInterface({ input: process.stdin })
  lines.on('line', (line) => {
    if (line.trim() === 'cpu') console.log(`${CPU_LINE}${JSON.stringify(process.cpuUsage())}`)
  })
}

/** Asks a child (bench/lib/spawn.ts) for its CPU time so far, in ms. */
export const readCpuMs = async (child: {
  cursor: () => number
  send: (line: string) => void
  waitForLine: (prefix: string, timeoutMs: number, from?: number) => Promise<string>
}): Promise<number> => {
  const from = child.cursor()
  child.send('cpu')
  const line = await child.waitForLine(CPU_LINE, 30_000, from)
  const { system, user } = JSON.parse(line.slice(CPU_LINE.length)) as { system: number; user: number }
  return (user + system) / 1000
}
