/**
 * HEAD and conditional GET of the plugin's GET routes over real HTTP, for one storage (the test
 * files httpCaching.test.ts and httpCachingLocalDisk.test.ts): HEAD answers what GET answers
 * without the body; the gallery JSON, the share page and JSON and the share file routes carry an
 * ETag and answer 304 to a matching If-None-Match; shared files may be cached by a CDN for 60 s
 * at most; a revoked link is never answered 304.
 */
import type { Payload, SanitizedConfig } from 'payload'

import { REST_GET } from '@payloadcms/next/routes'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { buildConfig, getPayload } from 'payload'
import { generatedAssetsPlugin, runWorker } from 'payload-plugin-generated-assets'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { Users } from '../../collections/Users'
import { createDatabaseAdapter } from '../../payload.config'
import { type HttpServer, startHttpServer } from './httpServer'

const SLUG = 'generated-assets'

/** The host app without a storage adapter: files under `generated-assets/` of the working directory. */
export const localDiskConfig = () =>
  buildConfig({
    admin: { avatar: 'default', user: Users.slug },
    collections: [Users],
    db: createDatabaseAdapter(),
    plugins: [generatedAssetsPlugin()],
    secret: process.env.PAYLOAD_SECRET!,
    sharp,
    typescript: { outputFile: path.resolve(tmpdir(), 'unused-payload-types.ts') },
  })

/** Headers of an answer, without those that differ from one request to the next. */
const stableHeaders = (response: Response) =>
  Object.fromEntries(
    [...response.headers].filter(
      // The date, the connection's, and the framing of the body (RFC 9110, section 9.3.2 lets HEAD omit its length).
      ([name]) => !['connection', 'content-length', 'date', 'keep-alive', 'transfer-encoding'].includes(name),
    ),
  )

/** Waits out the last seconds of a signing window (a minute), so two requests get the same signed URL. */
const awayFromWindowEdge = async () => {
  const left = 60_000 - (Date.now() % 60_000)
  if (left < 8_000) await new Promise((resolve) => setTimeout(resolve, left + 500))
}

/**
 * The suite, for one host config. Payload's route handlers share one Payload instance per process
 * (`getPayload`'s default key), so each storage runs in a test file of its own.
 */
