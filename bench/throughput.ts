/**
 * Throughput: 200 generations of a 1024×1024 image with 2 worker processes, ours next to stock
 * Payload's Jobs Queue doing the same job, on Postgres or (BENCH_DATABASE=sqlite) SQLite.
 *
 * Each side has a web process (bench/throughputApp.ts: Payload's REST route handler, 4 users,
 * one client each sending its next request as soon as the previous is answered) and 2 worker
 * processes, as users run them:
 * - ours: `POST /api/generated-assets/generate` → 2 × bench/workerProcess.ts (runWorker defaults:
 *   4 lanes each; NOTIFY wake-up on Postgres, 0.25 s polls on SQLite); the model answers the
 *   precomputed PNG at once (bench/lib/precomputedModel.ts);
 * - stock: `POST /api/stock-assets` (its hook queues a job in the create's transaction) →
 *   2 × bench/stockJobsWorker.ts in loop mode (`payload.jobs.run({ queue, limit: 4 })` again at
 *   once while there are jobs, 0.25 s after finding none), whose task stores the same PNG bytes
 *   with `payload.update` (same image sizes, same S3 storage; bench/lib/stockConfig.ts).
 * Throughput = generations / (the last one seen ready − the first request), in assets per second;
 * "seen ready" is a `payload.count` every 25 ms in the web process. Each side's workers are
 * started for its phase (and stopped after), warmed up with 8 generations, then measured;
 * BENCH_THROUGHPUT_ROUNDS rounds (default 2) alternate which side goes first.
 *
 * Target: ours ≥ 1.5× stock (median of the rounds). Reported beside it: the CPU time per generation
 * of each side's processes (every thread, process.cpuUsage() around the measured run), which a
 * busy machine does not change the way it changes wall time.
 *
 *   BENCH_THROUGHPUT_COUNT=200  BENCH_THROUGHPUT_CLIENTS=4  BENCH_THROUGHPUT_ROUNDS=2
 *   BENCH_CPU_PROF=1   every web and worker process profiles its main thread from ready to
 *                      stop (start-up left out; warm-up and the measured run in), written to
 *                      bench/results/profiles/throughput-<db>-<side>-<role>.cpuprofile (the last
 *                      round's); summarise with `PER=208 tsx bench/cpuProfileSummary.ts <files>`
 */
import { mkdir } from 'node:fs/promises'
import { loadavg } from 'node:os'
import path from 'node:path'

import { readCpuMs } from './lib/cpuUsage'
import { writeBenchPNG } from './lib/precomputedModel'
import {
  type BenchResult,
  describeMachine,
  formatTable,
  formatTargets,
  RESULTS_DIR,
  round,
  sleep,
  warnIfBusy,
  writeResult,
} from './lib/report'
import { getResultName, startBenchServices } from './lib/services'
import { type BenchProcess, spawnBenchProcess } from './lib/spawn'

const NAME = getResultName('throughput')
const COUNT = Number(process.env.BENCH_THROUGHPUT_COUNT ?? 200)
const CLIENTS = Number(process.env.BENCH_THROUGHPUT_CLIENTS ?? 4)
const ROUNDS = Number(process.env.BENCH_THROUGHPUT_ROUNDS ?? 2)
const WARMUP = 8
const WORKERS = 2
const TARGET_RATIO = 1.5
const PROFILE_DIR = path.join(RESULTS_DIR, 'profiles')

type Side = 'ours' | 'stock'
type Done = {
  count: number
  failed: number
  firstRequestAt: number
  jobErrors: string[]
  label: string
  lastAcceptedAt: number
  lastReadyAt: number
  lastUpdatedAt: number
}
type Phase = Done & {
  assetsPerSecond: number
  /** CPU time (every thread, user + system) of the measured run, ms: the web process's, the workers' summed. */
  cpuMs: { web: number; workers: number }
  duplicateRuns?: number
  load: number[]
  round: number
  seconds: number
  side: Side
  submitSeconds: number
}

const machine = describeMachine()
warnIfBusy()
const services = await startBenchServices({ name: 'throughput' })
let cleanup: (() => Promise<void>)[] = [services.stop]
const runCleanup = async () => {
  for (const step of cleanup.reverse()) await step().catch(() => undefined)
  cleanup = []
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void runCleanup().finally(() => process.exit(130)))
}
const isProfiling = process.env.BENCH_CPU_PROF === '1'
if (isProfiling) await mkdir(PROFILE_DIR, { recursive: true })
/** The environment that makes a process profile itself from ready to stop (bench/lib/cpuProfile.ts). */
const profileEnv = (side: Side, role: string): Record<string, string> =>
  isProfiling ? { BENCH_CPU_PROFILE: path.join(PROFILE_DIR, `throughput-${services.database}-${side}-${role}.cpuprofile`) } : {}

