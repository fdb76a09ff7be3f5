/**
 * Abuse limits: a per-user rate limit and a per-user cap on generations in flight, on
 * `generate`, `ingest`, `:id/retry` and the GraphQL `generateAsset` mutation: **429** with
 * `Retry-After` (seconds) and a JSON message, nothing created; accepted again once the window has
 * passed or the jobs have finished; counted in Postgres, so two app instances share one budget.
 */
import type { Payload } from 'payload'

import { GRAPHQL_POST } from '@payloadcms/next/routes'
import { createLocalReq, getPayload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createAppConfig } from '../../payload.config'
import { type App, getApp, ORIGIN } from '../helpers/app'

/** At most 4 generations per 5 seconds, and 2 in flight, per user (imports from 127.0.0.1 allowed). */
const pluginOptions = { allowPrivateAddresses: true, maxActiveGenerations: 2, rateLimit: { limit: 4, window: 5 } }

let app: App
let secondInstance: Payload | undefined

beforeAll(async () => {
  app = await getApp({ configPromise: createAppConfig({ pluginOptions }) })
})

afterAll(async () => {
  if (secondInstance) {
    await secondInstance.destroy()
    // As app.close does: the adapter keeps one client checked out, so end the pool without waiting.
    const pool = (secondInstance.db as unknown as { pool?: { end: () => Promise<void>; on: (e: string, l: () => void) => void } }).pool
    pool?.on('error', () => undefined)
    void pool?.end().catch(() => undefined)
  }
  await app?.close()
})

type User = Awaited<ReturnType<App['createUser']>>

const post = async (
  path: string,
  token: string,
  body: unknown = { params: { size: '64x64' }, prompt: 'a small square' },
  headers?: Record<string, string>,
) => {
  const response = await app.request('POST', `generated-assets/${path}`, { body, headers, token })
  return { body: await response.json(), response }
}
const generate = (user: User) => post('generate', user.token)

const countOf = async (user: User) =>
  (
    await app.payload.count({
      collection: 'generated-assets',
      overrideAccess: true,
      trash: true,
      where: { createdBy: { equals: user.id } },
    })
  ).totalDocs

/** Ends an asset's generation at once (as a worker's failure would), so it no longer counts as in flight. */
const finish = (id: number | string) =>
  app.payload.update({
    collection: 'generated-assets',
    data: { error: 'ended by the test', status: 'failed' },
    id,
    overrideAccess: true,
  })

const expectTooMany = async (
  { body, response }: Awaited<ReturnType<typeof post>>,
  message: RegExp,
): Promise<number> => {
  expect(response.status).toBe(429)
  expect(body.errors[0].message).toMatch(message)
  const retryAfter = Number(response.headers.get('retry-after'))
  expect(Number.isInteger(retryAfter) && retryAfter >= 1).toBe(true)
  return retryAfter
}

const sleep = (seconds: number) => new Promise((resolve) => setTimeout(resolve, seconds * 1000))

