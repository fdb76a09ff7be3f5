/**
 * Starts a TypeScript entry point in its own Node process (`node --import tsx <script>`), with
 * the benchmark's environment, and waits for it to print its ready line.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { stat } from 'node:fs/promises'
import path from 'node:path'

export const ROOT = path.resolve(import.meta.dirname, '../..')

const PLUGIN_ENTRY = path.join(ROOT, 'plugins/generated-assets/dist/index.js')

/**
 * Waits (up to 2 min) until the plugin's build output exists and has not changed for 3 s: another
 * `npm run build:plugin` in the same checkout empties dist/ while it runs.
 */
export const waitForPluginBuild = async (): Promise<void> => {
  const deadline = Date.now() + 120_000
  for (;;) {
    const info = await stat(PLUGIN_ENTRY).catch(() => undefined)
    if (info && Date.now() - info.mtimeMs > 3000) return
    if (Date.now() > deadline) throw new Error(`${PLUGIN_ENTRY} is missing: run npm run build:plugin`)
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
}

export type BenchProcess = {
  child: ChildProcess
  pid: number
  output: () => string
  /** Resolves with the first complete output line (from now on or already printed after `from`) that starts with `prefix`. */
  waitForLine: (prefix: string, timeoutMs: number, from?: number) => Promise<string>
  /** Length of the output so far (a cursor for waitForLine). */
  cursor: () => number
  /** Writes one line to its stdin. */
  send: (line: string) => void
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once it has exited. */
  stop: (graceMs?: number) => Promise<void>
  hasExited: () => boolean
}

export const spawnBenchProcess = async ({
  env = {},
  nodeArgs = [],
  onLine,
  readyLine,
  script,
  timeoutMs = 120_000,
}: {
  env?: Record<string, string>
  nodeArgs?: string[]
  /** Called with each complete line of its stdout as it arrives. */
  onLine?: (line: string) => void
  readyLine: string
  script: string
  timeoutMs?: number
}): Promise<BenchProcess> => {
  await waitForPluginBuild()
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', path.resolve(ROOT, script)], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  })
  let output = ''
  let isExited = false
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      isExited = true
      resolve()
    }),
  )
  const lineListeners = new Set<() => void>()
  const onData = (chunk: Buffer) => {
    output += chunk.toString()
    for (const listener of lineListeners) listener()
  }
  let partial = ''
  child.stdout!.on('data', (chunk: Buffer) => {
    if (!onLine) return
    const lines = (partial + chunk.toString()).split('\n')
    partial = lines.pop()!
    for (const line of lines) onLine(line)
  })
  child.stdout!.on('data', onData)
  child.stderr!.on('data', onData)
  child.stdin!.on('error', () => undefined)

  const waitForLine: BenchProcess['waitForLine'] = (prefix, lineTimeoutMs, from = 0) =>
    new Promise((resolve, reject) => {
      const check = () => {
        const complete = output.slice(from, output.lastIndexOf('\n') + 1)
        const line = complete.split('\n').find((candidate) => candidate.startsWith(prefix))
        if (line !== undefined) {
          done()
          resolve(line)
          return true
        }
        return false
      }
      const timer = setTimeout(() => {
        done()
        reject(new Error(`${script}: no "${prefix}" line within ${lineTimeoutMs} ms; output:\n${output.slice(-4000)}`))
      }, lineTimeoutMs)
      const onExit = () => {
        if (check()) return
        done()
        reject(new Error(`${script} exited (${child.exitCode ?? child.signalCode}); output:\n${output.slice(-4000)}`))
      }
      const done = () => {
        clearTimeout(timer)
        lineListeners.delete(listener)
        child.off('exit', onExit)
      }
      const listener = () => void check()
      if (check()) return
      lineListeners.add(listener)
      child.once('exit', onExit)
    })

  const stop: BenchProcess['stop'] = async (graceMs = 15_000) => {
    if (isExited) return
    child.kill('SIGTERM')
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs)
    await exited
    clearTimeout(timer)
  }

  try {
    await waitForLine(readyLine, timeoutMs)
  } catch (error) {
    await stop(1000)
    throw error
  }
  return {
    child,
    cursor: () => output.length,
    hasExited: () => isExited,
    output: () => output,
    pid: child.pid!,
    send: (line) => {
      child.stdin!.write(`${line}\n`)
    },
    stop,
    waitForLine,
  }
}
