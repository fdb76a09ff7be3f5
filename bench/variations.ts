/**
 * What four variations cost next to one: `POST /api/generated-assets/generate` with `n: 4` and
 * with `n: 1` (the built-in `local/image`, 1024 × 1024, which makes up to 4 images per call), from
 * the request to every asset of it `ready`, one in-process worker (`runWorker`, 4 lanes) on the
 * demo app with storage-s3 and s3rver. The two alternate request by request (rotating which goes
 * first), so a busy machine slows both alike.
 *
 *   npm run build:plugin && tsx bench/variations.ts      (BENCH_DATABASE=sqlite for SQLite)
 *
 * Target: request → all 4 ready for n = 4 at most 2.5 × request → ready for n = 1 (p50): four
 * variations must not cost four generations' overhead.
 */
import { runWorker } from 'payload-plugin-generated-assets'

import { getBenchApp } from './lib/app'
import { type BenchResult, describeMachine, formatTable, now, round, sleep, summarize, warnIfBusy, writeResult } from './lib/report'
import { closePayload, getBenchDatabase, getResultName, migrate, startBenchServices } from './lib/services'

const NAME = 'variations'
const RUNS = Math.max(5, Number(process.env.BENCH_RUNS ?? 12))
const WARMUP = Number(process.env.BENCH_WARMUP ?? 2)
const TARGET_RATIO = 2.5

const machine = describeMachine()
warnIfBusy()
const database = getBenchDatabase()
const services = await startBenchServices({ name: NAME })
const controller = new AbortController()
let payload: Awaited<ReturnType<typeof getBenchApp>>['payload'] | undefined
try {
  const { createAppConfig } = await import('../payload.config')
  const app = await getBenchApp({ config: createAppConfig({ pluginOptions: { maxActiveGenerations: false, rateLimit: false } }) })
  payload = app.payload
  await migrate(app.payload)
  const user = await app.createUser()
  const worker = runWorker({ payload: app.payload, signal: controller.signal })

  /** Milliseconds from the request to every asset it made `ready`. */
  const generate = async (n: number, index: number): Promise<number> => {
    const startedAt = now()
    const response = await app.post(
      'generated-assets/generate',
      { model: 'local/image', n, params: { size: '1024x1024' }, prompt: `variations bench ${n} ${index}` },
      user.token,
    )
    if (response.status !== 202) throw new Error(`generate answered ${response.status}: ${await response.text()}`)
    const { items } = (await response.json()) as { items: { id: number | string }[] }
    const ids = items.map((item) => item.id)
    // Polled every 10 ms: on Postgres with one plain query on the pool, so that the measuring
    // takes next to no CPU from the worker it measures (the same process).
    const pool = (app.payload.db as unknown as { pool?: { query: (text: string, values: unknown[]) => Promise<{ rows: { status: string }[] }> } }).pool
    for (;;) {
      const docs = pool
        ? (await pool.query('select status from generated_assets where id = any($1)', [ids])).rows
        : (
            await app.payload.find({
              collection: 'generated-assets',
              depth: 0,
              limit: ids.length,
              overrideAccess: true,
              pagination: false,
              select: { status: true },
              where: { id: { in: ids } },
            })
          ).docs
      if (docs.some((doc) => doc.status === 'failed')) throw new Error(`a variation failed: ${JSON.stringify(docs)}`)
      if (docs.length === ids.length && docs.every((doc) => doc.status === 'ready')) return now() - startedAt
      await sleep(10)
    }
  }

  const order = [1, 4] as const
  console.log(`${NAME} (${database}): ${WARMUP} warm-up + ${RUNS} requests per side, alternating (n = 1, n = 4)`)
  for (let index = 0; index < WARMUP; index++) for (const n of order) await generate(n, -1 - index)
  const times: Record<(typeof order)[number], number[]> = { 1: [], 4: [] }
  for (let index = 0; index < RUNS; index++) {
    for (let offset = 0; offset < order.length; offset++) {
      const n = order[(index + offset) % order.length]!
      times[n].push(await generate(n, index))
    }
  }
  const one = summarize(times[1])
  const four = summarize(times[4])
  const ratio = four.p50 / one.p50
  const pass = ratio <= TARGET_RATIO
  console.log('')
  console.log(
    formatTable([
      ['request → all ready, ms', 'n', 'p50', 'p95', 'min'],
      ['n = 4 (one batch)', four.n, four.p50, four.p95, four.min],
      ['n = 1 (same run)', one.n, one.p50, one.p95, one.min],
    ]),
  )
  console.log(`\nn = 4 takes ${round(ratio, 2)} × n = 1; target ≤ ${TARGET_RATIO} × → ${pass ? 'PASS' : 'FAIL'}`)
  const result: BenchResult = {
    baseline: { label: 'n = 1: request → ready, p50', unit: 'ms', value: round(one.p50) },
    database,
    date: new Date().toISOString(),
    details: { four, one, ratio: round(ratio, 3) },
    machine,
    name: getResultName(NAME, database),
    notes: [
      'local/image makes up to 4 images per call: the four variations share one model call, each stored on its own.',
      'One in-process worker (4 lanes); both sides alternate request by request in one process.',
    ],
    ours: { label: 'n = 4: request → all ready, p50', unit: 'ms', value: round(four.p50) },
    target: { description: `n = 4 ≤ ${TARGET_RATIO} × n = 1 (${round(ratio, 2)} ×)`, pass },
    title: 'Four variations next to one generation',
  }
  console.log(`\nresults: ${await writeResult(result)}`)
  controller.abort()
  await worker
} catch (error) {
  console.error(error)
  process.exitCode = 1
} finally {
  controller.abort()
  if (payload) await closePayload(payload)
  await services.stop()
}