try {
  const { file: pngFile } = await writeBenchPNG({ directory: services.directory })
  const common = { BENCH_PNG_FILE: pngFile, BENCH_STOCK_DATABASE_URL: services.stockDatabaseUrl }
  const apps = {} as Record<Side, BenchProcess>
  apps.ours = await spawnBenchProcess({
    env: { ...common, ...profileEnv('ours', 'web'), BENCH_MIGRATE: '1', BENCH_SIDE: 'ours' },
    readyLine: 'throughput app ready',
    script: 'bench/throughputApp.ts',
  })
  cleanup.push(() => apps.ours.stop())
  apps.stock = await spawnBenchProcess({
    env: { ...common, ...profileEnv('stock', 'web'), BENCH_SIDE: 'stock' },
    readyLine: 'throughput app ready',
    script: 'bench/throughputApp.ts',
  })
  cleanup.push(() => apps.stock.stop())

  const go = async (side: Side, label: string, count: number): Promise<Done> => {
    const app = apps[side]
    const from = app.cursor()
    app.send(`go ${label} ${count} ${CLIENTS}`)
    const done = app.waitForLine('done ', 20 * 60_000, from)
    const failed = app.waitForLine('error ', 20 * 60_000, from)
    // The one that does not come rejects at its timeout: handled here, not as an unhandled rejection.
    done.catch(() => undefined)
    failed.catch(() => undefined)
    const answer = await Promise.race([done.then((line) => ({ line })), failed.then((error) => ({ error }))])
    if ('error' in answer) throw new Error(`${side} web process: ${answer.error}`)
    return JSON.parse(answer.line.slice('done '.length)) as Done
  }

  const startWorkers = async (side: Side, storedLines: string[]) =>
    Promise.all(
      Array.from({ length: WORKERS }, (_, n) =>
        side === 'ours'
          ? spawnBenchProcess({
              env: { ...common, ...profileEnv('ours', `worker${n}`) },
              readyLine: 'worker ready',
              script: 'bench/workerProcess.ts',
            })
          : spawnBenchProcess({
              env: { ...common, ...profileEnv('stock', `worker${n}`), BENCH_STOCK_MODE: 'loop' },
              onLine: (line) => {
                if (line.startsWith('stock stored ')) storedLines.push(line)
              },
              readyLine: 'stock worker ready',
              script: 'bench/stockJobsWorker.ts',
            }),
      ),
    )

  const phases: Phase[] = []
  console.log(`${NAME} (${services.database}): ${ROUNDS} round(s) of ${COUNT} generations per side, ${WORKERS} worker processes, ${CLIENTS} clients`)
  for (let round_ = 0; round_ < ROUNDS; round_++) {
    const order: Side[] = round_ % 2 === 0 ? ['ours', 'stock'] : ['stock', 'ours']
    for (const side of order) {
      const storedLines: string[] = []
      const workers = await startWorkers(side, storedLines)
      try {
        await sleep(1000)
        await go(side, `warm-${round_}`, WARMUP)
        storedLines.length = 0
        await sleep(500)
        const load = loadavg().map((value) => round(value, 2))
        const cpu = async () => ({
          web: await readCpuMs(apps[side]),
          workers: (await Promise.all(workers.map((worker) => readCpuMs(worker)))).reduce((sum, ms) => sum + ms, 0),
        })
        const cpuBefore = await cpu()
        const done = await go(side, `run-${round_}`, COUNT)
        const cpuAfter = await cpu()
        const seconds = (done.lastReadyAt - done.firstRequestAt) / 1000
        const ids = storedLines.map((line) => (JSON.parse(line.slice('stock stored '.length)) as { id: number }).id)
        const phase: Phase = {
          ...done,
          assetsPerSecond: done.count / seconds,
          cpuMs: { web: cpuAfter.web - cpuBefore.web, workers: cpuAfter.workers - cpuBefore.workers },
          duplicateRuns: side === 'stock' ? ids.length - new Set(ids).size : undefined,
          load,
          round: round_,
          seconds,
          side,
          submitSeconds: (done.lastAcceptedAt - done.firstRequestAt) / 1000,
        }
        phases.push(phase)
        console.log(
          `round ${round_} ${side}: ${done.count} in ${round(seconds, 2)} s = ${round(phase.assetsPerSecond, 2)} assets/s` +
            ` (requests sent in ${round(phase.submitSeconds, 2)} s; not ready ${done.failed}` +
            `${phase.duplicateRuns !== undefined ? `; jobs run twice ${phase.duplicateRuns}, jobs failed ${done.jobErrors.length}` : ''}; load ${load.join(' ')};` +
            ` CPU per generation: web ${round(phase.cpuMs.web / done.count)} ms + workers ${round(phase.cpuMs.workers / done.count)} ms)`,
        )
        for (const message of new Set(done.jobErrors)) console.log(`  ${side} job error: ${message}`)
        if (done.failed) throw new Error(`${side}: ${done.failed} generations did not end ready`)
      } finally {
        await Promise.all(workers.map((worker) => worker.stop()))
      }
    }
  }

  const median = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b)
    const middle = Math.floor(sorted.length / 2)
    return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
  }
  const rate = (side: Side) => median(phases.filter((phase) => phase.side === side).map((phase) => phase.assetsPerSecond))
  const cpuPerGeneration = (side: Side) =>
    median(phases.filter((phase) => phase.side === side).map((phase) => (phase.cpuMs.web + phase.cpuMs.workers) / phase.count))
  const ours = rate('ours')
  const stock = rate('stock')
  const ratio = ours / stock
  const pass = ratio >= TARGET_RATIO
  console.log('')
  console.log(
    formatTable([
      [
        `throughput (${services.database}), ${COUNT} generations`,
        'round',
        'seconds',
        'assets/s',
        'requests sent (s)',
        'CPU ms/gen web',
        'CPU ms/gen workers',
        'load (1 min)',
      ],
      ...phases.map((phase) => [
        phase.side,
        phase.round,
        round(phase.seconds, 2),
        round(phase.assetsPerSecond, 2),
        round(phase.submitSeconds, 2),
        round(phase.cpuMs.web / phase.count),
        round(phase.cpuMs.workers / phase.count),
        phase.load[0]!,
      ]),
    ]),
  )
  const targets = [
    {
      measure: `assets/s, request of the first → ready of the last (median of ${ROUNDS})`,
      ours: `${round(ours, 2)}/s`,
      pass,
      ratio: `${round(ratio, 2)}×`,
      stock: `${round(stock, 2)}/s`,
      target: `ours ≥ ${TARGET_RATIO}× stock`,
    },
    {
      measure: `CPU ms per generation, web + workers, every thread (median of ${ROUNDS})`,
      ours: `${round(cpuPerGeneration('ours'))} ms`,
      ratio: `${round(cpuPerGeneration('ours') / cpuPerGeneration('stock'), 2)}×`,
      stock: `${round(cpuPerGeneration('stock'))} ms`,
      target: '(reported; 2 cores = 2000 ms/s)',
    },
  ]
  console.log(`\n${formatTargets(targets)}`)

  const result: BenchResult = {
    baseline: { label: 'stock Jobs Queue, 2 worker processes', unit: 'assets/s', value: round(stock, 2) },
    database: services.database,
    date: new Date().toISOString(),
    details: { clients: CLIENTS, count: COUNT, phases, ratio, rounds: ROUNDS, warmup: WARMUP, workers: WORKERS },
    machine,
    name: NAME,
    notes: [
      `Database: ${services.database}. ${WORKERS} worker processes per side; ours runWorker defaults (4 lanes), stock jobs.run({ limit: 4 }) in a loop (0.25 s pause when idle).`,
      'Requests through Payload\'s REST route handler in a web process of each side, 4 users, one client each.',
      '"Ready" seen by payload.count every 25 ms in the web process; jobs run twice (stock: jobs.run\'s find-then-update lets two workers take one job) counted from the task\'s output; a second run that fails leaves the document ready (its first run stored it).',
    ],
    ours: { label: 'plugin, 2 worker processes', unit: 'assets/s', value: round(ours, 2) },
    target: { description: `ours ≥ ${TARGET_RATIO}× stock (ratio ${round(ratio, 2)}×)`, pass },
    targets,
    title: `Throughput, ${COUNT} generations, 2 workers (${services.database})`,
  }
  console.log(`\nresults: ${await writeResult(result)}`)
} catch (error) {
  console.error(error)
  process.exitCode = 1
} finally {
  await runCleanup()
}
process.exit(process.exitCode ?? 0)
