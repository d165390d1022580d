import { describe, expect, it } from 'vitest';
import { DOWNDETECTOR_SCALE, minuteOf } from '../../server/sim/scenarios/curve.ts';
import { buildScenario, SCENARIO_NAMES } from '../../server/sim/scenarios/index.ts';
import { HISTORY_MINUTES } from '../../server/sim/scenarios/ordinary.ts';
import { createRandom } from '../../server/sim/scenarios/random.ts';
import { totalCounts } from '../../server/sim/scenarios/types.ts';

const sum = (a: ArrayLike<number>, from = 0, to = a.length) => {
  let s = 0;
  for (let i = from; i < to; i++) s += a[i]!;
  return s;
};

describe('scenarios', () => {
  it('are deterministic: the same name builds the same counts', () => {
    const a = buildScenario('seed');
    const b = buildScenario('seed');
    expect(a.services.map((s) => sum(totalCounts(s)))).toEqual(b.services.map((s) => sum(totalCounts(s))));
    expect(totalCounts(a.services[0]!)).toEqual(totalCounts(b.services[0]!));
  });

  const FRESH_SERVER = ['cold-start'];

  it.each(SCENARIO_NAMES.filter((n) => !FRESH_SERVER.includes(n)))('%s starts with 4 weeks and a day of history before the evaluated stretch', (name) => {
    const scenario = buildScenario(name);
    expect(scenario.evaluateFrom - scenario.startMinute).toBe(HISTORY_MINUTES);
    for (const s of scenario.services) {
      expect(s.ordinary.length).toBe(scenario.evaluateTo - scenario.startMinute);
      expect(sum(s.excess, 0, HISTORY_MINUTES)).toBe(0); // the history holds no injected incident
      for (const i of s.incidents) expect(i.start).toBeGreaterThanOrEqual(scenario.evaluateFrom);
    }
  });

  it.each(FRESH_SERVER)('%s is a fresh server: no history before the evaluated stretch', (name) => {
    const scenario = buildScenario(name);
    expect(scenario.startMinute).toBe(scenario.evaluateFrom);
    for (const s of scenario.services) {
      expect(s.ordinary.length).toBe(scenario.evaluateTo - scenario.startMinute);
      for (const i of s.incidents) expect(i.start).toBeGreaterThanOrEqual(scenario.evaluateFrom);
    }
  });

  it('rejects an unknown scenario name with the list of known ones', () => {
    expect(() => buildScenario('nope')).toThrow(/twitter-2022-07, seed, meta-2021-10, quiet-week/);
  });

  it('twitter-2022-07 follows the published chart: ~5,286 at 7:58, peak ~29,050 at 8:13, over by 8:40 (UTC-4)', () => {
    const scenario = buildScenario('twitter-2022-07');
    const x = scenario.services.find((s) => s.id === 'x')!;
    const at = (iso: string) => x.excess[minuteOf(iso) - scenario.startMinute]!;
    // Poisson draws around the chart: within 3 standard deviations.
    const near = (value: number, mean: number) => expect(Math.abs(value - mean)).toBeLessThan(3 * Math.sqrt(mean));
    near(at('2022-07-14T07:58-04:00'), 5_286 / DOWNDETECTOR_SCALE);
    near(at('2022-07-14T08:13-04:00'), 29_050 / DOWNDETECTOR_SCALE);
    expect(at('2022-07-14T08:40-04:00')).toBe(0);
    expect(x.incidents[0]!.start).toBe(minuteOf('2022-07-14T07:57-04:00'));
    expect(x.incidents[0]!.end).toBe(minuteOf('2022-07-14T08:40-04:00'));
  });

  it('meta-2021-10 puts 10.6 M Downdetector reports (÷ scale) on Facebook, Instagram and WhatsApp, 15:39–22:50 UTC', () => {
    const scenario = buildScenario('meta-2021-10');
    const down = scenario.services.filter((s) => ['facebook', 'instagram', 'whatsapp'].includes(s.id));
    const total = down.reduce((n, s) => n + sum(s.excess), 0);
    expect(total / (10_600_000 / DOWNDETECTOR_SCALE)).toBeCloseTo(1, 2);
    for (const s of down) {
      expect(s.incidents[0]!.start).toBe(minuteOf('2021-10-04T15:39Z'));
      expect(s.incidents[0]!.end).toBe(minuteOf('2021-10-04T22:50Z'));
      expect(s.incidentMix.countries[0]).toEqual(['US', 1_700]);
    }
    expect(scenario.services.find((s) => s.id === 'x')!.incidents[0]!.expect).toBe('notice');
  });

  it('seed splits its reports US : GB : IN as 40,000 : 16,000 : 2,000 and names the reported symptoms', () => {
    const x = buildScenario('seed').services.find((s) => s.id === 'x')!;
    expect(x.incidentMix.countries).toEqual([['US', 40_000], ['GB', 16_000], ['IN', 2_000]]);
    const signals = x.incidentMix.signals.flatMap(([set]) => set);
    expect(signals).toEqual(expect.arrayContaining(['banner', 'feed_stalled', 'logout']));
    expect(x.incidentMix.problems.map(([p]) => p)).toEqual(expect.arrayContaining(['feed', 'login']));
  });

  it('quiet-week has 50 services from ~1 to ~500 reports an hour and no incident', () => {
    const scenario = buildScenario('quiet-week');
    expect(scenario.services).toHaveLength(50);
    const perHour = scenario.services.map((s) => sum(s.ordinary) / (s.ordinary.length / 60));
    expect(Math.min(...perHour)).toBeGreaterThan(0.7);
    expect(Math.min(...perHour)).toBeLessThan(1.4);
    expect(Math.max(...perHour)).toBeGreaterThan(400);
    expect(Math.max(...perHour)).toBeLessThan(600);
    expect(scenario.services.every((s) => s.incidents.length === 0 && sum(s.excess) === 0)).toBe(true);
  });
});

