// Assertions the scenarios share: reports as the server answered them, the
// absence of reports, and the extension's own English/Bengali texts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { check, waitFor } from './wait.mjs';

/** How long "nothing happens" is watched after the event that would have caused it was seen. */
export const QUIET_MS = 2_500;

/**
 * Waits for one report the server answered `counted` that matches `where`
 * (e.g. { service: 'x', source: 'auto', signal: 'banner' }) and returns it.
 */
export async function waitForCounted(ctx, where, timeout = 10_000) {
  const matches = (r) =>
    (!where.service || r.service === where.service) &&
    (!where.source || r.source === where.source) &&
    (!where.signal || (r.signals ?? []).includes(where.signal));
  return waitFor(`a counted report ${JSON.stringify(where)} (sent so far: ${describeSent(ctx)})`,
    () => ctx.backend.counted().find(matches), { timeout, interval: 50 });
}

export function describeSent(ctx) {
  const sent = ctx.backend.sent();
  return sent.length ? sent.map((r) => `${r.service}/${r.source}/[${(r.signals ?? []).join(',')}]→${r.status}`).join('; ') : 'none';
}

/**
 * Absence can't be awaited: after the signal that would trigger a report has
 * been logged by the background, watch the wire for QUIET_MS and require
 * that nothing (matching `where`) was sent.
 */
export async function expectNoReportFor(ctx, where = {}, ms = QUIET_MS) {
  const deadline = Date.now() + ms;
  const offending = () => ctx.backend.sent().filter((r) =>
    (!where.service || r.service === where.service) && (!where.source || r.source === where.source));
  while (Date.now() < deadline) {
    check(offending().length === 0, `expected no report ${JSON.stringify(where)}, but the extension sent: ${describeSent(ctx)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  check(offending().length === 0, `expected no report ${JSON.stringify(where)}, but the extension sent: ${describeSent(ctx)}`);
}

/** The built extension's messages for a locale: msg(key, ...substitutions). */
export function localeMessages(extDir, locale) {
  const data = JSON.parse(readFileSync(join(extDir, '_locales', locale, 'messages.json'), 'utf8'));
  return (key, ...subs) => {
    const entry = data[key];
    if (!entry) throw new Error(`no message ${key} in _locales/${locale}`);
    return entry.message.replace(/\$(\d)/g, (_, n) => subs[Number(n) - 1] ?? '');
  };
}

/** The text before the first substitution: enough to find a message whose $1 the test does not know. */
export function stem(text) {
  return text.split(/\$\d/)[0].trim();
}

const REPORT_FIELDS = new Set(['id', 'service', 'problem', 'source', 'signals', 'observedAt', 'client', 'country']);

/**
 * docs/privacy-and-trust.md, checked on every report any scenario made the extension send:
 * only the protocol's fields, and nothing that looks like a URL or a host
 * name beyond the service id itself.
 */
export function checkReportsArePrivate(ctx) {
  for (const post of ctx.backend.posts) {
    for (const report of post.reports) {
      const extra = Object.keys(report).filter((k) => !REPORT_FIELDS.has(k));
      check(extra.length === 0, `a report carried fields outside the protocol: ${extra.join(', ')}`);
      const values = JSON.stringify({ ...report, service: '' });
      check(!/:\/\/|www\.|\.com\b|\.co\.uk\b|cookie/i.test(values), `a report carried something like a URL or host: ${JSON.stringify(report)}`);
    }
  }
}
