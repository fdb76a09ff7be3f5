/**
 * Throw-away services for one benchmark under a fresh temporary directory: the database (an
 * embedded PostgreSQL on a free port, `persistent: false`, or with `BENCH_DATABASE=sqlite` a
 * SQLite file, which the demo config picks for a `file:` DATABASE_URL), an s3rver bucket
 * (port 0), and the environment variables the demo app reads, set before anything imports
 * payload.config.
 *
 * Each benchmark also gets a second, empty database beside it for its stock Payload baseline
 * (`stockDatabaseUrl`: database `bench_stock` on the same Postgres server, or `stock.db` next to
 * the SQLite file), which the stock config's schema push fills (bench/lib/stockConfig.ts).
 */
import type { Payload } from 'payload'

import { mkdtemp, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import pg from 'pg'

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

export type BenchDatabase = 'postgres' | 'sqlite'

/** The database a benchmark runs on: `BENCH_DATABASE` (`postgres`, the default, or `sqlite`). */
export const getBenchDatabase = (): BenchDatabase => {
  const value = process.env.BENCH_DATABASE ?? 'postgres'
  if (value !== 'postgres' && value !== 'sqlite') throw new Error(`BENCH_DATABASE must be postgres or sqlite, not ${value}`)
  return value
}

/** A result name with the database when it is not Postgres: `pickupLatency`, `pickupLatency-sqlite`. */
export const getResultName = (name: string, database: BenchDatabase = getBenchDatabase()): string =>
  database === 'postgres' ? name : `${name}-${database}`

export type BenchServices = {
  database: BenchDatabase
  /** The temporary directory holding the database, the bucket and anything else of this run. */
  directory: string
  databaseUrl: string
  /** An empty database of the same kind on the same server, for the stock baseline's own schema. */
  stockDatabaseUrl: string
  s3Url: string
  /** Stops both services and removes the directory. Safe to call twice. */
  stop: () => Promise<void>
}

/** Starts the database and s3rver for one benchmark and sets DATABASE_URL, S3_* and PAYLOAD_SECRET. */
export const startBenchServices = async ({
  database = getBenchDatabase(),
  name,
}: {
  database?: BenchDatabase
  name: string
}): Promise<BenchServices> => {
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
    let databaseUrl: string
    let stockDatabaseUrl: string
    if (database === 'sqlite') {
      databaseUrl = `file:${path.join(directory, 'bench.db')}`
      stockDatabaseUrl = `file:${path.join(directory, 'stock.db')}`
    } else {
      const port = await getFreePort()
      const dataDir = path.join(directory, 'postgres')
      const postgres = await startPostgres({ dataDir, persistent: false, port })
      services.push(postgres)
      databaseUrl = postgres.url
      stockDatabaseUrl = postgres.url.replace(/\/payload$/, '/bench_stock')
      const client = new pg.Client({ connectionString: postgres.url })
      await client.connect()
      await client.query('create database bench_stock')
      await client.end()
    }
    const s3 = await startS3({ bucket: BENCH_BUCKET, directory: path.join(directory, 's3'), port: 0 })
    services.push(s3)
    Object.assign(process.env, {
      DATABASE_URL: databaseUrl,
      PAYLOAD_SECRET: 'bench-secret-0123456789abcdef',
      S3_ACCESS_KEY_ID: 'S3RVER',
      S3_BUCKET: BENCH_BUCKET,
      S3_ENDPOINT: s3.url,
      S3_REGION: 'us-east-1',
      S3_SECRET_ACCESS_KEY: 'S3RVER',
    })
    return { database, databaseUrl, directory, s3Url: s3.url, stockDatabaseUrl, stop }
  } catch (error) {
    await stop()
    throw error
  }
}

/**
 * Applies the demo app's migrations of the adapter `payload` runs on (`migrations/` for Postgres,
 * `migrations-sqlite/` for SQLite; handed over explicitly: Payload's loader cannot read .ts).
 */
export const migrate = async (payload: Payload): Promise<void> => {
  const { migrations } =
    payload.db.name === 'sqlite' ? await import('../../migrations-sqlite/index') : await import('../../migrations/index')
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
