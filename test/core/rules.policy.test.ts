import { describe, expect, it } from 'vitest';
import { BUNDLED_RULE_PACK, rulesForService } from '../../src/core/rules/pack.ts';
import type { Threshold } from '../../src/core/rules/schema.ts';
import {
  DEFAULT_THRESHOLD,
  isUnexpectedLogout,
  scoreSignals,
  shouldAutoReport,
  signalKindsInWindow,
  type RecentSignal,
} from '../../src/core/rules/threshold.ts';

const NOW = 1_764_377_000_000;
const x = rulesForService(BUNDLED_RULE_PACK, 'x')!;
const ago = (signal: RecentSignal['signal'], seconds: number): RecentSignal => ({ signal, at: NOW - seconds * 1000 });

describe('shouldAutoReport', () => {
  it("reports on one sighting of the site's own error UI", () => {
    expect(shouldAutoReport([ago('banner', 5)], x, NOW)).toBe(true);
    expect(shouldAutoReport([ago('feed_stalled', 5)], x, NOW)).toBe(true);
  });

  it('reports on one confirmed unexpected logout, like a banner', () => {
    expect(shouldAutoReport([ago('logout', 5)], x, NOW)).toBe(true);
    expect(shouldAutoReport([ago('logout', 5)], undefined, NOW)).toBe(true);
  });

  it('does not report on one failed navigation alone (innocent causes)', () => {
    expect(shouldAutoReport([ago('page_error', 5)], x, NOW)).toBe(false);
    expect(shouldAutoReport([ago('page_error', 40), ago('page_error', 5)], x, NOW)).toBe(true);
  });

  it('reports on a page signal corroborated by another kind', () => {
    expect(shouldAutoReport([ago('banner', 10), ago('feed_stalled', 9)], x, NOW)).toBe(true);
    expect(shouldAutoReport([ago('page_error', 10), ago('http_5xx', 3), ago('http_5xx', 2)], x, NOW)).toBe(true);
  });

  it('needs several network errors before reporting on them alone', () => {
    expect(shouldAutoReport([ago('http_5xx', 3), ago('http_5xx', 2), ago('http_5xx', 1)], x, NOW)).toBe(false);
    expect(shouldAutoReport([ago('http_5xx', 4), ago('http_5xx', 3), ago('net_error', 2), ago('http_5xx', 1)], x, NOW)).toBe(true);
  });

  it('ignores signals older than the 2-minute window', () => {
    expect(shouldAutoReport([ago('banner', 121), ago('feed_stalled', 130), ago('page_error', 5)], x, NOW)).toBe(false);
    expect(shouldAutoReport([ago('banner', 119), ago('page_error', 5)], x, NOW)).toBe(true);
  });

  it('caps how much one signal kind can add', () => {
    const threshold: Threshold = { ...DEFAULT_THRESHOLD, weights: { http_5xx: 1 }, maxCountPerSignal: 3, minScore: 4 };
    const burst = Array.from({ length: 50 }, (_, i) => ago('http_5xx', i % 100));
    expect(scoreSignals(burst, threshold, NOW)).toBe(3);
    expect(shouldAutoReport(burst, threshold, NOW)).toBe(false);
  });

  it('uses the default threshold for services without rules', () => {
    expect(shouldAutoReport([ago('banner', 5)], undefined, NOW)).toBe(true);
    expect(shouldAutoReport([ago('page_error', 5)], undefined, NOW)).toBe(false);
  });

  it('ignores signals with impossible times (far future, not a number)', () => {
    expect(shouldAutoReport([{ signal: 'banner', at: NOW + 3_600_000 }, { signal: 'banner', at: Number.NaN }], x, NOW)).toBe(false);
  });

  it('follows the weights of the service rules', () => {
    const rules = { ...x, threshold: { ...x.threshold, weights: { ...x.threshold.weights, page_error: 5 } } };
    expect(shouldAutoReport([ago('page_error', 5)], rules, NOW)).toBe(true);
    expect(shouldAutoReport([ago('page_error', 5)], x, NOW)).toBe(false);
  });
});

describe('signalKindsInWindow', () => {
  it('lists the distinct kinds of the window in protocol order', () => {
    const signals = [ago('http_5xx', 1), ago('banner', 2), ago('http_5xx', 3), ago('logout', 500)];
    expect(signalKindsInWindow(signals, x, NOW)).toEqual(['banner', 'http_5xx']);
  });
});

describe('isUnexpectedLogout', () => {
  const hour = 3_600_000;
  it('counts a wall shortly after the user was seen logged in', () => {
    expect(isUnexpectedLogout({ wallAt: NOW, lastLoggedInAt: NOW - hour, lastLogoutClickAt: null, rules: x })).toBe(true);
  });
  it('does not count a wall after the user clicked log out', () => {
    expect(isUnexpectedLogout({ wallAt: NOW, lastLoggedInAt: NOW - hour, lastLogoutClickAt: NOW - 60_000, rules: x })).toBe(false);
  });
  it('counts it again when the log-out click was before the last login', () => {
    expect(isUnexpectedLogout({ wallAt: NOW, lastLoggedInAt: NOW - hour, lastLogoutClickAt: NOW - 2 * hour, rules: x })).toBe(true);
  });
  it('does not count a wall for someone never seen logged in, or logged in too long ago', () => {
    expect(isUnexpectedLogout({ wallAt: NOW, lastLoggedInAt: null, lastLogoutClickAt: null, rules: x })).toBe(false);
    expect(isUnexpectedLogout({ wallAt: NOW, lastLoggedInAt: NOW - 7 * hour, lastLogoutClickAt: null, rules: x })).toBe(false);
  });
});
