/**
 * Starts the real services the integration and browser tests use, each test run on fresh,
 * throw-away data: an embedded PostgreSQL and an s3rver bucket on free ports under a temporary
 * directory, with the demo app's migrations applied. Their addresses reach the test workers
 * through the environment (DATABASE_URL, S3_ENDPOINT, …), the same variables the app reads.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { type Service, startPostgres, startS3 } from '../../scripts/services'

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

const STARTED = Symbol.for('generated-assets.test-services')
type GlobalWithServices = typeof globalThis & { [STARTED]?: Promise<() => Promise<void>> }

/**
 * Vitest calls this once per project that lists it (each with its own copy of this module):
 * the services start once, shared through a global, and stop with the first teardown, which
 * Vitest runs after every project has finished.
 */
export default async function setup() {
  const global = globalThis as GlobalWithServices
  if (global[STARTED]) {
    await global[STARTED]
    return async () => undefined
  }
  global[STARTED] = startServices()
  return global[STARTED]
}

const startServices = async (): Promise<() => Promise<void>> => {
  const directory = await mkdtemp(path.join(tmpdir(), 'generated-assets-test-'))
  const services: Service[] = []
  const postgres = await startPostgres({
    dataDir: path.join(directory, 'postgres'),
    persistent: false,
    port: await getFreePort(),
  })
  services.push(postgres)
  const s3 = await startS3({ bucket: 'generated-assets-test', directory: path.join(directory, 's3'), port: 0 })
  services.push(s3)
  Object.assign(process.env, {
    DATABASE_URL: postgres.url,
    PAYLOAD_SECRET: 'test-secret-0123456789abcdef',
    S3_ACCESS_KEY_ID: 'S3RVER',
    S3_BUCKET: 'generated-assets-test',
    S3_ENDPOINT: s3.url,
    S3_REGION: 'us-east-1',
    S3_SECRET_ACCESS_KEY: 'S3RVER',
    TEST_DATA_DIR: directory,
  })
  const { getPayload } = await import('payload')
  const config = (await import('../../payload.config')).default
  const payload = await getPayload({ config })
  // Handed over explicitly: Payload's own loader uses Node's import(), which cannot read .ts here.
  const { migrations } = await import('../../migrations/index')
  await payload.db.migrate({ migrations: migrations as never })
  await payload.destroy()
  // The adapter keeps one client checked out for good: end the idle ones without waiting for it.
  const pool = (
    payload.db as unknown as { pool?: { end: () => Promise<void>; on: (event: string, listener: () => void) => void } }
  ).pool
  pool?.on('error', () => undefined)
  void pool?.end().catch(() => undefined)

  return async () => {
    for (const service of services.reverse()) {
      await service.stop().catch(() => undefined)
    }
    await rm(directory, { force: true, recursive: true }).catch(() => undefined)
  }
}
