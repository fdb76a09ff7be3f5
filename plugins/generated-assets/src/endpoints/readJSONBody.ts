import type { PayloadRequest } from 'payload'

import { APIError } from 'payload'

import { getTranslate } from '../translations/getTranslate.js'

/**
 * Reads a request's JSON body.
 *
 * @throws {APIError} 400 when the body is missing or is not valid JSON (in the request's language).
 */
export const readJSONBody = async ({ req }: { req: PayloadRequest }): Promise<unknown> => {
  const { t } = getTranslate({ req })
  let text: string
  try {
    text = req.text ? await req.text() : ''
  } catch {
    throw new APIError(t('generatedAssets:errorBodyUnreadable'), 400, null, true)
  }
  if (!text.trim()) {
    throw new APIError(t('generatedAssets:errorBodyMustBeJSON'), 400, null, true)
  }
  try {
    return JSON.parse(text)
  } catch (error) {
    throw new APIError(t('generatedAssets:errorBodyInvalidJSON', { error: (error as Error).message }), 400, null, true)
  }
}
