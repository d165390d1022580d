// The popup's whole view (`popup/getState`), assembled from storage in one
// read: with `fresh: false` it never waits for the network, so the popup can
// paint within milliseconds; with `fresh: true` it refreshes first (bounded).
import browser from 'webextension-polyfill';
import { repairSignalStore, suggestProblem, summariseSignals } from '../core/autoReportSignals.ts';
import { catalogService, isCatalogId } from '../core/catalog.ts';
import { OWN_SIGNALS_WINDOW_MS, trimFailures, verdictFor } from '../core/isItJustMe.ts';
import type { PopupState } from '../core/messages.ts';
import { LEVELS, LIMITS } from '../core/protocol.ts';
import { repairQueue } from '../core/reportQueue.ts';
import { repairSettings } from '../core/settings.ts';
import { serviceForQuery, serviceIdForHost } from '../core/serviceId.ts';
import { withOwnReport } from '../core/ownReport.ts';
import { repairFailures } from './failures.ts';
import { isWatched } from './optionalServices.ts';
import { repairLastReports } from './reports.ts';
import { readKeys } from './storage.ts';
import { refreshDetail, refreshStatus, repairDetailCache, repairStatusCache } from './statusCache.ts';

/** How long a `fresh` popup request may wait for the server before answering from cache. */
const FRESH_TIMEOUT_MS = 4_000;

/** The service of a tab: catalog id or registrable domain; null for new tabs, IPs, file:// … */
export async function serviceOfTab(tabId: number): Promise<string | null> {
  try {
    const tab = await browser.tabs.get(tabId);
    if (!tab.url) return null;
    const url = new URL(tab.url);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return serviceIdForHost(url.hostname) ?? null;
  } catch {
    return null;
  }
}

export async function refreshForPopup(service: string | null, now: number, force = false): Promise<void> {
  const work = Promise.all([refreshStatus(now, force), service ? refreshDetail(service, now, force) : undefined]);
  await Promise.race([work, new Promise((resolve) => setTimeout(resolve, FRESH_TIMEOUT_MS))]);
}

/** `host:port` of the backend URL, to name the server that cannot be reached (never a path or credentials). */
function serverName(backendUrl: string): string {
  try {
    return new URL(backendUrl).host;
  } catch {
    return backendUrl;
  }
}

/**
 * The popup's view of the tab's service, or of `query` (a service opened from
 * "Down elsewhere" or the search) when one is given.
 */
export async function popupState(tabId: number, fresh: boolean, now: number = Date.now(), query?: string, retry = false): Promise<PopupState> {
  const tabService = await serviceOfTab(tabId);
  const lookupFailed = query !== undefined && serviceForQuery(query) === undefined;
  const service = query !== undefined ? (serviceForQuery(query) ?? null) : tabService;
  if (fresh) await refreshForPopup(service, now, retry);
  const stored = await readKeys(['settings', 'status', 'details', 'signals', 'lastReports', 'queue', 'failures']);
  const failures = trimFailures(repairFailures(stored.failures), now);
  const settings = repairSettings(stored.settings);
  const status = repairStatusCache(stored.status);
  const detailCache = service ? repairDetailCache(stored.details)[service] : undefined;
  const events = service ? (repairSignalStore(stored.signals)[service] ?? []) : [];
  const last = service ? repairLastReports(stored.lastReports)[service] : undefined;
  const ownSignals = summariseSignals(events, now, OWN_SIGNALS_WINDOW_MS);
  const online = typeof navigator === 'undefined' || navigator.onLine !== false;
  const severity = (level: string) => LEVELS.indexOf(level as (typeof LEVELS)[number]);
  const elsewhere = (status.body?.services ?? [])
    .filter((s) => s.level !== 'ok' && s.id !== service)
    .sort((a, b) => severity(b.level) - severity(a.level) || b.count - a.count);
  const fetchedAt = Math.max(detailCache?.fetchedAt ?? 0, status.fetchedAt ?? 0) || null;
  const lastReport = last && now - last.at < LIMITS.suppressionWindowMs ? { at: last.at, outcome: last.outcome } : null;
  const detail = detailCache?.body ?? null;
  const catalogEntry = service ? catalogService(service) : undefined;

  return {
    service,
    serviceName: service ? (catalogEntry?.name ?? service) : null,
    serviceSite: service ? (catalogEntry?.hosts[0] ?? service) : null,
    tabService,
    lookupFailed,
    serviceEnabled: service && isCatalogId(service) ? await isWatched(service, settings) : true,
    detail: detail && withOwnReport(detail, lastReport, detail.generatedAt),
    fetchedAt,
    serverUnreachable: status.failed || detailCache?.failed === true,
    server: serverName(settings.backendUrl),
    elsewhere,
    ownSignals,
    verdict: service ? verdictFor(service, events, failures, online, now) : 'none',
    suggestedProblem: suggestProblem(service, ownSignals.map((s) => s.signal)),
    lastReport,
    queued: repairQueue(stored.queue).length,
  };
}
