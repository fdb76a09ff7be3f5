import type { Endpoint, PayloadHandler } from 'payload'

import { notFoundError } from '../utilities/notFoundError.js'

/**
 * The answer to `HEAD` for a `GET` answer: the same status and headers, no content (RFC 9110,
 * section 9.3.2). The `GET` body (a file stream, an event stream) is cancelled unread.
 */
export const toHeadResponse = async (response: Response): Promise<Response> => {
  await response.body?.cancel().catch(() => undefined)
  return new Response(null, { headers: response.headers, status: response.status, statusText: response.statusText })
}

/**
 * `HEAD` twins of a collection's `GET` routes. Next.js hands a `HEAD` request to the route's `GET`
 * export, and Payload then looks for an endpoint of method `head`, answering 404 without one.
 * Each twin runs, at request time, the collection's `GET` endpoint of the same path as Payload
 * sanitized it (the plugin's routes and Payload's own, such as the file route `/file/:filename`),
 * and answers its status and headers without the body.
 */
export const getHeadEndpoints = ({ collectionSlug, paths }: { collectionSlug: string; paths: string[] }): Endpoint[] =>
  [...new Set(paths)].map((path) => {
    const handler: PayloadHandler = async (req) => {
      const get = req.payload.collections[collectionSlug]?.config.endpoints
      const endpoint = Array.isArray(get) ? get.find((each) => each.method === 'get' && each.path === path) : undefined
      if (!endpoint) {
        return Response.json({ errors: [{ message: notFoundError({ req }).message }] }, { status: 404 })
      }
      return toHeadResponse(await endpoint.handler(req))
    }
    return { handler, method: 'head', path }
  })