describe('rate limit', () => {
  it('answers 429 with Retry-After past the limit, creates nothing, and accepts again after the window', async () => {
    const user = await app.createUser()
    for (let index = 0; index < 4; index++) {
      const { body, response } = await generate(user)
      expect(response.status).toBe(202)
      await finish(body.id)
    }
    const before = await countOf(user)
    const retryAfter = await expectTooMany(await generate(user), /Too many generations: at most 4 every 5 seconds/)
    expect(retryAfter).toBeLessThanOrEqual(5)
    // In the language Payload picks for the request (Accept-Language here, the payload-lng cookie first).
    await expectTooMany(
      await post('generate', user.token, undefined, { 'Accept-Language': 'de' }),
      /^Zu viele Generierungen: höchstens 4 innerhalb von 5 Sekunden\. Versuche es in \d+ s erneut\.$/,
    )
    // The other routes draw on the same budget.
    await expectTooMany(await post('ingest', user.token, { url: 'http://127.0.0.1:9/cat.png' }), /Too many generations/)
    expect(await countOf(user)).toBe(before)

    // Someone else is not affected.
    const other = await app.createUser()
    const accepted = await generate(other)
    expect(accepted.response.status).toBe(202)
    await finish(accepted.body.id)

    await sleep(retryAfter)
    const again = await generate(user)
    expect(again.response.status).toBe(202)
    await finish(again.body.id)
  })

  it('limits the GraphQL generateAsset mutation too: a 429 error and Retry-After', async () => {
    const user = await app.createUser()
    const handler = GRAPHQL_POST(app.config)
    const mutate = () =>
      handler(
        new Request(`${ORIGIN}/api/graphql`, {
          body: JSON.stringify({ query: 'mutation { generateAsset(prompt: "graphql square", params: { size: "64x64" }) { id status } }' }),
          headers: { Authorization: `JWT ${user.token}`, 'Content-Type': 'application/json' },
          method: 'POST',
        }),
      )
    for (let index = 0; index < 4; index++) {
      const json = await (await mutate()).json()
      expect(json.data.generateAsset.status).toBe('queued')
      await finish(json.data.generateAsset.id)
    }
    const refused = await mutate()
    const json = await refused.json()
    expect(json.data?.generateAsset ?? null).toBeNull()
    expect(json.errors[0].message).toMatch(/Too many generations/)
    expect(json.errors[0].extensions.statusCode).toBe(429)
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1)
    expect(await countOf(user)).toBe(4)
  })

  it('is shared by every app instance: a second Payload instance sees the first one’s count', async () => {
    const user = await app.createUser()
    secondInstance = await getPayload({ config: createAppConfig({ pluginOptions }), key: 'limits-second-instance' })
    const endpoint = secondInstance.collections['generated-assets'].config.endpoints
      ? secondInstance.collections['generated-assets'].config.endpoints.find(
          (candidate) => candidate.path === '/generate' && candidate.method === 'post',
        )
      : undefined
    const viaSecondInstance = async () => {
      const userDoc = await secondInstance!.findByID({ collection: 'users', id: user.id })
      const req = await createLocalReq({ user: { ...userDoc, collection: 'users' } as never }, secondInstance!)
      req.text = async () => JSON.stringify({ params: { size: '64x64' }, prompt: 'from the second instance' })
      const response = await endpoint!.handler(req)
      return { body: await response.json(), response }
    }
    // Two from each instance use the whole budget of 4 …
    for (const send of [() => generate(user), viaSecondInstance, () => generate(user), viaSecondInstance]) {
      const { body, response } = await send()
      expect(response.status).toBe(202)
      await finish(body.id)
    }
    // … so each refuses the fifth, although each alone has seen only two.
    await expectTooMany(await viaSecondInstance(), /Too many generations/)
    await expectTooMany(await generate(user), /Too many generations/)
    expect(await countOf(user)).toBe(4)
  })
})

describe('generations in flight', () => {
  it('refuses a third generation while two are in flight, even when all are sent at once, and accepts it once they finish', async () => {
    const user = await app.createUser()
    // No worker runs in this file: accepted assets stay queued. Four, the rate limit: a fifth would
    // take a point the budget does not have, and be refused by the rate limit instead of the cap
    // whenever it reached the cap's count before the accepted two.
    const results = await Promise.all(Array.from({ length: 4 }, () => generate(user)))
    const accepted = results.filter(({ response }) => response.status === 202)
    expect(accepted).toHaveLength(2)
    for (const refused of results.filter(({ response }) => response.status !== 202)) {
      await expectTooMany(refused, /2 generations in progress, the most allowed at once \(2\)/)
    }
    expect(await countOf(user)).toBe(2)
    await expectTooMany(
      await post('generate', user.token, undefined, { 'Accept-Language': 'fr' }),
      /^Vous avez 2 générations en cours, le maximum autorisé simultanément \(2\)\./,
    )
    expect(await countOf(user)).toBe(2)

    const stopWorker = app.startWorker()
    try {
      for (const { body } of accepted) await app.waitForAsset(body.id, (asset) => asset.status === 'ready')
    } finally {
      await stopWorker()
    }
    const third = await generate(user)
    expect(third.response.status).toBe(202)
    await finish(third.body.id)
  })

  it('counts retries: a failed asset cannot be retried while the user is at the cap', async () => {
    const user = await app.createUser()
    const failed = await generate(user)
    await finish(failed.body.id)
    const inFlight = await Promise.all([generate(user), generate(user)])
    expect(inFlight.map(({ response }) => response.status)).toEqual([202, 202])

    await expectTooMany(await post(`${failed.body.id}/retry`, user.token, {}), /in progress/)
    expect((await app.waitForAsset(failed.body.id, () => true)).status).toBe('failed')

    await finish(inFlight[0]!.body.id)
    const retried = await post(`${failed.body.id}/retry`, user.token, {})
    expect(retried.response.status).toBe(202)
  })
})
