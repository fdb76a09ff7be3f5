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

export default async function setup() {
  const directory = await mkdtemp(path.join(tmpdir(), 'generated-assets-test-'))
  const services: Service[] = []
  const postgres = await startPostgres({ dataDir: path.join(directory, 'postgres'), persistent: false, port: await getFreePort() })
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

  return async () => {
    for (const service of services.reverse()) {
      await service.stop().catch(() => undefined)
    }
    await rm(directory, { force: true, recursive: true }).catch(() => undefined)
  }
}
