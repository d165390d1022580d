// `/badge/{id}.svg`: a shields-style status badge ("X | outage"), its
// text in the page language, a <title> for screen readers, and white text
// on colours that keep at least 4.5:1 contrast (WCAG AA) for every level.
import { t } from '../../src/ui/i18n.ts';
import { escapeXml } from './feed.ts';

/** Background of the level half, by level; an unknown level is drawn as `ok`'s neutral grey-green. */
const LEVEL_COLOURS: Record<string, string> = {
  ok: '#116329',
  recovering: '#0b5f73',
  warning: '#7d4e00',
  outage: '#a40e26',
};
const LABEL_COLOUR = '#3d444d';
const HEIGHT = 20;
const PADDING = 6;

/** Width of a text at 11 px, estimated per character (combining marks take no room of their own). */
export function textWidth(text: string): number {
  let width = 0;
  for (const char of text) {
    if (/\p{M}/u.test(char)) continue;
    width += /[\u0980-\u09ff]/.test(char) ? 8.2 : /[A-Z0-9mwMW]/.test(char) ? 7.6 : /[ilj.,:|' ]/.test(char) ? 3.6 : 6.4;
  }
  return Math.ceil(width);
}

export function renderBadge(name: string, level: string, language: string): string {
  const message = t(`site_badge_${level in LEVEL_COLOURS ? level : 'ok'}`);
  const title = t('site_badgeTitle', [name, message]);
  const labelWidth = textWidth(name) + PADDING * 2;
  const messageWidth = textWidth(message) + PADDING * 2;
  const width = labelWidth + messageWidth;
  const colour = LEVEL_COLOURS[level] ?? LEVEL_COLOURS.ok!;
  const text = (x: number, content: string, w: number) =>
    `<text x="${x}" y="14" textLength="${w - PADDING * 2}" lengthAdjust="spacingAndGlyphs">${escapeXml(content)}</text>`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${HEIGHT}" viewBox="0 0 ${width} ${HEIGHT}" role="img" aria-label="${escapeXml(title)}" xml:lang="${language}">`,
    `<title>${escapeXml(title)}</title>`,
    `<clipPath id="r"><rect width="${width}" height="${HEIGHT}" rx="3"/></clipPath>`,
    '<g clip-path="url(#r)">',
    `<rect width="${labelWidth}" height="${HEIGHT}" fill="${LABEL_COLOUR}"/>`,
    `<rect x="${labelWidth}" width="${messageWidth}" height="${HEIGHT}" fill="${colour}"/>`,
    '</g>',
    `<g fill="#fff" font-family="Verdana,Geneva,DejaVu Sans,Noto Sans Bengali,sans-serif" font-size="11">`,
    text(PADDING, name, labelWidth),
    text(labelWidth + PADDING, message, messageWidth),
    '</g>',
    '</svg>',
    '',
  ].join('');
}
