// The toolbar badge (docs/popup.md): silent while the current tab's service is
// fine; its level colour and 15-minute count while it is not; a grey "?" when
// the last status refresh failed, so a stale figure never looks current. Read
// from the cached status — never a network call.
import browser from 'webextension-polyfill';
import type { Level, ServiceStatus, StatusResponse } from '../core/protocol.ts';
import { serviceIdForHost } from '../core/serviceId.ts';
import { readKey } from './storage.ts';
import { repairStatusCache, type Cached } from './statusCache.ts';

/** Recovering is blue: neither the all-clear green nor an alarm (docs/incidents.md). */
export const LEVEL_COLOURS: Record<Level, string> = { ok: '#1a7f37', recovering: '#0a5cad', warning: '#b35900', outage: '#c62828' };
export const UNKNOWN_COLOUR = '#6e7781';

/**
 * 1704 → "2k": at most three characters, so the badge covers as little of the
 * 16 px icon as Chrome allows.
 */
export function badgeCount(count: number): string {
  if (count < 1000) return String(count);
  if (count < 999_500) return `${Math.round(count / 1000)}k`;
  return `${Math.min(999, Math.round(count / 1_000_000))}M`;
}

/** What the badge shows on a page of `service` (undefined: not a service the extension knows). */
export function badgeFor(service: string | undefined, cache: Pick<Cached<StatusResponse>, 'body' | 'failed'>): { text: string; colour: string } {
  if (!service) return { text: '', colour: UNKNOWN_COLOUR };
  if (cache.failed) return { text: '?', colour: UNKNOWN_COLOUR };
  const status: ServiceStatus | undefined = cache.body?.services.find((s) => s.id === service);
  if (!status || status.level === 'ok') return { text: '', colour: LEVEL_COLOURS.ok };
  return { text: badgeCount(status.count), colour: LEVEL_COLOURS[status.level as Level] ?? UNKNOWN_COLOUR };
}

function serviceOfUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? serviceIdForHost(parsed.hostname) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Sets one tab's badge. Without the `tabs` permission a tab's URL is known only
 * on the catalog's hosts (host permissions) or after the user opened the popup
 * there (`activeTab`): other tabs simply get no badge.
 */
export async function updateBadgeForTab(tabId: number, url: string | undefined): Promise<void> {
  const service = serviceOfUrl(url);
  const { text, colour } = badgeFor(service, await readKey('status', repairStatusCache));
  await browser.action.setBadgeText({ tabId, text });
  if (text) await browser.action.setBadgeBackgroundColor({ tabId, color: colour });
}

/** After a status refresh: every tab whose URL we may see. */
export async function updateAllBadges(): Promise<void> {
  const tabs = await browser.tabs.query({});
  await Promise.all(tabs.map((tab) => (tab.id === undefined ? undefined : updateBadgeForTab(tab.id, tab.url).catch(() => undefined))));
}
