/**
 * Generation workers in their own processes for the hardening tests: test/helpers/spawnWorker.ts
 * plus the time (in this process) at which each of their report lines arrived, environment
 * overrides per process (a worker pointed at another S3 endpoint), and one place that kills them
 * all whatever a test did.
 */
import type { WorkerProcess, WorkerReport } from '../../helpers/spawnWorker'

import { spawnWorker } from '../../helpers/spawnWorker'

/** A worker report with `Date.now()` (ms) of when this process read its line. */
export type TimedReport = { at: number; report: WorkerReport }

/** A worker started by {@link startWorker}. */
export type TrackedWorker = WorkerProcess & {
  /** Its `ga:` reports, each with the time it arrived, oldest first. */
  timedReports: () => TimedReport[]
}

/** Options of {@link startWorker}: spawnWorker's, plus variables that replace this process's for that worker. */
export type StartWorkerOptions = NonNullable<Parameters<typeof spawnWorker>[0]> & {
  /** e.g. `{ S3_ENDPOINT: proxy.url }`; every other variable is this process's. */
  env?: Record<string, string>
}

/** Workers started and not yet killed by {@link killWorkers}. */
const running = new Set<TrackedWorker>()
const starting = new Set<Promise<unknown>>()

/**
 * Starts a worker process (see spawnWorker: it resolves once the worker printed `worker ready`)
 * and timestamps its report lines as they arrive.
 *
 * @throws {Error} when the worker exits or does not start within 60 s.
 */
export const startWorker = async ({ env = {}, ...options }: StartWorkerOptions = {}): Promise<TrackedWorker> => {
  // spawnWorker reads process.env synchronously, before its first await: override it for that moment only.
  const saved = Object.fromEntries(Object.keys(env).map((key) => [key, process.env[key]]))
  Object.assign(process.env, env)
  const started = spawnWorker(options)
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[key]
    else process.env[key] = value
  }
  starting.add(started)
  let worker: WorkerProcess
  try {
    worker = await started
  } finally {
    starting.delete(started)
  }
  const timed: TimedReport[] = []
  let partial = ''
  worker.child.stdout!.on('data', (chunk: Buffer) => {
    const at = Date.now()
    const lines = (partial + chunk.toString('utf8')).split('\n')
    partial = lines.pop() ?? ''
    for (const line of lines) {
      if (!line.startsWith('ga:')) continue
      const space = line.indexOf(' ')
      timed.push({ at, report: { kind: line.slice(3, space), ...JSON.parse(line.slice(space + 1)) } as WorkerReport })
    }
  })
  const tracked: TrackedWorker = { ...worker, timedReports: () => timed }
  running.add(tracked)
  return tracked
}

/**
 * SIGKILLs every worker {@link startWorker} started (waiting for ones still starting) but those in
 * `except`, and forgets them.
 */
export const killWorkers = async ({ except = [] }: { except?: TrackedWorker[] } = {}): Promise<void> => {
  await Promise.allSettled([...starting])
  const doomed = [...running].filter((worker) => !except.includes(worker))
  await Promise.all(doomed.map((worker) => worker.kill()))
  for (const worker of doomed) running.delete(worker)
}

/** The last `limit` characters of what every live worker printed, for a failed test's log. */
export const describeWorkers = (limit = 20_000): string =>
  [...running]
    .map((worker) => `--- worker ${worker.child.pid}${worker.hasExited() ? ' (exited)' : ''}\n${worker.output()}`)
    .join('\n')
    .slice(-limit)

/**
 * Polls `check` every `interval` ms until it answers something truthy, and answers that.
 *
 * @throws {Error} `message` (a function is called then, to describe the last state) after `timeout` ms.
 */
export const poll = async <T>(
  check: () => Promise<T> | T,
  {
    interval = 100,
    message,
    timeout = 30_000,
  }: { interval?: number; message: (() => string) | string; timeout?: number },
): Promise<NonNullable<T>> => {
  const deadline = Date.now() + timeout
  for (;;) {
    const value = await check()
    if (value) return value as NonNullable<T>
    if (Date.now() > deadline) {
      throw new Error(`${typeof message === 'function' ? message() : message} (after ${timeout} ms)`)
    }
    await new Promise((resolve) => setTimeout(resolve, interval))
  }
}
