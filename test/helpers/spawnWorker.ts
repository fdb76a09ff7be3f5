import { type ChildProcess, spawn } from 'node:child_process'
import path from 'node:path'

import type { FakeModelSpec } from '../fakes/fakeModels'

const ROOT = path.resolve(import.meta.dirname, '../..')

/** A worker process started by {@link spawnWorker}. */
export type WorkerProcess = {
  child: ChildProcess
  /** Everything it printed so far. */
  output: () => string
  /** SIGKILL: no cleanup at all, like a crashed machine. */
  kill: () => Promise<void>
  /** SIGTERM and wait for it to finish the job it holds. */
  stop: () => Promise<void>
}

/**
 * Starts test/helpers/workerProcess.ts in a new process (tsx) against the test database and
 * bucket, and resolves once it is running.
 *
 * @throws {Error} when it exits or does not start within 60 s.
 */
export const spawnWorker = async ({
  models,
  pluginOptions = {},
  staleJobTimeout = 60,
}: {
  models?: Record<string, FakeModelSpec>
  pluginOptions?: Record<string, unknown>
  staleJobTimeout?: number
} = {}): Promise<WorkerProcess> => {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'test/helpers/workerProcess.ts')], {
    cwd: ROOT,
    env: {
      ...process.env,
      WORKER_MODELS: models ? JSON.stringify(models) : '',
      WORKER_PLUGIN_OPTIONS: JSON.stringify(pluginOptions),
      WORKER_STALE_JOB_TIMEOUT: String(staleJobTimeout),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout!.on('data', (chunk) => (output += chunk))
  child.stderr!.on('data', (chunk) => (output += chunk))
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker did not start:\n${output}`)), 60_000)
    const check = () => {
      if (output.includes('worker ready')) {
        clearTimeout(timer)
        resolve()
      }
    }
    child.stdout!.on('data', check)
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`worker exited with ${code}:\n${output}`))
    })
  })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  return {
    child,
    kill: async () => {
      child.kill('SIGKILL')
      await exited
    },
    output: () => output,
    stop: async () => {
      child.kill('SIGTERM')
      await exited
    },
  }
}
