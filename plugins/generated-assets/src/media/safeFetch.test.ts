import type { AddressInfo } from 'node:net'
import type { Readable } from 'node:stream'

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { createServer as createTcpServer } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { SafeFetchLookup } from './safeFetch.js'

import { assertPublicUrl, safeFetch, SafeFetchError } from './safeFetch.js'

/** Fake servers: `local` on 127.0.0.1 (what an attacker wants to reach), `relay` on 127.0.0.2 (a "public" host). */
type Fake = { port: number; requests: string[]; server: Server }

const MB = 1024 * 1024

const handle = (request: IncomingMessage, response: ServerResponse) => {
  const url = new URL(request.url ?? '/', 'http://fake')
  switch (url.pathname) {
    case '/ok':
      response.writeHead(200, { 'content-length': '5', 'content-type': 'image/png' }).end('hello')
      return
    case '/headers':
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(request.headers))
      return
    case '/redirect':
      response.writeHead(Number(url.searchParams.get('status') ?? 302), { location: url.searchParams.get('to')! }).end()
      return
    case '/hops': {
      // /hops?n=3 redirects three times (relative Location), then answers 200.
      const left = Number(url.searchParams.get('n'))
      if (left > 0) {
        response.writeHead(302, { location: `/hops?n=${left - 1}` }).end()
      } else {
        response.writeHead(200).end('arrived')
      }
      return
    }
    case '/declared-large':
      response.writeHead(200, { 'content-length': String(2 * MB) })
      response.end(Buffer.alloc(2 * MB))
      return
    case '/chunked-large': {
      // No Content-Length: only counting the bytes can stop this.
      response.writeHead(200, { 'content-type': 'application/octet-stream' })
      let sent = 0
      const push = () => {
        while (sent < 8 * MB) {
          sent += 64 * 1024
          if (!response.write(Buffer.alloc(64 * 1024))) {
            response.once('drain', push)
            return
          }
        }
        response.end()
      }
      response.on('close', () => {
        ;(response as ServerResponse & { sent?: number }).sent = sent
        chunkedSent = sent
      })
      push()
      return
    }
    case '/status':
      response.writeHead(Number(url.searchParams.get('code'))).end('nope')
      return
    case '/hang':
      return
    default:
      response.writeHead(404).end()
  }
}

let chunkedSent = 0

const startFake = async (host: string): Promise<Fake> => {
  const requests: string[] = []
  const server = createServer((request, response) => {
    requests.push(`${request.headers.host}${request.url}`)
    handle(request, response)
  })
  await new Promise<void>((resolve) => server.listen(0, host, resolve))
  return { port: (server.address() as AddressInfo).port, requests, server }
}

const read = async (body: Readable): Promise<Buffer> => {
  const chunks: Buffer[] = []
  for await (const chunk of body) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

const rejection = async (promise: Promise<unknown>): Promise<SafeFetchError> => {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  )
  expect(SafeFetchError.isInstance(error), `expected a SafeFetchError, got ${String(error)}`).toBe(true)
  return error as SafeFetchError
}

const resolvesTo =
  (...addresses: string[]): SafeFetchLookup =>
  async () =>
    addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }))

let local: Fake
let relay: Fake
// An allowed fake "public" host: only the relay's own address is let through.
const viaRelay = { allowPrivateAddresses: ['127.0.0.2'] }

beforeAll(async () => {
  ;[local, relay] = await Promise.all([startFake('127.0.0.1'), startFake('127.0.0.2')])
})

afterAll(async () => {
  for (const fake of [local, relay]) {
    fake.server.closeAllConnections()
    await new Promise((resolve) => fake.server.close(resolve))
  }
})

