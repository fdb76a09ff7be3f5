import type { Payload } from 'payload'

import { DEFAULT_QUEUE, JOBS_NOTIFY_CHANNEL } from '../defaults.js'

/** Options of {@link runWorker}. */
export type RunWorkerOptions = {
  /** Most jobs one pass runs at once. @default 4 */
  concurrency?: number
  /** The initialised Payload instance (`await getPayload({ config })`). */
  payload: Payload
  /** Seconds between polls when no notification arrives (the fallback path). @default 2 */
  pollInterval?: number
  /** Queue to run. @default 'generated-assets' */
  queue?: string
  /**
   * Seconds after which a job still marked `processing` without a heartbeat is considered
   * abandoned by a crashed worker and made runnable again (Payload itself never does this).
   * Use twice the plugin's `leaseTimeout`. @default 60
   */
  staleJobTimeout?: number
  /** Stops the worker; the promise resolves once the current pass has finished. */
  signal?: AbortSignal
}

type ListenClient = {
  on: (event: 'error' | 'notification', listener: (value: any) => void) => void
  query: (text: string) => Promise<unknown>
  release: (error?: boolean | Error) => void
}

/**
 * Runs generation jobs until `signal` aborts. With the Postgres adapter the worker `LISTEN`s
 * on a channel that the `generate` endpoint notifies after its transaction commits, so an idle
 * worker starts a queued job at once; it also polls every `pollInterval` seconds, which picks up
 * retries whose back-off has elapsed and works with any database adapter.
 *
 * Jobs that a crashed worker left `processing` (Payload leaves them so forever) are made
 * runnable again after `staleJobTimeout` seconds without a heartbeat; the asset lease keeps a
 * step from running twice at once.
 *
 * Several workers may run at once, in one process or many (`npm run worker`).
 */
export const runWorker = async ({
  concurrency = 4,
  payload,
  pollInterval = 2,
  queue = DEFAULT_QUEUE,
  signal,
  staleJobTimeout = 60,
}: RunWorkerOptions): Promise<void> => {
  let lastReapAt = 0
  const reapStaleJobs = async () => {
    if (Date.now() - lastReapAt < (staleJobTimeout * 1000) / 4) return
    lastReapAt = Date.now()
    const { docs } = await payload.update({
      collection: 'payload-jobs',
      data: { processing: false },
      depth: 0,
      overrideAccess: true,
      where: {
        and: [
          { queue: { equals: queue } },
          { processing: { equals: true } },
          { completedAt: { exists: false } },
          { updatedAt: { less_than: new Date(Date.now() - staleJobTimeout * 1000).toISOString() } },
        ],
      },
    })
    if (docs.length) {
      payload.logger.warn(`generated-assets worker: ${docs.length} abandoned job(s) made runnable again`)
      isPending = true
    }
  }
  let wake: (() => void) | undefined
  let isPending = true
  const wakeUp = () => {
    isPending = true
    wake?.()
  }
  signal?.addEventListener('abort', wakeUp)

  let listenClient: ListenClient | undefined
  const pool = (payload.db as unknown as { pool?: { connect: () => Promise<ListenClient> } }).pool
  if (pool && typeof pool.connect === 'function') {
    try {
      listenClient = await pool.connect()
      listenClient.on('notification', (message: { channel: string; payload?: string }) => {
        if (message.channel === JOBS_NOTIFY_CHANNEL && (!message.payload || message.payload === queue)) {
          wakeUp()
        }
      })
      listenClient.on('error', (err) =>
        payload.logger.warn({ err, msg: 'generated-assets worker: LISTEN connection failed; polling only' }),
      )
      await listenClient.query(`LISTEN ${JOBS_NOTIFY_CHANNEL}`)
    } catch (err) {
      payload.logger.warn({ err, msg: 'generated-assets worker: LISTEN is unavailable; polling only' })
      listenClient?.release(true)
      listenClient = undefined
    }
  }

  try {
    while (!signal?.aborted) {
      isPending = false
      try {
        await reapStaleJobs()
        const result = await payload.jobs.run({ limit: concurrency, queue, silent: { info: true } })
        // Ran something and the queue may hold more: go again at once instead of sleeping.
        if (Object.keys(result?.jobStatus ?? {}).length > 0 && !result?.noJobsRemaining) {
          isPending = true
        }
      } catch (err) {
        payload.logger.error({ err, msg: 'generated-assets worker: running jobs failed' })
      }
      if (isPending || signal?.aborted) {
        continue
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, pollInterval * 1000)
        wake = () => {
          clearTimeout(timer)
          resolve()
        }
      })
      wake = undefined
    }
  } finally {
    signal?.removeEventListener('abort', wakeUp)
    if (listenClient) {
      // Close the connection rather than returning a LISTENing one to the pool.
      listenClient.release(true)
    }
  }
}
