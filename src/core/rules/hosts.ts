// Which catalog service a page belongs to: the background asks it about every
// content-script sender (a page outside the catalog's page hosts gets no
// config and may send no fact). The catalog is all it needs: no public-suffix
// list.
import { CATALOG } from '../catalog.ts';

function isUnder(host: string, domain: string): boolean {
  return host === domain || host.endsWith(`.${domain}`);
}

/**
 * The catalog id whose pages are served on this host (honouring `pageHosts`:
 * `web.whatsapp.com` is WhatsApp, `www.whatsapp.com` is not a page to watch).
 */
export function pageServiceIdForHost(rawHost: string): string | undefined {
  const host = rawHost.trim().toLowerCase().replace(/\.$/, '');
  if (!host) return undefined;
  for (const service of CATALOG) {
    if (!service.hosts.some((h) => isUnder(host, h))) continue;
    if (service.pageHosts && !service.pageHosts.some((h) => isUnder(host, h))) return undefined;
    return service.id;
  }
  return undefined;
}
