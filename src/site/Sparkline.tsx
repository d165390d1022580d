// A 24-hour sparkline for the list on `/`: the reports per bucket as one
// line over the usual level, sized by CSS so the row never changes height.
import type { SeriesPoint } from '../core/protocol.ts';
import { formatNumber, t } from '../ui/i18n.ts';

const WIDTH = 120;
const HEIGHT = 28;

export function Sparkline({ series, name }: { series: readonly SeriesPoint[]; name: string }) {
  const max = Math.max(1, ...series.map((p) => Math.max(p.count, p.baseline)));
  const step = series.length > 1 ? WIDTH / (series.length - 1) : 0;
  const y = (v: number) => (HEIGHT - 1 - (v / max) * (HEIGHT - 3)).toFixed(1);
  const line = (pick: (p: SeriesPoint) => number) => series.map((p, i) => `${(i * step).toFixed(1)},${y(pick(p))}`).join(' ');
  const peak = series.reduce((best, p) => Math.max(best, p.count), 0);
  const last = series[series.length - 1]?.count ?? 0;
  return (
    <svg class="sparkline" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} preserveAspectRatio="none" role="img"
      aria-label={t('site_sparklineLabel', [name, formatNumber(peak), formatNumber(last)])}>
      <polyline class="sparkline-usual" points={line((p) => p.baseline)} fill="none" />
      <polyline class="sparkline-reports" points={line((p) => p.count)} fill="none" />
    </svg>
  );
}
