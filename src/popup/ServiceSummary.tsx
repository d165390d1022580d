import type { ServiceDetail } from '../core/protocol.ts';
import type { DetailView } from '../ui/statusView.ts';
import { LevelBadge } from '../ui/LevelBadge.tsx';
import { ReportsChart } from '../ui/ReportsChart.tsx';
import { defaultChartRange } from '../ui/chartModel.ts';
import { countryName } from '../ui/countryName.ts';
import { formatNumber, formatTime, t, uiTexts } from '../ui/i18n.ts';

/** A baseline like 12.5 reads "13"; a small one like 0.4 keeps its decimal. */
export function formatBaseline(value: number): string {
  return formatNumber(value, value < 10 ? 1 : 0);
}

/** The level and the last 15 minutes' count against what is usual now. */
export function LevelLine({ detail }: { detail: ServiceDetail }) {
  return (
    <div class="level-line">
      <LevelBadge level={detail.level} />
      <p class="count" data-testid="count">
        {t('countLine', formatNumber(detail.count))}
        <br />
        <span class="muted">{t('baselineLine', formatBaseline(detail.baseline))}</span>
        {detail.since !== null && <span class="muted"> · {t('sinceLine', formatTime(detail.since))}</span>}
      </p>
    </div>
  );
}

function Breakdown({ id, heading, rows }: { id: string; heading: string; rows: { label: string; count: number }[] }) {
  return (
    <section class="breakdown" aria-labelledby={id}>
      <h3 id={id}>{heading}</h3>
      {rows.length === 0 ? (
        <p class="muted">{t('breakdownEmpty')}</p>
      ) : (
        <ul>
          {rows.slice(0, 3).map((row) => (
            <li key={row.label}>
              <span>{row.label}</span> <span class="num">{formatNumber(row.count)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The 24-hour chart and the last hour's top problems and countries. */
export function ServiceDetails({ detail }: { detail: DetailView; serviceName: string }) {
  return (
    <section aria-labelledby="chart-heading">
      <h2 id="chart-heading">{t('chartHeading')}</h2>
      <ReportsChart detail={detail} texts={uiTexts()} now={detail.generatedAt ?? Date.now()} range={defaultChartRange(detail, detail.generatedAt ?? Date.now())} />
      <div class="breakdowns">
        <Breakdown id="problems-heading" heading={t('problemsHeading')} rows={detail.problems.map((p) => ({ label: t(`problem_${p.problem}`), count: p.count }))} />
        <Breakdown id="countries-heading" heading={t('countriesHeading')} rows={detail.countries.map((c) => ({ label: countryName(c.country), count: c.count }))} />
      </div>
    </section>
  );
}
