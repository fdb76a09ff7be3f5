/**
 * SSRF in every spelling, through the whole app: the URL import
 * (`POST /api/generated-assets/ingest`) and a provider's output URL (a DashScope video through the
 * real `@ai-sdk/alibaba` package and its fake) must never make the server fetch from loopback,
 * private, link-local, unique-local or other non-public addresses, however the address is
 * written, whatever a host name resolves to, and wherever a redirect points.
 *
 * A "secret" server on 127.0.0.1 stands for what an attacker wants to reach; it counts every
 * request it gets, and must get none. A "relay" on 127.0.0.2 stands for a public host: it is the
 * only address the app lets through (`allowPrivateAddresses: ['127.0.0.2']`, the guard's test
 * hook), so the first hop of a redirect is allowed and the hop it points to is checked for real.
 *
 * Not repeated here: the spellings pipeline.test.ts already refuses on import (127.0.0.1,
 * localhost, 2130706433, 0x7f.0.0.1, 0177.0.0.1, [::1], [::ffff:127.0.0.1], 169.254.169.254,
 * 10/8, 192.168/16, fd00::/8, file:, ftp:), and safeFetch's unit tests with a fake resolver
 * (DNS rebinding, a name with one private address among public ones).
 */
import type { AddressInfo } from 'node:net'

import { createServer, type Server } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createAppConfig } from '../../payload.config'
import { type DashScopeFake, type DashScopeFakeBehavior, startDashScopeFake } from '../fakes/dashscope'
import { createFakeModels } from '../fakes/fakeModels'
import { SAMPLE_PNG } from '../fakes/samples'
import { type App, getApp, getS3, objectKeyOf } from '../helpers/app'

type Listener = { port: number; requests: string[]; server: Server }

const listen = async (host: string, handle: (url: URL, response: import('node:http').ServerResponse) => void) => {
  const requests: string[] = []
  const server = createServer((request, response) => {
    requests.push(`${request.method} ${request.headers.host}${request.url}`)
    handle(new URL(request.url ?? '/', 'http://listener'), response)
  })
  await new Promise<void>((resolve) => server.listen(0, host, resolve))
  return { port: (server.address() as AddressInfo).port, requests, server } satisfies Listener
}

let secret: Listener
let relay: Listener
let dashScope: DashScopeFake
let app: App
let token: string
let stopWorker: () => Promise<void>
const dashScopeScripts = new Map<string, DashScopeFakeBehavior>()

beforeAll(async () => {
  // What must stay out of reach: it would hand over a perfectly good PNG.
  secret = await listen('127.0.0.1', (_url, response) => {
    response.writeHead(200, { 'content-type': 'image/png' }).end(SAMPLE_PNG)
  })
  // A public-looking host that redirects wherever it is told: /to?status=302&url=…
  relay = await listen('127.0.0.2', (url, response) => {
    if (url.pathname === '/image.png') {
      response.writeHead(200, { 'content-type': 'image/png' }).end(SAMPLE_PNG)
      return
    }
    response.writeHead(Number(url.searchParams.get('status') ?? 302), { location: url.searchParams.get('url')! }).end()
  })
  dashScope = await startDashScopeFake({
    behavior: ({ request }) =>
      dashScopeScripts.get((request.body as { input?: { prompt?: string } })?.input?.prompt ?? '') ?? { kind: 'success' },
  })
  app = await getApp({
    configPromise: createAppConfig({
      pluginOptions: {
        allowPrivateAddresses: ['127.0.0.2'],
        models: createFakeModels({
          // The provider's API is called by its package (not a user-chosen URL); only its output URL goes through the guard.
          'alibaba/wan': {
            apiKey: dashScope.apiKey,
            baseURL: dashScope.baseURL,
            kind: 'video',
            modelId: 'wan2.6-t2v',
            provider: 'alibaba',
          },
        }),
      },
    }),
  })
  token = (await app.createUser()).token
  stopWorker = app.startWorker()
})

afterAll(async () => {
  await stopWorker?.()
  await app?.close()
  await dashScope?.stop()
  for (const listener of [secret, relay]) {
    listener?.server.closeAllConnections()
    await new Promise((resolve) => listener?.server.close(resolve))
  }
})

const countAssets = async () =>
  (await app.payload.count({ collection: 'generated-assets', overrideAccess: true, trash: true })).totalDocs

/** A URL on the relay that redirects (302 unless told) to `url`. */
const redirectTo = (url: string, status = 302) =>
  `http://127.0.0.2:${relay.port}/to?status=${status}&url=${encodeURIComponent(url)}`

/** Waits for the asset to settle and checks it failed as refused, with nothing stored and nothing fetched inside. */
const expectRefusedDownload = async ({ id, secretRequestsBefore }: { id: number | string; secretRequestsBefore: number }) => {
  const keysBefore = await getS3().keys()
  const doc = await app.waitForAsset(id, (asset) => asset.status === 'ready' || asset.status === 'failed', 30_000)
  expect(doc).toMatchObject({ attempts: 1, errorCode: 'download_blocked_address', filename: null, status: 'failed' })
  expect(doc.error).toMatch(/is not a public address/)
  expect(doc.poster ?? null).toBeNull()
  expect(secret.requests.length).toBe(secretRequestsBefore)
  expect(await getS3().keys()).toEqual(keysBefore)
  return doc
}

