/**
 * A dedicated Postgres connection that `LISTEN`s on some channels and timestamps each
 * notification (performance.now() of this process) as it arrives, so a benchmark can wait for
 * "asset 12 became generating" without polling the database.
 */
import pg from 'pg'

export type Notification = { channel: string; payload: string; receivedAt: number }

export type Listener = {
  /** Resolves with the first notification (past or future) that matches, or rejects after `timeoutMs`. */
  waitFor: (match: (notification: Notification) => boolean, timeoutMs: number, what: string) => Promise<Notification>
  /** Every notification received so far, oldest first. */
  received: Notification[]
  close: () => Promise<void>
}

export const listen = async ({
  channels,
  connectionString,
  onNotification,
}: {
  channels: string[]
  connectionString: string
  /** Called with each notification as it arrives. */
  onNotification?: (notification: Notification) => void
}): Promise<Listener> => {
  const client = new pg.Client({ connectionString })
  client.on('error', () => undefined)
  await client.connect()
  const received: Notification[] = []
  const waiters = new Set<{ match: (notification: Notification) => boolean; resolve: (n: Notification) => void }>()
  client.on('notification', (message) => {
    const notification = { channel: message.channel, payload: message.payload ?? '', receivedAt: performance.now() }
    received.push(notification)
    onNotification?.(notification)
    for (const waiter of waiters) {
      if (waiter.match(notification)) {
        waiters.delete(waiter)
        waiter.resolve(notification)
      }
    }
  })
  for (const channel of channels) {
    await client.query(`LISTEN ${channel}`)
  }
  return {
    close: async () => {
      await client.end().catch(() => undefined)
    },
    received,
    waitFor: (match, timeoutMs, what) => {
      const earlier = received.find(match)
      if (earlier) return Promise.resolve(earlier)
      return new Promise((resolve, reject) => {
        const waiter = {
          match,
          resolve: (notification: Notification) => {
            clearTimeout(timer)
            resolve(notification)
          },
        }
        const timer = setTimeout(() => {
          waiters.delete(waiter)
          reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`))
        }, timeoutMs)
        waiters.add(waiter)
      })
    },
  }
}

/** Parses an asset status event of the plugin's `generated_assets_events` channel. */
export const parseAssetEvent = (notification: Notification): { id: number | string; status: string } | undefined => {
  if (notification.channel !== 'generated_assets_events') return undefined
  try {
    return JSON.parse(notification.payload) as { id: number | string; status: string }
  } catch {
    return undefined
  }
}
