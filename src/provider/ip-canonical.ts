// Variant normalised-addresses: IPv6 addresses in their canonical text form (RFC 5952: lower case,
// no leading zeros, the longest run of zero groups compressed), an optional /prefix kept.
import type { ApplicationServerId } from '../config/types.js';

/** Canonical form of an IPv6 address (with optional /prefix); anything unparsable stays as given. */
export function canonicalIpv6(address: string): string {
  const slash = address.indexOf('/');
  const host = slash < 0 ? address : address.slice(0, slash);
  const prefix = slash < 0 ? '' : address.slice(slash);
  if (!host.includes(':') || host.includes('.')) return address; // embedded IPv4: RFC 5952 keeps it dotted
  try {
    // The WHATWG URL serialiser writes IPv6 hosts exactly in the RFC 5952 recommended form.
    return new URL(`http://[${host}]/`).hostname.slice(1, -1) + prefix;
  } catch {
    return address;
  }
}

/** The application server with its IPv6 address canonical; the IPv4 form has a single spelling already. */
export function canonicalApplicationServer(server: ApplicationServerId): ApplicationServerId {
  return server.ipv6Address === undefined ? server : { ...server, ipv6Address: canonicalIpv6(server.ipv6Address) };
}
