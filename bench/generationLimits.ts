/**
 * What the per-user generation limits cost a request.
 *
 * Ours: the `generate` endpoint's handler (what `POST /api/generated-assets/generate` runs after
 * Payload has parsed the request and authenticated the user) → 202, in two Payload instances of
 * the demo app in this process on the same database: one with the limits on (`rateLimit` counted
 * in Postgres with rate-limiter-flexible, and the `maxActiveGenerations` count under a per-user
 * advisory lock; both set far above the run, so every request takes the full path and none is
 * refused), one with both `false`.
 * Baseline, same run: stock `payload.create` of the same document as the same user with access
 * control (what Payload's REST create does after the same parsing).
 * The three alternate request by request (rotating which goes first), so a busy machine slows all
 * of them alike. No worker runs: each user's queued assets pile up as under a burst.
 *
 *   npm run build:plugin && tsx bench/generationLimits.ts
 *
 * Target: the limits add at most 25 % of a stock create to the generate request (p50).
 */
import type { Endpoint, Payload } from 'payload'

import { createLocalReq, getPayload } from 'payload'

import { type BenchResult, describeMachine, formatTable, now, round, summarize, warnIfBusy, writeResult } from './lib/report'
import { closePayload, migrate, startBenchServices } from './lib/services'

const NAME = 'generationLimits'
const RUNS = Math.max(30, Number(process.env.BENCH_RUNS ?? 150))
const WARMUP = Number(process.env.BENCH_WARMUP ?? 10)
const TARGET_SHARE = 0.25

const machine = describeMachine()
warnIfBusy()
const services = await startBenchServices({ name: NAME })
const instances: Payload[] = []
try {
  const { createAppConfig } = await import('../payload.config')
  const limitsOn = await getPayload({
    config: createAppConfig({
      pluginOptions: { maxActiveGenerations: 1_000_000, rateLimit: { limit: 1_000_000, window: 3600 } },
    }),
  })
  instances.push(limitsOn)
  await migrate(limitsOn)
  const limitsOff = await getPayload({
    config: createAppConfig({ pluginOptions: { maxActiveGenerations: false, rateLimit: false } }),
    key: `${NAME}-off`,
  })
  instances.push(limitsOff)

  const user = await limitsOn.create({
    collection: 'users',
    data: { email: `bench-${Date.now()}@example.com`, password: 'correct horse battery staple' },
  })
  const authUser = { ...user, collection: 'users' } as never

  const generateWith = (payload: Payload) => {
    const endpoint = payload.collections['generated-assets'].config.endpoints
      ? (payload.collections['generated-assets'].config.endpoints as Endpoint[]).find(
          (candidate) => candidate.path === '/generate' && candidate.method === 'post',
        )!
      : undefined
    return async (index: number) => {
      const req = await createLocalReq({ user: authUser }, payload)
      const body = JSON.stringify({ params: { size: '64x64' }, prompt: `limits bench ${index}` })
      req.text = async () => body
      const startedAt = now()
      const response = await endpoint!.handler(req)
      const ms = now() - startedAt
      if (response.status !== 202) throw new Error(`generate answered ${response.status}: ${await response.text()}`)
      return ms
    }
  }
  const sides = {
    off: generateWith(limitsOff),
    on: generateWith(limitsOn),
    stock: async (index: number) => {
      const startedAt = now()
      await limitsOn.create({
        collection: 'generated-assets',
        // Stock Payload's create: the plugin's hook that queues a plain create's generation stays out.
        context: { generatedAssetsQueuedByPlugin: true },
        data: { kind: 'image', model: 'local/image', prompt: `limits bench ${index}`, status: 'queued' },
        depth: 0,
        overrideAccess: false,
        user: authUser,
      })
      return now() - startedAt
    },
  }
  const order = ['on', 'off', 'stock'] as const
  console.log(`${NAME}: ${WARMUP} warm-up + ${RUNS} requests per side, alternating (limits on, limits off, stock create)`)
  for (let index = 0; index < WARMUP; index++) for (const side of order) await sides[side](-1 - index)
  const times: Record<(typeof order)[number], number[]> = { off: [], on: [], stock: [] }
  for (let index = 0; index < RUNS; index++) {
    for (let offset = 0; offset < order.length; offset++) {
      const side = order[(index + offset) % order.length]!
      times[side].push(await sides[side](index))
    }
  }
  const on = summarize(times.on)
  const off = summarize(times.off)
  const stock = summarize(times.stock)
  const costMs = on.p50 - off.p50
  const share = costMs / stock.p50
  console.log('')
  console.log(
    formatTable([
      ['handler → response, ms', 'n', 'p50', 'p95', 'min'],
      ['generate, limits on', on.n, on.p50, on.p95, on.min],
      ['generate, limits off', off.n, off.p50, off.p95, off.min],
      ['stock payload.create (same run)', stock.n, stock.p50, stock.p95, stock.min],
    ]),
  )
  const pass = share <= TARGET_SHARE
  console.log('')
  console.log(
    `limits cost: ${round(costMs)} ms at p50 = ${round(share * 100)} % of a stock create; target ≤ ${TARGET_SHARE * 100} % → ${pass ? 'PASS' : 'FAIL'}`,
  )
  const result: BenchResult = {
    baseline: { label: 'stock payload.create p50', unit: 'ms', value: round(stock.p50) },
    date: new Date().toISOString(),
    details: { limitsOff: off, limitsOn: on, share: round(share, 3), stock },
    machine,
    name: NAME,
    notes: [
      'Both limits set far above the run so none refuses; no worker runs (queued assets pile up).',
      'The three sides alternate request by request in one process, on one database.',
    ],
    ours: { label: 'limits cost per generate request, p50 (on − off)', unit: 'ms', value: round(costMs) },
    target: { description: `limits add ≤ ${TARGET_SHARE * 100} % of a stock create (${round(share * 100)} %)`, pass },
    title: 'Cost of the generation limits per request',
  }
  console.log(`\nresults: ${await writeResult(result)}`)
} catch (error) {
  console.error(error)
  process.exitCode = 1
} finally {
  for (const payload of instances) await closePayload(payload)
  await services.stop()
}
process.exit(process.exitCode ?? 0)
