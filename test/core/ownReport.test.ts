import { describe, expect, it } from 'vitest';
import { withOwnReport } from '../../src/core/ownReport.ts';
import type { DetailView } from '../../src/core/statusView.ts';

const T = Date.UTC(2026, 0, 1, 12, 0);
const detail: DetailView = {
  id: 'x', name: 'X', level: 'warning', count: 57, baseline: 4, since: T - 600_000, peak: { count: 57, t: T }, learning: false, generatedAt: T,
  bucketMinutes: 15, series: [{ t: T - 900_000, count: 20, baseline: 4 }, { t: T, count: 3, baseline: 4, partial: true }],
  recent: { bucketMinutes: 5, points: [{ t: T - 300_000, count: 9, baseline: 1 }, { t: T, count: 2, baseline: 1, partial: true }] },
  incidents: [], problems: [], countries: [], signals: [],
};

describe('withOwnReport', () => {
  it('adds a report counted after the figures were generated to the count and the current buckets', () => {
    const shown = withOwnReport(detail, { at: T + 5_000, outcome: 'counted' }, T);
    expect(shown.count).toBe(58);
    expect(shown.series.map((p) => p.count)).toEqual([20, 4]);
    expect(shown.recent.points.map((p) => p.count)).toEqual([9, 3]);
    expect(detail.count).toBe(57); // the cached figures themselves are untouched
  });

  it('leaves figures that already include it, and reports that were not counted, as they are', () => {
    expect(withOwnReport(detail, { at: T - 5_000, outcome: 'counted' }, T)).toBe(detail);
    expect(withOwnReport(detail, { at: T + 5_000, outcome: 'queued' }, T)).toBe(detail);
    expect(withOwnReport(detail, { at: T + 5_000, outcome: 'suppressed' }, T)).toBe(detail);
    expect(withOwnReport(detail, null, T)).toBe(detail);
  });
});
