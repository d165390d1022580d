// The first-wave services, declared once as data (DESIGN §2). The manifest's
// match patterns and host permissions are checked against this list by a test.

export interface CatalogService {
  /** Stable id used on the wire (`x`, not `twitter`). */
  readonly id: string;
  readonly name: string;
  /** Registrable domains whose pages belong to the service (any subdomain matches). */
  readonly hosts: readonly string[];
  /** Hosts (and their subdomains) that the service's pages load data from; failures there count for the service. */
  readonly apiHosts: readonly string[];
  /** When set, only these exact hosts carry the service's pages (WhatsApp Web, not whatsapp.com). */
  readonly pageHosts?: readonly string[];
}

export const CATALOG: readonly CatalogService[] = [
  { id: 'x', name: 'X', hosts: ['x.com', 'twitter.com'], apiHosts: ['twimg.com', 't.co'] },
  { id: 'facebook', name: 'Facebook', hosts: ['facebook.com', 'fb.com'], apiHosts: ['fbcdn.net', 'facebook.net'] },
  { id: 'instagram', name: 'Instagram', hosts: ['instagram.com'], apiHosts: ['cdninstagram.com'] },
  { id: 'whatsapp', name: 'WhatsApp', hosts: ['whatsapp.com'], pageHosts: ['web.whatsapp.com'], apiHosts: ['whatsapp.net'] },
  { id: 'reddit', name: 'Reddit', hosts: ['reddit.com'], apiHosts: ['redditstatic.com', 'redditmedia.com', 'redd.it'] },
  { id: 'youtube', name: 'YouTube', hosts: ['youtube.com', 'youtu.be'], apiHosts: ['ytimg.com', 'googlevideo.com', 'youtubei.googleapis.com'] },
];

const byId = new Map(CATALOG.map((s) => [s.id, s]));

export function catalogService(id: string): CatalogService | undefined {
  return byId.get(id);
}

export function isCatalogId(id: string): boolean {
  return byId.has(id);
}
