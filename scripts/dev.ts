/**
 * `npm run dev`: everything a newcomer needs, with no accounts or servers.
 * - Postgres: embedded, data in `.data/postgres` (unless DATABASE_URL is set). With a `file:`
 *   DATABASE_URL (`DATABASE_URL=file:./.data/demo.db npm run dev`) SQLite instead: no server, the
 *   file (and its directory) created on first use.
 * - S3: s3rver, data in `.data/s3`, bucket created (unless S3_ENDPOINT is set).
 * - Migrations applied (`migrations/`, or `migrations-sqlite/` on SQLite), one generation worker
 *   in this process (more with `npm run worker`), and `next dev` on port 3000.
 * Ctrl-C stops the app, then the worker, then the services (they run in their own process
 * group, see servicesRunner.ts, and stop once this process has closed its connections).
 */
import { type ChildProcess, fork, spawn } from 'node:child_process'
import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { DEV_POSTGRES_PORT, getSQLiteFilePath, isSQLiteURL, resolveEnv } from './resolveEnv'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const port = Number(process.env.PORT || 3000)
const log = (message: string) => console.log(`[dev] ${message}`)

const waitForExit = (child: ChildProcess, milliseconds: number) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve()
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      resolve()
    }, milliseconds)
    child.once('exit', () => {
      clearTimeout(timer)
      resolve()
    })
  })

/** Starts the embedded services in a detached process group and puts their URLs in process.env. */
const startServices = async (): Promise<ChildProcess | undefined> => {
  // A DATABASE_URL of your own, Postgres or SQLite (`file:`), replaces the embedded Postgres.
  const startPostgres = !process.env.DATABASE_URL
  const startS3 = !process.env.S3_ENDPOINT
  if (!startPostgres && !startS3) return undefined
  const runner = fork(path.join(root, 'scripts/servicesRunner.ts'), {
    detached: true,
    env: {
      ...process.env,
      S3_BUCKET: resolveEnv().S3_BUCKET,
      START_POSTGRES: startPostgres ? '1' : '',
      START_S3: startS3 ? '1' : '',
    },
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  const message = await new Promise<{ error?: string; variables?: Record<string, string> }>((resolve, reject) => {
    runner.once('message', (value) => resolve(value as never))
    runner.once('exit', (code) => reject(new Error(`the services stopped while starting (exit ${code})`)))
  })
  if (message.error) throw new Error(message.error)
  Object.assign(process.env, message.variables)
  if (startPostgres) log(`Postgres (embedded) on 127.0.0.1:${DEV_POSTGRES_PORT}, data in .data/postgres`)
  if (startS3) log(`S3 (s3rver) on ${process.env.S3_ENDPOINT}, bucket "${resolveEnv().S3_BUCKET}", data in .data/s3`)
  return runner
}

const main = async () => {
  const services = await startServices()
  try {
    const isSQLite = isSQLiteURL(resolveEnv().DATABASE_URL)
    if (isSQLite) {
      // One absolute path for this process, next dev and its workers; libsql creates the file, not its directory.
      const file = path.resolve(root, getSQLiteFilePath(resolveEnv().DATABASE_URL))
      process.env.DATABASE_URL = `file:${file}`
      await mkdir(path.dirname(file), { recursive: true })
      log(`SQLite in ${path.relative(root, file)} (no Postgres)`)
    }
    const { getPayload } = await import('payload')
    const { runWorker } = await import('payload-plugin-generated-assets')
    const config = (await import('../payload.config')).default
    const payload = await getPayload({ config })
    const { migrations } = isSQLite ? await import('../migrations-sqlite/index') : await import('../migrations/index')
    await payload.db.migrate({ migrations: migrations as never })
    log('Migrations applied')

    const workerController = new AbortController()
    const worker = runWorker({ payload, signal: workerController.signal })
    log('Generation worker running')

    const next = spawn(
      process.execPath,
      [path.join(root, 'node_modules/next/dist/bin/next'), 'dev', '--port', String(port)],
      {
        cwd: root,
        detached: true,
        env: process.env,
        stdio: 'inherit',
      },
    )
    log(`Admin: http://localhost:${port}/admin`)

    let isStopping = false
    const stop = async (code = 0) => {
      if (isStopping) return
      isStopping = true
      log('Stopping…')
      if (next.exitCode === null && next.pid) {
        // next dev runs its server in child processes: signal the whole (detached) group.
        try {
          process.kill(-next.pid, 'SIGTERM')
        } catch {
          next.kill('SIGTERM')
        }
        await waitForExit(next, 10_000)
      }
      workerController.abort()
      await worker.catch(() => undefined)
      await payload.destroy().catch(() => undefined)
      // The services stop when this process's IPC channel closes, i.e. after it has exited and
      // its database connections are gone; Postgres then shuts down without cutting anyone off.
      log('Stopped (the services finish shutting down in the background)')
      process.exit(code)
    }
    process.on('SIGINT', () => void stop())
    process.on('SIGTERM', () => void stop())
    next.on('exit', (code) => void stop(code ?? 0))
  } catch (error) {
    services?.kill('SIGTERM')
    throw error
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
