/**
 * Stock Payload running its Jobs Queue in its own process, on the stock config
 * (bench/lib/stockConfig.ts, database `BENCH_STOCK_DATABASE_URL`), the baselines' worker:
 * - BENCH_STOCK_MODE=autoRun (default): the documented `autoRun` cron, every second
 *   (`* * * * * *`, `getPayload({ cron: true })`): the pickup-latency baseline;
 * - BENCH_STOCK_MODE=loop: what `payload jobs:run --queue bench-stock --limit <n>` does, in a loop
 *   with no pause while there are jobs: `payload.jobs.run({ queue, limit })` (Payload runs the
 *   jobs it took at once, in parallel, and answers when all have ended), and
 *   BENCH_STOCK_POLL_MS (default 250, as the plugin's worker polls without NOTIFY) between two
 *   looks that found nothing. `limit` is BENCH_STOCK_LIMIT (default 4, the plugin worker's
 *   default concurrency): the throughput baseline.
 * BENCH_CPU_PROFILE=<file>: a CPU profile from ready to stop (bench/lib/cpuProfile.ts); the stdin
 * line `cpu` is answered with its CPU time so far (bench/lib/cpuUsage.ts).
 * Prints `stock worker ready` once running; stops on SIGTERM (after the running jobs, in loop mode).
 */
import { getPayload } from 'payload'

import { startCpuProfile } from './lib/cpuProfile'
import { answerCpuUsage } from './lib/cpuUsage'
import { createStockConfig, STOCK_QUEUE } from './lib/stockConfig'

const mode = process.env.BENCH_STOCK_MODE ?? 'autoRun'
const config = createStockConfig({
  autoRun: mode === 'autoRun',
  databaseUrl: process.env.BENCH_STOCK_DATABASE_URL!,
  push: false,
})
const payload = await getPayload({ config, cron: mode === 'autoRun' })

let isStopping = false
let loop: Promise<void> = Promise.resolve()
let stopProfile: () => Promise<void> = async () => undefined
const stop = async () => {
  if (isStopping) return
  isStopping = true
  await loop
  await stopProfile()
  await payload.destroy().catch(() => undefined)
  process.exit(0)
}
process.on('SIGTERM', () => void stop())
process.on('SIGINT', () => void stop())

stopProfile = await startCpuProfile()
answerCpuUsage()
if (mode === 'loop') {
  const limit = Number(process.env.BENCH_STOCK_LIMIT ?? 4)
  const pollMs = Number(process.env.BENCH_STOCK_POLL_MS ?? 250)
  loop = (async () => {
    while (!isStopping) {
      try {
        const result = await payload.jobs.run({ limit, overrideAccess: true, queue: STOCK_QUEUE, silent: true })
        if (!result.noJobsRemaining) continue
      } catch (err) {
        payload.logger.error({ err, msg: 'stock worker: jobs.run failed' })
      }
      await new Promise((resolve) => setTimeout(resolve, pollMs))
    }
  })()
}
console.log(`stock worker ready pid=${process.pid} mode=${mode}`)
