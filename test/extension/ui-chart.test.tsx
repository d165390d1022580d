import { render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import { CHART, chartModel, defaultChartRange, niceCeil, pointsFor } from '../../src/ui/chartModel.ts';
import { ReportsChart, chartSummary } from '../../src/ui/ReportsChart.tsx';
import { detail, incidentSeries, NOW } from './uiFixtures.ts';
import { textsIn } from './uiTexts.ts';

const en = textsIn('en');
const bn = textsIn('bn');
const FLOOR = CHART.height - CHART.bottom;
const MIN = 60_000;
let host: HTMLElement | null = null;

function draw(tree: preact.ComponentChild): HTMLElement {
  host = document.createElement('div');
  document.body.appendChild(host);
  render(tree, host);
  return host;
}
afterEach(() => {
  if (host) render(null, host);
  host?.remove();
});

describe('chart model', () => {
  it('keeps the usual band visible beside an outage hundreds of times its size, and labels the peak', () => {
    const m = chartModel({ points: incidentSeries(), bucketMinutes: 5, now: NOW, since: NOW - 50 * MIN, learning: false, range: 'recent' });
    expect(m.peak?.count).toBe(1300);
    expect(m.yMax).toBeGreaterThanOrEqual(1300);
    const bandYs = [...m.usualArea.matchAll(/L[\d.]+,([\d.]+)/g)].map((x) => Number(x[1])).filter((y) => y !== FLOOR);
    expect(bandYs.length).toBeGreaterThan(10);
    for (const y of bandYs) expect(y).toBeLessThanOrEqual(FLOOR - 3);
    expect(m.ticks.map((t) => t.value)).toEqual([0, m.yMax / 2, m.yMax]);
  });

  it('draws the unfinished bucket at its rate so far, never as a drop to zero', () => {
    const points = incidentSeries(); // last bucket: 400 reports 2 minutes into 5
    const m = chartModel({ points, bucketMinutes: 5, now: NOW, since: null, learning: false, range: 'recent' });
    expect(m.partial).toMatchObject({ count: 400, projected: 1000 });
    expect(m.partial!.y).toBeCloseTo(FLOOR - (1000 / m.yMax) * (FLOOR - CHART.top), 0);
    expect(m.partial!.x).toBe(m.nowX);
    expect(m.points.every((p) => p.t !== points.at(-1)!.t)).toBe(true);
  });

  it('leaves out a current bucket too young to have a rate, rather than drawing it low', () => {
    const points = incidentSeries().map((p, i, all) => (i === all.length - 1 ? { ...p, t: NOW - 20_000, count: 3 } : p));
    const m = chartModel({ points, bucketMinutes: 5, now: NOW, since: null, learning: false, range: 'recent' });
    expect(m.partial).toBeNull();
    expect(m.partialLine).toBeNull();
  });

  it('marks the incident start inside the window, and says when it began before the window', () => {
    const inside = chartModel({ points: incidentSeries(), bucketMinutes: 5, now: NOW, since: NOW - 50 * MIN, learning: false, range: 'recent' });
    expect(inside.start!.before).toBe(false);
    expect(inside.start!.x).toBeGreaterThan(CHART.left);
    expect(inside.start!.x).toBeLessThan(inside.nowX);
    const before = chartModel({ points: incidentSeries(), bucketMinutes: 5, now: NOW, since: NOW - 9 * 60 * MIN, learning: false, range: 'recent' });
    expect(before.start!.before).toBe(true);
  });

  it('rounds the axis up to 1, 2, 2.5 or 5 × 10ⁿ', () => {
    expect([3, 4, 11, 21, 1300, 3665].map(niceCeil)).toEqual([5, 5, 20, 25, 2000, 5000]);
  });

  it('has no usual band while the server is still learning, and nothing to draw without figures', () => {
    expect(chartModel({ points: incidentSeries(), bucketMinutes: 5, now: NOW, since: null, learning: true, range: 'recent' }).usualArea).toBe('');
    const empty = chartModel({ points: [], bucketMinutes: 5, now: NOW, since: null, learning: true, range: 'recent' });
    expect(empty.empty).toBe(true);
    expect(chartSummary(empty, en)).toBe('No figures yet.');
  });
});

describe('chart range', () => {
  it('shows the recent hours during an incident and for a while after it, else the day', () => {
    expect(defaultChartRange(detail({ level: 'outage' }), NOW)).toBe('recent');
    expect(defaultChartRange(detail({ level: 'recovering' }), NOW)).toBe('recent');
    const ok = { level: 'ok' as const, since: null };
    expect(defaultChartRange(detail({ ...ok, incidents: [{ since: NOW - 3 * 3600_000, until: NOW - 3600_000, peak: 90, peakLevel: 'outage' }] }), NOW)).toBe('recent');
    expect(defaultChartRange(detail({ ...ok, incidents: [{ since: NOW - 9 * 3600_000, until: NOW - 5 * 3600_000, peak: 90, peakLevel: 'outage' }] }), NOW)).toBe('day');
    expect(defaultChartRange(detail(ok), NOW)).toBe('day');
  });

  it('starts the recent view shortly before the incident (at least an hour back), from the 5-minute series', () => {
    const recent = pointsFor(detail(), 'recent', NOW);
    expect(recent.bucketMinutes).toBe(5);
    expect(recent.points[0]!.t).toBe(Date.UTC(2026, 10, 29, 10, 25)); // 45 minutes before the 11:10 start
    expect(pointsFor(detail({ since: Date.UTC(2026, 10, 29, 11, 55) }), 'recent', NOW).points[0]!.t).toBe(Date.UTC(2026, 10, 29, 11, 5)); // an hour back at least
    const long = pointsFor(detail({ since: Date.UTC(2026, 10, 29, 8, 0) }), 'recent', NOW);
    expect(long.points[0]!.t).toBe(Date.UTC(2026, 10, 29, 7, 15)); // 45 minutes before a start 4 hours back
    const without = pointsFor(detail({ recent: { bucketMinutes: 5, points: [] } }), 'recent', NOW);
    expect(without).toMatchObject({ bucketMinutes: 15 });
    expect(without.points.map((p) => p.t)).toEqual(Array.from({ length: 7 }, (_, i) => Date.UTC(2026, 10, 29, 10, 30 + 15 * i)));
    expect(pointsFor(detail(), 'day', NOW).points).toHaveLength(96);
  });
});

describe('ReportsChart', () => {
  it('tells a screen reader the start, the peak, the latest full bucket and the current one so far — never "now: 0"', () => {
    const root = draw(<ReportsChart detail={detail()} texts={en} now={NOW} range="recent" />);
    const desc = root.querySelector('desc')!.textContent!;
    expect(desc).toBe(
      'Reports per 5 minutes over the last 2 hours. Problems since 11:10 AM. Highest: 1,300 at 11:40 AM. ' +
        'Latest full 5 minutes: 1,200 (usually about 3). The current 5 minutes so far: 400.',
    );
    expect(root.querySelector('title')!.textContent).toBe('Reports for X, last 2 hours');
  });

  it('labels the axis, the peak, the start and "now" on the picture itself', () => {
    const root = draw(<ReportsChart detail={detail()} texts={en} now={NOW} range="recent" />);
    const labels = [...root.querySelectorAll('text')].map((t) => t.textContent);
    expect(labels).toEqual(expect.arrayContaining(['0', '2,000', '1,300', '11:10 AM', '2 h ago', 'now']));
    expect(root.querySelector('.chart-line-partial')).not.toBeNull();
  });

  it('switches to the 24-hour view of 15-minute buckets by its prop', () => {
    const root = draw(<ReportsChart detail={detail()} texts={en} now={NOW} range="day" />);
    expect(root.querySelector('figure')!.dataset.range).toBe('day');
    expect(root.querySelector('desc')!.textContent).toMatch(/^Reports per 15 minutes over the last 24 hours\./);
  });

  it('says "not enough history yet" for a new server instead of drawing a usual band', () => {
    const root = draw(<ReportsChart detail={detail({ learning: true, level: 'ok', since: null })} texts={en} now={NOW} range="recent" />);
    expect(root.querySelector('[data-testid="chart-learning"]')!.textContent).toBe('Not enough history yet');
    expect(root.querySelector('.chart-usual')).toBeNull();
  });

  it('speaks Bengali with Bengali digits and no English words', () => {
    const root = draw(<ReportsChart detail={detail()} texts={bn} now={NOW} range="recent" />);
    const text = `${root.querySelector('desc')!.textContent} ${[...root.querySelectorAll('text, figcaption')].map((t) => t.textContent).join(' ')}`;
    expect(text).toContain('১,৩০০');
    expect(text).not.toMatch(/[A-Za-z]/);
  });
});
