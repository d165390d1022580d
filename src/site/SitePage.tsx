// The document around every page of the public status site: language,
// title and Open Graph preview, the site's own stylesheet and optional script
// (the only ones the CSP allows), the header with the language switch, and
// the footer. Rendered on the server (server/site/render.ts).
import type { ComponentChildren } from 'preact';
import { t } from '../ui/i18n.ts';
import { siteHref } from './siteFormat.tsx';
import { otherLanguage, type SiteLanguage } from './siteLanguages.ts';

/** Paths of the site's own files (content-hashed, so they can be cached for a long time). */
export interface SiteAssets {
  css: string;
  js: string;
  icon?: string;
  /** The bundled Bengali font (regular weight), preloaded. */
  bengaliFont?: string;
}

export interface PageFrame {
  language: SiteLanguage;
  assets: SiteAssets;
  /** The path of this page, for the language switch (which keeps the page's own query). */
  path: string;
  query?: Record<string, string>;
  title: string;
  description: string;
  /** The Open Graph title when it differs from the page title (a shared link's preview). */
  ogTitle?: string;
  /** Where `/` marks itself as the current page in the navigation. */
  current?: 'home' | 'about';
  /** An Atom feed that belongs to this page. */
  feed?: string;
}

export function SitePage({ frame, children }: { frame: PageFrame; children: ComponentChildren }) {
  const { language, assets } = frame;
  const other = otherLanguage(language);
  return (
    <html lang={language}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <title>{`${frame.title} · Downwatch`}</title>
        <meta name="description" content={frame.description} />
        <meta property="og:type" content="website" />
        <meta property="og:site_name" content="Downwatch" />
        <meta property="og:title" content={frame.ogTitle ?? frame.title} />
        <meta property="og:description" content={frame.description} />
        <meta property="og:locale" content={language === 'bn' ? 'bn_BD' : 'en_US'} />
        <meta name="twitter:card" content="summary" />
        {/* Every page has Bengali text: the whole page on Bengali pages, the language switch on English ones. */}
        {assets.bengaliFont && (
          <link rel="preload" href={assets.bengaliFont} as="font" type="font/woff2" crossOrigin="anonymous" />
        )}
        <link rel="stylesheet" href={assets.css} />
        {assets.icon && <link rel="icon" type="image/svg+xml" href={assets.icon} />}
        <link rel="alternate" hrefLang={other} href={siteHref(frame.path, other, frame.query)} />
        {frame.feed && <link rel="alternate" type="application/atom+xml" title={t('site_feedTitle')} href={frame.feed} />}
        <script src={assets.js} defer />
      </head>
      <body>
        <a class="skip" href="#main">{t('site_skip')}</a>
        <header class="site-header">
          <div class="wrap header-row">
            <a class="brand" href={siteHref('/', language)}>
              {assets.icon ? <img class="brand-mark" src={assets.icon} width={22} height={22} alt="" /> : null}
              Downwatch
            </a>
            <nav aria-label="Downwatch">
              <a href={siteHref('/', language)} aria-current={frame.current === 'home' ? 'page' : undefined}>{t('site_navHome')}</a>
              <a href={siteHref('/about', language)} aria-current={frame.current === 'about' ? 'page' : undefined}>{t('site_navAbout')}</a>
              <a href={siteHref(frame.path, other, frame.query)} hrefLang={other} lang={other}>
                {t('site_langSwitch')}
              </a>
            </nav>
          </div>
        </header>
        <main id="main" class="wrap">{children}</main>
        <footer class="site-footer">
          <div class="wrap">
            <p>{t('site_footer')}</p>
            <p><a href="/feed.atom">{t('site_navFeed')}</a></p>
          </div>
        </footer>
      </body>
    </html>
  );
}
