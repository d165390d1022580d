import browser from 'webextension-polyfill';

/**
 * The tab the popup is about: the active tab of the current window. A
 * `?tabId=N` query overrides it, so the popup page can also be opened in a
 * tab of its own (end-to-end tests, keyboard users who pin it).
 */
export async function currentTabId(search: string = location.search): Promise<number | null> {
  const fromQuery = new URLSearchParams(search).get('tabId');
  if (fromQuery !== null && /^\d+$/.test(fromQuery)) return Number(fromQuery);
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id ?? null;
}
