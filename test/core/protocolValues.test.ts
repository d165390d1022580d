// One list per fact (STYLE 10): the protocol's value lists are written once in
// src/core/protocolValues.ts; everything that repeats them for its own use is
// derived from them or held to them here, so adding a signal kind (or changing
// the window) cannot be half done.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import { COUNTRY_CODES } from '../../src/core/countries.ts';
import { OWN_SIGNALS_WINDOW_MS } from '../../src/core/isItJustMe.ts';
import {
  isCountryCode, LIMITS, PAGE_SIGNALS, PROBLEMS, ReportSchema, SIGNAL_SEEN_BY, SIGNALS, SignalSchema, signalBits, signalsOfBits, WINDOW_MINUTES,
} from '../../src/core/protocol.ts';
import { SignalWeightsSchema } from '../../src/core/rules/schema.ts';
import { DEFAULT_THRESHOLD, signalKindsInWindow } from '../../src/core/rules/threshold.ts';

/**
 * The kinds whose bits the server has already stored (counters.signals), in
 * bit order. Rows written by older servers keep these meanings forever, so
 * SIGNALS may only grow at its end.
 */
const STORED_SIGNAL_BITS = ['banner', 'feed_stalled', 'logout', 'http_5xx', 'net_error', 'page_error'];

const LOCALES = join(process.cwd(), 'public/_locales');
const locales = readdirSync(LOCALES).map((locale) => ({
  locale,
  messages: JSON.parse(readFileSync(join(LOCALES, locale, 'messages.json'), 'utf8')) as Record<string, { message: string }>,
}));

describe('signal kinds (SIGNALS)', () => {
  it('keep the stored bit order: a new kind is appended, never inserted', () => {
    expect(SIGNALS.slice(0, STORED_SIGNAL_BITS.length)).toEqual(STORED_SIGNAL_BITS);
    // The counters column is a 32-bit integer in both databases.
    expect(SIGNALS.length).toBeLessThanOrEqual(31);
  });

  it('are stored as bit i = SIGNALS[i], and read back in protocol order', () => {
    SIGNALS.forEach((signal, i) => expect(signalBits([signal])).toBe(1 << i));
    expect(signalBits([])).toBe(0);
    expect(signalsOfBits(signalBits(['page_error', 'banner']))).toEqual(['banner', 'page_error']);
    expect(signalsOfBits(signalBits(SIGNALS))).toEqual([...SIGNALS]);
  });

  it('each have a weight field in the rule-pack schema and a default weight', () => {
    expect(Object.keys(SignalWeightsSchema.properties)).toEqual([...SIGNALS]);
    expect(Object.keys(DEFAULT_THRESHOLD.weights).sort()).toEqual([...SIGNALS].sort());
    expect(Value.Check(SignalWeightsSchema, { not_a_kind: 1 })).toBe(false);
  });

  it('each say who sees them, and the content script may send exactly the page kinds', () => {
    expect(Object.keys(SIGNAL_SEEN_BY).sort()).toEqual([...SIGNALS].sort());
    expect(PAGE_SIGNALS).toEqual(SIGNALS.filter((s) => SIGNAL_SEEN_BY[s] === 'page'));
    expect(PAGE_SIGNALS).toEqual(['banner', 'feed_stalled', 'logout']);
  });

  it('are what the wire schema accepts', () => {
    for (const signal of SIGNALS) expect(Value.Check(SignalSchema, signal)).toBe(true);
    expect(Value.Check(SignalSchema, 'ddos')).toBe(false);
  });

  it('are listed in protocol order in a report, whatever order they were seen in', () => {
    const now = 1_000_000;
    const seen = [...SIGNALS].reverse().map((signal) => ({ signal, at: now }));
    expect(signalKindsInWindow(seen, DEFAULT_THRESHOLD, now)).toEqual([...SIGNALS]);
  });

  it('each have their UI strings (name, one, other) in every locale', () => {
    for (const { locale, messages } of locales) {
      const missing = SIGNALS.flatMap((s) => [`signalName_${s}`, `signalCount_${s}_one`, `signalCount_${s}_other`]).filter((key) => !messages[key]?.message);
      expect({ locale, missing }).toEqual({ locale, missing: [] });
    }
  });
});

