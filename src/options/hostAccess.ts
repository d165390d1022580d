// The host permissions of services that are asked for after install (catalog
// `optionalPermission`, docs/adding-a-service.md), as the options page sees them. Asking must
// happen inside the user's own click (browsers refuse a request outside one):
// `askForHosts` is called first thing in the change handler, before any await.
import browser from 'webextension-polyfill';
import type { CatalogService } from '../core/catalog.ts';
import { requestPatterns } from '../core/hostPatterns.ts';

const originsOf = (service: CatalogService) => ({ origins: requestPatterns(service) });

/** Shows the browser's permission prompt for the service's hosts; true when the user allowed them. */
export function askForHosts(service: CatalogService): Promise<boolean> {
  return browser.permissions.request(originsOf(service)).catch(() => false);
}

export function hostsAllowed(service: CatalogService): Promise<boolean> {
  return browser.permissions.contains(originsOf(service)).catch(() => false);
}

/** Gives the service's hosts back: the background then removes its content script. */
export function releaseHosts(service: CatalogService): Promise<boolean> {
  return browser.permissions.remove(originsOf(service)).catch(() => false);
}

/** Calls `listener` whenever a host permission is granted or revoked (here or in the browser's settings). */
export function onHostAccessChange(listener: () => void): () => void {
  browser.permissions.onAdded.addListener(listener);
  browser.permissions.onRemoved.addListener(listener);
  return () => {
    browser.permissions.onAdded.removeListener(listener);
    browser.permissions.onRemoved.removeListener(listener);
  };
}
