/**
 * The demo's migrations keep up with its config, for both databases: `payload migrate:create`
 * finds nothing to add to `migrations/` (Postgres) or `migrations-sqlite/` (SQLite), and the
 * SQLite migrations build exactly the config's schema in a fresh file. (The same check of a
 * migrated Postgres database needs the test Postgres: test/integration/migrationsUpToDate.test.ts.)
 * When this fails, `npm run generate:migrations -- <name>` adds the missing migrations.
 */
import type { Payload } from 'payload'

import { spawnSync } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'

const ROOT = path.resolve(import.meta.dirname, '../..')

describe('demo migrations', () => {
  let directory: string | undefined
  let payload: Payload | undefined

  afterAll(async () => {
    await payload?.destroy()
    if (directory) await rm(directory, { force: true, recursive: true })
  })

  it('hold the config’s schema for each adapter: migrate:create finds no change', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts/generateMigrations.ts'), '--check'], {
      cwd: ROOT,
      encoding: 'utf8',
    })
    expect(result.status, `${result.stdout}\n${result.stderr}`).toBe(0)
    expect(result.stdout).toContain('migrations: up to date with the config')
    expect(result.stdout).toContain('migrations-sqlite: up to date with the config')
  }, 120_000)

  it('build exactly the config’s schema in a fresh SQLite file', async () => {
    directory = await mkdtemp(path.join(tmpdir(), 'migrations-sqlite-test-'))
    // Before the config loads: it picks its adapter from DATABASE_URL then.
    process.env.DATABASE_URL = `file:${path.join(directory, 'test.db')}`
    const { getPayload } = await import('payload')
    const { createAppConfig } = await import('../../payload.config')
    const { getSchemaDrift, migrateDatabase } = await import('../helpers/database')
    payload = await getPayload({ config: await createAppConfig() })
    expect(payload.db.name).toBe('sqlite')
    await migrateDatabase(payload)
    expect(await getSchemaDrift(payload)).toEqual([])
  }, 120_000)
})
