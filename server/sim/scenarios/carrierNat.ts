// Heavy carrier NAT (docs/privacy-and-trust.md): WhatsApp down for an
// audience mostly in India and Bangladesh, where nearly every reporter sits
// behind one of a few carrier NAT addresses (NETWORK_MODELS.heavyNat). The
// server counts at most LIMITS.networkReportsPerWindow reports per address,
// so this crowd is undercounted in the surge and in its baseline alike: the
// scenario shows whether an honest outage still reaches `outage` within 2
// minutes. A hypothetical incident in Downdetector units (curve.ts divides by
// its scale): 4,000 reports in the first minute, 20,000 at the peak.
import { addCurve, minuteOf, type CurvePoint } from './curve.ts';
import { NETWORK_MODELS } from './networks.ts';
import { catalogBackground, HISTORY_MINUTES } from './ordinary.ts';
import { createRandom } from './random.ts';
import type { ReportMix, Scenario } from './types.ts';

const SOUTH_ASIA: ReportMix['countries'] = [['IN', 60], ['BD', 25], ['AE', 5], ['GB', 4], ['US', 3], [null, 3]];

const CHART: readonly CurvePoint[] = [
  [minuteOf('2025-03-12T19:59+05:30'), 0],
  [minuteOf('2025-03-12T20:00+05:30'), 4_000],
  [minuteOf('2025-03-12T20:05+05:30'), 15_000],
  [minuteOf('2025-03-12T20:20+05:30'), 20_000],
  [minuteOf('2025-03-12T20:50+05:30'), 12_000],
  [minuteOf('2025-03-12T21:10+05:30'), 0],
];

export function carrierNat(): Scenario {
  const evaluateFrom = minuteOf('2025-03-12T08:00+05:30');
  const evaluateTo = minuteOf('2025-03-13T08:00+05:30');
  const startMinute = evaluateFrom - HISTORY_MINUTES;
  const rng = createRandom(20250312);
  const services = catalogBackground(rng, startMinute, evaluateTo - startMinute);
  const whatsapp = services.find((s) => s.id === 'whatsapp')!;
  whatsapp.ordinaryMix = { ...whatsapp.ordinaryMix, countries: SOUTH_ASIA };
  whatsapp.incidentMix = { ...whatsapp.ordinaryMix, problems: [['messages', 70], ['website', 15], ['login', 15]], autoShare: 0.4 };
  const { start, end } = addCurve(rng, whatsapp.excess, startMinute, CHART);
  whatsapp.incidents = [{ label: 'WhatsApp down in South Asia', start, end, expect: 'outage' }];
  return {
    name: 'carrier-nat',
    title: 'WhatsApp down in India and Bangladesh, nearly every reporter behind carrier NAT',
    notes: 'Hypothetical: 85 % of reports from IN/BD, 95 % of those behind 4 carrier NAT addresses per country (NETWORK_MODELS.heavyNat); Downdetector-sized peak of 20,000 a minute ÷ 100.',
    startMinute,
    evaluateFrom,
    evaluateTo,
    services,
    networks: NETWORK_MODELS.heavyNat,
  };
}
