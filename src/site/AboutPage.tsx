// `/about`: what Downwatch counts and never stores, how a level is decided,
// and why one person cannot fake an outage (docs/privacy-and-trust.md, docs/detector.md), in plain words.
import { LEVELS } from '../core/protocolValues.ts';
import { t } from '../ui/i18n.ts';
import { LevelBadge } from '../ui/LevelBadge.tsx';

/** What a report carries: the consent text's list, shared with the extension's first-run page. */
const CARRIED = ['service', 'problem', 'source', 'time', 'client', 'country'] as const;

export function AboutPage() {
  return (
    <article class="prose">
      <h1>{t('site_aboutTitle')}</h1>
      <p class="lead">{t('site_aboutIntro')}</p>
      <section class="card" aria-labelledby="counts-heading">
        <h2 id="counts-heading">{t('site_aboutCountsHeading')}</h2>
        <ul>{CARRIED.map((item) => <li key={item}>{t(`consentSent_${item}`)}</li>)}</ul>
        <h3>{t('site_aboutNeverHeading')}</h3>
        <p>{t('site_aboutNever')}</p>
        <p>{t('site_aboutRetention')}</p>
      </section>
      <section class="card" aria-labelledby="method-heading">
        <h2 id="method-heading">{t('site_aboutMethodHeading')}</h2>
        <p>{t('site_aboutMethod')}</p>
        <h3>{t('site_aboutLevelsHeading')}</h3>
        <dl class="levels">
          {LEVELS.map((level) => (
            <div key={level}>
              <dt><LevelBadge level={level} /></dt>
              <dd>{t(`site_aboutLevel_${level}`)}</dd>
            </div>
          ))}
        </dl>
      </section>
      <section class="card" aria-labelledby="trust-heading">
        <h2 id="trust-heading">{t('site_aboutTrustHeading')}</h2>
        <ul>
          <li>{t('site_aboutTrust1')}</li>
          <li>{t('site_aboutTrust2')}</li>
          <li>{t('site_aboutTrust3')}</li>
          <li>{t('site_aboutTrust4')}</li>
        </ul>
      </section>
      <section class="card" aria-labelledby="site-heading" id="extension">
        <h2 id="site-heading">{t('site_aboutSiteHeading')}</h2>
        <p>{t('site_aboutSite')}</p>
        <p>{t('site_extensionText')}</p>
        <ul>
          <li>{t('site_installChrome')}</li>
          <li>{t('site_installFirefox')}</li>
        </ul>
      </section>
    </article>
  );
}
