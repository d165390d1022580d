// `/s/{id}`: one service (docs/site.md). The verdict sentence, the chart
// (24 h or 7 d, as links), the last hour's problems, countries (k-anonymous,
// as the API gives them) and signals, the official status slot, the last 90
// days of incidents, and how to report.
import { countryName } from '../ui/countryName.ts';
import { formatNumber, t, uiTexts } from '../ui/i18n.ts';
import { LevelBadge } from '../ui/LevelBadge.tsx';
import { ReportsChart } from '../ui/ReportsChart.tsx';
import type { DetailView } from '../core/statusView.ts';
import { headline, SAME_DAY_MS } from '../ui/verdict.ts';
import { ReportSection } from './ReportSection.tsx';
import { formatDuration, servicePath, siteHref, Time, tWith } from './siteFormat.tsx';
import type { SiteLanguage } from './siteLanguages.ts';

/** The chart's views: the recent hours at fine resolution, a day, a week (hours of series each needs). */
export const CHART_VIEWS = { recent: 24, '24h': 24, '7d': 168 } as const;
export type ChartView = keyof typeof CHART_VIEWS;
const VIEW_LABEL: Record<ChartView, string> = { recent: 'site_viewRecent', '24h': 'site_view24h', '7d': 'site_view7d' };

/** One incident of the last 90 days (docs/incidents.md), newest first. */
export interface IncidentRow {
  since: number;
  until: number | null;
  peak: number;
  peakLevel: string;
}

export interface ServiceData {
  detail: DetailView;
  view: ChartView;
  generatedAt: number;
  incidents: readonly IncidentRow[];
}

function Breakdown({ id, heading, rows }: { id: string; heading: string; rows: { key: string; label: string; count: number }[] }) {
  const max = Math.max(1, ...rows.map((r) => r.count));
  return (
    <section class="card breakdown" aria-labelledby={id}>
      <h2 id={id}>{heading}</h2>
      {rows.length === 0 ? (
        <p class="muted">{t('breakdownEmpty')}</p>
      ) : (
        <ul class="bars">
          {rows.slice(0, 6).map((row) => (
            <li key={row.key}>
              <span class="bar-label">{row.label}</span>
              <span class="bar-num">{formatNumber(row.count)}</span>
              <svg class="bar" viewBox="0 0 100 4" preserveAspectRatio="none" aria-hidden="true">
                <rect width={Math.max(1, (row.count / max) * 100).toFixed(1)} height="4" rx="2" />
              </svg>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Incidents({ incidents, now }: { incidents: readonly IncidentRow[]; now: number }) {
  return (
    <section class="card incidents" aria-labelledby="incidents-heading">
      <h2 id="incidents-heading">{t('site_incidentsHeading')}</h2>
      {incidents.length === 0 ? (
        <p class="muted">{t('site_incidentsNone')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('site_colStart')}</th>
              <th scope="col">{t('site_colDuration')}</th>
              <th scope="col" class="num">{t('site_colPeak')}</th>
            </tr>
          </thead>
          <tbody>
            {incidents.map((incident) => (
              <tr key={incident.since}>
                <td><Time ms={incident.since} withDate /></td>
                <td>{incident.until === null ? `${formatDuration(now - incident.since)} (${t('site_ongoing')})` : formatDuration(incident.until - incident.since)}</td>
                <td class="num"><LevelBadge level={incident.peakLevel} /> {formatNumber(incident.peak)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** The verdict sentence the popup says too (src/ui/verdict.ts), its start time as a <time> the script can localise. */
function Verdict({ detail, now }: { detail: DetailView; now: number }) {
  const h = headline(detail, uiTexts('UTC'), now);
  return (
    <div class={`verdict verdict-${h.level}`} data-testid="verdict">
      <LevelBadge level={detail.level} />
      <div>
        <p class="verdict-lead">
          {h.lead}
          {h.since !== null && detail.since !== null && <> — {tWith('verdictSince', [<Time ms={detail.since} withDate={now - detail.since > SAME_DAY_MS} />])}</>}
        </p>
        <p class="verdict-figures">{h.figures}</p>
      </div>
    </div>
  );
}

export function ServicePage({ data, language }: { data: ServiceData; language: SiteLanguage }) {
  const { detail, view } = data;
  const quiet = detail.level === 'ok' && detail.count === 0 && detail.series.every((p) => p.count === 0);
  return (
    <>
      <div class="service-head">
        <h1>{t('site_serviceTitle', detail.name)}</h1>
        <p class="muted as-of">{tWith('site_asOf', [<Time ms={data.generatedAt} />])}</p>
      </div>
      <Verdict detail={detail} now={data.generatedAt} />
      {quiet && <p class="calm" data-testid="no-reports">{t('site_noReports', detail.name)}</p>}
      <section class="card chart-card" aria-labelledby="chart-heading">
        <div class="card-head">
          <h2 id="chart-heading">{t('site_chartHeading')}</h2>
          <nav class="views" aria-label={t('site_viewLabel')}>
            {(Object.keys(CHART_VIEWS) as ChartView[]).map((v) => (
              <a key={v} href={siteHref(servicePath(detail.id), language, { view: v })} aria-current={v === view ? 'page' : undefined}>
                {t(VIEW_LABEL[v])}
              </a>
            ))}
          </nav>
        </div>
        <ReportsChart detail={detail} texts={uiTexts('UTC')} now={data.generatedAt} range={view === 'recent' ? 'recent' : 'day'} />
      </section>
      <div class="grid-3">
        <Breakdown id="problems-heading" heading={t('problemsHeading')}
          rows={detail.problems.map((p) => ({ key: p.problem, label: t(`problem_${p.problem}`), count: p.count }))} />
        <Breakdown id="countries-heading" heading={t('countriesHeading')}
          rows={detail.countries.map((c) => ({ key: c.country, label: countryName(c.country), count: c.count }))} />
        <Breakdown id="signals-heading" heading={t('site_signalsHeading')}
          rows={detail.signals.map((s) => ({ key: s.signal, label: t(`signalName_${s.signal}`), count: s.count }))} />
      </div>
      <section class="official" id="official-status" data-slot="official-status" aria-label={t('site_officialHeading')} hidden />
      <Incidents incidents={data.incidents} now={data.generatedAt} />
      <ReportSection service={detail.id} name={detail.name} language={language} />
    </>
  );
}
