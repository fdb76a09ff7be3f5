import type { Endpoint } from 'payload'

import { getTranslate } from '../translations/getTranslate.js'

/**
 * The route of one of the plugin's endpoints while the plugin is `disabled`: same method and path,
 * and every request answers **404** `{ errors: [{ message }] }` without reading anything. Without
 * it, Payload would route `GET /api/generated-assets/gallery` to its own find-by-ID and fail on the
 * non-numeric ID with a 500.
 */
export const getDisabledEndpoint = (endpoint: Endpoint): Endpoint => ({
  handler: (req) =>
    Response.json({ errors: [{ message: getTranslate({ req }).t('generatedAssets:errorDisabled') }] }, { status: 404 }),
  method: endpoint.method,
  path: endpoint.path,
})
