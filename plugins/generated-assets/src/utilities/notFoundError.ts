import type { PayloadRequest } from 'payload'

import { APIError } from 'payload'

/**
 * A 404 in the request's language, with Payload's own wording (`general:notFound`: "Not Found",
 * "Nicht gefunden"…), the same for every kind of miss so that nothing about what exists leaks.
 */
export const notFoundError = ({ req }: { req: Pick<PayloadRequest, 't'> }): APIError =>
  new APIError(typeof req.t === 'function' ? req.t('general:notFound') : 'Not Found', 404, null, true)
