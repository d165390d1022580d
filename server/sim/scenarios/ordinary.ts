// The everyday background every scenario starts from: every catalog service
// with its usual volume and audience, and what ordinary reports (one person's
// broken Wi-Fi, a single failed upload) look like.

import { CATALOG, catalogService } from '../../../src/core/catalog.ts';
import { createRandom, type Random } from './random.ts';
import { ordinaryCounts, type TrafficShape } from './series.ts';
import type { ReportMix, ScenarioService } from './types.ts';

/** 4 weeks of baseline history plus a day of replay, before the evaluated stretch. */
export const HISTORY_MINUTES = 29 * 24 * 60;

/**
 * Ordinary reports per hour in our crowd (see curve.ts for the scale) and the
 * audience's main time zone, for the services these were calibrated for.
 */
export const CALIBRATED_TRAFFIC: Readonly<Record<string, TrafficShape>> = {
  x: { perHour: 60, utcOffsetHours: -4 },
  facebook: { perHour: 80, utcOffsetHours: 0 },
  instagram: { perHour: 60, utcOffsetHours: -2 },
  whatsapp: { perHour: 50, utcOffsetHours: 2 },
  reddit: { perHour: 30, utcOffsetHours: -5 },
  youtube: { perHour: 70, utcOffsetHours: 0 },
};

/** A catalog service without a calibrated audience: a modest, worldwide one. */
export const DEFAULT_TRAFFIC: TrafficShape = { perHour: 20, utcOffsetHours: 0 };

export const WORLD_COUNTRIES: ReportMix['countries'] = [
  ['US', 25], ['IN', 12], ['GB', 8], ['BR', 7], ['DE', 6], ['FR', 4], ['JP', 4], ['MX', 4], ['ID', 4],
  ['CA', 3], ['IT', 3], ['ES', 3], ['TR', 3], ['NL', 2], ['BD', 2], ['PH', 2], ['AU', 2], [null, 6],
];

export function ordinaryMix(serviceId: string): ReportMix {
  const own = catalogService(serviceId)?.usualProblem;
  return {
    problems: [
      ['website', 30], ['login', 18], ['feed', 14], ['posting', 10], ['messages', 6], ['video', 8], ['other', 14],
      ...(own ? ([[own, 20]] as const) : []),
    ],
    signals: [[[], 55], [['banner'], 12], [['feed_stalled'], 10], [['http_5xx'], 8], [['net_error'], 8], [['page_error'], 7]],
    countries: WORLD_COUNTRIES,
    autoShare: 0.2,
  };
}

/** A service with ordinary traffic only, over `minutes` minutes from `startMinute`. */
export function ordinaryService(
  rng: Random,
  id: string,
  shape: TrafficShape,
  startMinute: number,
  minutes: number,
): ScenarioService {
  return {
    id,
    ordinary: ordinaryCounts(rng, shape, startMinute, minutes),
    excess: new Uint32Array(minutes),
    incidents: [],
    ordinaryMix: ordinaryMix(id),
    incidentMix: ordinaryMix(id),
  };
}

/** A stable seed per service id, so a service's own random stream does not depend on the others. */
function seedOf(id: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

/**
 * Every catalog service with ordinary traffic; the scenario then adds its
 * incidents to some of them. A service without a calibrated audience draws
 * from its own stream, so adding one to the catalog leaves every other
 * service's counts (and the incidents drawn after them) as they were.
 */
export function catalogBackground(rng: Random, startMinute: number, minutes: number): ScenarioService[] {
  return CATALOG.map(({ id }) => {
    const shape = CALIBRATED_TRAFFIC[id];
    return shape
      ? ordinaryService(rng, id, shape, startMinute, minutes)
      : ordinaryService(createRandom(seedOf(id)), id, DEFAULT_TRAFFIC, startMinute, minutes);
  });
}
