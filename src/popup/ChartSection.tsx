import { useState } from 'preact/hooks';
import type { DetailView } from '../core/statusView.ts';
import { ReportsChart } from '../ui/ReportsChart.tsx';
import { defaultChartRange, type ChartRange } from '../ui/chartModel.ts';
import { t, uiTexts } from '../ui/i18n.ts';

/** The reports chart, recent hours first during an incident, the whole day one tap away. */
export function ChartSection({ detail, now }: { detail: DetailView; now: number }) {
  const [chosen, setChosen] = useState<ChartRange | null>(null);
  const range = chosen ?? defaultChartRange(detail, now);
  const other: ChartRange = range === 'recent' ? 'day' : 'recent';
  return (
    <section class="chart-section" aria-label={t('chartHeading')}>
      <ReportsChart detail={detail} texts={uiTexts()} now={now} range={range}>
        <button type="button" class="link-button chart-range" onClick={() => setChosen(other)} data-testid="chart-range">
          {t(other === 'day' ? 'chartShowDay' : 'chartShowRecent')}
        </button>
      </ReportsChart>
    </section>
  );
}
