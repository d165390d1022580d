// A shortened run of `npm run eval:detector`: the same scenarios and targets,
// evaluated only around the incidents (and on a day of the quiet week), so
// that a change to the detector that breaks detection quality fails here.
import { describe, expect, it } from 'vitest';
import { evaluateService } from '../../server/sim/scenarios/evaluate.ts';
import { buildScenario } from '../../server/sim/scenarios/index.ts';
import { checkTargets } from '../../server/sim/scenarios/report.ts';
import type { Scenario } from '../../server/sim/scenarios/types.ts';

function evaluateAroundIncidents(scenario: Scenario, margin = 60) {
  return scenario.services
    .filter((s) => s.incidents.length > 0)
    .map((s) => {
      const from = Math.min(...s.incidents.map((i) => i.start)) - margin;
      const to = Math.max(...s.incidents.map((i) => i.end)) + margin;
      return evaluateService(scenario, s, { from, to });
    });
}

describe('detector evaluation (shortened)', () => {
  it.each(['twitter-2022-07', 'seed'])('%s: X reaches outage within 2 minutes and clears within 15', (name) => {
    const scenario = buildScenario(name);
    const results = evaluateAroundIncidents(scenario);
    expect(results.map((r) => r.service)).toEqual(['x']);
    expect(checkTargets(scenario, results)).toEqual([]);
    expect(results[0]!.incidents[0]!.toOutage).toBeLessThanOrEqual(120);
  });

  it('meta-2021-10: Facebook, Instagram and WhatsApp each warn within 2 minutes and clear within 15', () => {
    const scenario = buildScenario('meta-2021-10');
    const results = evaluateAroundIncidents(scenario, 30);
    expect(results.map((r) => r.service).sort()).toEqual(['facebook', 'instagram', 'whatsapp', 'x']);
    expect(checkTargets(scenario, results)).toEqual([]);
    for (const r of results.filter((r) => r.service !== 'x')) expect(r.incidents[0]!.toWarning).toBeLessThanOrEqual(120);
  });

  it('cold-start: the day-2 surges reach outage within their target, and the busiest services stay ok through the first two days', () => {
    const scenario = buildScenario('cold-start');
    const surges = evaluateAroundIncidents(scenario, 30);
    expect(surges.length).toBeGreaterThan(0);
    expect(checkTargets(scenario, surges)).toEqual([]);
    const quiet = scenario.services.filter((s) => s.incidents.length === 0).slice(-3);
    const firstDays = quiet.map((s) => evaluateService(scenario, s, { from: scenario.evaluateFrom, to: scenario.evaluateFrom + 2 * 1440 }));
    expect(firstDays.map((r) => r.falseAlarms)).toEqual([0, 0, 0]);
  });

  it('quiet-week: no false alarm on a weekday of the smallest and the largest services', () => {
    const scenario = buildScenario('quiet-week');
    const picked = [...scenario.services.slice(0, 5), ...scenario.services.slice(-5)];
    const day = scenario.evaluateFrom + 2 * 1440;
    const results = picked.map((s) => evaluateService(scenario, s, { from: day, to: day + 1440 }));
    expect(results.reduce((n, r) => n + r.calls, 0)).toBe(10 * 1440);
    expect(checkTargets(scenario, results)).toEqual([]);
  });
});