describe('createRandom', () => {
  it('draws Poisson and gamma values with the requested means', () => {
    const rng = createRandom(3);
    let p = 0;
    let g = 0;
    const n = 20_000;
    for (let i = 0; i < n; i++) {
      p += rng.poisson(2.5);
      g += rng.gamma(0.5, 4);
    }
    expect(p / n).toBeCloseTo(2.5, 1);
    expect(g / n).toBeGreaterThan(3.8);
    expect(g / n).toBeLessThan(4.2);
  });
});

describe('reportsForMinute', () => {
  it('writes valid protocol reports: one per counted person, fresh ids, attributes from the mix, observed in the minute', async () => {
    const { Value } = await import('@sinclair/typebox/value');
    const { ReportSchema } = await import('../../src/core/protocol.ts');
    const { reportsForMinute } = await import('../../server/sim/scenarios/reports.ts');
    const scenario = buildScenario('seed');
    const x = scenario.services.find((s) => s.id === 'x')!;
    const index = x.incidents[0]!.start - scenario.startMinute + 10;
    const minuteMs = 1_700_000_040_000;
    const reports = reportsForMinute(createRandom(1), x, index, minuteMs);
    expect(reports).toHaveLength(x.ordinary[index]! + x.excess[index]!);
    for (const r of reports) {
      expect(Value.Check(ReportSchema, r)).toBe(true);
      expect(r.observedAt).toBeGreaterThanOrEqual(minuteMs);
      expect(r.observedAt).toBeLessThan(minuteMs + 60_000);
      if (r.source === 'auto') expect(r.signals.length).toBeGreaterThan(0);
    }
    expect(new Set(reports.map((r) => r.id)).size).toBe(reports.length);
    expect(new Set(reports.map((r) => r.client)).size).toBe(reports.length);
    const allowed = new Set<string | undefined>([...x.ordinaryMix.countries, ...x.incidentMix.countries].map(([c]) => c ?? undefined));
    expect(reports.every((r) => allowed.has(r.country ?? undefined))).toBe(true);
    expect(reports.filter((r) => r.country === 'US').length).toBeGreaterThan(reports.filter((r) => r.country === 'GB').length);
  });
});
