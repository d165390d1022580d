import type { SeriesPoint } from '../core/protocol.ts';
import { formatNumber, formatTime, t } from './i18n.ts';

const WIDTH = 320;
const HEIGHT = 96;
const PAD_TOP = 6;

export interface ChartGeometry {
  /** `x,y` pairs of the report line, one per series point. */
  reportPoints: string;
  /** Closed path of the baseline area, drawn under the report line. */
  baselineArea: string;
  baselinePoints: string;
  max: number;
}

/** Maps a series to SVG coordinates; the y scale fits the larger of reports and baseline (at least 1). */
export function chartGeometry(series: readonly SeriesPoint[]): ChartGeometry {
  const max = Math.max(1, ...series.map((p) => Math.max(p.count, p.baseline)));
  const step = series.length > 1 ? WIDTH / (series.length - 1) : 0;
  const x = (i: number) => (i * step).toFixed(1);
  const y = (v: number) => (HEIGHT - (v / max) * (HEIGHT - PAD_TOP)).toFixed(1);
  const reportPoints = series.map((p, i) => `${x(i)},${y(p.count)}`).join(' ');
  const baselinePoints = series.map((p, i) => `${x(i)},${y(p.baseline)}`).join(' ');
  const baselineArea = series.length ? `M0,${HEIGHT} L${baselinePoints.replaceAll(' ', ' L')} L${x(series.length - 1)},${HEIGHT} Z` : '';
  return { reportPoints, baselineArea, baselinePoints, max };
}

/** One sentence a screen reader can use instead of the picture. */
export function chartSummary(series: readonly SeriesPoint[]): string {
  const last = series[series.length - 1];
  if (!last) return t('chartNoData');
  const peak = series.reduce((best, p) => (p.count > best.count ? p : best), series[0]!);
  return t('chartDesc', [formatNumber(peak.count), formatTime(peak.t), formatNumber(last.count), formatNumber(last.baseline, 1)]);
}

/** Reports per bucket over the last 24 hours, with the usual level (baseline) drawn under them. */
export function SeriesChart({ series, serviceName, idPrefix = 'chart' }: { series: readonly SeriesPoint[]; serviceName: string; idPrefix?: string }) {
  const geometry = chartGeometry(series);
  return (
    <figure class="chart">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        width="100%"
        role="img"
        aria-labelledby={`${idPrefix}-title ${idPrefix}-desc`}
        preserveAspectRatio="none"
      >
        <title id={`${idPrefix}-title`}>{t('chartTitle', serviceName)}</title>
        <desc id={`${idPrefix}-desc`}>{chartSummary(series)}</desc>
        <path class="chart-baseline-area" d={geometry.baselineArea} />
        <polyline class="chart-baseline" points={geometry.baselinePoints} fill="none" />
        <polyline class="chart-reports" points={geometry.reportPoints} fill="none" />
      </svg>
      <figcaption class="chart-legend">
        <span>{t('chartAxisStart')}</span>
        <span>
          <span class="legend-swatch legend-reports" aria-hidden="true" /> {t('chartLegendReports')}{' '}
          <span class="legend-swatch legend-baseline" aria-hidden="true" /> {t('chartLegendBaseline')}
        </span>
        <span>{t('chartAxisEnd')}</span>
      </figcaption>
    </figure>
  );
}
