// Atom feeds (RFC 4287): `/feed.atom` for every service, `/s/{id}/feed.atom`
// for one. An entry per incident start, per level change inside an incident,
// and per incident end (docs/site.md), newest first. Text is written in the
// page language through t(), so this runs inside withMessages.
import { formatNumber, t } from '../../src/ui/i18n.ts';
import { formatDuration, servicePath, siteHref, utcText } from '../../src/site/siteFormat.tsx';
import type { SiteLanguage } from '../../src/site/siteLanguages.ts';

export interface FeedEvent {
  kind: 'start' | 'level' | 'end';
  service: string;
  name: string;
  /** When it happened (ms epoch). */
  at: number;
  /** The incident's start. */
  since: number;
  /** The level it began with or changed to (start, level); its highest (end). */
  level: string;
  /** Reports in 15 minutes then (start, level) or at the incident's peak (end). */
  count: number;
}

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
export const escapeXml = (text: string) => text.replace(/[&<>"']/g, (c) => XML_ESCAPES[c]!);

const iso = (ms: number) => new Date(ms).toISOString();

function entryText(event: FeedEvent): { title: string; text: string } {
  const level = t(`level_${event.level}`);
  switch (event.kind) {
    case 'start':
      return { title: t('site_feedStart', event.name), text: t('site_feedStartText', [event.name, utcText(event.since, true)]) };
    case 'level':
      return {
        title: t('site_feedLevel', [event.name, level]),
        text: t('site_feedLevelText', [event.name, level, utcText(event.at, true), formatNumber(event.count)]),
      };
    case 'end':
      return {
        title: t('site_feedEnd', event.name),
        text: t('site_feedEndText', [event.name, utcText(event.at, true), formatDuration(event.at - event.since), formatNumber(event.count)]),
      };
  }
}

export interface FeedOptions {
  /** The feed's own id: a URN naming what it covers. */
  id: string;
  title: string;
  selfPath: string;
  /** The HTML page the feed belongs to. */
  pagePath: string;
  language: SiteLanguage;
  /** When the figures were computed; the feed's `updated` when it has no entry. */
  generatedAt: number;
  events: readonly FeedEvent[];
}

export function renderFeed(options: FeedOptions): string {
  const events = [...options.events].sort((a, b) => b.at - a.at);
  const updated = events[0]?.at ?? options.generatedAt;
  const entries = events.map((event) => {
    const { title, text } = entryText(event);
    const link = siteHref(servicePath(event.service), options.language);
    return [
      '  <entry>',
      `    <id>urn:downwatch:incident:${escapeXml(event.service)}:${event.since}:${event.kind}:${event.at}</id>`,
      `    <title>${escapeXml(title)}</title>`,
      `    <updated>${iso(event.at)}</updated>`,
      `    <published>${iso(event.at)}</published>`,
      `    <link rel="alternate" type="text/html" href="${escapeXml(link)}"/>`,
      `    <category term="${escapeXml(event.kind)}"/>`,
      `    <summary type="text">${escapeXml(text)}</summary>`,
      '  </entry>',
    ].join('\n');
  });
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${options.language}">`,
    `  <id>${escapeXml(options.id)}</id>`,
    `  <title>${escapeXml(options.title)}</title>`,
    `  <updated>${iso(updated)}</updated>`,
    '  <author><name>Downwatch</name></author>',
    '  <generator>Downwatch</generator>',
    `  <link rel="self" type="application/atom+xml" href="${escapeXml(options.selfPath)}"/>`,
    `  <link rel="alternate" type="text/html" href="${escapeXml(siteHref(options.pagePath, options.language))}"/>`,
    ...entries,
    '</feed>',
    '',
  ].join('\n');
}
