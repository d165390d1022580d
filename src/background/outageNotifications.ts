// A browser notification when a followed service enters `outage` (docs/extension.md),
// once per outage: the outage's `since` is remembered in storage, so a restarted
// worker does not notify again for the same outage.
import browser from 'webextension-polyfill';
import type { StatusResponse } from '../core/protocol.ts';
import type { Settings } from '../core/settings.ts';
import { asRecord, updateKey } from './storage.ts';

function repairNotified(stored: unknown): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [id, since] of Object.entries(asRecord(stored))) if (typeof since === 'number') out[id] = since;
  return out;
}

/** Which followed services need a notification now, and the remembered outages after this status. */
export function outagesToNotify(
  status: StatusResponse,
  followed: readonly string[],
  notified: Record<string, number>,
): { notify: StatusResponse['services']; notified: Record<string, number> } {
  const next: Record<string, number> = {};
  const notify: StatusResponse['services'] = [];
  for (const service of status.services) {
    if (service.level !== 'outage' || !followed.includes(service.id)) continue;
    const since = service.since ?? status.generatedAt;
    next[service.id] = notified[service.id] ?? since;
    if (notified[service.id] === undefined) notify.push(service);
  }
  return { notify, notified: next };
}

function message(key: string, substitutions: string[], fallback: string): string {
  return browser.i18n.getMessage(key, substitutions) || fallback;
}

/** The count in the UI language's digits (Bengali digits in `bn`). */
function formatCount(count: number): string {
  try {
    return new Intl.NumberFormat(browser.i18n.getUILanguage()).format(count);
  } catch {
    return String(count);
  }
}

export async function notifyOutages(status: StatusResponse, settings: Settings): Promise<void> {
  let toNotify: StatusResponse['services'] = [];
  await updateKey('notified', repairNotified, (notified) => {
    const result = outagesToNotify(status, settings.followedServices, notified);
    toNotify = result.notify;
    return result.notified;
  });
  for (const service of toNotify) {
    await browser.notifications.create(`downwatch-outage-${service.id}`, {
      type: 'basic',
      iconUrl: browser.runtime.getURL('icons/icon-128.png'),
      title: message('notifyOutageTitle', [service.name], `${service.name} is down`),
      message: message('notifyOutageMessage', [service.name, formatCount(service.count)], `${service.count} reports in the last ${status.windowMinutes} minutes.`),
    });
  }
}
