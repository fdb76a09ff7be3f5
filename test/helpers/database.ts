/**
 * The test database, whichever adapter the demo config picked from DATABASE_URL (Postgres, or
 * SQLite for a `file:` URL; see payload.config.ts): which one it is, its migrations, and reads and
 * writes of Payload's tables that work on both, for tests that set rows up or check them below
 * the Local API (no hooks, no access, no transforms of the stored values).
 *
 * Rows go through the adapter's own Drizzle instance and tables (`payload.db.drizzle`,
 * `payload.db.tables`), keyed by Payload's field paths (`createdBy`, `createdAt`,
 * `sizes_thumbnail_filename`), not by column names. Dates are written as ISO strings and read
 * back as strings (both adapters' timestamp columns are in Drizzle's string mode).
 */
import type { Payload } from 'payload'

import { isSQLiteURL } from '../../scripts/resolveEnv'

/**
 * Whether the tests run on SQLite (`DATABASE_URL` is a `file:` URL), read when this module loads:
 * the SQLite projects' setup file has set it by then.
 */
export const isSQLite: boolean = isSQLiteURL(process.env.DATABASE_URL ?? '')

/** The adapter's migrations (`migrations-sqlite/` on SQLite, `migrations/` on Postgres) for a DATABASE_URL. */
export const getMigrations = async (url = process.env.DATABASE_URL ?? ''): Promise<unknown[]> =>
  // Imported explicitly: Payload's own loader uses Node's import(), which cannot read .ts under Vitest.
  isSQLiteURL(url)
    ? (await import('../../migrations-sqlite/index')).migrations
    : (await import('../../migrations/index')).migrations

/** Runs the adapter's pending migrations on the database `payload` is connected to. */
export const migrateDatabase = async (payload: Payload): Promise<void> => {
  await payload.db.migrate({ migrations: (await getMigrations()) as never })
}

type Drizzle = {
  drizzle: {
    insert: (table: unknown) => { values: (rows: unknown[]) => { returning: () => Promise<Row[]> } }
    select: () => { from: (table: unknown) => Promise<Row[]> }
  }
  tables: Record<string, unknown>
}
/** A row of one of Payload's tables, keyed by field path. */
export type Row = Record<string, any>

const drizzleOf = (payload: Payload) => payload.db as unknown as Drizzle

const tableOf = (payload: Payload, table: string) => {
  const found = drizzleOf(payload).tables[table]
  if (!found) throw new Error(`no table ${table} in the adapter's schema`)
  return found
}

/**
 * Inserts rows into one of Payload's tables (e.g. `generated_assets`), 100 per statement, and
 * answers them as stored, in order (with their ids). Columns left out get their defaults.
 */
export const insertRows = async ({ payload, rows, table }: { payload: Payload; rows: Row[]; table: string }): Promise<Row[]> => {
  const target = tableOf(payload, table)
  const inserted: Row[] = []
  for (let start = 0; start < rows.length; start += 100) {
    inserted.push(...(await drizzleOf(payload).drizzle.insert(target).values(rows.slice(start, start + 100)).returning()))
  }
  return inserted
}

/** Every row of one of Payload's tables, by ascending id. */
export const selectRows = async ({ payload, table }: { payload: Payload; table: string }): Promise<Row[]> => {
  const rows = await drizzleOf(payload).drizzle.select().from(tableOf(payload, table))
  return rows.sort((a, b) => Number(a.id) - Number(b.id))
}

/**
 * The generation jobs of a queue (`payload_jobs` rows with task `generateAsset`), by ascending id,
 * read below the Local API as a worker's claim sees them.
 */
export const selectGenerationJobs = async ({ payload, queue }: { payload: Payload; queue: string }) =>
  (await selectRows({ payload, table: 'payload_jobs' })).filter(
    (job) => job.queue === queue && job.taskSlug === 'generateAsset',
  ) as {
    completedAt: null | string
    hasError: boolean | null
    id: number
    input: { assetId?: number | string } | null
    processing: boolean | null
    waitUntil: null | string
  }[]

