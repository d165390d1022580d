// The messages a server-rendered page is written in: the site's own
// (src/site/messages/) over the extension's (public/_locales/), so the
// components shared with the popup find their keys, with chrome.i18n's
// substitution rules ($1…$9, $$).
import { readFileSync } from 'node:fs';
import type { MessageSource } from '../../src/ui/i18n.ts';
import { SITE_LANGUAGES, type SiteLanguage } from '../../src/site/siteLanguages.ts';

type Messages = Record<string, { message: string }>;

const read = (url: URL) => JSON.parse(readFileSync(url, 'utf8')) as Messages;

function load(language: SiteLanguage): Messages {
  return {
    ...read(new URL(`../../public/_locales/${language}/messages.json`, import.meta.url)),
    ...read(new URL(`../../src/site/messages/${language}.json`, import.meta.url)),
  };
}

function sourceOf(language: SiteLanguage, messages: Messages): MessageSource {
  return {
    getUILanguage: () => language,
    getMessage(key, substitutions) {
      const entry = messages[key];
      if (!entry) return '';
      const subs = substitutions === undefined ? [] : Array.isArray(substitutions) ? substitutions : [substitutions];
      return entry.message.replace(/\$(\$|[1-9])/g, (_, d: string) => (d === '$' ? '$' : (subs[Number(d) - 1] ?? '')));
    },
  };
}

export const SITE_MESSAGES: Record<SiteLanguage, MessageSource> = Object.fromEntries(
  SITE_LANGUAGES.map((language) => [language, sourceOf(language, load(language))]),
) as Record<SiteLanguage, MessageSource>;