describe('safeFetch: addresses', () => {
  it.each([
    ['decimal', '2130706433'],
    ['octal', '0177.0.0.1'],
    ['hex', '0x7f.0.0.1'],
    ['single hex number', '0x7f000001'],
    ['single octal number', '017700000001'],
    ['short', '127.1'],
    ['dotted', '127.0.0.1'],
    ['percent-encoded', '%31%32%37.0.0.1'],
    ['zero', '0'],
    ['unspecified', '0.0.0.0'],
    ['IPv6 loopback', '[::1]'],
    ['IPv6 unspecified', '[::]'],
    ['IPv4-mapped, dotted', '[::ffff:127.0.0.1]'],
    ['IPv4-mapped, hex', '[::ffff:7f00:1]'],
    ['IPv4-mapped, long form', '[0:0:0:0:0:ffff:127.0.0.1]'],
    ['NAT64', '[64:ff9b::127.0.0.1]'],
    ['localhost (resolved by DNS at connect time)', 'localhost'],
  ])('refuses loopback spelled %s (%s) and never reaches the server', async (_name, host) => {
    const before = local.requests.length
    const error = await rejection(safeFetch({ maxBytes: MB, url: `http://${host}:${local.port}/ok` }))
    expect(error.code).toBe('blocked_address')
    expect(error.isRetryable).toBe(false)
    expect(local.requests.length).toBe(before)
  })

  it.each([
    'http://10.0.0.1/',
    'http://192.168.0.1/',
    'http://172.16.0.1/',
    'http://169.254.169.254/latest/meta-data/',
    'http://100.64.0.1/',
    'http://224.0.0.1/',
    'http://255.255.255.255/',
    'http://[fd00::1]/',
    'http://[fe80::1]/',
    'http://[2002:7f00:1::]/',
    'https://[::ffff:169.254.169.254]/',
  ])('refuses the private address in %s', async (url) => {
    expect((await rejection(safeFetch({ maxBytes: MB, url }))).code).toBe('blocked_address')
  })

  it('reaches 127.0.0.1 only with allowPrivateAddresses (the test escape hatch)', async () => {
    const response = await safeFetch({
      allowPrivateAddresses: true,
      maxBytes: MB,
      url: `http://127.0.0.1:${local.port}/ok`,
    })
    expect(response.status).toBe(200)
    expect(response.headers['content-type']).toBe('image/png')
    expect(response.contentLength).toBe(5)
    expect((await read(response.body)).toString()).toBe('hello')
  })

  it('checks a host name at connect time, on the addresses the socket would use', async () => {
    let lookups = 0
    const lookup: SafeFetchLookup = async () => {
      lookups++
      return [{ address: '127.0.0.1', family: 4 }]
    }
    const before = local.requests.length
    const error = await rejection(safeFetch({ lookup, maxBytes: MB, url: `http://files.example:${local.port}/ok` }))
    expect(error.code).toBe('blocked_address')
    expect(error.message).toContain('files.example resolves to 127.0.0.1')
    expect(lookups).toBe(1)
    expect(local.requests.length).toBe(before)
  })

  it('refuses a host when any of its addresses is private', async () => {
    const lookup = resolvesTo('93.184.216.34', '10.0.0.7')
    expect((await rejection(safeFetch({ lookup, maxBytes: MB, url: 'http://mixed.example/' }))).code).toBe(
      'blocked_address',
    )
  })

  it('refuses a host that passed the up-front check and then rebinds to loopback (DNS rebinding)', async () => {
    let lookups = 0
    const lookup: SafeFetchLookup = async () => [
      { address: lookups++ === 0 ? '93.184.216.34' : '127.0.0.1', family: 4 },
    ]
    const url = `http://rebind.example:${local.port}/ok`
    await expect(assertPublicUrl({ lookup, url })).resolves.toBeInstanceOf(URL)
    expect((await rejection(safeFetch({ lookup, maxBytes: MB, url }))).code).toBe('blocked_address')
  })

  it('connects to the address its lookup answered, when that address is allowed', async () => {
    const response = await safeFetch({
      ...viaRelay,
      lookup: resolvesTo('127.0.0.2'),
      maxBytes: MB,
      url: `http://cdn.example:${relay.port}/ok`,
    })
    expect((await read(response.body)).toString()).toBe('hello')
    expect(relay.requests.at(-1)).toBe(`cdn.example:${relay.port}/ok`)
  })
})

