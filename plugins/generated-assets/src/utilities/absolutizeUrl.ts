/**
 * Makes a URL absolute against an origin.
 *
 * - `null`/`undefined`/empty → `null`.
 * - An absolute `http(s)://` URL (an S3 or CDN URL, say) is returned unchanged.
 * - A path (`/api/…` or `api/…`) is joined to `origin` (`https://example.com`, trailing slash
 *   allowed). Without an origin the path is returned as it is.
 */
export const absolutizeUrl = (url: null | string | undefined, origin: null | string | undefined): null | string => {
  if (!url) {
    return null
  }
  if (/^https?:\/\//i.test(url)) {
    return url
  }
  if (!origin) {
    return url
  }
  const normalizedOrigin = origin.replace(/\/+$/, '')
  const normalizedPath = url.startsWith('/') ? url : `/${url}`
  return `${normalizedOrigin}${normalizedPath}`
}
