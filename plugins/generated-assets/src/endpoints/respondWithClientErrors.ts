import type { PayloadHandler } from 'payload'

import { APIError, headersWithCors } from 'payload'

import { GenerationLimitError } from '../limits/GenerationLimitError.js'

/**
 * Wraps an endpoint handler so that an `APIError` with a 4xx status, thrown for bad input, is
 * answered as Payload answers errors (`{ errors: [{ message }] }`, CORS headers included)
 * without being logged as a server error; a {@link GenerationLimitError} (429) also gets its
 * `Retry-After` header (seconds). Everything else propagates to Payload's error handling.
 */
export const respondWithClientErrors =
  (handler: PayloadHandler): PayloadHandler =>
  async (req) => {
    try {
      return await handler(req)
    } catch (error) {
      if (error instanceof APIError && error.status >= 400 && error.status < 500) {
        const headers = headersWithCors({ headers: new Headers(), req })
        if (GenerationLimitError.isInstance(error)) headers.set('Retry-After', String(error.retryAfter))
        return Response.json({ errors: [{ message: error.message }] }, { headers, status: error.status })
      }
      throw error
    }
  }
