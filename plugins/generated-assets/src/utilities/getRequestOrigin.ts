import type { PayloadRequest } from 'payload'

const firstValue = (value: null | string): string | undefined => value?.split(',')[0]?.trim() || undefined

/**
 * The origin (`scheme://host[:port]`, no trailing slash) that absolute URLs are built from
 * (share URLs and every URL the API hands out):
 * 1. the config's `serverURL`, when set;
 * 2. else the request: `x-forwarded-proto` and `x-forwarded-host` (first value of each, as a
 *    proxy sets them), falling back to the `Host` header and the request URL's host and scheme.
 *
 * Returns `null` when there is neither (a job with no `serverURL`, for example).
 */
export const getRequestOrigin = ({
  req,
}: {
  req: Pick<PayloadRequest, 'headers' | 'payload'> & { url?: string }
}): null | string => {
  const serverURL = req.payload?.config?.serverURL
  if (serverURL) {
    return serverURL.replace(/\/+$/, '')
  }
  const headers = req.headers
  if (!headers || typeof headers.get !== 'function') {
    return null
  }
  let requestURL: undefined | URL
  try {
    requestURL = req.url ? new URL(req.url) : undefined
  } catch {
    requestURL = undefined
  }
  const host = firstValue(headers.get('x-forwarded-host')) ?? firstValue(headers.get('host')) ?? requestURL?.host
  if (!host) {
    return null
  }
  let protocol = firstValue(headers.get('x-forwarded-proto'))
  if (!protocol && requestURL) {
    protocol = requestURL.protocol.replace(':', '')
  }
  return `${protocol ?? 'http'}://${host}`
}