export const describeHttpCaching = ({
  config: makeConfig,
  name,
  redirects,
}: {
  config: () => Promise<SanitizedConfig>
  name: string
  /** Whether share files are answered with redirects to signed URLs (storage-s3 with the plugin's bucket). */
  redirects: boolean
}) =>
  describe(`HTTP caching with files on ${name}`, () => {
    let config: SanitizedConfig
    let payload: Payload
    let server: HttpServer
    let stopWorker: () => Promise<void>
    let token: string
    let asset: Record<string, any>
    let sharePath: string
    const cwd = process.cwd()
    const directory = mkdtempSync(path.join(tmpdir(), 'http-caching-'))

    const http = (pathname: string, init: { headers?: Record<string, string>; method?: string; user?: boolean } = {}) =>
      fetch(`${server.origin}${pathname}`, {
        headers: { ...(init.user ? { Authorization: `JWT ${token}` } : {}), ...init.headers },
        method: init.method ?? 'GET',
        redirect: 'manual',
      })

    beforeAll(async () => {
      // Local disk writes relative to the working directory: a throw-away one.
      process.chdir(directory)
      config = await makeConfig()
      payload = await getPayload({ config })
      server = await startHttpServer(config)
      const controller = new AbortController()
      const worker = runWorker({ payload, pollInterval: 0.2, signal: controller.signal })
      stopWorker = async () => {
        controller.abort()
        await worker
      }
      const email = `http-caching-${Date.now()}@example.com`
      await payload.create({ collection: 'users', data: { email, password: 'correct horse battery staple' } })
      const login = await fetch(`${server.origin}/api/users/login`, {
        body: JSON.stringify({ email, password: 'correct horse battery staple' }),
        headers: { 'Content-Type': 'application/json' },
        method: 'POST',
      })
      token = (await login.json()).token
      const generated = await fetch(`${server.origin}/api/${SLUG}/generate`, {
        body: JSON.stringify({ params: { size: '96x64' }, prompt: `http caching on ${name}` }),
        headers: { Authorization: `JWT ${token}`, 'Content-Type': 'application/json' },
        method: 'POST',
      })
      expect(generated.status).toBe(202)
      const { id } = await generated.json()
      for (const deadline = Date.now() + 60_000; Date.now() < deadline;) {
        asset = await payload.findByID({ collection: SLUG, depth: 0, id, overrideAccess: true })
        if (asset.status === 'ready' || asset.status === 'failed') break
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
      expect(asset.status).toBe('ready')
      const shared = await http(`/api/${SLUG}/${id}/share`, { method: 'POST', user: true })
      sharePath = new URL((await shared.json()).shareUrl).pathname
    }, 120_000)

    afterAll(async () => {
      await stopWorker?.()
      await server?.close()
      await payload?.destroy()
      process.chdir(cwd)
      rmSync(directory, { force: true, recursive: true })
    })

    const fileRoute = () => {
      const url = new URL(asset.url, server.origin)
      return `${url.pathname}${url.search}`
    }

    const routes = (): { headers: Record<string, string>; name: string; path: string; user: boolean }[] => [
      { headers: {}, name: 'gallery JSON', path: `/api/${SLUG}/gallery`, user: true },
      { headers: { Accept: 'text/html' }, name: 'share page', path: sharePath, user: false },
      { headers: { Accept: 'application/json' }, name: 'share JSON', path: sharePath, user: false },
      { headers: {}, name: 'share file', path: `${sharePath}/file`, user: false },
      { headers: {}, name: 'share thumbnail', path: `${sharePath}/thumbnail`, user: false },
      { headers: {}, name: 'share download', path: `${sharePath}/file?download=1`, user: false },
      { headers: {}, name: "Payload's file route", path: fileRoute(), user: true },
      { headers: {}, name: 'ZIP download', path: `/api/${SLUG}/download-zip?ids=${asset.id}`, user: true },
    ]

    it('HEAD answers each GET route with the same status and headers, and no body', async () => {
      await awayFromWindowEdge()
      for (const route of routes()) {
        const get = await http(route.path, { headers: route.headers, user: route.user })
        await get.arrayBuffer()
        const head = await http(route.path, { headers: route.headers, method: 'HEAD', user: route.user })
        expect([route.name, head.status]).toEqual([route.name, get.status])
        expect(get.status).toBeLessThan(400)
        expect([route.name, stableHeaders(head)]).toEqual([route.name, stableHeaders(get)])
        expect((await head.arrayBuffer()).byteLength).toBe(0)
      }
      // The handler itself sends nothing to HEAD (a server that does not strip bodies sends none).
      const handler = REST_GET(config)
      const url = new URL(`${server.origin}${sharePath}/file`)
      const direct = await handler(new Request(url, { method: 'HEAD' }), {
        params: Promise.resolve({ slug: url.pathname.replace(/^\/api\//, '').split('/') }),
      })
      expect(direct.status).toBe(redirects ? 302 : 200)
      expect(direct.body).toBeNull()
      // The event stream: its headers, and the stream is closed at once.
      const events = await http(`/api/${SLUG}/events`, { method: 'HEAD', user: true })
      expect([events.status, events.headers.get('content-type')]).toEqual([
        200,
        expect.stringMatching(/^text\/event-stream/),
      ])
      // HEAD is refused where GET is.
      expect((await http(`/api/${SLUG}/gallery`, { method: 'HEAD' })).status).toBe(401)
      expect((await http(`/api/${SLUG}/share/not-a-token/file`, { method: 'HEAD' })).status).toBe(404)
    })

    it('the gallery, the share page and JSON and the share files answer 304 to their ETag', async () => {
      await awayFromWindowEdge()
      for (const route of routes().filter(({ name }) => !["Payload's file route", 'ZIP download'].includes(name))) {
        const first = await http(route.path, { headers: route.headers, user: route.user })
        await first.arrayBuffer()
        const etag = first.headers.get('etag')
        expect([route.name, etag]).toEqual([route.name, expect.stringMatching(/^(W\/)?"[^"]+"$/)])
        for (const method of ['GET', 'HEAD']) {
          const again = await http(route.path, {
            headers: { ...route.headers, 'If-None-Match': etag! },
            method,
            user: route.user,
          })
          expect([route.name, method, again.status]).toEqual([route.name, method, 304])
          expect(again.headers.get('etag')).toBe(etag)
          expect((await again.arrayBuffer()).byteLength).toBe(0)
        }
        const other = await http(route.path, {
          headers: { ...route.headers, 'If-None-Match': '"something-else"' },
          user: route.user,
        })
        expect([route.name, other.status]).toEqual([route.name, first.status])
        await other.arrayBuffer()
      }
    })

    it('a change gives the gallery a new ETag', async () => {
      const before = await http(`/api/${SLUG}/gallery`, { user: true })
      await before.arrayBuffer()
      await payload.update({ collection: SLUG, data: { starred: !asset.starred }, id: asset.id, overrideAccess: true })
      const after = await http(`/api/${SLUG}/gallery`, {
        headers: { 'If-None-Match': before.headers.get('etag')! },
        user: true,
      })
      expect(after.status).toBe(200)
      expect(after.headers.get('etag')).not.toBe(before.headers.get('etag'))
      expect(after.headers.get('vary')).toMatch(/Authorization/)
      expect(after.headers.get('vary')).toMatch(/Cookie/)
      expect(after.headers.get('cache-control')).toMatch(/private/)
    })

    it('every change a page shows gives the gallery a new ETag, and only a change does', async () => {
      const tagOf = async (path = `/api/${SLUG}/gallery`) => {
        const response = await http(path, { user: true })
        const body = await response.json()
        return { body, etag: response.headers.get('etag')!, status: response.status }
      }
      const revalidate = async (etag: string) =>
        (await http(`/api/${SLUG}/gallery`, { headers: { 'If-None-Match': etag }, user: true })).status
      const tags = [(await tagOf()).etag]
      expect(await revalidate(tags[0]!)).toBe(304)
      const extra = await payload.create({
        collection: SLUG,
        data: { createdBy: asset.createdBy, model: 'local/image', prompt: 'an extra asset for the ETag', status: 'failed' } as never,
        overrideAccess: true,
      })
      const changes: [string, () => Promise<unknown>][] = [
        ['trashed', () => payload.update({ collection: SLUG, data: { deletedAt: new Date().toISOString() }, id: extra.id, overrideAccess: true })],
        ['restored', () => payload.update({ collection: SLUG, data: { deletedAt: null }, id: extra.id, overrideAccess: true, trash: true })],
        ['deleted', () => payload.delete({ collection: SLUG, id: extra.id, overrideAccess: true })],
      ]
      tags.push((await tagOf()).etag)
      for (const [name, change] of changes) {
        await change()
        const { body, etag } = await tagOf()
        // Trashed or deleted, the extra asset leaves the page as it was before it: the same tag.
        expect([name, etag === tags[0], tags.includes(etag)]).toEqual([name, name !== 'restored', name !== 'restored'])
        expect([name, body.items.some((item: { id: unknown }) => item.id === extra.id)]).toEqual([name, name === 'restored'])
        tags.push(etag)
      }
      expect(tags[1]).not.toBe(tags[0])
      expect(await revalidate(tags[0]!)).toBe(304)
      // Another filter is another page.
      expect((await tagOf(`/api/${SLUG}/gallery?status=failed`)).etag).not.toBe(tags[0])
    })

    it('shared files may be cached by a CDN, for 60 s at most', async () => {
      for (const part of ['file', 'thumbnail']) {
        const response = await http(`${sharePath}/${part}`)
        await response.arrayBuffer()
        expect(response.status).toBe(redirects ? 302 : 200)
        const cacheControl = response.headers.get('cache-control')!
        expect(cacheControl).toMatch(/\bpublic\b/)
        const ages = [...cacheControl.matchAll(/\b(?:max-age|s-maxage)=(\d+)/g)].map((match) => Number(match[1]))
        expect(ages).toHaveLength(2)
        for (const age of ages) expect(age).toBeLessThanOrEqual(60)
        if (redirects) {
          // The redirect is followed to the stored bytes.
          const signed = await fetch(response.headers.get('location')!)
          expect(signed.status).toBe(200)
          expect((await signed.arrayBuffer()).byteLength).toBeGreaterThan(0)
        }
      }
    })

    it('a revoked link answers 404, even to a request with its old ETag', async () => {
      const etags = []
      for (const suffix of ['', '/file', '/thumbnail']) {
        const response = await http(`${sharePath}${suffix}`, {
          headers: suffix ? {} : { Accept: 'application/json' },
        } as { headers: Record<string, string> })
        await response.arrayBuffer()
        etags.push([suffix, response.headers.get('etag')!] as const)
      }
      const revoked = await http(`/api/${SLUG}/${asset.id}/share`, { method: 'DELETE', user: true })
      expect(revoked.status).toBe(200)
      for (const [suffix, etag] of etags) {
        for (const method of ['GET', 'HEAD']) {
          const response = await http(`${sharePath}${suffix}`, {
            headers: { ...(suffix ? {} : { Accept: 'application/json' }), 'If-None-Match': etag } as Record<
              string,
              string
            >,
            method,
          })
          expect([suffix, method, response.status]).toEqual([suffix, method, 404])
        }
      }
    })
  })
