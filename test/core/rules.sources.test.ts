// The failure texts found in the sites' own shipped strings and in outage
// reports (docs/detection-sources.md) are in the bundled rules: each row
// names its source, so a rule text that loses its source, or a sourced text
// that drops out of the rules, fails here.
import { describe, expect, it } from 'vitest';
import { BUNDLED_RULE_PACK, rulesForService } from '../../src/core/rules/pack.ts';
import { normaliseText } from '../../src/core/rules/text.ts';

interface Sourced {
  service: string;
  lang: string;
  text: string;
  source: string;
}

const X_I18N = "X web i18n table (Happy-come-come/UserScripts …/processed/web/<lang>_new.js)";
const WA_JS = 'WhatsApp Web butterbar modules (WAWebOfflineButterbar / WAWebResumeButterbar / WAWebPrimaryButterbar)';

const SOURCED: readonly Sourced[] = [
  { service: 'x', lang: 'en', text: 'Something went wrong. Try reloading', source: `${X_I18N} gd769996` },
  { service: 'x', lang: 'bn', text: 'কোনো একটা সমস্যা হয়েছে। পুনরায় লোড করার চেষ্টা করুন', source: `${X_I18N} gd769996` },
  { service: 'x', lang: 'hi', text: 'कुछ गलत हुआ. फिर से लोड करने की कोशिश करें', source: `${X_I18N} gd769996` },
  { service: 'x', lang: 'es', text: 'Algo salió mal. Intenta recargar', source: `${X_I18N} gd769996` },
  { service: 'x', lang: 'en', text: 'Retry', source: `${X_I18N} deaf5b16` },
  { service: 'x', lang: 'bn', text: 'আবার চেষ্টা করুন', source: `${X_I18N} deaf5b16` },
  { service: 'x', lang: 'hi', text: 'फिर से कोशिश करें', source: `${X_I18N} deaf5b16` },
  { service: 'x', lang: 'es', text: 'Intentar de nuevo', source: `${X_I18N} deaf5b16` },
  { service: 'x', lang: 'en', text: "Something went wrong, but don't fret", source: `${X_I18N} a5d4fda0; x.com #ScriptLoadFailure` },
  { service: 'x', lang: 'bn', text: 'কিছু ভুল হয়েছে, তবে চিন্তা করবেন না', source: `${X_I18N} a5d4fda0` },
  { service: 'x', lang: 'hi', text: 'कुछ गलत हुआ, पर आप परेशान न हों', source: `${X_I18N} a5d4fda0` },
  { service: 'x', lang: 'es', text: 'Algo salió mal, pero no te preocupes', source: `${X_I18N} a5d4fda0` },
  { service: 'x', lang: 'en', text: 'Something went wrong. Please try again later', source: `${X_I18N} ef4602ec` },
  { service: 'x', lang: 'bn', text: 'কিছু একটা সমস্যা হয়েছে। অনুগ্রহ করে পরে আবার চেষ্টা করুন', source: `${X_I18N} ef4602ec` },
  { service: 'x', lang: 'en', text: 'X is over capacity', source: `${X_I18N} f377195c` },
  { service: 'facebook', lang: 'en', text: 'Sorry, something went wrong', source: 'Facebook error page template (div.core h1); press reports 2014–2025' },
  { service: 'facebook', lang: 'en', text: "We're working on getting this fixed as soon as we can", source: 'Facebook error page template; AsyncRequest errorDescription in its JS' },
  { service: 'facebook', lang: 'en', text: "We're working on it and we'll get it fixed as soon as we can", source: 'macon.com 2018-11-12 pop-up' },
  { service: 'facebook', lang: 'bn', text: 'দুঃখিত, কিছু ভুল হয়েছে', source: 'mbasic.facebook.com scraper matching the Bengali error page' },
  { service: 'facebook', lang: 'es', text: 'Lo sentimos, algo ha fallado', source: 'cronicaglobal.elespanol.com 2015-09-28' },
  { service: 'instagram', lang: 'en', text: "Couldn't refresh feed", source: 'timeslive.co.za 2018-10-03; automation script matching the body text' },
  { service: 'instagram', lang: 'en', text: "There's an issue and the page could not be loaded", source: 'kgretzky/evilginx issue #112' },
  { service: 'instagram', lang: 'es', text: 'No se han podido actualizar las noticias', source: 'es.gizmodo.com 2021-04 outage report' },
  { service: 'whatsapp', lang: 'en', text: 'Computer not connected', source: WA_JS },
  { service: 'whatsapp', lang: 'en', text: 'Make sure your computer has an active internet connection', source: WA_JS },
  { service: 'whatsapp', lang: 'en', text: 'Phone not connected', source: WA_JS },
  { service: 'whatsapp', lang: 'en', text: 'Make sure your phone has an active internet connection', source: WA_JS },
  { service: 'whatsapp', lang: 'en', text: 'Retrying in', source: `${WA_JS} ("Retrying in {number} seconds…")` },
  { service: 'whatsapp', lang: 'en', text: 'Retrying…', source: WA_JS },
  { service: 'whatsapp', lang: 'en', text: 'Retry now', source: WA_JS },
  { service: 'whatsapp', lang: 'es', text: 'Teléfono no conectado', source: 'WhatsApp Web automation runbook listing the banner in en/pt/es' },
  { service: 'whatsapp', lang: 'en', text: 'Trying to reach phone', source: 'open-wa/wa-automate phoneIsOutOfReach(); Selenium bots' },
  { service: 'reddit', lang: 'en', text: 'Our CDN was unable to reach our servers', source: 'thewrap.com; verdict.co.uk 2020-02-19; reddit 504 body quoted in a repo' },
  { service: 'reddit', lang: 'en', text: 'upstream connect error or disconnect/reset before headers', source: 'techstory.in Reddit outage report' },
  { service: 'reddit', lang: 'en', text: "Sorry, we couldn't load posts for this page", source: 'uffmag.com outage report' },
  { service: 'reddit', lang: 'en', text: "Sorry, for some reason Reddit can't be reached", source: "uffmag.com outage report; Reddit redesign bundle describeApiError SERVER_ERROR" },
  { service: 'reddit', lang: 'en', text: "Something went wrong. Just don't panic", source: 'Reddit redesign bundle describeApiError default, error toasts' },
  { service: 'youtube', lang: 'en', text: 'An error occurred. Please try again later', source: 'stories-all.online 2025-10 outage report' },
  { service: 'youtube', lang: 'es', text: 'Se produjo un error. Vuelve a intentarlo más tarde', source: 'repo doc quoting the Spanish player error' },
  { service: 'youtube', lang: 'en', text: 'A team of highly trained monkeys has been dispatched', source: 'YouTube 500 page (kimkizyma.com 2018, allagora 2013)' },
  { service: 'discord', lang: 'en', text: 'Looks like Discord has crashed unexpectedly', source: 'Discord message table ERRORS_UNEXPECTED_CRASH' },
  { service: 'discord', lang: 'en', text: 'Connection problems? Let us know', source: 'Discord message table CONNECTING_PROBLEMS_CTA' },
  { service: 'discord', lang: 'en', text: 'Messages failed to load', source: 'Discord message table MESSAGES_FAILED_TO_LOAD' },
];

/** Every page-matcher text of a service in one UI language, normalised as the matcher compares them. */
function ruleTexts(service: string, lang: string): string[] {
  const rules = rulesForService(BUNDLED_RULE_PACK, service);
  if (!rules) return [];
  return [...rules.banner, ...rules.feedStalled.matchers].flatMap((m) => m.texts?.[lang] ?? []).map(normaliseText);
}

describe('sourced failure texts in the bundled rules', () => {
  it.each(SOURCED.map((s) => [s.service, s.lang, s.text, s] as const))('%s (%s): %s', (service, lang, text, row) => {
    expect(row.source).toMatch(/\S/);
    expect(ruleTexts(service, lang)).toContain(normaliseText(text));
  });
});
