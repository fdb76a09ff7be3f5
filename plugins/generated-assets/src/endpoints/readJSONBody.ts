import type { PayloadRequest } from 'payload'

import { APIError } from 'payload'

/**
 * Reads a request's JSON body.
 *
 * @throws {APIError} 400 when the body is missing or is not valid JSON.
 */
export const readJSONBody = async ({ req }: { req: PayloadRequest }): Promise<unknown> => {
  let text: string
  try {
    text = req.text ? await req.text() : ''
  } catch {
    throw new APIError('The request body could not be read.', 400, null, true)
  }
  if (!text.trim()) {
    throw new APIError('The request body must be JSON, e.g. {"prompt": "a red fox"}.', 400, null, true)
  }
  try {
    return JSON.parse(text)
  } catch (error) {
    throw new APIError(`The request body is not valid JSON: ${(error as Error).message}`, 400, null, true)
  }
}
