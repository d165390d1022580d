import type { PopupState } from '../../src/core/messages.ts';
import type { SeriesPoint, ServiceDetail } from '../../src/core/protocol.ts';
import type { Settings } from '../../src/core/settings.ts';

const NOW = Date.UTC(2026, 10, 29, 12, 0);

/** 96 quarter-hours of a quiet day (baseline 2) ending in a spike of 40. */
export function daySeries(): SeriesPoint[] {
  return Array.from({ length: 96 }, (_, i) => ({ t: NOW - (95 - i) * 15 * 60_000, count: i >= 94 ? 40 : 1, baseline: 2 }));
}

export function detail(overrides: Partial<ServiceDetail> = {}): ServiceDetail {
  return {
    id: 'x',
    name: 'X',
    level: 'outage',
    count: 1234,
    baseline: 12.5,
    since: NOW - 20 * 60_000,
    peak: { count: 1234, t: NOW },
    generatedAt: NOW,
    learning: false,
    bucketMinutes: 15,
    series: daySeries(),
    recent: { bucketMinutes: 5, points: [{ t: NOW - 5 * 60_000, count: 700, baseline: 4 }, { t: NOW, count: 300, baseline: 4, partial: true }] },
    incidents: [{ since: NOW - 20 * 60_000, until: null, peak: 1234, peakLevel: 'outage' }],
    problems: [{ problem: 'feed', count: 900 }, { problem: 'login', count: 200 }],
    countries: [{ country: 'BD', count: 700 }, { country: 'other', count: 4 }],
    signals: [{ signal: 'http_5xx', count: 500 }],
    ...overrides,
  };
}

export function popupState(overrides: Partial<PopupState> = {}): PopupState {
  return {
    service: 'x',
    serviceName: 'X',
    serviceEnabled: true,
    detail: detail(),
    fetchedAt: NOW,
    serverUnreachable: false,
    elsewhere: [{ id: 'reddit', name: 'Reddit', level: 'warning', count: 57, baseline: 4, since: NOW - 5 * 60_000, peak: { count: 57, t: NOW }, learning: false }],
    ownSignals: [{ signal: 'banner', count: 3, lastAt: NOW - 60_000 }],
    verdict: 'service',
    suggestedProblem: 'feed',
    lastReport: null,
    queued: 0,
    ...overrides,
  };
}

export function settings(overrides: Partial<Settings> = {}): Settings {
  return {
    version: 2,
    backendUrl: 'http://127.0.0.1:8787',
    autoReport: false,
    consentAnswered: false,
    disabledServices: [],
    country: 'auto',
    followedServices: [],
    ...overrides,
  };
}
