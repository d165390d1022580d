// Content script entry (manifest `content_scripts` for the services granted at
// install, registered at run time for those granted later). Wires the real
// platform into `startContentScript`; everything else lives in the modules
// beside it. Kept free of tldts, TypeBox, the catalog and the rules (the
// background hands out the page's own): the built script must stay ≤ 12 KB gzip.
import browser from 'webextension-polyfill';
import { startContentScript } from './contentScript.ts';

/** The script's start: settles once it watches the page, or knows it will not (tests wait on it). */
export const started = startContentScript({
  document,
  location,
  send: (message) => browser.runtime.sendMessage(message),
  onStorageChanged: (listener) => browser.storage.onChanged.addListener(listener),
}).catch((error: unknown) => {
  // Detection is best-effort: a failure here must never break the site.
  console.debug('Downwatch: content script not started', error);
  return null;
});
