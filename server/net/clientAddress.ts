// Who sent a request (docs/privacy-and-trust.md, TRUST_PROXY). With no trusted proxies it
// is the TCP peer. With some, the same walk as Fastify's proxy-addr: from the
// TCP peer leftwards through X-Forwarded-For, the first address that is not a
// trusted proxy is the client (if every hop is trusted, the leftmost one).
// Header entries are split as @fastify/forwarded splits them. Addresses are
// parsed strictly (ipAddress.ts): proxy-addr also reads legacy IPv4 forms
// such as "127.1", which no proxy writes; here such an entry is never taken
// for a trusted proxy, so the walk stops at it, never further left.
import { inSubnet, parseIp, parseSubnet, type Subnet } from './ipAddress.ts';

export type ClientAddress = (socketAddress: string | undefined, forwardedFor: string | string[] | undefined) => string;

/** X-Forwarded-For entries, rightmost (nearest hop) first. */
function forwardedEntries(header: string): string[] {
  const out: string[] = [];
  let end = header.length;
  let start = end;
  for (let i = end - 1; i >= 0; i--) {
    const c = header[i];
    if (c === ' ' || c === '\t') {
      if (start === end) start = end = i;
    } else if (c === ',') {
      if (start !== end) out.push(header.slice(start, end));
      start = end = i;
    } else {
      start = i;
    }
  }
  if (start !== end) out.push(header.slice(start, end));
  return out;
}

/**
 * Resolves client addresses for `trusted` proxies (addresses or CIDRs, validated by config.ts). With none, the
 * TCP peer's address; X-Forwarded-For is then never read.
 */
export function clientAddressResolver(trusted: readonly string[]): ClientAddress {
  if (trusted.length === 0) return (socketAddress) => socketAddress ?? '';
  const subnets: Subnet[] = trusted.map(parseSubnet);
  // Almost every request comes from the same few proxies: their verdict is kept.
  const verdicts = new Map<string, boolean>();
  const isTrusted = (address: string): boolean => {
    let verdict = verdicts.get(address);
    if (verdict === undefined) {
      const ip = parseIp(address);
      verdict = ip !== undefined && subnets.some((subnet) => inSubnet(ip, subnet));
      if (verdicts.size >= 1024) verdicts.clear();
      verdicts.set(address, verdict);
    }
    return verdict;
  };
  return (socketAddress, forwardedFor) => {
    const peer = socketAddress ?? '';
    if (typeof forwardedFor !== 'string' || !isTrusted(peer)) return peer;
    let hops: string[];
    if (forwardedFor.indexOf(',') < 0) {
      const only = forwardedFor.trim();
      hops = only === '' ? [] : [only];
    } else {
      hops = forwardedEntries(forwardedFor);
    }
    for (let i = 0; i < hops.length - 1; i++) {
      if (!isTrusted(hops[i]!)) return hops[i]!;
    }
    return hops.length > 0 ? hops[hops.length - 1]! : peer;
  };
}
