/**
 * The front-end client as a site uses it: the built package's `payload-plugin-generated-assets/sdk`
 * on a real `PayloadSDK` (`@payloadcms/sdk`) logged in as a user, against the demo app served over
 * real HTTP, with a generation worker. Every method once, the events stream until an asset is
 * ready, and the SDK's errors (400 with the server's message, 401, 404, 409).
 *
 * Imports come from a test server on 127.0.0.2, the only non-public address the app lets through
 * here (`allowPrivateAddresses: ['127.0.0.2']`, the SSRF guard's test hook).
 */
import type { AddressInfo } from 'node:net'
import type { Payload } from 'payload'

import { PayloadSDK, PayloadSDKError } from '@payloadcms/sdk'
import { readFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import path from 'node:path'
import { getPayload } from 'payload'
import { runWorker } from 'payload-plugin-generated-assets'
import {
  type AssetEvent,
  createGeneratedAssetsClient,
  type GeneratedAssetsClient,
  toImageProps,
  toSrcSet,
} from 'payload-plugin-generated-assets/sdk'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Config } from '../../payload-types'

import { createAppConfig } from '../../payload.config'
import { SAMPLE_PNG } from '../fakes/samples'
import { type HttpServer, startHttpServer } from '../helpers/httpServer'

const PASSWORD = 'correct horse battery staple'

let payload: Payload
let server: HttpServer
let media: { origin: string; requests: string[]; server: Server }
/** Paths the media server answers 404 to, until a test takes them off. */
const missing = new Set<string>()
let stopWorker: () => Promise<void>
let client: GeneratedAssetsClient<Config>
/** The login token of `client`'s user. */
let token: string

/** Waits for a thrown `PayloadSDKError` and answers it. */
const sdkError = async (promise: Promise<unknown>): Promise<PayloadSDKError> => {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  )
  expect(error).toBeInstanceOf(PayloadSDKError)
  return error as PayloadSDKError
}

/** Polls an asset (Local API, bypassing access) until it is ready; throws after 30 s or when it fails. */
const waitUntilReady = async (id: number | string) => {
  const deadline = Date.now() + 30_000
  for (;;) {
    const doc = await payload.findByID({ collection: 'generated-assets', depth: 0, id, overrideAccess: true })
    if (doc.status === 'ready') return doc
    if (doc.status === 'failed' || Date.now() > deadline) throw new Error(`asset ${id} is ${doc.status}: ${doc.error ?? ''}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

/** Logs a new user in through the SDK, and answers an SDK and a client that send its token. */
const signIn = async () => {
  const email = `sdk-client-${Date.now()}-${Math.random().toString(36).slice(2)}@example.com`
  await payload.create({ collection: 'users', data: { email, password: PASSWORD } })
  const anonymous = new PayloadSDK<Config>({ baseURL: `${server.origin}/api` })
  const { token } = await anonymous.login({ collection: 'users', data: { email, password: PASSWORD } })
  expect(token).toEqual(expect.any(String))
  const signedIn = new PayloadSDK<Config>({
    baseInit: { headers: { Authorization: `JWT ${token}` } },
    baseURL: `${server.origin}/api`,
  })
  return { client: createGeneratedAssetsClient<Config>({ sdk: signedIn }), token: token! }
}

/** Starts `client.events()` and resolves once the server has subscribed (`opened`), with the events seen so far. */
const followEvents = async (from: GeneratedAssetsClient<Config>, signal: AbortSignal) => {
  const events: AssetEvent<Config>[] = []
  const waiters = new Set<() => void>()
  const stream = from.events({ signal })
  const done = (async () => {
    for await (const event of stream) {
      events.push(event)
      for (const wake of waiters) wake()
    }
  })()
  await stream.opened
  /** Resolves once an event matches `until` (rejects after 30 s). */
  const waitFor = (until: (event: AssetEvent<Config>) => boolean) =>
    new Promise<AssetEvent<Config>>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching event; saw ${JSON.stringify(events)}`)), 30_000)
      const check = () => {
        const found = events.find(until)
        if (!found) return
        clearTimeout(timer)
        waiters.delete(check)
        resolve(found)
      }
      waiters.add(check)
      check()
    })
  return { done, events, waitFor }
}

beforeAll(async () => {
  const requests: string[] = []
  const mediaServer = createServer((request, response) => {
    requests.push(request.url ?? '/')
    if (missing.has(request.url ?? '/')) return void response.writeHead(404).end()
    response.writeHead(200, { 'content-type': 'image/png' }).end(SAMPLE_PNG)
  })
  await new Promise<void>((resolve) => mediaServer.listen(0, '127.0.0.2', resolve))
  media = { origin: `http://127.0.0.2:${(mediaServer.address() as AddressInfo).port}`, requests, server: mediaServer }

  const config = await createAppConfig({ pluginOptions: { allowPrivateAddresses: ['127.0.0.2'] } })
  payload = await getPayload({ config })
  server = await startHttpServer(config)
  const controller = new AbortController()
  const worker = runWorker({ payload, pollInterval: 0.2, signal: controller.signal })
  stopWorker = async () => {
    controller.abort()
    await worker
  }
  ;({ client, token } = await signIn())
})

