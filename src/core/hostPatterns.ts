// Match patterns derived from the catalog: the manifest's content-script
// matches and host permissions (written at build time by vite.config.ts), the
// background's webRequest filters and the optional permissions the options
// page asks for. Patterns never carry a port (Firefox would not grant them).
import { CATALOG, type CatalogService } from './catalog.ts';

/** The host and every subdomain, any scheme. */
export const hostPattern = (host: string): string => `*://*.${host}/*`;

/** Where the content script runs for a service: its exact page hosts, or its hosts and their subdomains. */
export function pagePatterns(service: CatalogService): string[] {
  return service.pageHosts ? service.pageHosts.map((h) => `*://${h}/*`) : service.hosts.map(hostPattern);
}

/** Every host whose requests count for the service: its pages and its API hosts. */
export function requestPatterns(service: CatalogService): string[] {
  return [...service.hosts, ...service.apiHosts].map(hostPattern);
}

export interface ManifestHostLists {
  /** `content_scripts[0].matches`: the page hosts of the services granted at install. */
  contentScriptMatches: string[];
  /** `host_permissions`: pages and API hosts of the services granted at install. */
  hostPermissions: string[];
  /** `optional_host_permissions`: the same for services asked for later (`optionalPermission`). */
  optionalHostPermissions: string[];
}

export function manifestHostLists(catalog: readonly CatalogService[] = CATALOG): ManifestHostLists {
  const atInstall = catalog.filter((s) => !s.optionalPermission);
  const later = catalog.filter((s) => s.optionalPermission);
  return {
    contentScriptMatches: atInstall.flatMap(pagePatterns),
    hostPermissions: atInstall.flatMap(requestPatterns),
    optionalHostPermissions: later.flatMap(requestPatterns),
  };
}

/** Loopback host names: a backend on one of these is a development or demo backend. */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);
/** What a development build may talk to: any local backend, whatever the port. */
export const LOCAL_BACKEND_PATTERNS: readonly string[] = ['http://127.0.0.1/*', 'http://localhost/*'];

/**
 * The host permissions a build needs for its backend (docs/privacy-and-trust.md).
 * A build for a backend on the user's own machine may reach any local backend
 * (the demo, a second checkout); any other build asks for its own backend's
 * host only. Without a port: Firefox does not grant a pattern with one.
 */
export function backendHostPatterns(backendUrl: string): string[] {
  const { protocol, hostname } = new URL(backendUrl);
  const own = `${protocol}//${hostname}/*`;
  if (!LOOPBACK_HOSTS.has(hostname)) return [own];
  return LOCAL_BACKEND_PATTERNS.includes(own) ? [...LOCAL_BACKEND_PATTERNS] : [...LOCAL_BACKEND_PATTERNS, own];
}

/** The services whose hosts are optional permissions (asked for in the options). */
export const OPTIONAL_SERVICES: readonly CatalogService[] = CATALOG.filter((s) => s.optionalPermission);
