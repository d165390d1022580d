// Pages to HTML: a Preact tree from src/site/ rendered to a string in one
// language (withMessages gives the shared components that language's
// messages while the render runs; it is synchronous).
import type { ComponentChildren } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { AboutPage } from '../../src/site/AboutPage.tsx';
import { HomePage, type HomeData } from '../../src/site/HomePage.tsx';
import { NotFoundPage, outcomeMessage, ReportAnswerPage, type ReportAnswer } from '../../src/site/MessagePages.tsx';
import { ServicePage, type ServiceData } from '../../src/site/ServicePage.tsx';
import { formatNumber, t, withMessages } from '../../src/ui/i18n.ts';
import { servicePath } from '../../src/site/siteFormat.tsx';
import { SitePage, type PageFrame, type SiteAssets } from '../../src/site/SitePage.tsx';
import type { SiteLanguage } from '../../src/site/siteLanguages.ts';
import { SITE_MESSAGES } from './siteMessages.ts';

/** Runs `build` in `language` (for feeds and badges, written without Preact). */
export function inLanguage<T>(language: SiteLanguage, build: () => T): T {
  return withMessages(SITE_MESSAGES[language], build);
}

function page(frame: Omit<PageFrame, 'title' | 'description'>, text: () => { title: string; description: string; ogTitle?: string }, body: () => ComponentChildren): string {
  return inLanguage(frame.language, () => {
    const { title, description, ogTitle } = text();
    return `<!doctype html>${renderToString(<SitePage frame={{ ...frame, title, description, ogTitle }}>{body()}</SitePage>)}`;
  });
}

export function renderHome(language: SiteLanguage, assets: SiteAssets, data: HomeData): string {
  return page({ language, assets, path: '/', current: 'home', feed: '/feed.atom' },
    () => ({ title: t('site_homeTitle'), description: t('site_homeDescription') }),
    () => <HomePage data={data} language={language} />);
}

export function renderService(language: SiteLanguage, assets: SiteAssets, data: ServiceData): string {
  const { detail } = data;
  const path = servicePath(detail.id);
  return page({ language, assets, path, query: { view: data.view }, feed: `${path}/feed.atom` },
    () => ({
      title: t('site_serviceTitle', detail.name),
      description: t('site_serviceDescription', detail.name),
      // What a shared link previews as: "X — Outage · 1,392 reports in 15 min".
      ogTitle: t('site_ogSummary', [detail.name, t(`level_${detail.level}`), formatNumber(detail.count)]),
    }),
    () => <ServicePage data={data} language={language} />);
}

export function renderAbout(language: SiteLanguage, assets: SiteAssets): string {
  return page({ language, assets, path: '/about', current: 'about' },
    () => ({ title: t('site_aboutTitle'), description: t('site_aboutIntro') }),
    () => <AboutPage />);
}

export function renderNotFound(language: SiteLanguage, assets: SiteAssets, path: string, asked?: string): string {
  return page({ language, assets, path },
    () => ({ title: t('site_notFoundTitle'), description: t('site_notFoundHint') }),
    () => <NotFoundPage asked={asked} language={language} />);
}

export function renderReportAnswer(language: SiteLanguage, assets: SiteAssets, answer: ReportAnswer): string {
  return page({ language, assets, path: servicePath(answer.service) },
    () => ({ title: t('site_answerTitle', answer.name), description: outcomeMessage(answer) }),
    () => <ReportAnswerPage answer={answer} language={language} />);
}
