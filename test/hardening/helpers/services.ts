/**
 * A database and an S3 server of a test file's own (scripts/services.ts, as globalSetup starts
 * the shared ones), which the file may stop and start again on the same port and data without
 * disturbing other files: a restart breaks every connection to it. The database is of the kind
 * the project runs on: an embedded Postgres, or on SQLite (DATABASE_URL a `file:` URL) a file of
 * its own, which has no server to restart.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { isSQLiteURL } from '../../../scripts/resolveEnv'
import { type Service, startPostgres, startS3 } from '../../../scripts/services'

/** A free TCP port on 127.0.0.1 (free when asked; another process may take it before it is used). */
export const getFreePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })

/** One restartable service: `stop` then `start` keep its port and its data. */
export type RestartableService = {
  /** Starts it again after `stop`, on the same port with the same data. */
  start: () => Promise<void>
  stop: () => Promise<void>
  url: string
}

/** The dedicated services of a test file. */
export type DedicatedServices = {
  /** The variables the demo app reads (DATABASE_URL, S3_*), pointing at these services. */
  env: Record<string, string>
  /** Undefined on SQLite. */
  postgres: RestartableService | undefined
  s3: RestartableService
  /** Stops both and deletes their data. */
  stop: () => Promise<void>
}

const restartable = async (start: () => Promise<Service>): Promise<RestartableService> => {
  let running: Service | undefined = await start()
  const url = running.url
  return {
    start: async () => {
      if (!running) running = await start()
    },
    stop: async () => {
      const stopping = running
      running = undefined
      await stopping?.stop()
    },
    url,
  }
}

/**
 * Starts an embedded Postgres (database `payload`, persistent data so that a restart keeps it),
 * or on SQLite names a new file `test.db`, and an s3rver with bucket `bucket`, on free ports
 * under one temporary directory. Migrations are not applied: the caller does that with its
 * Payload instance.
 *
 * @throws {Error} when either cannot start.
 */
export const startDedicatedServices = async ({ bucket }: { bucket: string }): Promise<DedicatedServices> => {
  const directory = await mkdtemp(path.join(tmpdir(), 'generated-assets-hardening-'))
  const [postgresPort, s3Port] = [await getFreePort(), await getFreePort()]
  const postgres = isSQLiteURL(process.env.DATABASE_URL ?? '')
    ? undefined
    : await restartable(() =>
        startPostgres({ dataDir: path.join(directory, 'postgres'), persistent: true, port: postgresPort }),
      )
  const s3 = await restartable(() => startS3({ bucket, directory: path.join(directory, 's3'), port: s3Port }))
  return {
    env: {
      DATABASE_URL: postgres?.url ?? `file:${path.join(directory, 'test.db')}`,
      S3_ACCESS_KEY_ID: 'S3RVER',
      S3_BUCKET: bucket,
      S3_ENDPOINT: s3.url,
      S3_REGION: 'us-east-1',
      S3_SECRET_ACCESS_KEY: 'S3RVER',
    },
    postgres,
    s3,
    stop: async () => {
      await s3.stop().catch(() => undefined)
      await postgres?.stop().catch(() => undefined)
      await rm(directory, { force: true, recursive: true }).catch(() => undefined)
    },
  }
}
