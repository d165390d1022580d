// The public status site (docs/site.md) on the one request path:
// api/router.ts asks routeOf() for every path it does not own and hands the
// request here. Pages, feeds and badges come from the page cache; only the
// report form's POST, its answer and not-found pages are rendered per request.
import { CATALOG } from '../../src/core/catalog.ts';
import { LIMITS } from '../../src/core/protocolValues.ts';
import { CHART_VIEWS, type ChartView } from '../../src/site/ServicePage.tsx';
import { defaultChartRange } from '../../src/ui/chartModel.ts';
import { servicePath, siteHref } from '../../src/site/siteFormat.tsx';
import { isSiteLanguage, negotiateLanguage, type SiteLanguage } from '../../src/site/siteLanguages.ts';
import { t } from '../../src/ui/i18n.ts';
import type { Exchange } from '../api/exchange.ts';
import { etagMatches } from '../api/reads.ts';
import { memoServiceId } from '../ingest/validateReport.ts';
import { renderBadge } from './badge.ts';
import { renderFeed } from './feed.ts';
import { cacheControl, PageCache, preparePage, SITE_HEADERS, type CachedPage } from './pageCache.ts';
import { inLanguage, renderAbout, renderHome, renderNotFound, renderReportAnswer, renderService } from './render.tsx';
import { takeReportForm, type ReportFormDeps } from './reportForm.ts';
import { ASSET_PREFIX, loadSiteFiles } from './siteAssets.ts';
import { incidentsOf, SiteData } from './siteData.ts';
import type { StatsService } from '../stats/statsService.ts';

/** Pages are rendered at most once per this many seconds per language; caches may keep them as long. */
export const PAGE_MAX_AGE_SECONDS = 15;
const PAGE_CACHE = cacheControl(PAGE_MAX_AGE_SECONDS);
const ASSET_CACHE = 'public, max-age=31536000, immutable';
const HTML = 'text/html; charset=utf-8';
const ATOM = 'application/atom+xml; charset=utf-8';
const SVG = 'image/svg+xml; charset=utf-8';
/** A badge is an image other sites embed: the API's strict policy, and readable from any origin. */
const BADGE_HEADERS = ['x-content-type-options', 'nosniff', 'content-security-policy', "default-src 'none'", 'cross-origin-resource-policy', 'cross-origin', 'vary', 'Accept-Language'];

export const SITE_ROUTES = {
  home: '/', about: '/about', search: '/search', feed: '/feed.atom', service: '/s/:id', serviceFeed: '/s/:id/feed.atom',
  report: '/s/:id/report', badge: '/badge/:id.svg', asset: '/site/:file',
} as const;

export interface SiteRoutes {
  /** The route pattern of a site path, or undefined. */
  routeOf(path: string): string | undefined;
  methodsOf(route: string): readonly string[];
  answer(exchange: Exchange, path: string, query: string | undefined): void;
  /** After every stats refresh (level changes for the feeds). */
  observe(): void;
}

export interface SiteDeps extends ReportFormDeps {
  stats: StatsService;
}

const GET = ['GET', 'HEAD'];
const POST = ['POST'];

/** `/s/{rest}` split into the raw id and what follows it (`''`, `/feed.atom`, `/report`). */
function serviceParts(path: string): { rawId: string; tail: string } | undefined {
  if (!path.startsWith('/s/')) return undefined;
  const rest = path.slice(3);
  const slash = rest.indexOf('/');
  const rawId = slash < 0 ? rest : rest.slice(0, slash);
  const tail = slash < 0 ? '' : rest.slice(slash);
  if (rawId === '' || (tail !== '' && tail !== '/feed.atom' && tail !== '/report')) return undefined;
  return { rawId, tail };
}

function decode(raw: string): string | undefined {
  try {
    return raw.includes('%') ? decodeURIComponent(raw) : raw;
  } catch {
    return undefined;
  }
}

