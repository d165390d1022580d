// Who may send what (STYLE: the background checks `sender` before acting).
// Content messages are accepted only from our own content script in the top
// frame of a tab on a catalog page host, about that very service; UI messages
// only from the extension's own pages (popup, options, first-run).
import type browser from 'webextension-polyfill';
import { pageServiceIdForHost } from '../core/rules/hosts.ts';

type Sender = browser.Runtime.MessageSender;

function hostOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.hostname : undefined;
  } catch {
    return undefined;
  }
}

/** The catalog service whose page sent this content message, or undefined when the sender may not send one. */
export function contentSenderService(sender: Sender, extensionId: string): string | undefined {
  if (sender.id !== extensionId || !sender.tab || (sender.frameId !== undefined && sender.frameId !== 0)) return undefined;
  const host = hostOf(sender.url ?? sender.tab.url);
  return host ? pageServiceIdForHost(host) : undefined;
}

/**
 * Whether the message comes from one of the extension's own pages.
 * `extensionBaseUrl` is `runtime.getURL('')` (`chrome-extension://<id>/`);
 * compared as a prefix because URL origins of non-web schemes are opaque.
 */
export function isExtensionPageSender(sender: Sender, extensionId: string, extensionBaseUrl: string): boolean {
  if (sender.id !== extensionId || !sender.url || !extensionBaseUrl.endsWith('/')) return false;
  return sender.url.startsWith(extensionBaseUrl);
}
