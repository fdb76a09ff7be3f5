/**
 * The demo app as users run it, for the HTTP benchmarks: throw-away Postgres and s3rver (free
 * ports, temporary directory), migrations applied, data seeded through the Local API and SQL in
 * this process, then a production build (`next build`, skipped with REUSE_NEXT_BUILD=1 when one
 * exists) served by `next start` on a free port.
 */
import type { Payload } from 'payload'

import { startNextServer } from '../../test/helpers/browser'
import { type BenchServices, closePayload, migrate, startBenchServices } from './services'

export const BENCH_PASSWORD = 'correct horse battery staple'

export type ProductionApp = {
  services: BenchServices
  /** Base URL of `next start`, e.g. `http://127.0.0.1:41234`. */
  url: string
  /** Stops the server and the services, removes the temporary directory. Safe to call twice. */
  stop: () => Promise<void>
}

/**
 * Starts the services, migrates, runs `seed` with a Local API instance (closed afterwards, so the
 * server is the only client of the database during the measurement), then builds and starts the
 * app. Stops everything on SIGINT / SIGTERM.
 */
export const startProductionApp = async <T>({
  name,
  seed,
}: {
  name: string
  seed: (payload: Payload) => Promise<T>
}): Promise<ProductionApp & { seeded: T }> => {
  const services = await startBenchServices({ name })
  let server: { stop: () => Promise<void> } | undefined
  let isStopped = false
  const stop = async () => {
    if (isStopped) return
    isStopped = true
    await server?.stop().catch(() => undefined)
    await services.stop()
  }
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void stop().finally(() => process.exit(130)))
  }
  try {
    const { getPayload } = await import('payload')
    const config = (await import('../../payload.config')).default
    const payload = await getPayload({ config })
    let seeded: T
    try {
      await migrate(payload)
      seeded = await seed(payload)
    } finally {
      await closePayload(payload)
    }
    const started = performance.now()
    const next = await startNextServer()
    server = next
    console.log(`next build + start: ${Math.round((performance.now() - started) / 1000)} s, serving ${next.url}`)
    return { seeded, services, stop, url: next.url }
  } catch (error) {
    await stop()
    throw error
  }
}

/** Creates users `<prefix>-<n>@example.com` (password {@link BENCH_PASSWORD}) and answers their ids and emails. */
export const createBenchUsers = async ({
  count,
  payload,
  prefix,
}: {
  count: number
  payload: Payload
  prefix: string
}): Promise<{ email: string; id: number }[]> => {
  const users: { email: string; id: number }[] = []
  for (let n = 0; n < count; n++) {
    const email = `${prefix}-${n}@example.com`
    const user = await payload.create({ collection: 'users', data: { email, password: BENCH_PASSWORD } })
    users.push({ email, id: Number(user.id) })
  }
  return users
}
