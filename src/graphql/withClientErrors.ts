import { APIError } from 'payload'

/**
 * Wraps Payload's GraphQL route handler (`GRAPHQL_POST(config)`) so that a request it refuses
 * before running any query (a body that is not JSON: Payload throws `APIError('Invalid JSON', 400)`
 * out of the handler, which Next.js would answer 500) gets its own status and a GraphQL-shaped
 * `{ errors: [{ message }] }`. Every other error propagates unchanged.
 */
export const withClientErrors =
  <Handler extends (request: Request) => Promise<Response>>(handler: Handler) =>
  async (request: Request): Promise<Response> => {
    try {
      return await handler(request)
    } catch (error) {
      if (error instanceof APIError && error.status >= 400 && error.status < 500) {
        return Response.json({ errors: [{ message: error.message }] }, { status: error.status })
      }
      throw error
    }
  }
