/**
 * What the per-user generation limits (issue #6) cost a request.
 *
 * Ours: `POST /api/generated-assets/generate` → 202, through Payload's REST route handler, once
 * with the limits on (`rateLimit` counted in Postgres with rate-limiter-flexible, and the
 * `maxActiveGenerations` count under a per-user advisory lock; both set far above what the run
 * uses, so every request takes the full path and none is refused) and once with both `false`.
 * Baseline, same run: stock Payload's REST create (`POST /api/generated-assets`) of the same
 * document, alternating with ours. Each mode runs in its own process with its own services (a
 * Payload config is fixed per process), so each has its own baseline; no worker runs, so the
 * user's queued assets pile up as they would under a burst.
 *
 *   npm run build:plugin && tsx bench/generationLimits.ts
 *
 * Target: the limits add at most 25 % of a stock create to the generate request (p50).
 */
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

import { getBenchApp } from './lib/app'
import { type BenchResult, describeMachine, formatTable, now, round, summarize, warnIfBusy, writeResult } from './lib/report'
import { closePayload, migrate, startBenchServices } from './lib/services'

const NAME = 'generationLimits'
const RUNS = Math.max(30, Number(process.env.BENCH_RUNS ?? 100))
const WARMUP = Number(process.env.BENCH_WARMUP ?? 5)
const TARGET_SHARE = 0.25

type ModeResult = {
  mode: 'off' | 'on'
  ours: ReturnType<typeof summarize>
  stock: ReturnType<typeof summarize>
}

/** One mode in this process: services, app, then alternating generate / stock create. */
const runMode = async (mode: 'off' | 'on'): Promise<ModeResult> => {
  const services = await startBenchServices({ name: `${NAME}-${mode}` })
  const { createAppConfig } = await import('../payload.config')
  const pluginOptions =
    mode === 'on'
      ? { maxActiveGenerations: 1_000_000, rateLimit: { limit: 1_000_000, window: 3600 } }
      : { maxActiveGenerations: false as const, rateLimit: false as const }
  const app = await getBenchApp({ config: createAppConfig({ pluginOptions }) })
  try {
    await migrate(app.payload)
    const user = await app.createUser()
    const timed = async (path: string, body: unknown, expected: number) => {
      const startedAt = now()
      const response = await app.post(path, body, user.token)
      const ms = now() - startedAt
      if (response.status !== expected) throw new Error(`${path} answered ${response.status}: ${await response.text()}`)
      await response.arrayBuffer()
      return ms
    }
    const ours = (index: number) =>
      timed('generated-assets/generate', { params: { size: '64x64' }, prompt: `limits bench ${index}` }, 202)
    const stock = (index: number) =>
      timed('generated-assets', { kind: 'image', model: 'local/image', prompt: `limits bench ${index}`, status: 'queued' }, 201)
    for (let index = 0; index < WARMUP; index++) {
      await ours(-1 - index)
      await stock(-1 - index)
    }
    const oursMs: number[] = []
    const stockMs: number[] = []
    for (let index = 0; index < RUNS; index++) {
      // Alternate which goes first, so neither always follows the other's leftovers.
      if (index % 2 === 0) {
        oursMs.push(await ours(index))
        stockMs.push(await stock(index))
      } else {
        stockMs.push(await stock(index))
        oursMs.push(await ours(index))
      }
    }
    return { mode, ours: summarize(oursMs), stock: summarize(stockMs) }
  } finally {
    await closePayload(app.payload)
    await services.stop()
  }
}

const spawnMode = (mode: 'off' | 'on') =>
  new Promise<ModeResult>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url)], {
      env: { ...process.env, BENCH_LIMITS_MODE: mode },
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    let output = ''
    child.stdout.on('data', (chunk) => (output += chunk))
    child.once('exit', (code) => {
      const line = output.split('\n').find((candidate) => candidate.startsWith('mode-result '))
      if (code !== 0 || !line) return reject(new Error(`mode ${mode} exited ${code}:\n${output.slice(-4000)}`))
      resolve(JSON.parse(line.slice('mode-result '.length)))
    })
  })

const childMode = process.env.BENCH_LIMITS_MODE as 'off' | 'on' | undefined
if (childMode) {
  try {
    console.log(`mode-result ${JSON.stringify(await runMode(childMode))}`)
    process.exit(0)
  } catch (error) {
    console.error(error)
    process.exit(1)
  }
}

const machine = describeMachine()
warnIfBusy()
console.log(`${NAME}: ${WARMUP} warm-up + ${RUNS} requests per side, limits on, then limits off (each its own process)`)
const on = await spawnMode('on')
const off = await spawnMode('off')
const ratio = (result: ModeResult) => result.ours.p50 / result.stock.p50
// The limits' cost in units of the same run's stock create, so the two processes' speeds cancel out.
const share = ratio(on) - ratio(off)
const costMs = share * on.stock.p50
console.log('')
console.log(
  formatTable([
    ['request → response, ms', 'n', 'p50', 'p95', 'stock create p50 (same run)', 'ratio'],
    ['generate, limits on', on.ours.n, on.ours.p50, on.ours.p95, on.stock.p50, round(ratio(on), 2)],
    ['generate, limits off', off.ours.n, off.ours.p50, off.ours.p95, off.stock.p50, round(ratio(off), 2)],
  ]),
)
const pass = share <= TARGET_SHARE
console.log('')
console.log(
  `limits cost: ${round(share * 100)} % of a stock create (≈ ${round(costMs)} ms at p50); target ≤ ${TARGET_SHARE * 100} % → ${pass ? 'PASS' : 'FAIL'}`,
)
const result: BenchResult = {
  baseline: { label: 'stock REST create p50 (limits-on run)', unit: 'ms', value: round(on.stock.p50) },
  date: new Date().toISOString(),
  details: { off, on, share: round(share, 3) },
  machine,
  name: NAME,
  notes: [
    'Both limits set far above the run so none refuses; no worker runs (queued assets pile up).',
    'Each mode in its own process with its own Postgres and s3rver; cost = (ratio on − ratio off) × stock p50.',
  ],
  ours: { label: 'generate → 202 p50, limits on', unit: 'ms', value: round(on.ours.p50) },
  target: { description: `limits add ≤ ${TARGET_SHARE * 100} % of a stock create (${round(share * 100)} %)`, pass },
  title: 'Cost of the generation limits per request',
}
console.log(`\nresults: ${await writeResult(result)}`)
process.exit(0)
