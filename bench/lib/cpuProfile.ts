/**
 * A CPU profile of this process's main thread from the moment it is ready to work until it stops,
 * when BENCH_CPU_PROFILE names the file to write (a `.cpuprofile`, for Chrome DevTools or
 * bench/cpuProfileSummary.ts). Unlike `node --cpu-prof`, start-up (module loading, Payload's
 * init) is left out, so the profile holds the work the benchmark measures.
 */
import { writeFile } from 'node:fs/promises'
import { Session } from 'node:inspector/promises'

/** Starts profiling if BENCH_CPU_PROFILE is set; the answer writes the profile (once) and ends. */
export const startCpuProfile = async (): Promise<() => Promise<void>> => {
  const file = process.env.BENCH_CPU_PROFILE
  if (!file) return async () => undefined
  const session = new Session()
  session.connect()
  await session.post('Profiler.enable')
  await session.post('Profiler.start')
  let isWritten = false
  return async () => {
    if (isWritten) return
    isWritten = true
    const { profile } = await session.post('Profiler.stop')
    await writeFile(file, JSON.stringify(profile))
    session.disconnect()
  }
}
