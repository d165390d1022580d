import { decideAutoReport, reportedRecently, type AutoReportInput } from '../../src/core/autoReport.ts';
import { noteLoginFact, repairLoginStore, recordSignal, suggestProblem, summariseSignals, trimSignalStore, MAX_SIGNALS_PER_SERVICE } from '../../src/core/autoReportSignals.ts';
import type { SignalEvent } from '../../src/core/isItJustMe.ts';
import { BUNDLED_RULE_PACK, rulesForService } from '../../src/core/rules/pack.ts';
import { DEFAULT_SETTINGS } from '../../src/core/settings.ts';

const T0 = 1_764_377_000_000;
const ev = (signal: SignalEvent['signal'], at: number, offline = false): SignalEvent => ({ at, signal, detail: 'rule', offline });
const consented = { ...DEFAULT_SETTINGS, autoReport: true, consentAnswered: true };
// Two banners 30 s apart: enough evidence under the bundled X rules.
const strongEvidence = [ev('banner', T0 - 40_000), ev('banner', T0 - 10_000), ev('http_5xx', T0 - 5_000)];

function input(overrides: Partial<AutoReportInput> = {}): AutoReportInput {
  return {
    now: T0,
    service: 'x',
    settings: consented,
    events: strongEvidence,
    failures: [],
    rules: rulesForService(BUNDLED_RULE_PACK, 'x'),
    lastReportAt: null,
    ...overrides,
  };
}

describe('decideAutoReport', () => {
  test('reports when consent is given and the signals of the last 2 minutes pass the threshold', () => {
    const decision = decideAutoReport(input());
    expect(decision).toEqual({ report: true, signals: ['banner', 'http_5xx'], problem: 'website' });
  });

  test('never reports without consent, even with strong evidence', () => {
    expect(decideAutoReport(input({ settings: DEFAULT_SETTINGS }))).toEqual({ report: false, reason: 'no_consent' });
    expect(decideAutoReport(input({ settings: { ...consented, consentAnswered: false } }))).toEqual({ report: false, reason: 'no_consent' });
  });

  test('never reports a service the user switched off', () => {
    expect(decideAutoReport(input({ settings: { ...consented, disabledServices: ['x'] } }))).toEqual({ report: false, reason: 'service_disabled' });
  });

  test('only catalog services are reported automatically', () => {
    expect(decideAutoReport(input({ service: 'example.com' }))).toEqual({ report: false, reason: 'not_watched' });
  });

  test('at most one report per service per 15 minutes', () => {
    expect(decideAutoReport(input({ lastReportAt: T0 - 14 * 60_000 }))).toEqual({ report: false, reason: 'recently_reported' });
    expect(decideAutoReport(input({ lastReportAt: T0 - 15 * 60_000 })).report).toBe(true);
  });

  test('signals older than the 2-minute window do not count', () => {
    const old = strongEvidence.map((e) => ({ ...e, at: e.at - 3 * 60_000 }));
    expect(decideAutoReport(input({ events: old }))).toEqual({ report: false, reason: 'below_threshold' });
  });

  test('one confirmed unexpected logout reports a login problem, like a banner reports', () => {
    expect(decideAutoReport(input({ events: [ev('logout', T0 - 1000)] }))).toEqual({ report: true, signals: ['logout'], problem: 'login' });
  });

  test('one failed navigation alone is not enough evidence', () => {
    expect(decideAutoReport(input({ events: [ev('page_error', T0 - 1000)] }))).toEqual({ report: false, reason: 'below_threshold' });
  });

  test('signals explained by the own connection do not report (offline)', () => {
    const offline = strongEvidence.map((e) => ({ ...e, offline: true }));
    expect(decideAutoReport(input({ events: offline }))).toEqual({ report: false, reason: 'own_connection' });
  });

  test('signals explained by the own connection do not report (backend failing the same minute)', () => {
    const failures = [{ at: T0 - 20_000, source: 'backend', kind: 'net_error' as const }, { at: T0 - 20_000, source: 'reddit', kind: 'http_5xx' as const }];
    expect(decideAutoReport(input({ failures }))).toEqual({ report: false, reason: 'own_connection' });
  });
});

test('reportedRecently ignores a last report stamped far in the future (clock change)', () => {
  expect(reportedRecently(T0 + 10 * 60 * 60_000, T0)).toBe(false);
});

describe('suggestProblem', () => {
  test.each([
    ['x', ['logout', 'banner'], 'login'],
    ['instagram', ['feed_stalled'], 'feed'],
    ['whatsapp', ['banner'], 'messages'],
    ['youtube', ['banner'], 'video'],
    ['youtube', [], 'video'],
    ['whatsapp', ['feed_stalled'], 'messages'],
    ['whatsapp', ['logout'], 'login'],
    ['facebook', ['feed_stalled'], 'feed'],
    ['reddit', ['http_5xx'], 'website'],
    [null, [], 'website'],
  ] as const)('%s with %j → %s', (service, signals, problem) => expect(suggestProblem(service, signals)).toBe(problem));
});

describe('signal store', () => {
  test('keeps signals in time order and forgets them after an hour', () => {
    let store = recordSignal({}, 'x', ev('banner', T0), T0);
    store = recordSignal(store, 'x', ev('http_5xx', T0 - 1000), T0);
    expect(store.x!.map((e) => e.signal)).toEqual(['http_5xx', 'banner']);
    expect(trimSignalStore(store, T0 + 60 * 60_000 + 1)).toEqual({});
  });

  test('caps the signals kept per service', () => {
    let store = {};
    for (let i = 0; i < MAX_SIGNALS_PER_SERVICE + 10; i++) store = recordSignal(store, 'x', ev('net_error', T0 + i), T0 + i);
    expect((store as Record<string, SignalEvent[]>).x).toHaveLength(MAX_SIGNALS_PER_SERVICE);
  });

  test('summarises the last 10 minutes per kind', () => {
    const events = [ev('banner', T0 - 11 * 60_000), ev('banner', T0 - 60_000), ev('banner', T0 - 30_000), ev('net_error', T0 - 5_000)];
    expect(summariseSignals(events, T0, 10 * 60_000)).toEqual([
      { signal: 'banner', count: 2, lastAt: T0 - 30_000 },
      { signal: 'net_error', count: 1, lastAt: T0 - 5_000 },
    ]);
  });

  test('login bookkeeping keeps each time per service', () => {
    const store = noteLoginFact(noteLoginFact(noteLoginFact({}, 'x', 'loggedInAt', T0), 'x', 'logoutClickAt', T0 + 5), 'x', 'wallAt', T0 + 9);
    expect(store).toEqual({ x: { loggedInAt: T0, logoutClickAt: T0 + 5, wallAt: T0 + 9 } });
    expect(repairLoginStore({ x: { loggedInAt: T0, wallAt: 'soon' }, y: 3 })).toEqual({ x: { loggedInAt: T0, logoutClickAt: null, wallAt: null } });
  });
});
