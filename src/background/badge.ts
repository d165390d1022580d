// The toolbar badge (DESIGN §9): the current tab's service level as a colour
// and its 15-minute count, from the cached status — never a network call.
import browser from 'webextension-polyfill';
import type { Level, ServiceStatus } from '../core/protocol.ts';
import { serviceIdForHost } from '../core/serviceId.ts';
import { readKey } from './storage.ts';
import { repairStatusCache } from './statusCache.ts';

/** Recovering is blue: neither the all-clear green nor an alarm (docs/incidents.md). */
export const LEVEL_COLOURS: Record<Level, string> = { ok: '#1a7f37', recovering: '#0a5cad', warning: '#b35900', outage: '#c62828' };

/** 1234 → "1.2k": the badge has room for about four characters. */
export function badgeCount(count: number): string {
  if (count < 1000) return String(count);
  if (count < 10_000) return `${(Math.floor(count / 100) / 10).toFixed(1).replace(/\.0$/, '')}k`;
  if (count < 1_000_000) return `${Math.floor(count / 1000)}k`;
  return `${Math.floor(count / 1_000_000)}M`;
}

/** What the badge shows for a service's status: nothing when all is quiet. */
export function badgeFor(status: ServiceStatus | undefined): { text: string; colour: string } {
  if (!status || (status.level === 'ok' && status.count === 0)) return { text: '', colour: LEVEL_COLOURS.ok };
  return { text: badgeCount(status.count), colour: LEVEL_COLOURS[status.level as Level] ?? LEVEL_COLOURS.ok };
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
  const { body } = await readKey('status', repairStatusCache);
  const { text, colour } = badgeFor(service ? body?.services.find((s) => s.id === service) : undefined);
  await browser.action.setBadgeText({ tabId, text });
  if (text) await browser.action.setBadgeBackgroundColor({ tabId, color: colour });
}

/** After a status refresh: every tab whose URL we may see. */
export async function updateAllBadges(): Promise<void> {
  const tabs = await browser.tabs.query({});
  await Promise.all(tabs.map((tab) => (tab.id === undefined ? undefined : updateBadgeForTab(tab.id, tab.url).catch(() => undefined))));
}
