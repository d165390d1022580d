// The host names the fake sites answer for, derived from the catalog so the
// suite follows it: each service's web app, its API hosts, and a host that
// never resolves (mapped to ~NOTFOUND) for the `net_error` path.
import { CATALOG } from '../../../src/core/catalog.ts';

/** The host a user types for each service's web app (its catalog `webApp`). */
export const PAGE_HOST = Object.fromEntries(CATALOG.map((s) => [s.id, s.webApp.host]));

/** The address of each service's web app (`https://x.com/home`). */
export const webAppUrl = (service) => {
  const entry = CATALOG.find((s) => s.id === service);
  if (!entry) throw new Error(`unknown catalog service ${service}`);
  return `https://${entry.webApp.host}${entry.webApp.path}`;
};

/** A site outside the catalog: reported by hand under its registrable domain. */
export const OTHER_SITE = 'news.example.co.uk';
export const OTHER_SITE_SERVICE = 'example.co.uk';

function firstApiHost(service) {
  const entry = CATALOG.find((s) => s.id === service);
  if (!entry) throw new Error(`unknown catalog service ${service}`);
  return entry.apiHosts[0];
}

/** An API host of the service that the fake site answers (with 5xx in the `api_5xx` state). */
export const apiHost = (service) => `e2e-api.${firstApiHost(service)}`;
/** An API host of the service that does not resolve (ERR_NAME_NOT_RESOLVED). */
export const deadHost = (service) => `e2e-dead.${firstApiHost(service)}`;

/** Every domain (and its subdomains) the browser must send to the fake sites. */
export function fakeDomains() {
  const domains = new Set([OTHER_SITE]);
  for (const service of CATALOG) {
    for (const host of [...service.hosts, ...service.apiHosts, ...(service.pageHosts ?? [])]) domains.add(host);
  }
  return [...domains];
}

/**
 * Chromium's --host-resolver-rules (no quotes, comma separated, first match
 * wins): dead hosts first, then every fake domain and its subdomains to
 * `target` (`127.0.0.1:PORT`). IP literals (the backend) are left alone.
 */
export function hostResolverRules(target) {
  const rules = CATALOG.map((service) => `MAP ${deadHost(service.id)} ~NOTFOUND`);
  for (const domain of fakeDomains()) rules.push(`MAP ${domain} ${target}`, `MAP *.${domain} ${target}`);
  return rules.join(',');
}
