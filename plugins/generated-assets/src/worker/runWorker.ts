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
 * Several workers may run at once, in one process or many (`npm run worker`).
 */
export const runWorker = async ({
  concurrency = 4,
  payload,
  pollInterval = 2,
  queue = DEFAULT_QUEUE,
  signal,
}: RunWorkerOptions): Promise<void> => {
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
