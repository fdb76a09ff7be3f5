/**
 * The demo app as a client sees it, in the benchmark process: Payload's real Next.js REST route
 * handlers called with real `Request` objects (as test/helpers/app.ts does). Import it only after
 * the services have set the environment (payload.config reads it on import).
 */
import type { Payload, SanitizedConfig } from 'payload'

import { REST_POST } from '@payloadcms/next/routes'
import { randomUUID } from 'node:crypto'
import { getPayload } from 'payload'

const ORIGIN = 'http://cms.test'

export type BenchApp = {
  config: SanitizedConfig
  payload: Payload
  /** POSTs JSON to `/api/<path>`. */
  post: (path: string, body: unknown, token?: string) => Promise<Response>
  /** Creates a user and answers its login token. */
  createUser: () => Promise<{ id: number | string; token: string }>
}

export const getBenchApp = async ({ config: configPromise }: { config: Promise<SanitizedConfig> }): Promise<BenchApp> => {
  const config = await configPromise
  const payload = await getPayload({ config })
  const handler = REST_POST(config)
  const post: BenchApp['post'] = (path, body, token) => {
    const headers: Record<string, string> = { 'Content-Type': 'application/json' }
    if (token) headers.Authorization = `JWT ${token}`
    const url = new URL(`/api/${path}`, ORIGIN)
    const slug = url.pathname.replace(/^\/api\//, '').split('/')
    return handler(new Request(url, { body: JSON.stringify(body), headers, method: 'POST' }), {
      params: Promise.resolve({ slug }),
    })
  }
  const createUser: BenchApp['createUser'] = async () => {
    const email = `bench-${randomUUID()}@example.com`
    const password = 'correct horse battery staple'
    const user = await payload.create({ collection: 'users', data: { email, password } })
    const response = await post('users/login', { email, password })
    const { token } = (await response.json()) as { token: string }
    return { id: user.id, token }
  }
  return { config, createUser, payload, post }
}