/** Whether a job is unfinished: not completed and not failed for good (pending, waiting or processing). */
export const isUnfinishedJob = (job: { completedAt: null | string; hasError: boolean | null }) =>
  !job.completedAt && job.hasError !== true

/**
 * Records the SQL text of every statement sent to the database from now until `stop()`:
 * on Postgres the statements passed to the pool's `query` as a string (raw SQL; Drizzle's own
 * queries pass a query object and are left out), on SQLite every statement of the libsql client
 * (`execute` and `batch`). Placeholders are the driver's own: `$1` on Postgres, `?` on SQLite.
 */
export const recordSQL = (payload: Payload) => {
  const statements: string[] = []
  const db = payload.db as unknown as {
    client?: Record<'batch' | 'execute', (...args: any[]) => any>
    pool?: { query: (...args: any[]) => any }
  }
  const restore: (() => void)[] = []
  const wrap = <T extends Record<string, any>>(target: T, method: keyof T & string, record: (args: any[]) => void) => {
    const original = target[method]
    target[method] = function (this: unknown, ...args: any[]) {
      record(args)
      return original.apply(this, args)
    } as T[typeof method]
    restore.push(() => {
      target[method] = original
    })
  }
  if (payload.db.name === 'sqlite') {
    const textOf = (statement: unknown) => (typeof statement === 'string' ? statement : (statement as { sql: string }).sql)
    wrap(db.client!, 'execute', (args) => statements.push(textOf(args[0])))
    wrap(db.client!, 'batch', (args) => statements.push(...(args[0] as unknown[]).map(textOf)))
  } else {
    wrap(db.pool!, 'query', (args) => {
      if (typeof args[0] === 'string') statements.push(args[0])
    })
  }
  return {
    statements,
    stop: () => {
      for (const undo of restore.reverse()) undo()
    },
  }
}

/**
 * What the connected database lacks of the config's schema: the statements drizzle-kit would run
 * to bring it there (its `push`, the comparison Payload's dev mode runs; nothing is applied).
 * Empty when the adapter's migrations built exactly the config's tables, columns, indexes and
 * constraints. Left out, on Postgres:
 * - the drop of `generated_assets_prompt_trgm_idx`, the trigram index that
 *   migrations/*_gallery_search.ts adds outside Payload's schema on purpose;
 * - `SET DEFAULT` of a default the column already has (drizzle-kit compares the default it reads
 *   back, e.g. `'0'::numeric`, with the schema's `0` as text, and proposes the same default again).
 */
export const getSchemaDrift = async (payload: Payload): Promise<string[]> => {
  const db = payload.db as unknown as {
    drizzle: { execute: (query: unknown) => Promise<{ rows: Row[] }> }
    requireDrizzleKit: () => { pushSchema: (...args: unknown[]) => Promise<{ statementsToExecute: string[] }> }
    schema: unknown
    schemaName?: string
    tablesFilter?: string[]
  }
  const { pushSchema } = db.requireDrizzleKit()
  if (payload.db.name === 'sqlite') return (await pushSchema(db.schema, db.drizzle)).statementsToExecute
  const { statementsToExecute } = await pushSchema(
    db.schema,
    db.drizzle,
    db.schemaName ? [db.schemaName] : undefined,
    db.tablesFilter,
  )
  const { sql } = await import('@payloadcms/db-postgres')
  const drift: string[] = []
  for (const statement of statementsToExecute) {
    if (statement === 'DROP INDEX "generated_assets_prompt_trgm_idx";') continue
    const setDefault = /^ALTER TABLE "(\w+)" ALTER COLUMN "(\w+)" SET DEFAULT (.+);$/.exec(statement)
    if (setDefault) {
      const [, table, column, wanted] = setDefault
      const { rows } = await db.drizzle.execute(
        sql`select column_default from information_schema.columns where table_name = ${table} and column_name = ${column}`,
      )
      // `'0'::numeric` → `0`, `'editor'::enum_users_roles` → `'editor'`.
      const current = String(rows[0]?.column_default ?? '').replace(/^'(-?[\d.]+)'::\w+$/, '$1').replace(/::[\w".]+$/, '')
      if (current === wanted) continue
    }
    drift.push(statement)
  }
  return drift
}