describe('the counting window (WINDOW_MINUTES)', () => {
  it('is the suppression window, the status window and the series bucket', () => {
    expect(LIMITS.suppressionWindowMs).toBe(WINDOW_MINUTES * 60_000);
    expect(LIMITS.statusWindowMinutes).toBe(WINDOW_MINUTES);
    expect(LIMITS.bucketMinutes).toBe(WINDOW_MINUTES);
  });

  it("is the number of minutes the UI texts name, in every locale (the popup's own-signals window aside)", () => {
    // English "15 minutes", Bengali "১৫ মিনিট": every number of minutes a text names is one of the two windows
    // (a `$1 minutes` substitution is filled in by the code from these same values, so it is not a number here).
    const ownSignalsMinutes = OWN_SIGNALS_WINDOW_MS / 60_000;
    const expected = (key: string) => (key.startsWith('own') ? ownSignalsMinutes : WINDOW_MINUTES);
    for (const { locale, messages } of locales) {
      const pattern = new RegExp(`(?<!\\$)([0-9০-৯]+)\\s*${locale === 'bn' ? 'মিনিট' : 'minute'}`, 'g');
      const named = Object.entries(messages).flatMap(([key, { message }]) => [...message.matchAll(pattern)].map((m) => ({ key, n: m[1] })));
      expect(named.filter((e) => !e.key.startsWith('own')).length, locale).toBeGreaterThan(2);
      const format = new Intl.NumberFormat(locale);
      for (const entry of named) expect(entry).toEqual({ key: entry.key, n: format.format(expected(entry.key)) });
    }
  });
});

describe('the body limit (LIMITS.maxBodyBytes)', () => {
  it("holds the largest batch the extension's queue sends: the most reports, each as long as the protocol allows", () => {
    const longest = {
      id: '6f1c2a9e-3b7d-4c1e-9a55-2f0d8e4b7c11', service: `${'a'.repeat(61)}.${'b'.repeat(61)}.${'c'.repeat(61)}.${'d'.repeat(61)}.com`.slice(0, LIMITS.maxServiceIdLength),
      problem: PROBLEMS.reduce((a, b) => (b.length > a.length ? b : a)), source: 'manual', signals: [...SIGNALS],
      observedAt: 9_999_999_999_999, client: 'k'.repeat(64), country: 'BD',
    };
    expect(Value.Check(ReportSchema, longest)).toBe(true);
    const body = JSON.stringify({ reports: Array.from({ length: LIMITS.maxReportsPerRequest }, () => longest) });
    expect(new TextEncoder().encode(body).length).toBeLessThanOrEqual(LIMITS.maxBodyBytes);
  });
});

describe('id retention', () => {
  it('outlasts the oldest report the server still accepts, stamped as far ahead as allowed', () => {
    expect(LIMITS.idRetentionMs).toBeGreaterThan(LIMITS.maxAgeMs + LIMITS.maxFutureSkewMs);
    expect(LIMITS.idRetentionMinutes * 60_000).toBe(LIMITS.idRetentionMs);
    expect(Number.isInteger(LIMITS.idRetentionMinutes)).toBe(true);
  });
});

describe('countries (src/core/countries.ts)', () => {
  const report = (country: unknown) => ({
    id: '6f1c2a9e-3b7d-4c1e-9a55-2f0d8e4b7c11', service: 'x', problem: 'feed', source: 'auto', signals: [],
    observedAt: 1_764_377_000_000, client: 'k3J9xQ2mP8vL5nR1', country,
  });

  it('is the 249 assigned ISO 3166-1 alpha-2 codes, each once, upper case', () => {
    expect(COUNTRY_CODES).toHaveLength(249);
    expect(new Set(COUNTRY_CODES).size).toBe(249);
    for (const code of COUNTRY_CODES) expect(code).toMatch(/^[A-Z]{2}$/);
  });

  it('is exactly what a report may carry: ZZ has the shape of a code and is refused', () => {
    for (const code of COUNTRY_CODES) expect(Value.Check(ReportSchema, report(code))).toBe(true);
    expect(Value.Check(ReportSchema, report(null))).toBe(true);
    for (const bad of ['ZZ', 'XX', 'UK', 'bd', 'BGD', '']) expect({ bad, ok: Value.Check(ReportSchema, report(bad)) }).toEqual({ bad, ok: false });
    expect(isCountryCode('ZZ')).toBe(false);
    expect(isCountryCode('BD')).toBe(true);
  });
});