describe('safeFetch: redirects', () => {
  const redirect = (to: string, status = 302) =>
    `http://127.0.0.2:${relay.port}/redirect?status=${status}&to=${encodeURIComponent(to)}`

  it.each([
    ['127.0.0.1', () => `http://127.0.0.1:${local.port}/ok`],
    ['localhost', () => `http://localhost:${local.port}/ok`],
    ['decimal 2130706433', () => `http://2130706433:${local.port}/ok`],
    ['[::ffff:127.0.0.1]', () => `http://[::ffff:127.0.0.1]:${local.port}/ok`],
    ['cloud metadata', () => 'http://169.254.169.254/latest/meta-data/'],
  ])('refuses a redirect from an allowed host to %s', async (_name, target) => {
    const before = local.requests.length
    const error = await rejection(safeFetch({ ...viaRelay, maxBytes: MB, url: redirect(target()) }))
    expect(error.code).toBe('blocked_address')
    expect(local.requests.length).toBe(before)
  })

  it('refuses a redirect to a name that resolves to a private address', async () => {
    const lookup: SafeFetchLookup = async (hostname) => [
      { address: hostname === 'internal.example' ? '10.1.2.3' : '127.0.0.2', family: 4 },
    ]
    const error = await rejection(
      safeFetch({ ...viaRelay, lookup, maxBytes: MB, url: redirect(`http://internal.example:${relay.port}/ok`, 307) }),
    )
    expect(error.code).toBe('blocked_address')
    expect(error.url).toBe(`http://internal.example:${relay.port}/ok`)
  })

  it('refuses a redirect to another protocol', async () => {
    expect((await rejection(safeFetch({ ...viaRelay, maxBytes: MB, url: redirect('file:///etc/passwd') }))).code).toBe(
      'bad_protocol',
    )
  })

  it('follows up to 5 redirects and gives up after that', async () => {
    const response = await safeFetch({ ...viaRelay, maxBytes: MB, url: `http://127.0.0.2:${relay.port}/hops?n=5` })
    expect((await read(response.body)).toString()).toBe('arrived')
    expect(response.url).toBe(`http://127.0.0.2:${relay.port}/hops?n=0`)
    const error = await rejection(
      safeFetch({ ...viaRelay, maxBytes: MB, url: `http://127.0.0.2:${relay.port}/hops?n=6` }),
    )
    expect(error.code).toBe('too_many_redirects')
  })

  it('keeps credentials on the same origin and drops them when a redirect leaves it', async () => {
    const lookup = resolvesTo('127.0.0.2')
    const headers = { authorization: 'Bearer secret', 'x-trace': 'kept' }
    const same = await safeFetch({
      ...viaRelay,
      headers,
      lookup,
      maxBytes: MB,
      url: redirect(`http://127.0.0.2:${relay.port}/headers`),
    })
    expect(JSON.parse((await read(same.body)).toString())).toMatchObject({ authorization: 'Bearer secret' })
    const other = await safeFetch({
      ...viaRelay,
      headers,
      lookup,
      maxBytes: MB,
      url: redirect(`http://other.example:${relay.port}/headers`),
    })
    const received = JSON.parse((await read(other.body)).toString())
    expect(received.authorization).toBeUndefined()
    expect(received['x-trace']).toBe('kept')
  })
})

