// The eval:pages table: recall over failure pages and false signals over
// normal pages, per service × language, then the total.
import type { PageResult } from './evaluate.ts';

export interface Row {
  service: string;
  lang: string;
  failures: number;
  detected: number;
  normals: number;
  falseSignals: number;
}

export function tabulate(results: readonly PageResult[]): { rows: Row[]; total: Row } {
  const rows = new Map<string, Row>();
  const total: Row = { service: 'total', lang: '', failures: 0, detected: 0, normals: 0, falseSignals: 0 };
  for (const r of results) {
    const key = `${r.page.service}\u0000${r.page.lang}`;
    let row = rows.get(key);
    if (!row) rows.set(key, (row = { service: r.page.service, lang: r.page.lang, failures: 0, detected: 0, normals: 0, falseSignals: 0 }));
    for (const target of [row, total]) {
      if (r.page.expect === 'none') {
        target.normals++;
        if (r.falseSignal) target.falseSignals++;
      } else {
        target.failures++;
        if (r.detected) target.detected++;
      }
    }
  }
  return { rows: [...rows.values()], total };
}

export const recall = (row: Row): number | null => (row.failures ? row.detected / row.failures : null);

const pct = (v: number | null) => (v === null ? '—' : `${Math.round(v * 1000) / 10} %`);

/** A Markdown table (docs/detection.md carries the latest). */
export function formatTable(results: readonly PageResult[]): string {
  const { rows, total } = tabulate(results);
  const line = (r: Row) => `| ${r.service} | ${r.lang || 'all'} | ${r.detected}/${r.failures} | ${pct(recall(r))} | ${r.falseSignals}/${r.normals} |`;
  return ['| service | lang | detected | recall | false signals / normal pages |', '|---|---|---|---|---|', ...rows.map(line), line(total)].join('\n');
}

/** One line per page that went wrong: missed failure pages and normal pages that fired. */
export function formatProblems(results: readonly PageResult[]): string[] {
  return results
    .filter((r) => (r.page.expect === 'none' ? r.falseSignal : !r.detected))
    .map((r) => `${r.page.expect === 'none' ? 'FALSE SIGNAL' : 'missed'} ${r.page.service}/${r.page.file} (expect ${r.page.expect}; sent ${r.signals.join(', ') || 'nothing'}${r.rules.length ? ` by ${r.rules.join(', ')}` : ''})`);
}
