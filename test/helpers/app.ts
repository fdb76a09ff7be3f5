/**
 * Test access to the demo app as a client sees it: Payload's real Next.js route handlers
 * (REST and GraphQL) called in-process with real `Request` objects, a real Postgres and a real
 * S3 server (started by globalSetup), and a real generation worker.
 */
import type { Payload, SanitizedConfig } from 'payload'

import { GetObjectCommand, HeadObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3'
import { GRAPHQL_POST, REST_DELETE, REST_GET, REST_PATCH, REST_POST } from '@payloadcms/next/routes'
import { randomUUID } from 'node:crypto'
import { getPayload } from 'payload'
import { runWorker } from 'payload-plugin-generated-assets'
import { createTestS3Client } from './s3'

export const ORIGIN = 'http://cms.test'

export type App = {
  config: SanitizedConfig
  payload: Payload
  /** Calls a REST route, e.g. `request('GET', 'generated-assets?limit=1', { token })`. */
  request: (
    method: string,
    path: string,
    init?: { body?: unknown; headers?: Record<string, string>; signal?: AbortSignal; token?: string },
  ) => Promise<Response>
  /** Calls GraphQL as the given user (or anonymously). */
  graphql: (
    query: string,
    init?: { token?: string; variables?: Record<string, unknown> },
  ) => Promise<{ data?: any; errors?: any[] }>
  /** Creates a user and answers its login token. */
  createUser: () => Promise<{ email: string; id: number | string; token: string }>
  /** Closes the database connections (call in afterAll, before the services stop). */
  close: () => Promise<void>
  /** Starts a generation worker in this process; the returned function stops it. */
  startWorker: () => () => Promise<void>
  /** Polls an asset (as the Local API, bypassing access) until `until` is true or `timeout` ms pass. */
  waitForAsset: (id: number | string, until: (doc: any) => boolean, timeout?: number) => Promise<any>
}

export const getApp = async ({ configPromise }: { configPromise?: Promise<SanitizedConfig> } = {}): Promise<App> => {
  const config = await (configPromise ?? (await import('../../payload.config')).default)
  const payload = await getPayload({ config })
  const handlers: Record<string, ReturnType<typeof REST_GET>> = {
    DELETE: REST_DELETE(config),
    GET: REST_GET(config),
    PATCH: REST_PATCH(config),
    POST: REST_POST(config),
  }
  const graphqlHandler = GRAPHQL_POST(config)

  const request: App['request'] = async (method, path, init = {}) => {
    const headers: Record<string, string> = { ...init.headers }
    if (init.token) {
      headers.Authorization = `JWT ${init.token}`
    }
    let body: string | undefined
    if (init.body !== undefined) {
      body = typeof init.body === 'string' ? init.body : JSON.stringify(init.body)
      headers['Content-Type'] ??= 'application/json'
    }
    const url = new URL(`/api/${path}`, ORIGIN)
    const slug = url.pathname.replace(/^\/api\//, '').split('/')
    return handlers[method]!(new Request(url, { body, headers, method, signal: init.signal }), { params: Promise.resolve({ slug }) })
  }

  const graphql: App['graphql'] = async (query, init = {}) => {
    const headers: Record<string, string> = { 'Content-Type': 'application/json' }
    if (init.token) {
      headers.Authorization = `JWT ${init.token}`
    }
    const response = await graphqlHandler(
      new Request(`${ORIGIN}/api/graphql`, {
        body: JSON.stringify({ query, variables: init.variables }),
        headers,
        method: 'POST',
      }),
    )
    return response.json()
  }

  const createUser: App['createUser'] = async () => {
    const email = `editor-${randomUUID()}@example.com`
    const password = 'correct horse battery staple'
    const user = await payload.create({ collection: 'users', data: { email, password } })
    const response = await request('POST', 'users/login', { body: { email, password } })
    const { token } = (await response.json()) as { token: string }
    return { email, id: user.id, token }
  }

  const startWorker: App['startWorker'] = () => {
    const controller = new AbortController()
    const done = runWorker({ payload, pollInterval: 0.5, signal: controller.signal })
    return async () => {
      controller.abort()
      await done
    }
  }

  const waitForAsset: App['waitForAsset'] = async (id, until, timeout = 30_000) => {
    const deadline = Date.now() + timeout
    for (;;) {
      const doc = await payload.findByID({
        collection: 'generated-assets',
        depth: 0,
        id,
        overrideAccess: true,
        trash: true,
      })
      if (until(doc)) {
        return doc
      }
      if (Date.now() > deadline) {
        throw new Error(
          `asset ${id} did not reach the expected state in ${timeout} ms; last status ${doc.status}: ${doc.error ?? ''}`,
        )
      }
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  }

  const close = async () => {
    await payload.destroy()
    // Payload's destroy() leaves the Postgres pool open, and its adapter keeps one client checked
    // out for good, so pool.end() would never resolve: end the idle clients without waiting, and
    // ignore the errors of connections cut when the test database stops.
    const pool = (
      payload.db as unknown as {
        pool?: { end: () => Promise<void>; on: (event: string, listener: () => void) => void }
      }
    ).pool
    pool?.on('error', () => undefined)
    void pool?.end().catch(() => undefined)
  }

  return { close, config, createUser, graphql, payload, request, startWorker, waitForAsset }
}

/**
 * The bucket key of a stored file of an upload document (`filename` default its own; or one of its
 * sizes' names): storage-s3's rule for the demo's layout (no collection prefix), the document's
 * `prefix` (its folder: `generated-assets`, posters `generated-assets/posters`) then
 * `_objectKey`, then the name.
 */
export const objectKeyOf = (doc: Record<string, any>, filename: null | string | undefined = doc.filename): string =>
  [doc.prefix, doc._objectKey, filename].filter(Boolean).join('/')

/** A client for the test bucket, with the checksum settings s3rver needs. */
export const getS3 = () => {
  const client = createTestS3Client()
  const Bucket = process.env.S3_BUCKET!
  return {
    /** The S3 client itself, for commands the helpers below do not cover. */
    client,
    exists: async (Key: string) => {
      try {
        await client.send(new HeadObjectCommand({ Bucket, Key }))
        return true
      } catch {
        return false
      }
    },
    get: async (Key: string) => {
      const object = await client.send(new GetObjectCommand({ Bucket, Key }))
      return Buffer.from(await object.Body!.transformToByteArray())
    },
    keys: async () => {
      const listed = await client.send(new ListObjectsV2Command({ Bucket }))
      return (listed.Contents ?? []).map((object) => object.Key!)
    },
  }
}
