/**
 * A real HTTP server on 127.0.0.1 around Payload's Next.js route handlers (REST and GraphQL), for
 * clients that speak HTTP themselves (fetch, graphql-request, codegen's introspection). `HEAD`
 * goes to the `GET` handler, as Next.js does for a route that exports no `HEAD`.
 */
import type { SanitizedConfig } from 'payload'

import { GRAPHQL_POST, REST_DELETE, REST_GET, REST_PATCH, REST_POST } from '@payloadcms/next/routes'
import { createServer } from 'node:http'
import { Readable } from 'node:stream'

export type HttpServer = { close: () => Promise<void>; origin: string }

export const startHttpServer = async (config: Promise<SanitizedConfig> | SanitizedConfig): Promise<HttpServer> => {
  const rest: Record<string, ReturnType<typeof REST_GET>> = {
    DELETE: REST_DELETE(config),
    GET: REST_GET(config),
    HEAD: REST_GET(config),
    PATCH: REST_PATCH(config),
    POST: REST_POST(config),
  }
  const graphql = GRAPHQL_POST(config)
  const server = createServer(async (incoming, outgoing) => {
    try {
      const url = new URL(incoming.url ?? '/', `http://${incoming.headers.host}`)
      const headers = new Headers()
      for (const [name, value] of Object.entries(incoming.headers)) {
        if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value)
      }
      const hasBody = !['GET', 'HEAD'].includes(incoming.method ?? 'GET')
      const request = new Request(url, {
        body: hasBody ? (Readable.toWeb(incoming) as ReadableStream) : undefined,
        duplex: 'half',
        headers,
        method: incoming.method,
      } as RequestInit)
      const slug = url.pathname.replace(/^\/api\//, '').split('/')
      const response =
        url.pathname === '/api/graphql' && incoming.method === 'POST'
          ? await graphql(request)
          : await rest[incoming.method ?? 'GET']!(request, { params: Promise.resolve({ slug }) })
      outgoing.statusCode = response.status
      response.headers.forEach((value, name) => outgoing.appendHeader(name, value))
      if (response.body && incoming.method !== 'HEAD') {
        Readable.fromWeb(response.body as never).pipe(outgoing)
      } else {
        await response.body?.cancel()
        outgoing.end()
      }
    } catch (error) {
      outgoing.statusCode = 500
      outgoing.end(String(error))
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address() as { port: number }
  return {
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
    origin: `http://127.0.0.1:${address.port}`,
  }
}
