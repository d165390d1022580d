// Content script entry (manifest `content_scripts`, catalog hosts only). Wires
// the real platform into `startContentScript`; everything else lives in the
// modules beside it. Kept free of tldts and TypeBox: the built script must
// stay ≤ 12 KB gzip.
import browser from 'webextension-polyfill';
import { startContentScript } from './contentScript.ts';

void startContentScript({
  document,
  location,
  send: (message) => browser.runtime.sendMessage(message),
  readStorage: (keys) => browser.storage.local.get(keys),
  onStorageChanged: (listener) => browser.storage.onChanged.addListener(listener),
}).catch((error: unknown) => {
  // Detection is best-effort: a failure here must never break the site.
  console.debug('Downwatch: content script not started', error);
});
