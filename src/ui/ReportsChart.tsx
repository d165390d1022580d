// Reports against the usual band (docs/incidents.md), drawn from plain data
// with no browser API: the popup and the server-rendered status site share it.
// Its look is src/ui/chart.css.
import type { ComponentChildren } from 'preact';
import { CHART, chartModel, pointsFor, type ChartModel, type ChartRange } from './chartModel.ts';
import type { DetailView } from '../core/statusView.ts';
import type { Texts } from './texts.ts';
import { formatUsual } from './verdict.ts';

/** "1 hour", "6 hours" (chrome.i18n has no plural rules: one/other are two keys). */
function hoursText(texts: Texts, hours: number): string {
  return texts.t(hours === 1 ? 'chartHours_one' : 'chartHours_other', texts.number(hours));
}

/** One paragraph a screen reader gets instead of the picture: peak, start, the latest full bucket, the current one so far. */
export function chartSummary(model: ChartModel, texts: Texts): string {
  if (model.empty) return texts.t('chartNoData');
  const minutes = texts.number(model.bucketMinutes);
  const parts = [texts.t('chartDescIntro', [minutes, hoursText(texts, model.hours)])];
  if (model.start) parts.push(texts.t('chartDescStart', texts.time(model.start.t)));
  if (model.peak) parts.push(texts.t('chartDescPeak', [texts.number(model.peak.count), texts.time(model.peak.t)]));
  const last = model.points[model.points.length - 1];
  if (last) {
    parts.push(
      model.learning
        ? texts.t('chartDescLatestLearning', [minutes, texts.number(last.count)])
        : texts.t('chartDescLatest', [minutes, texts.number(last.count), formatUsual(texts, model.usualNow)]),
    );
  }
  if (model.partial) parts.push(texts.t('chartDescPartial', [minutes, texts.number(model.partial.count)]));
  return parts.join(' ');
}

interface ReportsChartProps {
  detail: DetailView;
  texts: Texts;
  now: number;
  range: ChartRange;
  /** Distinguishes the ids of two charts on one page. */
  idPrefix?: string;
  /** Controls shown at the end of the legend (the popup's range switch, the site's links). */
  children?: ComponentChildren;
}

/** The label of a y tick, peak or marker: text with a halo, so it stays legible over the line. */
function Label({ x, y, anchor = 'start', className = '', children }: { x: number; y: number; anchor?: 'start' | 'middle' | 'end'; className?: string; children: string }) {
  return (
    <text x={x} y={y} text-anchor={anchor} class={`chart-label ${className}`}>
      {children}
    </text>
  );
}

export function ReportsChart({ detail, texts, now, range, idPrefix = 'chart', children }: ReportsChartProps) {
  const { points, bucketMinutes } = pointsFor(detail, range, now);
  const model = chartModel({ points, bucketMinutes, now, since: detail.since, learning: detail.learning === true, range });
  const floor = CHART.height - CHART.bottom;
  const right = CHART.width - CHART.right;
  const peakAnchor = model.peak && model.peak.x > right - 60 ? 'end' : model.peak && model.peak.x < CHART.left + 40 ? 'start' : 'middle';
  return (
    <figure class="reports-chart" data-range={range}>
      <svg viewBox={`0 0 ${CHART.width} ${CHART.height}`} width="100%" role="img" aria-labelledby={`${idPrefix}-title ${idPrefix}-desc`}>
        <title id={`${idPrefix}-title`}>{texts.t('chartTitle', [detail.name, hoursText(texts, model.hours)])}</title>
        <desc id={`${idPrefix}-desc`}>{chartSummary(model, texts)}</desc>
        {model.ticks.map((tick) => (
          <g key={tick.value}>
            <line class="chart-grid" x1={CHART.left} x2={right} y1={tick.y} y2={tick.y} />
            <Label x={CHART.left - 4} y={tick.y + 4} anchor="end">{texts.number(tick.value)}</Label>
          </g>
        ))}
        {model.usualArea && <path class="chart-usual" d={model.usualArea} />}
        {model.start && !model.start.before && (
          <g class="chart-start">
            <line x1={model.start.x} x2={model.start.x} y1={CHART.top - 4} y2={floor} />
            <Label x={model.start.x + 3} y={CHART.top - 6} anchor={model.start.x > right - 70 ? 'end' : 'start'}>{texts.time(model.start.t)}</Label>
          </g>
        )}
        <line class="chart-now" x1={model.nowX} x2={model.nowX} y1={CHART.top} y2={floor} />
        {model.line && <polyline class="chart-line" points={model.line} />}
        {model.partialLine && <polyline class="chart-line chart-line-partial" points={model.partialLine} />}
        {model.partial && <circle class="chart-partial" cx={model.partial.x} cy={model.partial.y} r={3} />}
        {model.peak && (
          <>
            <circle class="chart-peak" cx={model.peak.x} cy={model.peak.y} r={3} />
            <Label x={model.peak.x} y={Math.max(CHART.top + 10, model.peak.y - 6)} anchor={peakAnchor} className="chart-peak-label">{texts.number(model.peak.count)}</Label>
          </>
        )}
        <Label x={CHART.left} y={CHART.height - 5}>{texts.t('chartAxisAgo', texts.number(model.hours))}</Label>
        <Label x={right} y={CHART.height - 5} anchor="end">{texts.t('chartAxisNow')}</Label>
        {model.empty && <Label x={(CHART.left + right) / 2} y={CHART.top + 40} anchor="middle">{texts.t('chartNoData')}</Label>}
      </svg>
      <figcaption class="chart-legend">
        <span><span class="legend-swatch legend-reports" aria-hidden="true" /> {texts.t('chartLegendReports', texts.number(model.bucketMinutes))}</span>
        {model.learning ? (
          <span class="chart-learning" data-testid="chart-learning">{texts.t('chartLearning')}</span>
        ) : (
          <span><span class="legend-swatch legend-usual" aria-hidden="true" /> {texts.t('chartLegendUsual')}</span>
        )}
        {children}
      </figcaption>
    </figure>
  );
}
