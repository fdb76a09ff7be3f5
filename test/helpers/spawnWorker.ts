import { type ChildProcess, spawn } from 'node:child_process'
import path from 'node:path'

import type { FakeModelSpec } from '../fakes/fakeModels'

const ROOT = path.resolve(import.meta.dirname, '../..')

/** One `ga:<kind> <json>` line a worker printed (see workerProcess.ts). */
export type WorkerReport =
  | { kind: 'job'; pid: number; jobId: number | string; assetId: string; status: string }
  | { kind: 'model-call'; pid: number; key: string; method: 'doGenerate' | 'doStart'; prompt: unknown }

/** A worker process started by {@link spawnWorker}. */
export type WorkerProcess = {
  child: ChildProcess
  /** Everything it printed so far. */
  output: () => string
  /** What it reported so far (model calls, finished jobs), oldest first. */
  reports: () => WorkerReport[]
  /** SIGKILL: no cleanup at all, like a crashed machine. Resolves once it has exited. */
  kill: () => Promise<void>
  /** SIGTERM and wait for it to finish the job it holds. */
  stop: () => Promise<void>
  /** Whether it has exited. */
  hasExited: () => boolean
}

/**
 * Starts test/helpers/workerProcess.ts in a new process (tsx) against the test database and
 * bucket, and resolves once it is running.
 *
 * @param concurrency most jobs one pass runs at once (runWorker's `concurrency`). @default 4
 * @param staleJobTimeout seconds (runWorker's `staleJobTimeout`). @default 60
 * @throws {Error} when it exits or does not start within 60 s (it is killed then).
 */
export const spawnWorker = async ({
  concurrency = 4,
  models,
  pluginOptions = {},
  staleJobTimeout = 60,
}: {
  concurrency?: number
  models?: Record<string, FakeModelSpec>
  pluginOptions?: Record<string, unknown>
  staleJobTimeout?: number
} = {}): Promise<WorkerProcess> => {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'test/helpers/workerProcess.ts')], {
    cwd: ROOT,
    env: {
      ...process.env,
      WORKER_CONCURRENCY: String(concurrency),
      WORKER_MODELS: models ? JSON.stringify(models) : '',
      WORKER_PLUGIN_OPTIONS: JSON.stringify(pluginOptions),
      WORKER_STALE_JOB_TIMEOUT: String(staleJobTimeout),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  let isExited = false
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      isExited = true
      resolve()
    }),
  )
  child.stdout!.on('data', (chunk) => (output += chunk))
  child.stderr!.on('data', (chunk) => (output += chunk))
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`worker did not start:\n${output}`)), 60_000)
      const check = () => {
        if (output.includes('worker ready')) {
          clearTimeout(timer)
          resolve()
        }
      }
      child.stdout!.on('data', check)
      void exited.then(() => {
        clearTimeout(timer)
        reject(new Error(`worker exited with ${child.exitCode ?? child.signalCode}:\n${output}`))
      })
    })
  } catch (error) {
    child.kill('SIGKILL')
    await exited
    throw error
  }
  const kill = async () => {
    if (!isExited) child.kill('SIGKILL')
    await exited
  }
  return {
    child,
    hasExited: () => isExited,
    kill,
    output: () => output,
    reports: () =>
      // Complete lines only: the last one may still be arriving.
      output
        .slice(0, output.lastIndexOf('\n') + 1)
        .split('\n')
        .filter((line) => line.startsWith('ga:'))
        .map((line) => {
          const space = line.indexOf(' ')
          return { kind: line.slice(3, space), ...JSON.parse(line.slice(space + 1)) } as WorkerReport
        }),
    stop: async () => {
      if (!isExited) child.kill('SIGTERM')
      await exited
    },
  }
}
