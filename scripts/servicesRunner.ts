/**
 * Runs the embedded development services in their own process group (started detached by
 * scripts/dev.ts), so a terminal's Ctrl-C reaches dev.ts first and it can stop the app before
 * the database. Prints one JSON line with the variables to use, then runs until SIGTERM, SIGINT
 * or the parent's IPC channel closes.
 *
 * Input (env): START_POSTGRES=1, START_S3=1, S3_BUCKET.
 */
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { DEV_POSTGRES_PORT, DEV_S3_PORT } from './resolveEnv'
import { type Service, startPostgres, startS3 } from './services'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const services: Service[] = []
const variables: Record<string, string> = {}

let isStopping = false
const stop = async () => {
  if (isStopping) return
  isStopping = true
  for (const service of services.reverse()) {
    await service.stop().catch(() => undefined)
  }
  process.exit(0)
}
process.on('SIGTERM', () => void stop())
process.on('SIGINT', () => void stop())
process.on('disconnect', () => void stop())

try {
  if (process.env.START_POSTGRES === '1') {
    const postgres = await startPostgres({ dataDir: path.join(root, '.data/postgres'), port: DEV_POSTGRES_PORT })
    services.push(postgres)
    variables.DATABASE_URL = postgres.url
  }
  if (process.env.START_S3 === '1') {
    const s3 = await startS3({
      bucket: process.env.S3_BUCKET!,
      directory: path.join(root, '.data/s3'),
      port: DEV_S3_PORT,
    })
    services.push(s3)
    variables.S3_ENDPOINT = s3.url
  }
  process.send?.({ variables })
} catch (error) {
  console.error(error)
  process.send?.({ error: String((error as Error | undefined)?.message ?? error ?? 'the services could not start (is a port in use?)') })
  await stop()
}
