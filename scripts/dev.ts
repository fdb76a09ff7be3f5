/**
 * `npm run dev`: everything a newcomer needs, with no accounts or servers.
 * - Postgres: embedded, data in `.data/postgres` (unless DATABASE_URL is set).
 * - S3: s3rver, data in `.data/s3`, bucket created (unless S3_ENDPOINT is set).
 * - Migrations applied, one generation worker in this process, and `next dev` on port 3000.
 * Ctrl-C stops every child process and service.
 */
import { spawn } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { DEV_POSTGRES_PORT, DEV_S3_PORT, resolveEnv } from './resolveEnv'
import { type Service, startPostgres, startS3 } from './services'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const port = Number(process.env.PORT || 3000)
const services: Service[] = []
const log = (message: string) => console.log(`[dev] ${message}`)

const main = async () => {
  if (!process.env.DATABASE_URL) {
    const postgres = await startPostgres({ dataDir: path.join(root, '.data/postgres'), port: DEV_POSTGRES_PORT })
    services.push(postgres)
    process.env.DATABASE_URL = postgres.url
    log(`Postgres (embedded) on 127.0.0.1:${DEV_POSTGRES_PORT}, data in .data/postgres`)
  }
  const env = resolveEnv()
  if (!process.env.S3_ENDPOINT) {
    const s3 = await startS3({ bucket: env.S3_BUCKET, directory: path.join(root, '.data/s3'), port: DEV_S3_PORT })
    services.push(s3)
    process.env.S3_ENDPOINT = s3.url
    log(`S3 (s3rver) on ${s3.url}, bucket "${env.S3_BUCKET}", data in .data/s3`)
  }

  const { getPayload } = await import('payload')
  const { runWorker } = await import('payload-plugin-generated-assets')
  const config = (await import('../payload.config')).default
  const payload = await getPayload({ config })
  const { migrations } = await import('../migrations/index')
  await payload.db.migrate({ migrations: migrations as never })
  log('Migrations applied')

  const workerController = new AbortController()
  const worker = runWorker({ payload, signal: workerController.signal })
  log('Generation worker running')

  const next = spawn(process.execPath, [path.join(root, 'node_modules/next/dist/bin/next'), 'dev', '--port', String(port)], {
    cwd: root,
    env: process.env,
    stdio: 'inherit',
  })
  log(`Admin: http://localhost:${port}/admin`)

  let isStopping = false
  const stop = async (code = 0) => {
    if (isStopping) {
      return
    }
    isStopping = true
    log('Stopping…')
    next.kill('SIGTERM')
    workerController.abort()
    await worker.catch(() => undefined)
    await payload.destroy().catch(() => undefined)
    for (const service of services.reverse()) {
      await service.stop().catch(() => undefined)
    }
    process.exit(code)
  }
  process.on('SIGINT', () => void stop())
  process.on('SIGTERM', () => void stop())
  next.on('exit', (code) => void stop(code ?? 0))
}

main().catch(async (error) => {
  console.error(error)
  for (const service of services.reverse()) {
    await service.stop().catch(() => undefined)
  }
  process.exit(1)
})
