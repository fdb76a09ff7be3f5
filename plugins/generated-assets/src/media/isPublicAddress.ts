import ipaddr from 'ipaddr.js'

const isPublicIPv4 = (address: ipaddr.IPv4): boolean => address.range() === 'unicast'

const ipv4FromBytes = (bytes: number[]): ipaddr.IPv4 => new ipaddr.IPv4(bytes)

const isPublicIPv6 = (address: ipaddr.IPv6): boolean => {
  const bytes = address.toByteArray()
  switch (address.range()) {
    // These reach an IPv4 host through translation or tunnelling, so the IPv4 address inside decides.
    case 'ipv4Mapped':
    case 'rfc6052':
    case 'rfc6145':
      return isPublicIPv4(ipv4FromBytes(bytes.slice(12, 16)))
    case '6to4':
      return isPublicIPv4(ipv4FromBytes(bytes.slice(2, 6)))
    case 'teredo':
      // Bytes 4–7 are the Teredo server, bytes 12–15 the client with every bit inverted.
      return (
        isPublicIPv4(ipv4FromBytes(bytes.slice(4, 8))) &&
        isPublicIPv4(ipv4FromBytes(bytes.slice(12, 16).map((byte) => byte ^ 0xff)))
      )
    case 'unicast':
      // ipaddr.js calls anything it has no name for "unicast", including the deprecated
      // IPv4-compatible ::a.b.c.d; only 2000::/3 is globally routed unicast.
      return (bytes[0]! & 0xe0) === 0x20
    default:
      return false
  }
}

/**
 * Whether an IP address is public unicast, i.e. safe for the server to connect to on a user's or
 * provider's behalf. `address` is an IPv4 or IPv6 address in any form `ipaddr.js` parses (IPv6
 * without brackets). Refused: loopback, private (RFC 1918), link-local, unique-local, carrier-grade
 * NAT, unspecified, broadcast, multicast, documentation and other reserved ranges, and IPv6
 * addresses that embed a refused IPv4 address (IPv4-mapped, NAT64, 6to4, Teredo). Anything that
 * does not parse is refused.
 */
export const isPublicAddress = ({ address }: { address: string }): boolean => {
  if (!ipaddr.isValid(address)) {
    return false
  }
  const parsed = ipaddr.parse(address)
  return parsed.kind() === 'ipv4' ? isPublicIPv4(parsed as ipaddr.IPv4) : isPublicIPv6(parsed as ipaddr.IPv6)
}
