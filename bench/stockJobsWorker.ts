/**
 * Stock Payload running its Jobs Queue with the documented `autoRun` cron (every second), in its
 * own process: the pickup-latency baseline (see bench/lib/stockJobsConfig.ts). Prints
 * `stock worker ready` once the cron is scheduled; stops on SIGTERM.
 */
import { getPayload } from 'payload'

import { createStockJobsConfig } from './lib/stockJobsConfig'

const payload = await getPayload({ config: createStockJobsConfig({ autoRun: true }), cron: true })
const stop = async () => {
  await payload.destroy().catch(() => undefined)
  process.exit(0)
}
process.on('SIGTERM', () => void stop())
process.on('SIGINT', () => void stop())
console.log(`stock worker ready pid=${process.pid}`)
