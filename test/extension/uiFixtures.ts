import type { PopupState } from '../../src/core/messages.ts';
import type { Settings } from '../../src/core/settings.ts';
import type { SeriesPoint } from '../../src/core/protocol.ts';
import type { DetailView } from '../../src/core/statusView.ts';

const MIN = 60_000;
/** Two minutes into the 12:00 bucket (UTC), so the current bucket is unfinished. */
export const NOW = Date.UTC(2026, 10, 29, 12, 2);
const BUCKET_START = Date.UTC(2026, 10, 29, 12, 0);
/** The fixture incident's start: 11:10 UTC. */
export const SINCE = Date.UTC(2026, 10, 29, 11, 10);

/** 96 quarter-hours of a quiet day (baseline 2) ending in a spike of 40. */
export function daySeries(): SeriesPoint[] {
  return Array.from({ length: 96 }, (_, i) => ({ t: BUCKET_START - (95 - i) * 15 * MIN, count: i >= 94 ? 40 : 1, baseline: 2 }));
}

/**
 * Six hours of 5-minute buckets: quiet (2, usual 3) until 11:10, then an
 * outage peaking at 1,300 at 11:40, and the unfinished 12:00 bucket with 400
 * reports two minutes in.
 */
export function incidentSeries(): SeriesPoint[] {
  return Array.from({ length: 72 }, (_, i) => {
    const t = BUCKET_START - (71 - i) * 5 * MIN;
    const minutesIn = (t - SINCE) / MIN;
    const count = minutesIn < 0 ? 2 : t === Date.UTC(2026, 10, 29, 11, 40) ? 1300 : minutesIn < 30 ? 300 + minutesIn * 20 : 1200;
    return t === BUCKET_START ? { t, count: 400, baseline: 3, partial: true } : { t, count, baseline: 3 };
  });
}

export function detail(overrides: Partial<DetailView> = {}): DetailView {
  return {
    id: 'x',
    name: 'X',
    level: 'outage',
    count: 3665,
    baseline: 10,
    since: SINCE,
    peak: { count: 3665, t: Date.UTC(2026, 10, 29, 11, 45) },
    learning: false,
    generatedAt: NOW,
    bucketMinutes: 15,
    series: daySeries(),
    recent: { bucketMinutes: 5, points: incidentSeries() },
    incidents: [{ since: SINCE, until: null, peak: 3665, peakLevel: 'outage' }],
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
    serviceSite: 'x.com',
    tabService: 'x',
    lookupFailed: false,
    server: '127.0.0.1:8787',
    serviceEnabled: true,
    detail: detail(),
    fetchedAt: NOW,
    serverUnreachable: false,
    elsewhere: [{ id: 'reddit', name: 'Reddit', level: 'warning', count: 57, baseline: 4, since: NOW - 5 * MIN, peak: { count: 57, t: NOW }, learning: false }],
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
