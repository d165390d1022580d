import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resetFakeBrowser } from './uiFakeBrowser.ts';
import { mount, unmount } from './uiRender.tsx';

vi.mock('webextension-polyfill', async () => ({ default: (await import('./uiFakeBrowser.ts')).fakeBrowser }));

const { SeriesChart, chartGeometry, chartSummary } = await import('../../src/ui/SeriesChart.tsx');

const point = (t: number, count: number, baseline: number) => ({ t, count, baseline });

describe('24-hour chart', () => {
  beforeEach(resetFakeBrowser);
  afterEach(unmount);

  it('scales to the larger of reports and baseline, so a baseline above every count still fits', () => {
    const g = chartGeometry([point(0, 1, 10), point(1, 2, 10)]);
    expect(g.max).toBe(10);
    const baselineYs = g.baselinePoints.split(' ').map((p) => Number(p.split(',')[1]));
    expect(Math.min(...baselineYs)).toBeGreaterThanOrEqual(0);
  });

  it('keeps a quiet day (all zeros) on the floor of the chart instead of dividing by zero', () => {
    const g = chartGeometry([point(0, 0, 0), point(1, 0, 0)]);
    expect(g.reportPoints).toBe('0.0,96.0 320.0,96.0');
  });

  it('spans the whole width from the oldest to the newest bucket', () => {
    const xs = chartGeometry([point(0, 1, 1), point(1, 1, 1), point(2, 1, 1)]).reportPoints.split(' ').map((p) => Number(p.split(',')[0]));
    expect(xs).toEqual([0, 160, 320]);
  });

  it('draws nothing and says so when there is no series', async () => {
    expect(chartGeometry([]).reportPoints).toBe('');
    expect(chartSummary([])).toBe('No figures for the last 24 hours yet.');
    const root = await mount(<SeriesChart series={[]} serviceName="X" />);
    expect(root.querySelector('desc')?.textContent).toBe('No figures for the last 24 hours yet.');
  });

  it('summarises the peak, the latest bucket and the usual level for screen readers', () => {
    const t = Date.UTC(2026, 0, 1, 9, 0);
    expect(chartSummary([point(t, 3, 1), point(t + 900_000, 50, 2), point(t + 1_800_000, 7, 2.5)])).toMatch(
      /^Reports per 15 minutes\. Highest: 50 at .+\. Now: 7\. Usual now: about 2\.5\.$/,
    );
  });
});
