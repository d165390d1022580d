// The site's languages (docs/extension.md: English and Bengali) and how a request
// picks one: a `lang` query parameter (the sticky switch: every link of a page
// carries it), else the best match of Accept-Language, else English.
export const SITE_LANGUAGES = ['en', 'bn'] as const;
export type SiteLanguage = (typeof SITE_LANGUAGES)[number];

export function isSiteLanguage(value: unknown): value is SiteLanguage {
  return (SITE_LANGUAGES as readonly unknown[]).includes(value);
}

/** The first language of Accept-Language (by q, then order) that the site has; English when none. */
export function negotiateLanguage(header: string | undefined): SiteLanguage {
  if (!header) return 'en';
  let best: SiteLanguage = 'en';
  let bestQ = 0;
  for (const part of header.split(',')) {
    const [range = '', ...params] = part.trim().split(';');
    const primary = range.trim().toLowerCase().split('-')[0];
    let q = 1;
    for (const param of params) {
      const [name, value] = param.trim().split('=');
      if (name === 'q') q = Number(value);
    }
    if (!Number.isFinite(q) || q <= bestQ) continue;
    if (isSiteLanguage(primary)) {
      best = primary;
      bestQ = q;
    }
  }
  return best;
}

/** The other language, for the switch link. */
export const otherLanguage = (language: SiteLanguage): SiteLanguage => (language === 'en' ? 'bn' : 'en');
