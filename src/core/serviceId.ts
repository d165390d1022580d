// Maps a host name to the service id reports are filed under (docs/adding-a-service.md): a
// catalog service's id for its hosts, otherwise the registrable domain (eTLD+1)
// from the public-suffix list maintained in `tldts`.
import { getDomain } from 'tldts';
import { CATALOG, isCatalogId } from './catalog.ts';
import { LIMITS, SERVICE_ID_PATTERN } from './protocol.ts';

const serviceIdPattern = new RegExp(SERVICE_ID_PATTERN);

/** Exact host or any subdomain of it: `mobile.x.com` is under `x.com`, `notx.com` is not. */
export function isHostUnder(host: string, domain: string): boolean {
  return host === domain || host.endsWith(`.${domain}`);
}

function normaliseHost(host: string): string {
  return host.trim().toLowerCase().replace(/\.$/, '');
}

/** The catalog id whose page hosts contain this host, if any. */
export function catalogIdForHost(rawHost: string): string | undefined {
  const host = normaliseHost(rawHost);
  for (const service of CATALOG) {
    if (service.hosts.some((h) => isHostUnder(host, h))) return service.id;
  }
  return undefined;
}

/** The catalog id whose page or API hosts contain this host (for network signals). */
export function catalogIdForRequestHost(rawHost: string): string | undefined {
  const host = normaliseHost(rawHost);
  for (const service of CATALOG) {
    if (service.hosts.some((h) => isHostUnder(host, h)) || service.apiHosts.some((h) => isHostUnder(host, h))) {
      return service.id;
    }
  }
  return undefined;
}

/**
 * The service id for a host: catalog id, else its registrable domain. Returns
 * undefined for hosts that have no registrable domain (IP addresses, `localhost`,
 * bare public suffixes), which cannot be reported.
 */
export function serviceIdForHost(rawHost: string): string | undefined {
  const host = normaliseHost(rawHost);
  if (!host) return undefined;
  const catalogId = catalogIdForHost(host);
  if (catalogId) return catalogId;
  const domain = getDomain(host, { allowPrivateDomains: false });
  if (!domain || !serviceIdPattern.test(domain) || domain.length > LIMITS.maxServiceIdLength) return undefined;
  return domain;
}

/**
 * Canonical form of a `service` field received on the wire: a catalog id stays,
 * a host of a catalog service maps to its id, any other domain to its
 * registrable domain. Undefined when it names no reportable service.
 */
export function canonicalServiceId(service: string): string | undefined {
  if (isCatalogId(service)) return service;
  if (!service.includes('.')) return undefined;
  return serviceIdForHost(service);
}

/**
 * The service a search in the popup names: a catalog id or name (`x`,
 * `WhatsApp`), a host or an address (`news.example.co.uk`,
 * `https://web.whatsapp.com/x`). Undefined when it names none.
 */
export function serviceForQuery(query: string): string | undefined {
  const text = query.trim().toLowerCase();
  if (!text || text.length > LIMITS.maxServiceIdLength + 16) return undefined;
  const named = CATALOG.find((s) => s.id === text || s.name.toLowerCase() === text);
  if (named) return named.id;
  let host: string;
  try {
    host = new URL(text.includes('://') ? text : `https://${text}`).hostname;
  } catch {
    return undefined;
  }
  return host.includes('.') ? serviceIdForHost(host) : undefined;
}
