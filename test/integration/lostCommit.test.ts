/**
 * A database that loses the commit of the `ready` write. Payload's Postgres adapter swallows a
 * failed `COMMIT` (`@payloadcms/drizzle` `commitTransaction`), so the Local API reports the
 * update done although nothing was kept: that is what a Postgres restart during the commit does
 * (test/hardening/faults.test.ts met it). Here a deferred constraint trigger, which runs at
 * `COMMIT`, makes the first commit of one asset's `ready` state fail, reproducibly.
 *
 * The worker must not report the asset ready when the database does not hold it ready, and the
 * asset must still end ready, with its file stored.
 */
import type { TaskConfig } from 'payload'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createAppConfig } from '../../payload.config'
import { type App, getApp, getS3, objectKeyOf } from '../helpers/app'
import { isSQLite } from '../helpers/database'

const PROMPT_PREFIX = 'lose the ready commit'
const TABLE = 'generated_assets'

type Pool = { query: (text: string, values?: unknown[]) => Promise<{ rows: any[] }> }

let app: App
let pool: Pool
let token: string
let stopWorker: () => Promise<void>
/** Each `generateAsset` run that answered, with the asset's status in the database right after. */
const runs: { assetId: string; output: string; stored: string }[] = []

beforeAll(async () => {
  const config = await createAppConfig()
  for (const task of (config.jobs?.tasks ?? []) as TaskConfig[]) {
    const handler = task.handler
    if (typeof handler !== 'function') continue
    task.handler = (async (args: Parameters<typeof handler>[0]) => {
      const result = await handler(args)
      const assetId = String((args.input as { assetId?: string }).assetId)
      const output = String((result as { output?: { status?: string } })?.output?.status)
      const { rows } = await pool.query(`select status from ${TABLE} where id = $1`, [assetId])
      runs.push({ assetId, output, stored: rows[0]?.status })
      return result
    }) as typeof handler
  }
  app = await getApp({ configPromise: Promise.resolve(config) })
  pool = (app.payload.db as unknown as { pool: Pool }).pool
  await pool.query(`create sequence if not exists lost_ready_commits`)
  await pool.query(`
    create or replace function lose_first_ready_commit() returns trigger language plpgsql as $$
    begin
      if new.status = 'ready' and new.prompt like '${PROMPT_PREFIX}%' and nextval('lost_ready_commits') = 1 then
        raise exception 'simulated: the database went away while this transaction committed';
      end if;
      return new;
    end $$`)
  await pool.query(`drop trigger if exists lose_first_ready_commit on ${TABLE}`)
  await pool.query(`
    create constraint trigger lose_first_ready_commit after update on ${TABLE}
    deferrable initially deferred for each row execute function lose_first_ready_commit()`)
  token = (await app.createUser()).token
  stopWorker = app.startWorker()
})

afterAll(async () => {
  await stopWorker?.()
  await pool?.query(`drop trigger if exists lose_first_ready_commit on ${TABLE}`).catch(() => undefined)
  await pool?.query(`drop function if exists lose_first_ready_commit()`).catch(() => undefined)
  await pool?.query(`drop sequence if exists lost_ready_commits`).catch(() => undefined)
  await app?.close()
})

// Postgres only: the lost commit is made by a deferred constraint trigger, which SQLite does not have.
describe.skipIf(isSQLite)('a ready write whose commit the database loses', () => {
  it('is not reported ready; the step runs again and the asset ends ready with its file', async () => {
    const response = await app.request('POST', 'generated-assets/generate', {
      body: { model: 'local/image', params: { size: '256x256' }, prompt: `${PROMPT_PREFIX} ${Date.now()}` },
      token,
    })
    expect(response.status).toBe(202)
    const { id } = (await response.json()) as { id: number | string }
    const asset = await app.waitForAsset(id, (doc) => doc.status === 'ready' || doc.status === 'failed')
    expect(asset.status).toBe('ready')
    // The commit really was lost once: the trigger ran for the first ready write.
    const { rows } = await pool.query(`select last_value from lost_ready_commits`)
    expect(Number(rows[0].last_value)).toBeGreaterThanOrEqual(2)
    // The job that stored it answers once the asset is ready: wait for that answer.
    const ownRuns = () => runs.filter((run) => run.assetId === String(id))
    await expect.poll(() => ownRuns().some((run) => run.output === 'ready'), { timeout: 15_000 }).toBe(true)
    // Every run that answered `ready` left the asset ready in the database; exactly one did.
    const own = ownRuns()
    expect(own.filter((run) => run.output === 'ready')).toEqual([{ assetId: String(id), output: 'ready', stored: 'ready' }])
    const stored = await getS3().get(objectKeyOf(asset))
    expect(stored.byteLength).toBe(asset.filesize)
  })
})
