// The brief worldwide Twitter outage of the seed article: more than 40,000
// US reports at 23:00 local time, ~16,000 from Great Britain and ~2,000 from
// India, starting 22:43 and lasting minutes; tweets not loading, error
// messages, users logged out. The article gives times only; we place it on
// the evening of 10 December 2022, US Eastern (UTC-5), when such an outage
// was widely reported.

import { addCurve, minuteOf, type CurvePoint } from './curve.ts';
import { catalogBackground, HISTORY_MINUTES } from './ordinary.ts';
import { createRandom } from './random.ts';
import type { ReportMix, Scenario } from './types.ts';

const US = 40_000;
const GB = 16_000;
const IN = 2_000;
const PEAK = US + GB + IN;

const CHART: readonly CurvePoint[] = [
  [minuteOf('2022-12-10T22:42-05:00'), 0],
  [minuteOf('2022-12-10T22:43-05:00'), 3_000],
  [minuteOf('2022-12-10T22:50-05:00'), 25_000],
  [minuteOf('2022-12-10T23:00-05:00'), PEAK],
  [minuteOf('2022-12-10T23:06-05:00'), 30_000],
  [minuteOf('2022-12-10T23:15-05:00'), 6_000],
  [minuteOf('2022-12-10T23:25-05:00'), 0],
];

export const SEED_OUTAGE_MIX: ReportMix = {
  problems: [['feed', 45], ['website', 25], ['login', 25], ['other', 5]],
  signals: [
    [['banner', 'feed_stalled'], 30], [['banner'], 20], [['logout'], 20], [['http_5xx', 'banner'], 15], [[], 15],
  ],
  countries: [['US', US], ['GB', GB], ['IN', IN]],
  autoShare: 0.6,
};

export function seedOutage(): Scenario {
  const evaluateFrom = minuteOf('2022-12-10T12:00-05:00');
  const evaluateTo = minuteOf('2022-12-11T12:00-05:00');
  const startMinute = evaluateFrom - HISTORY_MINUTES;
  const rng = createRandom(20221210);
  const services = catalogBackground(rng, startMinute, evaluateTo - startMinute);
  const x = services.find((s) => s.id === 'x')!;
  const { start, end } = addCurve(rng, x.excess, startMinute, CHART);
  x.incidents = [{ label: 'X worldwide outage', start, end, expect: 'outage' }];
  x.incidentMix = SEED_OUTAGE_MIX;
  return {
    name: 'seed',
    title: 'X worldwide outage of the seed article (22:43, a few minutes)',
    notes: 'US >40,000, GB ~16,000, IN ~2,000 reports at 23:00 local, from 22:43; date assumed (10 Dec 2022, UTC-5); our crowd = Downdetector ÷ 100 per minute.',
    startMinute,
    evaluateFrom,
    evaluateTo,
    services,
  };
}
