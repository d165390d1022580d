// How to report from the site (docs/site.md): the extension's store links
// (placeholders, named as such, until it is published) and a plain form that
// works without the extension and without scripts. The form posts
// application/x-www-form-urlencoded to /s/{id}/report and the answer is a
// page. `client` and `id` are empty on the shared, cached page: the optional
// script fills in random ones for this visit, and without it the server makes
// them when the report arrives; the answer page carries the same client id,
// so a second report from it is `suppressed`. Nothing is stored in the browser.
import { PROBLEMS } from '../core/protocolValues.ts';
import { t } from '../ui/i18n.ts';
import { servicePath, siteHref } from './siteFormat.tsx';
import type { SiteLanguage } from './siteLanguages.ts';

export interface ReportFormProps {
  service: string;
  name: string;
  language: SiteLanguage;
  /** The client id of this visit, once the server has made one (answer pages); empty on the cached page. */
  client?: string;
  /** The problem chosen last time, kept selected on the answer page. */
  problem?: string;
}

export function ReportForm({ service, name, language, client = '', problem }: ReportFormProps) {
  return (
    <form class="report-form" method="post" action={`${servicePath(service)}/report`}>
      <fieldset>
        <legend>{t('reportQuestion', name)}</legend>
        <div class="choices">
          {PROBLEMS.map((p) => (
            <label key={p} class="choice">
              <input type="radio" name="problem" value={p} required checked={p === problem} />
              <span>{t(`problem_${p}`)}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <input type="hidden" name="client" value={client} data-random="client" />
      <input type="hidden" name="id" value="" data-random="id" />
      <input type="hidden" name="lang" value={language} />
      <button type="submit" class="primary" data-testid="site-report-button">{t('reportButton')}</button>
    </form>
  );
}

/** Placeholder store addresses (the about page's extension section), named as placeholders until the extension is published. */
const storePlaceholder = (language: SiteLanguage) => `${siteHref('/about', language)}#extension`;

export function ReportSection({ service, name, language }: { service: string; name: string; language: SiteLanguage }) {
  return (
    <section class="card report" aria-labelledby="report-heading" id="report">
      <h2 id="report-heading">{t('site_reportHeading', name)}</h2>
      <p class="muted">{t('site_reportIntro')}</p>
      <ReportForm service={service} name={name} language={language} />
      <h3>{t('site_extensionHeading')}</h3>
      <p>{t('site_extensionText')}</p>
      <ul class="store-links">
        <li><a href={storePlaceholder(language)} data-placeholder="chrome-web-store">{t('site_installChrome')}</a></li>
        <li><a href={storePlaceholder(language)} data-placeholder="firefox-add-ons">{t('site_installFirefox')}</a></li>
      </ul>
    </section>
  );
}
