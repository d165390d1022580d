// `/`: what is down right now (every service not `ok`, most severe first, as
// /v1/status lists them), a search for any service or website, then every
// catalog service with its level, its count against usual and a 24-hour
// sparkline (docs/site.md).
import type { ServiceStatus, SeriesPoint } from '../core/protocol.ts';
import { LevelBadge } from '../ui/LevelBadge.tsx';
import { formatNumber, t } from '../ui/i18n.ts';
import { formatUsual, servicePath, siteHref, Time, tWith } from './siteFormat.tsx';
import type { SiteLanguage } from './siteLanguages.ts';
import { Sparkline } from './Sparkline.tsx';

export interface HomeData {
  generatedAt: number;
  /** /v1/status's list: catalog services and listed domains, most severe first. */
  services: readonly ServiceStatus[];
  /** The catalog's ids, in catalog order. */
  catalog: readonly string[];
  /** The last 24 hours of each catalog service. */
  series: ReadonlyMap<string, readonly SeriesPoint[]>;
}

function CountLine({ service }: { service: ServiceStatus }) {
  return (
    <span class="count-line">
      {t('site_countVsUsual', [formatNumber(service.count), formatUsual(service.baseline)])}
    </span>
  );
}

function DownCard({ service, language }: { service: ServiceStatus; language: SiteLanguage }) {
  return (
    <li class={`down-card level-edge-${service.level}`}>
      <a class="down-name" href={siteHref(servicePath(service.id), language)}>{service.name}</a>
      <LevelBadge level={service.level} />
      <CountLine service={service} />
      {service.since !== null && (
        <span class="muted since">{tWith('site_sinceTime', [<Time ms={service.since} />])}</span>
      )}
    </li>
  );
}

export function SearchForm({ language }: { language: SiteLanguage }) {
  return (
    <form class="search" action="/search" method="get" role="search">
      <label for="search-q">{t('site_searchLabel')}</label>
      <div class="search-row">
        <input id="search-q" name="q" type="text" inputMode="url" autoComplete="off" autoCapitalize="none" spellcheck={false}
          required maxLength={253} placeholder={t('site_searchPlaceholder')} />
        <input type="hidden" name="lang" value={language} />
        <button type="submit">{t('site_searchButton')}</button>
      </div>
    </form>
  );
}

export function HomePage({ data, language }: { data: HomeData; language: SiteLanguage }) {
  const down = data.services.filter((s) => s.level !== 'ok');
  const byId = new Map(data.services.map((s) => [s.id, s]));
  return (
    <>
      <section class="hero" aria-labelledby="down-heading">
        <h1 id="down-heading">{t('site_homeTitle')}</h1>
        <p class="muted as-of">{tWith('site_asOf', [<Time ms={data.generatedAt} />])}</p>
        {down.length === 0 ? (
          <p class="calm" data-testid="calm">{t('site_homeCalm')}</p>
        ) : (
          <ul class="down-list" data-testid="down-list">
            {down.map((service) => <DownCard key={service.id} service={service} language={language} />)}
          </ul>
        )}
      </section>
      <SearchForm language={language} />
      <section aria-labelledby="all-heading">
        <h2 id="all-heading">{t('site_allHeading')}</h2>
        <table class="services">
          <thead>
            <tr>
              <th scope="col">{t('site_colService')}</th>
              <th scope="col">{t('site_colLevel')}</th>
              <th scope="col" class="num">{t('site_colReports')}</th>
              <th scope="col" class="trend">{t('site_colTrend')}</th>
            </tr>
          </thead>
          <tbody>
            {data.catalog.map((id) => {
              const service = byId.get(id);
              if (!service) return null;
              return (
                <tr key={id}>
                  <th scope="row"><a href={siteHref(servicePath(id), language)}>{service.name}</a></th>
                  <td><LevelBadge level={service.level} /></td>
                  <td class="num">
                    <span class="big-num">{formatNumber(service.count)}</span>
                    <span class="muted usual">{t('site_usual', formatUsual(service.baseline))}</span>
                  </td>
                  <td class="trend"><Sparkline series={data.series.get(id) ?? []} name={service.name} /></td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>
    </>
  );
}
