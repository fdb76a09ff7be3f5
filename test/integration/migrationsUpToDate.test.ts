/**
 * The test database, migrated by globalSetup with the adapter's migrations (`migrations/` on
 * Postgres, `migrations-sqlite/` on SQLite), has exactly the config's schema: drizzle-kit finds
 * nothing to add, change or drop (test/helpers/database.ts, getSchemaDrift). With
 * test/migrations/migrations.test.ts (migrate:create finds no change for either adapter), this
 * catches a migration whose SQL and snapshot disagree, and a schema change without a migration.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type App, getApp } from '../helpers/app'
import { getSchemaDrift } from '../helpers/database'

let app: App

beforeAll(async () => {
  app = await getApp()
})

afterAll(async () => {
  await app?.close()
})

describe('the migrated test database', () => {
  it('has the config’s schema, nothing more or less', async () => {
    expect(await getSchemaDrift(app.payload)).toEqual([])
  })
})
