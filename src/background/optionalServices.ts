// Services whose hosts are optional permissions (catalog `optionalPermission`,
// docs/adding-a-service.md): nothing runs on their pages until the user grants them from the
// options page. Their content script is not in the manifest (static matches
// would be install-time permissions): it is registered here with
// `scripting.registerContentScripts` once the hosts are granted and the user
// watches the service, and unregistered when either stops. The browser
// delivers webRequest events only for granted hosts.
import browser from 'webextension-polyfill';
import { catalogService, type CatalogService } from '../core/catalog.ts';
import { OPTIONAL_SERVICES, pagePatterns, requestPatterns } from '../core/hostPatterns.ts';
import type { Settings } from '../core/settings.ts';
import { CONTENT_SCRIPT_FILE } from './contentScriptFile.ts';
import { getSettings } from './settingsStore.ts';

/** The id of a service's registered content script. */
export const contentScriptId = (service: string): string => `downwatch-${service}`;

/** Whether the browser holds the service's host permissions (always true for the services granted at install). */
export async function hostsGranted(service: CatalogService): Promise<boolean> {
  if (!service.optionalPermission) return true;
  try {
    return await browser.permissions.contains({ origins: requestPatterns(service) });
  } catch {
    return false;
  }
}

/** Whether Downwatch watches a catalog service: the user did not switch it off, and its hosts are granted. */
export async function isWatched(serviceId: string, settings?: Settings): Promise<boolean> {
  const service = catalogService(serviceId);
  if (!service) return false;
  const { disabledServices } = settings ?? (await getSettings());
  return !disabledServices.includes(serviceId) && (await hostsGranted(service));
}

async function syncOnce(): Promise<void> {
  if (OPTIONAL_SERVICES.length === 0) return;
  const settings = await getSettings();
  const registered = new Set((await browser.scripting.getRegisteredContentScripts()).map((script) => script.id));
  for (const service of OPTIONAL_SERVICES) {
    const id = contentScriptId(service.id);
    const wanted = await isWatched(service.id, settings);
    if (wanted && !registered.has(id)) {
      await browser.scripting.registerContentScripts([
        { id, matches: pagePatterns(service), js: [CONTENT_SCRIPT_FILE], runAt: 'document_idle', persistAcrossSessions: true },
      ]);
    } else if (!wanted && registered.has(id)) {
      await browser.scripting.unregisterContentScripts({ ids: [id] });
    }
  }
}

let syncing: Promise<void> = Promise.resolve();

/**
 * Brings the registered content scripts in line with the grants and the
 * settings. Runs one at a time (a grant and a settings change may arrive
 * together; registering one id twice is an error).
 */
export function syncOptionalContentScripts(): Promise<void> {
  syncing = syncing.then(syncOnce, syncOnce);
  return syncing;
}
