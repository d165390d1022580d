// The evaluation table and the targets of issue 5, shared by
// `npm run eval:detector` and the regression test.

import type { ServiceEvaluation } from './evaluate.ts';
import { CLEAR_TARGET_MINUTES } from './evaluate.ts';
import type { Scenario } from './types.ts';

/** Seconds allowed from the start of an incident to the required level. */
export const DETECT_TARGET_SECONDS = 120;

const fmt = (seconds: number | null): string => {
  if (seconds === null) return '—';
  const sign = seconds < 0 ? '-' : '';
  const s = Math.abs(seconds);
  return `${sign}${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};

export function formatScenarioTable(scenario: Scenario, results: readonly ServiceEvaluation[]): string {
  const header = ['service', 'incident', 'expect', 'to warning', 'to outage', 'to clear', 'false alarms'];
  const rows: string[][] = [];
  for (const r of results) {
    if (r.incidents.length === 0) rows.push([r.service, '(none)', 'ok', '', '', '', String(r.falseAlarms)]);
    r.incidents.forEach((i, n) =>
      rows.push([
        r.service, i.incident.label, i.incident.expect, fmt(i.toWarning), fmt(i.toOutage), fmt(i.toClear),
        n === 0 ? String(r.falseAlarms) : '',
      ]),
    );
  }
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((row) => row[c]!.length)));
  const line = (cells: readonly string[]) => `| ${cells.map((cell, c) => cell.padEnd(widths[c]!)).join(' | ')} |`;
  const days = (scenario.evaluateTo - scenario.evaluateFrom) / 1440;
  return [
    `${scenario.name}: ${scenario.title} — ${days} day(s) evaluated`,
    line(header),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...rows.map(line),
  ].join('\n');
}

/** Every missed target, worded for the person reading the evaluation. */
export function checkTargets(scenario: Scenario, results: readonly ServiceEvaluation[]): string[] {
  const missed: string[] = [];
  for (const r of results) {
    if (r.falseAlarms > 0) missed.push(`${scenario.name}/${r.service}: ${r.falseAlarms} false alarm(s)`);
    for (const i of r.incidents) {
      const where = `${scenario.name}/${r.service} (${i.incident.label})`;
      const target = i.incident.targetSeconds ?? DETECT_TARGET_SECONDS;
      if (i.incident.expect === 'outage' && (i.toOutage === null || i.toOutage > target)) {
        missed.push(`${where}: outage after ${fmt(i.toOutage)}, target ≤ ${fmt(target)}`);
      }
      if (i.incident.expect === 'alert' && (i.toWarning === null || i.toWarning > target)) {
        missed.push(`${where}: warning after ${fmt(i.toWarning)}, target ≤ ${fmt(target)}`);
      }
      if (i.incident.expect !== 'notice' && i.toClear !== null && i.toClear > CLEAR_TARGET_MINUTES * 60) {
        missed.push(`${where}: back to ok after ${fmt(i.toClear)}, target ≤ ${CLEAR_TARGET_MINUTES}:00`);
      }
      if (i.incident.expect !== 'notice' && i.toWarning !== null && i.toClear === null) {
        missed.push(`${where}: never back to ok`);
      }
    }
  }
  return missed;
}
