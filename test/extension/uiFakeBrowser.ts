// A stand-in for `webextension-polyfill` in UI unit tests: real locale files
// behind i18n.getMessage (with chrome.i18n's `$1` substitution rules), and
// `runtime.sendMessage` routed to per-test handlers keyed by message type.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { vi } from 'vitest';

// Vitest runs from the project root; happy-dom's import.meta.url is not a file URL.
export const LOCALES_DIR = join(process.cwd(), 'public', '_locales');

type Messages = Record<string, { message: string }>;
const localeCache = new Map<string, Messages>();

export function loadLocale(locale: string): Messages {
  let messages = localeCache.get(locale);
  if (!messages) {
    messages = JSON.parse(readFileSync(join(LOCALES_DIR, locale, 'messages.json'), 'utf8')) as Messages;
    localeCache.set(locale, messages);
  }
  return messages;
}

/** chrome.i18n semantics: `$1`…`$9` are substitutions, `$$` a literal dollar, a missing key is ''. */
export function getMessageFrom(messages: Messages, key: string, substitutions?: string | string[]): string {
  const entry = messages[key];
  if (!entry) return '';
  const subs = substitutions === undefined ? [] : Array.isArray(substitutions) ? substitutions : [substitutions];
  return entry.message.replace(/\$(\$|[1-9])/g, (_, d: string) => (d === '$' ? '$' : (subs[Number(d) - 1] ?? '')));
}

export type Handler = (payload: any) => unknown;

export const fakeBrowser = {
  locale: 'en',
  handlers: {} as Record<string, Handler>,
  i18n: {
    getMessage: (key: string, subs?: string | string[]) => getMessageFrom(loadLocale(fakeBrowser.locale), key, subs),
    getUILanguage: () => fakeBrowser.locale,
  },
  runtime: {
    sendMessage: vi.fn(async (message: { type: string; payload: unknown }) => {
      const handler = fakeBrowser.handlers[message.type];
      if (!handler) throw new Error(`Could not establish connection. Receiving end does not exist. (${message.type})`);
      return handler(message.payload);
    }),
    openOptionsPage: vi.fn(async () => {}),
  },
  tabs: {
    query: vi.fn(async () => [{ id: 7, active: true }]),
  },
  permissions: {
    /** Host patterns the browser has granted (what `contains` answers from). */
    granted: new Set<string>(),
    request: vi.fn(async (_request: unknown): Promise<boolean> => true),
    contains: vi.fn(async (request: { origins?: string[] }): Promise<boolean> => (request.origins ?? []).every((o) => fakeBrowser.permissions.granted.has(o))),
    remove: vi.fn(async (request: { origins?: string[] }): Promise<boolean> => {
      for (const origin of request.origins ?? []) fakeBrowser.permissions.granted.delete(origin);
      return true;
    }),
    onAdded: listeners(),
    onRemoved: listeners(),
  },
};

function listeners() {
  const set = new Set<() => void>();
  return {
    set,
    addListener: (listener: () => void) => set.add(listener),
    removeListener: (listener: () => void) => set.delete(listener),
    fire: () => set.forEach((listener) => listener()),
  };
}

/** Back to English with no handlers and fresh call records. */
export function resetFakeBrowser(): void {
  fakeBrowser.locale = 'en';
  fakeBrowser.handlers = {};
  fakeBrowser.runtime.sendMessage.mockClear();
  fakeBrowser.runtime.openOptionsPage.mockClear();
  fakeBrowser.tabs.query.mockClear();
  fakeBrowser.permissions.request.mockReset();
  fakeBrowser.permissions.request.mockImplementation(async () => true);
  fakeBrowser.permissions.granted.clear();
  fakeBrowser.permissions.contains.mockClear();
  fakeBrowser.permissions.remove.mockClear();
}

/** The messages the UI sent, in order, as `{ type, payload }`. */
export function sentMessages(): { type: string; payload: any }[] {
  return fakeBrowser.runtime.sendMessage.mock.calls.map(([m]) => m as { type: string; payload: any });
}

// src/ui/i18n.ts reads the platform's own `browser.i18n` (as Firefox provides it), not the polyfill.
(globalThis as { browser?: unknown }).browser = fakeBrowser;