describe('safeFetch: limits and failures', () => {
  const at = (path: string) => `http://127.0.0.2:${relay.port}${path}`

  it('refuses a Content-Length over maxBytes before reading the body', async () => {
    const error = await rejection(safeFetch({ ...viaRelay, maxBytes: MB, url: at('/declared-large') }))
    expect(error.code).toBe('too_large')
  })

  it('stops a body without Content-Length as soon as it passes maxBytes', async () => {
    const response = await safeFetch({ ...viaRelay, maxBytes: MB, url: at('/chunked-large') })
    expect(response.contentLength).toBeUndefined()
    let received = 0
    const error = await rejection(
      (async () => {
        for await (const chunk of response.body) received += (chunk as Buffer).byteLength
      })(),
    )
    expect(error.code).toBe('too_large')
    expect(received).toBeLessThanOrEqual(MB)
    // The connection was cut: the server could not push its 8 MB.
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(chunkedSent).toBeLessThan(8 * MB)
  })

  it('never delivers more than Content-Length, whatever the server writes after it', async () => {
    // A raw server that declares 5 bytes and writes 5000: the extra bytes are not part of the body.
    const liar = createTcpServer((socket) => {
      socket.once('data', () => {
        socket.end(`HTTP/1.1 200 OK\r\ncontent-length: 5\r\nconnection: close\r\n\r\n${'x'.repeat(5000)}`)
      })
    })
    await new Promise<void>((resolve) => liar.listen(0, '127.0.0.2', resolve))
    try {
      const url = `http://127.0.0.2:${(liar.address() as AddressInfo).port}/`
      const response = await safeFetch({ ...viaRelay, maxBytes: 100, url })
      expect(response.contentLength).toBe(5)
      expect((await read(response.body)).byteLength).toBe(5)
    } finally {
      liar.close()
    }
  })

  it.each([
    [404, false],
    [403, false],
    [410, false],
    [429, true],
    [503, true],
  ])('turns HTTP %i into http_status (retryable: %s)', async (status, isRetryable) => {
    const error = await rejection(safeFetch({ ...viaRelay, maxBytes: MB, url: at(`/status?code=${status}`) }))
    expect(error).toMatchObject({ code: 'http_status', isRetryable, status })
  })

  it('gives up after timeoutMs', async () => {
    const error = await rejection(safeFetch({ ...viaRelay, maxBytes: MB, timeoutMs: 200, url: at('/hang') }))
    expect(error).toMatchObject({ code: 'timeout', isRetryable: true })
  })

  it("rejects with the caller's abort reason", async () => {
    const controller = new AbortController()
    setTimeout(() => controller.abort(new Error('stop')), 50)
    await expect(safeFetch({ ...viaRelay, maxBytes: MB, signal: controller.signal, url: at('/hang') })).rejects.toThrow(
      'stop',
    )
  })

  it('wraps connection failures as network errors that keep the cause', async () => {
    const closed = createTcpServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.2', resolve))
    const port = (closed.address() as AddressInfo).port
    await new Promise((resolve) => closed.close(resolve))
    const error = await rejection(safeFetch({ ...viaRelay, maxBytes: MB, url: `http://127.0.0.2:${port}/` }))
    expect(error).toMatchObject({ code: 'network', isRetryable: true })
    expect((error.cause as { code?: string }).code).toBe('ECONNREFUSED')
  })

  it.each([
    ['bad_url', 'not a url'],
    ['bad_url', 'http://'],
    ['bad_protocol', 'file:///etc/passwd'],
    ['bad_protocol', 'ftp://example.com/a.png'],
    ['bad_protocol', 'data:image/png;base64,AAAA'],
    ['bad_protocol', 'javascript:alert(1)'],
  ])('refuses with %s: %s', async (code, url) => {
    expect((await rejection(safeFetch({ maxBytes: MB, url }))).code).toBe(code)
  })
})

describe('assertPublicUrl', () => {
  it('accepts a host that resolves only to public addresses', async () => {
    const url = await assertPublicUrl({ lookup: resolvesTo('93.184.216.34'), url: 'https://cdn.example/a.png' })
    expect(url.href).toBe('https://cdn.example/a.png')
  })

  it.each(['http://127.1/', 'http://[::1]/', 'http://localhost/', 'ftp://example.com/'])('refuses %s', async (url) => {
    await rejection(assertPublicUrl({ url }))
  })
})
