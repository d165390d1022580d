// X (Twitter), 14 July 2022: about 5,286 Downdetector reports at 7:58, a peak
// near 29,050 at 8:13, back to normal by about 8:40 (US Eastern, UTC-4).
// Symptoms reported: timelines not loading, error messages.

import { addCurve, minuteOf, type CurvePoint } from './curve.ts';
import { catalogBackground, HISTORY_MINUTES } from './ordinary.ts';
import { createRandom } from './random.ts';
import type { ReportMix, Scenario } from './types.ts';

const CHART: readonly CurvePoint[] = [
  [minuteOf('2022-07-14T07:56-04:00'), 0],
  [minuteOf('2022-07-14T07:58-04:00'), 5_286],
  [minuteOf('2022-07-14T08:13-04:00'), 29_050],
  [minuteOf('2022-07-14T08:20-04:00'), 18_000],
  [minuteOf('2022-07-14T08:28-04:00'), 7_000],
  [minuteOf('2022-07-14T08:35-04:00'), 2_000],
  [minuteOf('2022-07-14T08:40-04:00'), 0],
];

export const TWITTER_OUTAGE_MIX: ReportMix = {
  problems: [['feed', 50], ['website', 30], ['posting', 10], ['login', 5], ['other', 5]],
  signals: [
    [['feed_stalled', 'banner'], 30], [['banner'], 25], [['http_5xx', 'feed_stalled'], 15], [['http_5xx'], 15], [[], 15],
  ],
  countries: [['US', 45], ['GB', 8], ['IN', 8], ['JP', 6], ['CA', 5], ['BR', 5], ['DE', 4], ['FR', 3], ['AU', 3], ['MX', 3], [null, 5]],
  autoShare: 0.6,
};

export function twitter2022(): Scenario {
  const evaluateFrom = minuteOf('2022-07-14T00:00Z');
  const evaluateTo = minuteOf('2022-07-15T00:00Z');
  const startMinute = evaluateFrom - HISTORY_MINUTES;
  const rng = createRandom(20220714);
  const services = catalogBackground(rng, startMinute, evaluateTo - startMinute);
  const x = services.find((s) => s.id === 'x')!;
  const { start, end } = addCurve(rng, x.excess, startMinute, CHART);
  x.incidents = [{ label: 'X outage', start, end, expect: 'outage' }];
  x.incidentMix = TWITTER_OUTAGE_MIX;
  return {
    name: 'twitter-2022-07',
    title: 'X outage, 14 July 2022 (7:58–8:40 US Eastern)',
    notes: 'Downdetector: ~5,286 reports at 7:58, peak ~29,050 at 8:13, normal by ~8:40 (UTC-4); our crowd = Downdetector ÷ 100 per minute.',
    startMinute,
    evaluateFrom,
    evaluateTo,
    services,
  };
}