describe('URL import: refused at once, in every spelling', () => {
  const inside = (): [string, string][] => {
    const port = secret.port
    return [
      ['short form 127.1', `http://127.1:${port}/x.png`],
      ['octal short form 0177.1', `http://0177.1:${port}/x.png`],
      ['one hex number', `http://0x7f000001:${port}/x.png`],
      ['one octal number', `http://017700000001:${port}/x.png`],
      ['hex per byte', `http://0x7f.0x0.0x0.0x1:${port}/x.png`],
      ['percent-encoded', `http://%31%32%37.0.0.1:${port}/x.png`],
      ['full-width digits', `http://１２７.０.０.１:${port}/x.png`],
      ['ideographic full stops', `http://127。0。0。1:${port}/x.png`],
      ['a trailing dot', `http://127.0.0.1.:${port}/x.png`],
      ['0.0.0.0', `http://0.0.0.0:${port}/x.png`],
      ['0', `http://0:${port}/x.png`],
      ['IPv6 unspecified [::]', `http://[::]:${port}/x.png`],
      ['IPv4-mapped, hex [::ffff:7f00:1]', `http://[::ffff:7f00:1]:${port}/x.png`],
      ['IPv4-mapped, long form', `http://[0:0:0:0:0:ffff:127.0.0.1]:${port}/x.png`],
      ['IPv4-compatible [::127.0.0.1]', `http://[::127.0.0.1]:${port}/x.png`],
      ['NAT64 of loopback', `http://[64:ff9b::7f00:1]:${port}/x.png`],
      ['6to4 of loopback', `http://[2002:7f00:1::]:${port}/x.png`],
      ['credentials before the host', `http://user:password@127.0.0.1:${port}/x.png`],
      ['a public-looking name as user info', `http://cdn.example.com@127.0.0.1:${port}/x.png`],
      ['localhost with a trailing dot', `http://localhost.:${port}/x.png`],
      ['LOCALHOST in capitals', `http://LOCALHOST:${port}/x.png`],
      // /etc/hosts names this machine "vm" (127.0.0.1): resolved by the system, refused for what it resolves to.
      ['a host name that resolves to 127.0.0.1', `http://vm:${port}/x.png`],
      ['172.16/12, low end', 'http://172.16.0.1/x.png'],
      ['172.16/12, high end', 'http://172.31.255.255/x.png'],
      ['link-local 169.254/16', 'http://169.254.0.1/x.png'],
      ['cloud metadata, IPv4-mapped', 'http://[::ffff:a9fe:a9fe]/latest/meta-data/'],
      ['cloud metadata, decimal', 'http://2852039166/latest/meta-data/'],
      ['IPv6 link-local fe80::/10', 'http://[fe80::1]/x.png'],
      ['IPv6 link-local, high end of fe80::/10', 'http://[febf::1]/x.png'],
      ['IPv6 unique-local fc00::/7, low half', 'http://[fc00::1]/x.png'],
      ['IPv6 unique-local fc00::/7, high half', 'http://[fdff:ffff::1]/x.png'],
      ['carrier-grade NAT 100.64/10', 'http://100.64.0.1/x.png'],
      ['IPv6 with a zone id', 'http://[fe80::1%25eth0]/x.png'],
      ['javascript:', 'javascript:fetch("http://127.0.0.1/")'],
      ['data:', `data:image/png;base64,${SAMPLE_PNG.toString('base64')}`],
      ['gopher:', `gopher://127.0.0.1:${port}/_GET%20/`],
    ]
  }

  it('refuses each with 400 and a message naming the url, creates nothing and reaches nothing', async () => {
    const secretBefore = secret.requests.length
    const assetsBefore = await countAssets()
    const answers: [string, number, string][] = []
    for (const [name, url] of inside()) {
      const response = await app.request('POST', 'generated-assets/ingest', { body: { kind: 'image', url }, token })
      const body = await response.json()
      answers.push([name, response.status, body.errors?.[0]?.message ?? ''])
    }
    for (const [name, status, message] of answers) {
      expect({ message: /^url /.test(message), name, status }).toEqual({ message: true, name, status: 400 })
    }
    expect(await countAssets()).toBe(assetsBefore)
    expect(secret.requests.length).toBe(secretBefore)
  })

  it('imports from the relay (the one allowed address), redirect included, so the tests below test the hop inside', async () => {
    const response = await app.request('POST', 'generated-assets/ingest', {
      body: { kind: 'image', prompt: 'ssrf: reachable relay', url: redirectTo(`http://127.0.0.2:${relay.port}/image.png`) },
      token,
    })
    expect(response.status).toBe(202)
    const doc = await app.waitForAsset((await response.json()).id, (asset) => asset.status === 'ready' || asset.status === 'failed')
    expect(doc).toMatchObject({ error: null, status: 'ready' })
    expect(await getS3().get(objectKeyOf(doc))).toEqual(SAMPLE_PNG)
  })
})

