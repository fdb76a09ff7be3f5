/**
 * Starts the real services the integration, browser and hardening tests use, each test run on
 * fresh, throw-away data under a temporary directory: an s3rver on a free port and the database
 * of each project, migrated with the demo app's migrations:
 * - Postgres (the default): an embedded PostgreSQL on a free port, `migrations/`, bucket
 *   `generated-assets-test`;
 * - SQLite, for a project whose `env` has `TEST_DATABASE: 'sqlite'`: the file `sqlite/test.db`,
 *   `migrations-sqlite/`, bucket `generated-assets-test-sqlite` (its own, so that a storage audit
 *   sees only the objects of its own database).
 * Each project gets its variables (DATABASE_URL, S3_ENDPOINT, …, the ones the app reads) through
 * Vitest's `provide`; test/setup/testEnv.ts puts them in `process.env` of its test workers, and
 * from there they reach the worker processes the tests spawn.
 */
import type { TestProject } from 'vitest/node'

import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3'
import { spawn } from 'node:child_process'
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { type Service, startPostgres, startS3 } from '../../scripts/services'

declare module 'vitest' {
  export interface ProvidedContext {
    /** The variables of the project's database and bucket (test/setup/testEnv.ts applies them). */
    testEnv: Record<string, string>
  }
}

const ROOT = path.resolve(import.meta.dirname, '../..')

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

type Database = 'postgres' | 'sqlite'
type SharedServices = {
  /** The variables of one database (started and migrated on first use) and its bucket. */
  envFor: (database: Database) => Promise<Record<string, string>>
  stop: () => Promise<void>
}

const STARTED = Symbol.for('generated-assets.test-services')
type GlobalWithServices = typeof globalThis & { [STARTED]?: Promise<SharedServices> }

/**
 * Vitest calls this once per project that lists it (each with its own copy of this module), all
 * before the first test: the services start once, shared through a global, and stop with the
 * first teardown, which Vitest runs after every project has finished.
 */
export default async function setup(project: TestProject) {
  const global = globalThis as GlobalWithServices
  const isFirst = !global[STARTED]
  global[STARTED] ??= startSharedServices()
  const services = await global[STARTED]
  const database: Database = project.config.env?.TEST_DATABASE === 'sqlite' ? 'sqlite' : 'postgres'
  project.provide('testEnv', await services.envFor(database))
  return isFirst ? services.stop : async () => undefined
}

/**
 * Applies the adapter's migrations with Payload's CLI (`payload migrate`) in a process of its own:
 * the demo config picks its adapter from DATABASE_URL when it loads, once per process.
 */
const migrate = (env: Record<string, string>) =>
  new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'node_modules/payload/bin.js'), 'migrate'], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    child.stdout.on('data', (chunk) => (output += chunk))
    child.stderr.on('data', (chunk) => (output += chunk))
    child.once('error', reject)
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`payload migrate exited with ${code}:\n${output}`)),
    )
  })

const startSharedServices = async (): Promise<SharedServices> => {
  const directory = await mkdtemp(path.join(tmpdir(), 'generated-assets-test-'))
  const services: Service[] = []
  const s3 = await startS3({ bucket: 'generated-assets-test', directory: path.join(directory, 's3'), port: 0 })
  services.push(s3)
  const common = {
    PAYLOAD_SECRET: 'test-secret-0123456789abcdef',
    S3_ACCESS_KEY_ID: 'S3RVER',
    S3_ENDPOINT: s3.url,
    S3_REGION: 'us-east-1',
    S3_SECRET_ACCESS_KEY: 'S3RVER',
    TEST_DATA_DIR: directory,
    // When this run began (ms): a `next build` made since then serves every browser test file.
    TEST_RUN_STARTED_AT: String(Date.now()),
  }

  const startDatabase = async (database: Database): Promise<Record<string, string>> => {
    if (database === 'sqlite') {
      await mkdir(path.join(directory, 'sqlite'))
      const S3_BUCKET = 'generated-assets-test-sqlite'
      const client = new S3Client({
        credentials: { accessKeyId: common.S3_ACCESS_KEY_ID, secretAccessKey: common.S3_SECRET_ACCESS_KEY },
        endpoint: common.S3_ENDPOINT,
        forcePathStyle: true,
        region: common.S3_REGION,
      })
      await client.send(new CreateBucketCommand({ Bucket: S3_BUCKET }))
      client.destroy()
      const env = { ...common, DATABASE_URL: `file:${path.join(directory, 'sqlite/test.db')}`, S3_BUCKET }
      await migrate(env)
      return env
    }
    const postgres = await startPostgres({
      dataDir: path.join(directory, 'postgres'),
      persistent: false,
      port: await getFreePort(),
    })
    services.push(postgres)
    const env = { ...common, DATABASE_URL: postgres.url, S3_BUCKET: 'generated-assets-test' }
    await migrate(env)
    return env
  }

  const started = new Map<Database, Promise<Record<string, string>>>()
  return {
    envFor: (database) => {
      if (!started.has(database)) started.set(database, startDatabase(database))
      return started.get(database)!
    },
    stop: async () => {
      await Promise.allSettled(started.values())
      for (const service of services.reverse()) {
        await service.stop().catch(() => undefined)
      }
      await rm(directory, { force: true, recursive: true }).catch(() => undefined)
    },
  }
}
