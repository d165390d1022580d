// Turns a scenario's per-minute counts into protocol reports: one random
// install per report (so the one-counted-report-per-15-minutes rule never
// hides a simulated person), attributes drawn from the scenario's mixes,
// observed at a random second of the minute. Deterministic for a given seed.

import type { Problem, Report, Signal, Source } from '../../../src/core/protocol.ts';
import type { Random } from './random.ts';
import type { ReportMix, ScenarioService } from './types.ts';

const HEX = '0123456789abcdef';
const CLIENT_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';

/** A version-4 UUID drawn from `rng`. */
export function randomUuid(rng: Random): string {
  let s = '';
  for (let i = 0; i < 32; i++) {
    let digit = rng.int(16);
    if (i === 12) digit = 4;
    if (i === 16) digit = 8 + (digit & 3);
    s += HEX[digit];
    if (i === 7 || i === 11 || i === 15 || i === 19) s += '-';
  }
  return s;
}

/** An install id of 22 URL-safe characters, like the extension's. */
export function randomClientId(rng: Random): string {
  let s = 'sim';
  for (let i = 0; i < 19; i++) s += CLIENT_ALPHABET[rng.int(CLIENT_ALPHABET.length)];
  return s;
}

export interface ReportAttributes {
  problem: Problem;
  source: Source;
  signals: Signal[];
  country: string | null;
}

/** What one report of this mix says; automatic reports always carry at least one signal. */
export function drawAttributes(rng: Random, mix: ReportMix): ReportAttributes {
  const signals = rng.pick(mix.signals);
  const auto = signals.length > 0 && rng.next() < mix.autoShare;
  return { problem: rng.pick(mix.problems), source: auto ? 'auto' : 'manual', signals: [...signals], country: rng.pick(mix.countries) };
}

function drawReport(rng: Random, service: string, mix: ReportMix, observedAt: number): Report {
  const { country, ...rest } = drawAttributes(rng, mix);
  return { id: randomUuid(rng), service, ...rest, observedAt, client: randomClientId(rng), ...(country === null ? {} : { country }) };
}

/**
 * The reports of one service in one epoch minute (`index` = minute − scenario.startMinute): its ordinary
 * count drawn from the ordinary mix, its excess from the incident mix. `minuteMs` is where the minute is
 * placed on the clock (the simulator may shift a scenario to end at the present).
 */
export function reportsForMinute(rng: Random, service: ScenarioService, index: number, minuteMs: number): Report[] {
  const out: Report[] = [];
  const ordinary = service.ordinary[index] ?? 0;
  const excess = service.excess[index] ?? 0;
  for (let i = 0; i < ordinary; i++) out.push(drawReport(rng, service.id, service.ordinaryMix, minuteMs + rng.int(60_000)));
  for (let i = 0; i < excess; i++) out.push(drawReport(rng, service.id, service.incidentMix, minuteMs + rng.int(60_000)));
  return out;
}
