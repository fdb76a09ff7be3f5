import { SafeFetchError } from './SafeFetchError.js'

/**
 * Parses a URL the way `fetch` does (WHATWG), which also normalises every spelling of an IPv4
 * address (`2130706433`, `0x7f.1`, `0177.0.0.1`, `127.1` all become `127.0.0.1`) and of an IPv6
 * address (`[::ffff:127.0.0.1]` becomes `[::ffff:7f00:1]`), so later checks see one form.
 *
 * @throws {SafeFetchError} `bad_url` when it does not parse, `bad_protocol` when it is not http or https.
 */
export const parseHttpUrl = ({ url }: { url: string }): URL => {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch (error) {
    throw new SafeFetchError(`Not a valid URL: ${url}`, { cause: error, code: 'bad_url', url })
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new SafeFetchError(`Only http and https URLs are fetched, not ${parsed.protocol} (${parsed.href}).`, {
      code: 'bad_protocol',
      url: parsed.href,
    })
  }
  return parsed
}