describe('URL import: redirects that lead inside are refused when the job downloads', () => {
  const targets: [string, string, number][] = [
    ['127.0.0.1', 'http://127.0.0.1:PORT/secret.png', 302],
    ['localhost', 'http://localhost:PORT/secret.png', 302],
    ['a host name resolving to 127.0.0.1', 'http://vm:PORT/secret.png', 302],
    ['decimal 2130706433', 'http://2130706433:PORT/secret.png', 302],
    ['short 127.1', 'http://127.1:PORT/secret.png', 307],
    ['IPv4-mapped hex [::ffff:7f00:1]', 'http://[::ffff:7f00:1]:PORT/secret.png', 308],
    ['cloud metadata 169.254.169.254', 'http://169.254.169.254/latest/meta-data/iam/', 301],
    ['private 10.0.0.1', 'http://10.0.0.1/secret.png', 303],
    ['unique-local [fd00::1]', 'http://[fd00::1]/secret.png', 302],
  ]

  it.each(targets)('refuses a redirect to %s (%s, HTTP %i)', async (name, target, status) => {
    const secretRequestsBefore = secret.requests.length
    const response = await app.request('POST', 'generated-assets/ingest', {
      body: { kind: 'image', prompt: `ssrf: redirect to ${name}`, url: redirectTo(target.replace('PORT', String(secret.port)), status) },
      token,
    })
    expect(response.status).toBe(202)
    const { id } = await response.json()
    const doc = await expectRefusedDownload({ id, secretRequestsBefore })
    expect(doc.sourceUrl).toContain('127.0.0.2')
  })

  it('refuses the inside hop of a chain of redirects', async () => {
    const secretRequestsBefore = secret.requests.length
    const chain = redirectTo(redirectTo(redirectTo(`http://localhost:${secret.port}/secret.png`), 307))
    const response = await app.request('POST', 'generated-assets/ingest', { body: { prompt: 'ssrf: chain', url: chain }, token })
    expect(response.status).toBe(202)
    await expectRefusedDownload({ id: (await response.json()).id, secretRequestsBefore })
  })

  it('refuses a redirect to another protocol', async () => {
    const response = await app.request('POST', 'generated-assets/ingest', {
      body: { prompt: 'ssrf: to file', url: redirectTo('file:///etc/passwd') },
      token,
    })
    const doc = await app.waitForAsset((await response.json()).id, (asset) => asset.status === 'failed' || asset.status === 'ready')
    expect(doc).toMatchObject({ errorCode: 'download_bad_protocol', filename: null, status: 'failed' })
    expect(doc.error).toMatch(/Only http and https URLs are fetched, not file:/)
  })
})

describe("a provider's output URL that points inside is never downloaded", () => {
  const outputs: [string, string][] = [
    ['127.0.0.1', 'http://127.0.0.1:PORT/video.mp4'],
    ['localhost', 'http://localhost:PORT/video.mp4'],
    ['a host name resolving to 127.0.0.1', 'http://vm:PORT/video.mp4'],
    ['hex short form 0x7f.1', 'http://0x7f.1:PORT/video.mp4'],
    ['IPv4-mapped [::ffff:127.0.0.1]', 'http://[::ffff:127.0.0.1]:PORT/video.mp4'],
    ['cloud metadata', 'http://169.254.169.254/latest/meta-data/'],
    ['private 192.168.0.10', 'http://192.168.0.10/video.mp4'],
    ['private 172.20.1.1', 'http://172.20.1.1/video.mp4'],
    ['IPv6 link-local', 'http://[fe80::1]/video.mp4'],
    ['IPv6 unique-local', 'http://[fc00::5]/video.mp4'],
    ['0.0.0.0', 'http://0.0.0.0:PORT/video.mp4'],
    ['a public-looking URL that redirects to 127.0.0.1', 'REDIRECT:http://127.0.0.1:PORT/video.mp4'],
  ]

  it.each(outputs)('refuses %s (%s)', async (name, spelling) => {
    const target = spelling.replace('PORT', String(secret.port))
    const videoUrl = target.startsWith('REDIRECT:') ? redirectTo(target.slice('REDIRECT:'.length)) : target
    const index = outputs.findIndex(([other]) => other === name)
    const prompt = `ssrf: provider output ${name}`
    // The task succeeds with a video_url of the attacker's choosing.
    dashScopeScripts.set(prompt, {
      json: {
        output: { task_id: `task-${index}`, task_status: 'SUCCEEDED', video_url: videoUrl },
        request_id: `request-${index}`,
        usage: { duration: 5, output_video_duration: 5, video_count: 1 },
      },
      kind: 'httpError',
      on: 'poll',
      status: 200,
    })
    const secretRequestsBefore = secret.requests.length
    const response = await app.request('POST', 'generated-assets/generate', { body: { model: 'alibaba/wan', prompt }, token })
    expect(response.status).toBe(202)
    const doc = await expectRefusedDownload({ id: (await response.json()).id, secretRequestsBefore })
    // Kept for diagnosis only; never served.
    expect(doc.previewUrl).toBe(videoUrl)
  })
})