afterAll(async () => {
  await stopWorker?.()
  await server?.close()
  await new Promise((resolve) => media?.server.close(resolve))
  await payload?.destroy()
})

describe('payload-plugin-generated-assets/sdk against the running app', () => {
  it('generate n=2 queues a batch; events() yields their status changes until both are ready', async () => {
    const controller = new AbortController()
    const stream = await followEvents(client, controller.signal)
    const prompt = `sdk lighthouse ${Date.now()}`
    const generated = await client.generate({ n: 2, params: { size: '640x480' }, prompt })
    expect(generated).toEqual({
      batch: expect.any(String),
      id: generated.items[0]!.id,
      items: [
        { id: expect.anything(), status: 'queued' },
        { id: expect.anything(), status: 'queued' },
      ],
      status: 'queued',
    })
    const ids = generated.items.map((item) => item.id)
    const completions = await Promise.all(
      ids.map((id) => stream.waitFor((event) => event.id === id && event.type === 'generation_complete')),
    )
    for (const [index, completion] of completions.entries()) {
      expect(completion).toMatchObject({ id: ids[index], kind: 'image', status: 'ready' })
      // The asset as REST returns it, typed as the host's generated `GeneratedAsset`.
      const asset: Config['collections']['generated-assets'] | undefined = completion.asset
      expect(asset).toMatchObject({ id: ids[index], prompt, status: 'ready' })
      expect(asset?.imageUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//)
    }
    // Each asset's own changes came in order: started before complete.
    for (const id of ids) {
      const types = stream.events.filter((event) => event.id === id).map((event) => event.type)
      expect(types).toContain('generation_started')
      expect(types.indexOf('generation_started')).toBeLessThan(types.indexOf('generation_complete'))
      expect(types.at(-1)).toBe('generation_complete')
    }
    controller.abort()
    await expect(stream.done).resolves.toBeUndefined()

    // gallery: the batch filter, one per page through the cursor, then the last page.
    const first = await client.gallery({ batch: generated.batch!, count: true, limit: 1 })
    expect(first.totalDocs).toBe(2)
    expect(first.items).toHaveLength(1)
    expect(first.nextCursor).toEqual(expect.any(String))
    const second = await client.gallery({ batch: generated.batch!, cursor: first.nextCursor, limit: 1 })
    expect(second.items).toHaveLength(1)
    expect(second.nextCursor).toBeNull()
    expect([first.items[0]!.id, second.items[0]!.id].sort()).toEqual([...ids].sort())
    const item = first.items[0]!
    expect(item).toMatchObject({ batch: generated.batch, batchSize: 2, height: 480, kind: 'image', prompt, status: 'ready', width: 640 })
    expect(item.placeholder).toMatch(/^data:image\//)
    // The 480 px thumbnail, then the original.
    expect(item.imageSizes.map(({ height, name, width }) => ({ height, name, width }))).toEqual([
      { height: 360, name: 'thumbnail', width: 480 },
      { height: 480, name: 'original', width: 640 },
    ])
    for (const size of item.imageSizes) {
      expect(size).toEqual({ height: expect.any(Number), mimeType: expect.any(String), name: expect.any(String), url: expect.stringMatching(/^http:/), width: expect.any(Number) })
    }
    // Filters: the prompt's words, the kind, the status, oldest first, a window of creation times.
    const byWords = await client.gallery({ q: prompt, sort: 'oldest' })
    expect(byWords.items.map((found) => found.id)).toEqual(ids)
    expect((await client.gallery({ batch: generated.batch!, kind: 'video' })).items).toEqual([])
    expect((await client.gallery({ batch: generated.batch!, status: 'ready' })).items).toHaveLength(2)
    expect((await client.gallery({ batch: generated.batch!, from: new Date(Date.now() + 60_000) })).items).toEqual([])

    // The package README's Next.js page asks GraphQL for the same items, with what the image helpers read.
    const readme = readFileSync(path.resolve(import.meta.dirname, '../../plugins/generated-assets/README.md'), 'utf8')
    const query = /const GALLERY = \/\* GraphQL \*\/ `([\s\S]*?)`/.exec(readme.slice(readme.indexOf('\n## Front-end use')))?.[1]
    expect(query).toContain('generatedAssetsGallery')
    const graphql = await fetch(`${server.origin}/api/graphql`, {
      body: JSON.stringify({ query, variables: { cursor: null } }),
      headers: { Authorization: `JWT ${token}`, 'Content-Type': 'application/json' },
      method: 'POST',
    })
    const { data, errors } = await graphql.json()
    expect(errors).toBeUndefined()
    const tile = data.generatedAssetsGallery.items.find((found: { id: unknown }) => found.id === item.id)
    expect(tile).toEqual({
      alt: item.alt,
      height: 480,
      id: item.id,
      imageSizes: item.imageSizes,
      imageUrl: item.imageUrl,
      placeholder: item.placeholder,
      width: 640,
    })
    expect(toImageProps(tile)).toMatchObject({ blurDataURL: item.placeholder, height: 480, placeholder: 'blur', src: item.imageUrl, width: 640 })
    expect(toSrcSet(tile.imageSizes)).toBe(item.imageSizes.map((size) => `${size.url} ${size.width}w`).join(', '))

    // bulk: star both, then the starred filter finds them.
    expect((await client.gallery({ batch: generated.batch!, starred: true })).items).toEqual([])
    const starred = await client.bulk({ action: 'star', ids })
    expect(starred).toEqual({ action: 'star', changed: 2, failed: [], matched: 2 })
    expect((await client.gallery({ batch: generated.batch!, starred: true })).items).toHaveLength(2)
    expect(await client.bulk({ action: 'unstar', filter: { batch: generated.batch!, starred: true } })).toMatchObject({
      changed: 2,
      matched: 2,
    })
  })

  it('share gives a public link, rotate replaces it, revoke ends it', async () => {
    const { id } = await client.generate({ params: { size: '64x64' }, prompt: 'sdk share' })
    await waitUntilReady(id)
    const { shareUrl } = await client.share(id)
    expect(shareUrl).toMatch(new RegExp(`^${server.origin}/api/generated-assets/share/[\\w-]+$`))
    expect((await client.share(id)).shareUrl).toBe(shareUrl)
    const shared = await fetch(shareUrl, { headers: { Accept: 'application/json' } })
    expect(shared.status).toBe(200)
    expect((await shared.json()).id).toBe(id)
    const rotated = await client.share(id, { rotate: true })
    expect(rotated.shareUrl).not.toBe(shareUrl)
    expect((await fetch(shareUrl, { headers: { Accept: 'application/json' } })).status).toBe(404)
    expect(await client.revoke(id)).toEqual({ shareUrl: null })
    expect((await fetch(rotated.shareUrl, { headers: { Accept: 'application/json' } })).status).toBe(404)
  })

  it('ingest imports a served image; retry re-runs a failed import, and refuses one that has not failed', async () => {
    missing.add('/flaky.png')
    const controller = new AbortController()
    const stream = await followEvents(client, controller.signal)
    const queued = await client.ingest({ prompt: 'sdk import', url: `${media.origin}/flaky.png` })
    expect(queued).toEqual({ id: expect.anything(), status: 'queued' })
    const failed = await stream.waitFor((event) => event.id === queued.id && event.type === 'generation_failed')
    expect(failed.status).toBe('failed')
    expect(failed.error).toEqual(expect.any(String))
    expect(media.requests).toContain('/flaky.png')

    missing.delete('/flaky.png')
    expect(await client.retry(queued.id)).toEqual({ id: queued.id, status: 'queued' })
    const ready = await stream.waitFor((event) => event.id === queued.id && event.type === 'generation_complete')
    expect(ready.asset).toMatchObject({ height: 4, prompt: 'sdk import', status: 'ready', width: 4 })
    controller.abort()
    await stream.done

    const notFailed = await sdkError(client.retry(queued.id))
    expect(notFailed.status).toBe(409)
    expect(notFailed.message).toBe('Only failed assets can be retried; this one is ready.')
    expect(notFailed.errors).toEqual([{ message: notFailed.message }])
  })

  it("errors are the SDK's: 400 with the server's message, 401 anonymous, 404 unknown id", async () => {
    const empty = await sdkError(client.generate({ prompt: '   ' }))
    expect(empty.status).toBe(400)
    expect(empty.message).toBe('prompt must not be empty.')
    expect(empty.errors).toEqual([{ message: 'prompt must not be empty.' }])
    const badCursor = await sdkError(client.gallery({ cursor: 'not-a-cursor' }))
    expect(badCursor.status).toBe(400)
    const loopback = await sdkError(client.ingest({ url: 'http://127.0.0.1/x.png' }))
    expect(loopback.status).toBe(400)
    expect(loopback.message).toMatch(/url/i)

    const anonymous = createGeneratedAssetsClient<Config>({ sdk: new PayloadSDK<Config>({ baseURL: `${server.origin}/api` }) })
    const loggedOut = await sdkError(anonymous.gallery())
    expect(loggedOut.status).toBe(401)
    expect(loggedOut.message).toBe('You must be logged in to browse the gallery.')
    const refused = anonymous.events()
    const eventsLoggedOut = await sdkError(refused.opened)
    expect(eventsLoggedOut.status).toBe(401)
    expect(eventsLoggedOut.message).toBe('You must be logged in to follow generation events.')
    expect((await sdkError(refused.next())).status).toBe(401)
    expect((await sdkError(anonymous.generate({ prompt: 'x' }))).status).toBe(401)

    const unknown = 2_000_000_000
    for (const call of [() => client.retry(unknown), () => client.share(unknown), () => client.revoke(unknown)]) {
      const notFound = await sdkError(call())
      expect(notFound.status).toBe(404)
      expect(notFound.message).toBe('Not Found')
    }
    // Another user's asset is as unknown to this one.
    const { id } = await client.generate({ params: { size: '64x64' }, prompt: 'sdk not yours' })
    const other = await signIn()
    expect((await sdkError(other.client.share(id))).status).toBe(404)
  })
})
