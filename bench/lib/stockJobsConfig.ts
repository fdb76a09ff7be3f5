/**
 * A stock Payload config for the pickup-latency baseline: no plugin, only Payload's Jobs Queue
 * with one trivial task, `benchNoop`, run by the documented `autoRun` cron (every second,
 * `* * * * * *`) on the queue `bench-stock`. The task's first act is a Postgres NOTIFY on
 * {@link STOCK_JOBS_CHANNEL} carrying its `seq`, so the benchmark sees when it starts running.
 *
 * It shares the benchmark's database (the demo app's migrations made `payload_jobs`); the task
 * slug is added to the jobs tables' enums first (see {@link addStockTaskSlug}).
 */
import { postgresAdapter } from '@payloadcms/db-postgres'
import { buildConfig } from 'payload'

import { Users } from '../../collections/Users'

export const STOCK_JOBS_CHANNEL = 'bench_stock_jobs'
export const STOCK_QUEUE = 'bench-stock'
export const STOCK_TASK_SLUG = 'benchNoop'

export const createStockJobsConfig = ({ autoRun }: { autoRun: boolean }) =>
  buildConfig({
    collections: [Users],
    db: postgresAdapter({ pool: { connectionString: process.env.DATABASE_URL }, push: false }),
    jobs: {
      autoRun: autoRun ? [{ cron: '* * * * * *', limit: 10, queue: STOCK_QUEUE }] : undefined,
      tasks: [
        {
          slug: STOCK_TASK_SLUG,
          handler: async ({ input, req }) => {
            const pool = (req.payload.db as unknown as { pool: { query: (text: string, values: unknown[]) => Promise<unknown> } })
              .pool
            await pool.query('select pg_notify($1, $2)', [STOCK_JOBS_CHANNEL, String((input as { seq: number }).seq)])
            return { output: {} }
          },
          inputSchema: [{ name: 'seq', type: 'number', required: true }],
        },
      ],
    },
    secret: process.env.PAYLOAD_SECRET!,
    telemetry: false,
  })

/** SQL that lets the shared `payload_jobs` tables hold the stock task's slug (a throw-away database). */
export const addStockTaskSlug = [
  `alter type "public"."enum_payload_jobs_task_slug" add value if not exists '${STOCK_TASK_SLUG}'`,
  `alter type "public"."enum_payload_jobs_log_task_slug" add value if not exists '${STOCK_TASK_SLUG}'`,
]
