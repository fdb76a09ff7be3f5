/**
 * A board's client review link, as a visitor's page loads it: the anonymous JSON of a board of
 * BENCH_REVIEW_ITEMS (default 500) ready assets (`GET /api/generated-asset-boards/share/<token>`
 * with `Accept: application/json`: every item with its renditions, poster and comments), next to
 * one asset's share JSON (`GET /api/generated-assets/share/<token>`, the same `Accept`) in the same
 * run, over real HTTP (Payload's Next.js route handlers on 127.0.0.1, `test/helpers/httpServer.ts`).
 * RUNS requests each, alternating, one at a time; p50 compared. The board's rows are seeded with
 * SQL (bench/lib/seedAssets.ts; the memberships straight into the relationship table), then read
 * only through the plugin's routes.
 *
 *   npm run build:plugin && tsx bench/reviewPageBench.ts
 *
 * Target: the board's JSON ≤ 3 × the asset share JSON, p50.
 */
import { cpus, loadavg } from 'node:os'

import { startHttpServer } from '../test/helpers/httpServer'
import { getBenchApp } from './lib/app'
import { type BenchResult, describeMachine, formatTargets, now, round, summarize, warnIfBusy, writeResult } from './lib/report'
import { seedAssets } from './lib/seedAssets'
import { closePayload, getResultName, migrate, startBenchServices } from './lib/services'

const NAME = 'reviewPage'
const ITEMS = Number(process.env.BENCH_REVIEW_ITEMS ?? 500)
const RUNS = Number(process.env.BENCH_RUNS ?? 40)
const TARGET_RATIO = 3

type Pool = { query: (text: string, values?: unknown[]) => Promise<{ rows: any[] }> }

warnIfBusy()
const services = await startBenchServices({ name: NAME })
let payload: Awaited<ReturnType<typeof getBenchApp>>['payload'] | undefined
try {
  const { createAppConfig } = await import('../payload.config')
  const app = await getBenchApp({ config: createAppConfig() })
  payload = app.payload
  await migrate(app.payload)
  const user = await app.createUser()
  // Every 97th seeded row is a failed asset; seed enough for ITEMS ready ones.
  await seedAssets({ count: Math.ceil(ITEMS * 1.02) + 2, ownerShare: 1, payload, userIds: [user.id as number] })
  const pool = (payload.db as unknown as { pool: Pool }).pool
  const ready = (await pool.query(`select id from generated_assets where status = 'ready' order by id limit $1`, [ITEMS])).rows.map(
    (row) => row.id as number,
  )
  const board = await payload.create({ collection: 'generated-asset-boards', data: { createdBy: user.id as number, title: 'Bench board' } })
  await pool.query(
    `insert into generated_assets_rels ("order", parent_id, path, generated_asset_boards_id) select 1, id, 'boards', $1 from unnest($2::int[]) as id`,
    [board.id, ready],
  )
  const server = await startHttpServer(app.config)
  const auth = { Authorization: `JWT ${user.token}` }
  try {
    const shareOf = async (path: string) => {
      const response = await fetch(`${server.origin}/api/${path}`, { headers: auth, method: 'POST' })
      if (!response.ok) throw new Error(`POST ${path} answered ${response.status}: ${await response.text()}`)
      return ((await response.json()) as { shareUrl: string }).shareUrl
    }
    const urls = {
      asset: await shareOf(`generated-assets/${ready[0]}/share`),
      board: await shareOf(`generated-asset-boards/${board.id}/share`),
    }
    const get = async (side: keyof typeof urls) => {
      const startedAt = now()
      const response = await fetch(`${server.origin}${new URL(urls[side]).pathname}`, { headers: { Accept: 'application/json' } })
      const body = (await response.json()) as { items?: unknown[] }
      if (!response.ok) throw new Error(`${side} answered ${response.status}`)
      return { body, ms: now() - startedAt }
    }
    const { body } = await get('board')
    if (body.items?.length !== ITEMS) throw new Error(`the board lists ${body.items?.length} items, not ${ITEMS}`)
    for (let index = 0; index < 5; index++) for (const side of ['asset', 'board'] as const) await get(side)
    const times = { asset: [] as number[], board: [] as number[] }
    for (let index = 0; index < RUNS; index++) {
      const order = index % 2 ? (['board', 'asset'] as const) : (['asset', 'board'] as const)
      for (const side of order) times[side].push((await get(side)).ms)
    }
    const ours = summarize(times.board)
    const baseline = summarize(times.asset)
    const ratio = ours.p50 / baseline.p50
    const targets = [
      {
        measure: `board review JSON (${ITEMS} items) vs one asset's share JSON, p50`,
        ours: `${round(ours.p50)} ms`,
        pass: ratio <= TARGET_RATIO,
        ratio: `${round(ratio, 2)} ×`,
        stock: `${round(baseline.p50)} ms`,
        target: `≤ ${TARGET_RATIO} ×`,
      },
    ]
    console.log(`\n${formatTargets(targets)}\n`)
    console.log(`(${cpus().length} cores, load ${loadavg().map((value) => value.toFixed(1)).join(' ')})`)
    const result: BenchResult = {
      baseline: { label: 'asset share JSON, p50', unit: 'ms', value: round(baseline.p50) },
      date: new Date().toISOString(),
      details: { baseline, items: ITEMS, ours, ratio },
      machine: describeMachine(),
      name: getResultName(NAME),
      notes: ['Payload route handlers on a node:http server in the benchmark process.', 'One request at a time, alternating.'],
      ours: { label: `board review JSON, ${ITEMS} items, p50`, unit: 'ms', value: round(ours.p50) },
      target: { description: `≤ ${TARGET_RATIO} × the asset share JSON`, pass: ratio <= TARGET_RATIO },
      targets,
      title: 'Board review link JSON next to an asset share JSON',
    }
    console.log(`results: ${await writeResult(result)}`)
  } finally {
    await server.close()
  }
} catch (error) {
  console.error(error)
  process.exitCode = 1
} finally {
  if (payload) await closePayload(payload)
  await services.stop()
}
