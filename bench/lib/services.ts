/**
 * Throw-away services for one benchmark: an embedded PostgreSQL (temporary data directory, free
 * port, `persistent: false`) and an s3rver bucket (port 0) under a fresh temporary directory, and
 * the environment variables the demo app reads, set before anything imports payload.config.
 */
import type { Payload } from 'payload'

import { mkdtemp, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { type Service, startPostgres, startS3 } from '../../scripts/services'

export const BENCH_BUCKET = 'generated-assets-bench'

const getFreePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })

export type BenchServices = {
  /** The temporary directory holding the database, the bucket and anything else of this run. */
  directory: string
  databaseUrl: string
  s3Url: string
  /** Stops both services and removes the directory. Safe to call twice. */
  stop: () => Promise<void>
}

/** Starts Postgres and s3rver for one benchmark and sets DATABASE_URL, S3_* and PAYLOAD_SECRET. */
export const startBenchServices = async ({ name }: { name: string }): Promise<BenchServices> => {
  const directory = await mkdtemp(path.join(tmpdir(), `generated-assets-bench-${name}-`))
  const services: Service[] = []
  let isStopped = false
  const stop = async () => {
    if (isStopped) return
    isStopped = true
    for (const service of services.reverse()) {
      await service.stop().catch(() => undefined)
    }
    await rm(directory, { force: true, recursive: true }).catch(() => undefined)
  }
  try {
    const postgres = await startPostgres({
      dataDir: path.join(directory, 'postgres'),
      persistent: false,
      port: await getFreePort(),
    })
    services.push(postgres)
    const s3 = await startS3({ bucket: BENCH_BUCKET, directory: path.join(directory, 's3'), port: 0 })
    services.push(s3)
    Object.assign(process.env, {
      DATABASE_URL: postgres.url,
      PAYLOAD_SECRET: 'bench-secret-0123456789abcdef',
      S3_ACCESS_KEY_ID: 'S3RVER',
      S3_BUCKET: BENCH_BUCKET,
      S3_ENDPOINT: s3.url,
      S3_REGION: 'us-east-1',
      S3_SECRET_ACCESS_KEY: 'S3RVER',
    })
    return { databaseUrl: postgres.url, directory, s3Url: s3.url, stop }
  } catch (error) {
    await stop()
    throw error
  }
}

/** Applies the demo app's migrations (handed over explicitly: Payload's loader cannot read .ts). */
export const migrate = async (payload: Payload): Promise<void> => {
  const { migrations } = await import('../../migrations/index')
  await payload.db.migrate({ migrations: migrations as never })
}

/**
 * Closes a Payload instance. Payload's destroy() leaves the Postgres pool open and its adapter
 * keeps one client checked out, so the idle clients are ended without waiting.
 */
export const closePayload = async (payload: Payload): Promise<void> => {
  type Client = { on: (event: string, listener: () => void) => void }
  const pool = (
    payload.db as unknown as {
      pool?: Client & { _clients?: Client[]; end: () => Promise<void> }
    }
  ).pool
  // Clients still checked out (the adapter's, LISTEN connections) error when Postgres stops; with
  // no listener that error would crash the process during cleanup.
  for (const client of pool?._clients ?? []) client.on('error', () => undefined)
  await payload.destroy().catch(() => undefined)
  pool?.on('error', () => undefined)
  for (const client of pool?._clients ?? []) client.on('error', () => undefined)
  void pool?.end().catch(() => undefined)
}
