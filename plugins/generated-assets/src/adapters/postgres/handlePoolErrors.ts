import type { Payload } from 'payload'

type ErrorEmitter = {
  listeners: (event: 'error') => Function[]
  on: (event: 'error', listener: (err: Error) => void) => unknown
}
type EventfulPool = {
  on: (event: 'acquire' | 'error', listener: (value: any) => void) => unknown
}

const handled = new WeakSet<object>()

/**
 * Keeps a database restart from killing the process: logs, instead of throwing, the errors that
 * `pg` emits when the server ends a connection (`57P01` "terminating connection due to
 * administrator command", a reset socket). `pg` emits them as `'error'` events, on the pool for
 * an idle client and on the client itself while it is checked out (a transaction between two
 * queries); Payload's Postgres adapter listens for neither, and Node ends the process on an
 * unhandled `'error'` event. The broken client is dropped by the pool on release, and the query
 * that was using it fails with an error the caller handles. Postgres only; once per Payload.
 */
export const handlePoolErrors = ({ payload }: { payload: Payload }): void => {
  const pool = (payload.db as unknown as { pool?: EventfulPool }).pool
  if (!pool || typeof pool.on !== 'function' || handled.has(pool)) return
  handled.add(pool)
  const onError = (err: Error) =>
    payload.logger.warn({ err, msg: 'generated-assets: a database connection failed' })
  pool.on('error', onError)
  pool.on('acquire', (client: ErrorEmitter) => {
    if (!client.listeners('error').includes(onError)) client.on('error', onError)
  })
}
