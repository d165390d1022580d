// Facebook, Instagram and WhatsApp down together for ~7 hours on 4 October
// 2021 (~15:39–22:50 UTC, a BGP withdrawal that made their DNS vanish):
// 10.6 million Downdetector reports over the day (US 1.7 M, DE 1.3 M,
// NL 915 k, GB 789 k, IT 400 k), while X saw a sympathetic rise as people
// went there to ask what was happening.

import { addCurve, curveAt, DOWNDETECTOR_SCALE, minuteOf, type CurvePoint } from './curve.ts';
import { catalogBackground, HISTORY_MINUTES } from './ordinary.ts';
import { createRandom } from './random.ts';
import type { ReportMix, Scenario } from './types.ts';

const DAY_TOTAL = 10_600_000;
const SHARE: Readonly<Record<string, number>> = { facebook: 0.45, whatsapp: 0.3, instagram: 0.25 };

const t = (hhmm: string) => minuteOf(`2021-10-04T${hhmm}Z`);

/** Relative intensity: a sharp onset, a long plateau slowly easing, then the staged recovery. */
const SHAPE: readonly CurvePoint[] = [
  [t('15:38'), 0], [t('15:39'), 0.3], [t('15:50'), 1], [t('17:00'), 0.8], [t('19:00'), 0.6],
  [t('21:00'), 0.45], [t('21:30'), 0.3], [t('22:20'), 0.1], [t('22:49'), 0.02], [t('22:50'), 0],
];

/** People flocking to X to ask what happened (Downdetector-scale reports at a time). */
const X_SYMPATHY: readonly CurvePoint[] = [[t('15:45'), 0], [t('16:00'), 400], [t('19:00'), 300], [t('22:50'), 0]];

const COUNTRIES: ReportMix['countries'] = [
  ['US', 1_700], ['DE', 1_300], ['NL', 915], ['GB', 789], ['IT', 400], ['BR', 800], ['IN', 700], ['FR', 600],
  ['ES', 500], ['MX', 500], ['TR', 400], ['CA', 300], ['PL', 300], ['ID', 300], ['AU', 200], ['BD', 200], [null, 700],
];

// The domains stopped resolving: browsers saw name-not-resolved errors and failed navigations, not error banners.
const DNS_SIGNALS: ReportMix['signals'] = [
  [['net_error'], 45], [['net_error', 'page_error'], 25], [['page_error'], 10], [['http_5xx'], 5], [[], 15],
];

export const META_OUTAGE_MIX: Readonly<Record<string, ReportMix>> = {
  facebook: { problems: [['website', 45], ['login', 25], ['feed', 20], ['other', 10]], signals: DNS_SIGNALS, countries: COUNTRIES, autoShare: 0.6 },
  instagram: { problems: [['feed', 40], ['website', 30], ['login', 20], ['posting', 10]], signals: DNS_SIGNALS, countries: COUNTRIES, autoShare: 0.6 },
  whatsapp: { problems: [['messages', 70], ['website', 15], ['login', 5], ['other', 10]], signals: DNS_SIGNALS, countries: COUNTRIES, autoShare: 0.6 },
};

function shapeArea(): number {
  let area = 0;
  for (let m = SHAPE[0]![0]; m <= SHAPE[SHAPE.length - 1]![0]; m++) area += curveAt(SHAPE, m);
  return area;
}

export function meta2021(): Scenario {
  const evaluateFrom = t('00:00');
  const evaluateTo = evaluateFrom + 24 * 60;
  const startMinute = evaluateFrom - HISTORY_MINUTES;
  const rng = createRandom(20211004);
  const services = catalogBackground(rng, startMinute, evaluateTo - startMinute);
  const area = shapeArea();
  for (const [id, share] of Object.entries(SHARE)) {
    const service = services.find((s) => s.id === id)!;
    // Scale the shape so that the day's total, divided like every chart by DOWNDETECTOR_SCALE, is this service's share.
    const factor = (DAY_TOTAL * share) / area;
    const chart = SHAPE.map(([m, v]) => [m, v * factor] as const);
    const { start, end } = addCurve(rng, service.excess, startMinute, chart);
    service.incidents = [{ label: `${id} down (DNS/BGP)`, start, end, expect: 'alert' }];
    service.incidentMix = META_OUTAGE_MIX[id]!;
  }
  const x = services.find((s) => s.id === 'x')!;
  const rise = addCurve(rng, x.excess, startMinute, X_SYMPATHY);
  x.incidents = [{ label: 'sympathetic rise on X', ...rise, expect: 'notice' }];
  return {
    name: 'meta-2021-10',
    title: 'Facebook, Instagram and WhatsApp down for ~7 hours, 4 October 2021',
    notes: `10.6 M Downdetector reports over the day split FB 45 % / WA 30 % / IG 25 %, ÷ ${DOWNDETECTOR_SCALE} for our crowd; countries in the published proportions.`,
    startMinute,
    evaluateFrom,
    evaluateTo,
    services,
  };
}