export function createSiteRoutes(deps: SiteDeps): SiteRoutes {
  const files = loadSiteFiles();
  const assets = files.paths;
  const data = new SiteData(deps.stats);
  const cache = new PageCache(deps.clock, PAGE_MAX_AGE_SECONDS * 1000, deps.metrics);
  const catalogIds = CATALOG.map((s) => s.id);
  const assetPages = new Map([...files.files].map(([name, file]) => [name, { ...preparePage(file.bytes, file.type, ASSET_CACHE, 0), etag: file.etag }]));

  const send = (exchange: Exchange, page: CachedPage, status = 200) => {
    if (status === 200 && etagMatches(exchange.req.headers['if-none-match'], page.etag)) exchange.sendExact(304, page.notModified);
    else exchange.sendExact(status, page.ok, page.bytes);
  };
  /** A page rendered for this request only (not-found, the form's answer): not kept by any cache. */
  const sendOnce = (exchange: Exchange, status: number, html: string, extra: readonly string[] = []) => {
    const page = preparePage(html, HTML, 'no-store', deps.clock.now(), [...SITE_HEADERS, ...extra]);
    exchange.sendExact(status, page.ok, page.bytes);
  };
  const redirect = (exchange: Exchange, location: string, status = 303) => {
    exchange.sendExact(status, [...SITE_HEADERS, 'location', location, 'cache-control', status === 301 ? PAGE_CACHE : 'no-store', 'content-length', '0']);
  };

  const home = (language: SiteLanguage) => cache.get(SITE_ROUTES.home, `home|${language}`, (now) => {
    const status = data.status();
    const series = new Map(catalogIds.map((id) => [id, data.detail(id, 24).series]));
    return preparePage(renderHome(language, assets, { generatedAt: status.generatedAt, services: status.services, catalog: catalogIds, series }), HTML, PAGE_CACHE, now);
  });

  /** `asked`: the view in the link, if any; without one, the recent hours during and just after an incident, else the day. */
  const service = (id: string, asked: ChartView | undefined, language: SiteLanguage) => cache.get(SITE_ROUTES.service, `s|${id}|${asked ?? ''}|${language}`, (now) => {
    const detail = data.detail(id, CHART_VIEWS[asked ?? '24h']);
    const generatedAt = detail.generatedAt ?? data.status().generatedAt;
    const view = asked ?? (defaultChartRange(detail, generatedAt) === 'recent' ? 'recent' : '24h');
    return preparePage(renderService(language, assets, { detail, view, generatedAt, incidents: incidentsOf(detail) }), HTML, PAGE_CACHE, now);
  });

  const feed = (id: string | undefined, language: SiteLanguage) => cache.get(id === undefined ? SITE_ROUTES.feed : SITE_ROUTES.serviceFeed, `feed|${id ?? ''}|${language}`, (now) => {
    const generatedAt = data.status().generatedAt;
    const name = id === undefined ? '' : data.detail(id, 24).name;
    const xml = inLanguage(language, () => renderFeed({
      id: id === undefined ? 'urn:downwatch:feed' : `urn:downwatch:feed:${id}`,
      title: id === undefined ? t('site_feedTitle') : t('site_feedServiceTitle', name),
      selfPath: id === undefined ? '/feed.atom' : `${servicePath(id)}/feed.atom`,
      pagePath: id === undefined ? '/' : servicePath(id),
      language, generatedAt, events: data.feedEvents(id),
    }));
    return preparePage(xml, ATOM, PAGE_CACHE, now);
  });

  const badge = (id: string, language: SiteLanguage) => cache.get(SITE_ROUTES.badge, `badge|${id}|${language}`, (now) => {
    const detail = data.detail(id, 24);
    return preparePage(inLanguage(language, () => renderBadge(detail.name, detail.level, language)), SVG, PAGE_CACHE, now, BADGE_HEADERS);
  });

  const notFound = (exchange: Exchange, language: SiteLanguage, path: string, asked?: string) =>
    sendOnce(exchange, 404, renderNotFound(language, assets, path, asked === undefined ? undefined : asked.slice(0, 100)));

  /** The canonical id a raw path segment names, a redirect to it, or a not-found page; undefined when answered. */
  const canonical = (exchange: Exchange, rawId: string, language: SiteLanguage, path: string, rebuild: (id: string) => string): string | undefined => {
    const id = decode(rawId);
    const found = id !== undefined && id.length <= LIMITS.maxServiceIdLength ? memoServiceId(id.toLowerCase()) : undefined;
    if (found === undefined) {
      notFound(exchange, language, path, id ?? rawId);
      return undefined;
    }
    if (found !== id) {
      redirect(exchange, rebuild(found), 301);
      return undefined;
    }
    return found;
  };

  return {
    routeOf(path) {
      switch (path) {
        case '/': return SITE_ROUTES.home;
        case '/about': return SITE_ROUTES.about;
        case '/search': return SITE_ROUTES.search;
        case '/feed.atom': return SITE_ROUTES.feed;
      }
      const parts = serviceParts(path);
      if (parts) return parts.tail === '' ? SITE_ROUTES.service : parts.tail === '/report' ? SITE_ROUTES.report : SITE_ROUTES.serviceFeed;
      if (path.startsWith('/badge/') && path.endsWith('.svg') && path.indexOf('/', 7) < 0 && path.length > 11) return SITE_ROUTES.badge;
      if (path.startsWith(ASSET_PREFIX) && path.indexOf('/', ASSET_PREFIX.length) < 0) return SITE_ROUTES.asset;
      return undefined;
    },
    methodsOf: (route) => (route === SITE_ROUTES.report ? POST : GET),
    observe: () => data.observe(),
    answer(exchange, path, query) {
      const params = new URLSearchParams(query ?? '');
      const asked = params.get('lang');
      const language = isSiteLanguage(asked) ? asked : negotiateLanguage(exchange.req.headers['accept-language']);
      switch (exchange.route) {
        case SITE_ROUTES.home: return send(exchange, home(language));
        case SITE_ROUTES.about: return send(exchange, cache.get(SITE_ROUTES.about, `about|${language}`, (now) => preparePage(renderAbout(language, assets), HTML, PAGE_CACHE, now)));
        case SITE_ROUTES.feed: return send(exchange, feed(undefined, language));
        case SITE_ROUTES.search: {
          // A URL or a host with a port is taken for its host.
          const q = (params.get('q') ?? '').trim().toLowerCase().replace(/^[a-z][a-z0-9+.-]*:\/\//, '').split(/[/?#]/)[0]!.replace(/:\d+$/, '');
          const id = q.length > 0 && q.length <= LIMITS.maxServiceIdLength ? memoServiceId(q) : undefined;
          if (id === undefined) return notFound(exchange, language, '/search', params.get('q') ?? '');
          return redirect(exchange, siteHref(servicePath(id), language));
        }
        case SITE_ROUTES.asset: {
          const file = assetPages.get(path.slice(ASSET_PREFIX.length));
          if (!file) return notFound(exchange, language, path);
          return send(exchange, file);
        }
        case SITE_ROUTES.badge: {
          const rawId = path.slice('/badge/'.length, -'.svg'.length);
          const id = canonical(exchange, rawId, language, path, (found) => `/badge/${found}.svg${query ? `?${query}` : ''}`);
          if (id !== undefined) send(exchange, badge(id, language));
          return;
        }
      }
      const { rawId, tail } = serviceParts(path)!;
      const id = canonical(exchange, rawId, language, path, (found) => `${servicePath(found)}${tail}${query ? `?${query}` : ''}`);
      if (id === undefined) return;
      if (exchange.route === SITE_ROUTES.serviceFeed) return send(exchange, feed(id, language));
      if (exchange.route === SITE_ROUTES.report) {
        const name = data.detail(id, 24).name;
        return takeReportForm(exchange, deps, id, name,
          (lang, status, answer, extra) => sendOnce(exchange, status, renderReportAnswer(lang, assets, answer), extra),
          (field) => (isSiteLanguage(field) ? field : language));
      }
      const view = params.get('view');
      return send(exchange, service(id, view !== null && Object.hasOwn(CHART_VIEWS, view) ? (view as ChartView) : undefined, language));
    },
  };
}
