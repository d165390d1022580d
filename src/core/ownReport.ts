// The popup's figures with the user's own counted report in them: the cached
// detail was generated before the report arrived, and the server's next answer
// may be up to 15 s away (docs/architecture.md, status cache), so the count the
// user sees would otherwise ignore the click they just made.
import type { DetailView } from './statusView.ts';

export function withOwnReport(
  detail: DetailView,
  lastReport: { at: number; outcome: string } | null | undefined,
  /** When the detail was generated (its `generatedAt`). */
  asOf: number | null,
): DetailView {
  if (!lastReport || lastReport.outcome !== 'counted' || asOf === null || lastReport.at < asOf) return detail;
  const bump = <P extends { count: number }>(points: P[]): P[] =>
    points.length ? [...points.slice(0, -1), { ...points[points.length - 1]!, count: points[points.length - 1]!.count + 1 }] : points;
  return {
    ...detail,
    count: detail.count + 1,
    series: bump(detail.series),
    recent: { ...detail.recent, points: bump(detail.recent.points) },
  };
}
