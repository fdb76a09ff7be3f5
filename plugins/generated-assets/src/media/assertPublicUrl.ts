import { lookup as dnsLookup } from 'node:dns/promises'
import { isIP } from 'node:net'

import type { SafeFetchLookup } from './safeFetch.js'

import { isPublicAddress } from './isPublicAddress.js'
import { parseHttpUrl } from './parseHttpUrl.js'
import { SafeFetchError } from './SafeFetchError.js'

/**
 * Checks up front that a URL is http(s) and that its host is, or resolves only to, public
 * addresses, so a request can be answered 400 at once instead of failing later in a job.
 *
 * This is a courtesy, not the guard: DNS can answer differently by the time the download runs,
 * so {@link safeFetch} checks again on the addresses it actually connects to.
 *
 * @param url the URL to check.
 * @param allowPrivateAddresses as for {@link safeFetch}. @default false
 * @param lookup as for {@link safeFetch}. @default dns.promises.lookup
 * @returns the parsed URL.
 *
 * @throws {SafeFetchError} `bad_url`, `bad_protocol`, `blocked_address`, or `network` when the host
 *   does not resolve.
 */
export const assertPublicUrl = async ({
  allowPrivateAddresses = false,
  lookup = (hostname) => dnsLookup(hostname, { all: true, verbatim: true }),
  url,
}: {
  allowPrivateAddresses?: boolean | ReadonlyArray<string>
  lookup?: SafeFetchLookup
  url: string
}): Promise<URL> => {
  const parsed = parseHttpUrl({ url })
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1')
  let addresses: string[]
  if (isIP(host)) {
    addresses = [host]
  } else {
    try {
      addresses = (await lookup(host)).map(({ address }) => address)
    } catch (error) {
      throw new SafeFetchError(`${host} does not resolve.`, { cause: error, code: 'network', url: parsed.href })
    }
  }
  const blocked = addresses.find(
    (address) =>
      allowPrivateAddresses !== true &&
      !isPublicAddress({ address }) &&
      !(Array.isArray(allowPrivateAddresses) && allowPrivateAddresses.includes(address)),
  )
  if (blocked || addresses.length === 0) {
    throw new SafeFetchError(
      blocked === host
        ? `${host} is not a public address.`
        : `${host} resolves to ${blocked ?? 'nothing'}, which is not a public address.`,
      { code: 'blocked_address', url: parsed.href },
    )
  }
  return parsed
}
