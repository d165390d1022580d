// The report validator compiles the protocol's schema with string-literal
// unions as enums (server/ingest/validateReport.ts withEnums): it must accept
// and refuse exactly what the schema as written does.
import { PROBLEMS, ReportSchema, SIGNALS, SOURCES } from '../../src/core/protocol.ts';
import { compileStrict, strictAjv, withEnums } from '../../server/ingest/validateReport.ts';
import { report } from './helpers/reports.ts';

it('turns every union of string literals into an enum, and nothing else', () => {
  const text = JSON.stringify(withEnums(ReportSchema));
  expect(text).not.toContain('"const"');
  // The one union left is country's: a pattern or null.
  expect(text.match(/anyOf/g)).toHaveLength(1);
  expect(text).toContain(JSON.stringify(PROBLEMS));
  expect(text).toContain(JSON.stringify(SOURCES));
  expect(text).toContain(JSON.stringify(SIGNALS));
  expect(withEnums({ anyOf: [{ const: 'a', type: 'string' }, { type: 'null' }] })).toEqual({ anyOf: [{ const: 'a', type: 'string' }, { type: 'null' }] });
});

it('accepts and refuses the same reports as the schema as written', () => {
  const asWritten = strictAjv().compile(ReportSchema);
  const withEnum = compileStrict(ReportSchema);
  const base = report();
  const variants: unknown[] = [base, null, 7, 'x', [], {}];
  const values: unknown[] = [undefined, null, 0, 1.5, -1, '', 'feed', 'FEED', 'auto', 'banner', 'X', 'IN', [], ['banner'],
    ['banner', 'banner'], ['banner', 'http_5xx'], ['nope'], [1], {}, true, 'x'.repeat(300), 'a-b.example.com'];
  for (const field of [...Object.keys(base), 'extra']) {
    for (const value of values) {
      const changed: Record<string, unknown> = { ...base };
      if (value === undefined) delete changed[field];
      else changed[field] = value;
      variants.push(changed);
    }
  }
  for (const problem of PROBLEMS) variants.push({ ...base, problem });
  for (const source of SOURCES) variants.push({ ...base, source });
  variants.push({ ...base, signals: [...SIGNALS] }, { ...base, signals: [...SIGNALS, SIGNALS[0]] });
  let accepted = 0;
  for (const value of variants) {
    const expected = asWritten(value);
    expect(withEnum(value), JSON.stringify(value)?.slice(0, 200)).toBe(expected);
    if (expected) accepted++;
  }
  expect(accepted).toBeGreaterThan(10);
});
