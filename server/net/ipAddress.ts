// IP addresses as the server needs them: parsed strictly (dotted-quad IPv4,
// RFC 4291 IPv6 text), matched against subnets the way proxy-addr matches
// (an IPv4 subnet also matches IPv4-mapped IPv6 addresses, an IPv6 subnet
// matches IPv4 addresses in their mapped form), and reduced to the network
// that one subscriber holds: an IPv4 /32, an IPv6 /64 (RFC 6177's usual
// assignment to a site), so one host cannot spread itself over 2^64 keys.
import { isIPv6 } from 'node:net';

/** IPv4 (or IPv4-mapped IPv6) as its 32-bit value; other IPv6 as its eight 16-bit groups. */
export type IpAddress = { v4: number; groups?: undefined } | { v4?: undefined; groups: number[] };

/** A dotted quad without leading zeros (as node:net's isIPv4 accepts), or -1. */
function parseIpv4(text: string, from = 0): number {
  let value = 0;
  let part = -1;
  let digits = 0;
  let dots = 0;
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 46) {
      if (part < 0 || dots === 3) return -1;
      value = value * 256 + part;
      part = -1;
      digits = 0;
      dots++;
    } else if (c >= 48 && c <= 57) {
      if (digits > 0 && part === 0) return -1;
      part = part < 0 ? c - 48 : part * 10 + (c - 48);
      if (part > 255) return -1;
      digits++;
    } else {
      return -1;
    }
  }
  return dots === 3 && part >= 0 ? value * 256 + part : -1;
}

/** Colon-separated hex groups, the last possibly a dotted quad (two groups). */
function hexGroups(part: string): number[] {
  if (part === '') return [];
  const out: number[] = [];
  for (const piece of part.split(':')) {
    if (piece.includes('.')) {
      const v4 = parseIpv4(piece);
      out.push(v4 >>> 16, v4 & 0xffff);
    } else {
      out.push(parseInt(piece, 16));
    }
  }
  return out;
}

function parseIpv6Groups(text: string): number[] | undefined {
  const zone = text.indexOf('%');
  const bare = zone < 0 ? text : text.slice(0, zone);
  if (!isIPv6(bare)) return undefined;
  const halves = bare.split('::');
  const head = hexGroups(halves[0]!);
  const tail = halves.length > 1 ? hexGroups(halves[1]!) : [];
  return [...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail];
}

const mappedGroups = (v4: number) => [0, 0, 0, 0, 0, 0xffff, v4 >>> 16, v4 & 0xffff];
const isMapped = (g: number[]) => g[0] === 0 && g[1] === 0 && g[2] === 0 && g[3] === 0 && g[4] === 0 && g[5] === 0xffff;

/** The address in `text`, or undefined when it is not one. */
export function parseIp(text: string): IpAddress | undefined {
  const v4 = parseIpv4(text);
  if (v4 >= 0) return { v4 };
  const groups = parseIpv6Groups(text);
  if (!groups) return undefined;
  return isMapped(groups) ? { v4: groups[6]! * 65536 + groups[7]! } : { groups };
}

/** A trusted range: IPv4 as value and mask, IPv6 as groups and prefix length (IPv4 ranges cover mapped addresses). */
export type Subnet = { v4: number; mask: number } | { groups: number[]; prefix: number };

/**
 * `address[/prefix]`; throws with the reason when it is not one (prefix 1–32 or 1–128, as proxy-addr
 * requires). As in proxy-addr, an IPv4-mapped IPv6 address without a prefix is that IPv4 address, and with a
 * prefix an IPv6 range.
 */
export function parseSubnet(text: string): Subnet {
  const slash = text.lastIndexOf('/');
  const host = slash < 0 ? text : text.slice(0, slash);
  const ip = parseIp(host);
  if (!ip) throw new Error(`"${host}" is not an IP address`);
  const groups = ip.groups ?? (slash >= 0 && host.includes(':') ? mappedGroups(ip.v4) : undefined);
  const max = groups ? 128 : 32;
  const prefixText = slash < 0 ? String(max) : text.slice(slash + 1);
  const prefix = /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : NaN;
  if (!(prefix >= 1 && prefix <= max)) throw new Error(`"${text}" has no valid prefix length (1 to ${max})`);
  if (groups) return { groups, prefix };
  const mask = prefix === 32 ? 0xffffffff : ((0xffffffff << (32 - prefix)) >>> 0);
  return { v4: (ip.v4! & mask) >>> 0, mask };
}

export function inSubnet(ip: IpAddress, subnet: Subnet): boolean {
  if ('mask' in subnet) return ip.v4 !== undefined && ((ip.v4 & subnet.mask) >>> 0) === subnet.v4;
  const groups = ip.groups ?? mappedGroups(ip.v4);
  let bits = subnet.prefix;
  for (let i = 0; bits > 0; i++, bits -= 16) {
    const mask = bits >= 16 ? 0xffff : (0xffff << (16 - bits)) & 0xffff;
    if ((groups[i]! & mask) !== (subnet.groups[i]! & mask)) return false;
  }
  return true;
}

/**
 * The network one subscriber holds, as text: an IPv4 address (IPv4-mapped IPv6 too) as its dotted quad, an
 * IPv6 address as its /64. Anything else (a trusted proxy forwarding a value that is not an address) is kept
 * as it is, marked so it cannot pass for an address.
 */
export function networkOf(address: string): string {
  const ip = parseIp(address);
  if (!ip) return `?${address}`;
  if (ip.v4 !== undefined) return `${ip.v4 >>> 24}.${(ip.v4 >>> 16) & 255}.${(ip.v4 >>> 8) & 255}.${ip.v4 & 255}`;
  return `${ip.groups.slice(0, 4).map((g) => g.toString(16)).join(':')}::/64`;
}
