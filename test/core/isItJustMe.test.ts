import {
  BACKEND_SOURCE,
  blameFor,
  classifyRequestError,
  isOfflineError,
  recordFailure,
  shouldProbeBackend,
  verdictFor,
  type FailureEvent,
  type SignalEvent,
} from '../../src/core/isItJustMe.ts';
import { countryFromTimeZone, reportCountry } from '../../src/core/timeZoneCountry.ts';

const T0 = 1_764_377_000_000;
const ev = (signal: SignalEvent['signal'], at = T0, offline = false): SignalEvent => ({ at, signal, detail: 'r', offline });
const fail = (source: string, kind: FailureEvent['kind'], at = T0): FailureEvent => ({ at, source, kind });

describe('is it just me? (blameFor)', () => {
  test('a signal seen while the device was offline is blamed on the own connection', () => {
    expect(blameFor('x', ev('banner', T0, true), [])).toBe('own_connection');
  });

  test('a net_error on the service alone is blamed on the service', () => {
    expect(blameFor('x', ev('net_error'), [fail('x', 'net_error')])).toBe('service');
  });

  test('the backend failing in the same minute blames the own connection', () => {
    expect(blameFor('x', ev('net_error'), [fail(BACKEND_SOURCE, 'net_error', T0 + 20_000)])).toBe('own_connection');
  });

  test('another service failing the same way in the same minute blames the own connection', () => {
    expect(blameFor('x', ev('http_5xx'), [fail('reddit', 'http_5xx', T0 - 30_000)])).toBe('own_connection');
  });

  test('an unrelated failure more than a minute away does not', () => {
    expect(blameFor('x', ev('net_error'), [fail('reddit', 'net_error', T0 - 61_000)])).toBe('service');
  });

  test('a different error class elsewhere does not (5xx elsewhere vs a connection failure here)', () => {
    expect(blameFor('x', ev('net_error'), [fail('reddit', 'http_5xx')])).toBe('service');
  });

  test('page signals (banner) are explained by connection failures elsewhere', () => {
    expect(blameFor('x', ev('banner'), [fail(BACKEND_SOURCE, 'net_error')])).toBe('own_connection');
  });
});

describe('verdictFor (the popup)', () => {
  test('none without signals in the last 10 minutes', () => {
    expect(verdictFor('x', [ev('banner', T0 - 11 * 60_000)], [], true, T0)).toBe('none');
  });

  test('own connection while offline now', () => {
    expect(verdictFor('x', [ev('banner')], [], false, T0)).toBe('own_connection');
  });

  test('judged by the latest signal', () => {
    const events = [ev('net_error', T0 - 5 * 60_000), ev('banner', T0 - 1000)];
    expect(verdictFor('x', events, [fail('reddit', 'net_error', T0 - 5 * 60_000)], true, T0)).toBe('service');
    expect(verdictFor('x', events, [fail('reddit', 'net_error', T0)], true, T0)).toBe('own_connection');
  });
});

describe('request errors', () => {
  test.each(['net::ERR_ABORTED', 'net::ERR_BLOCKED_BY_CLIENT', 'net::ERR_BLOCKED_BY_PRIVATE_NETWORK_ACCESS_CHECKS', 'net::ERR_FAILED', 'NS_BINDING_ABORTED', 'NS_ERROR_TRACKING_URI'])('%s is ignored', (e) => {
    expect(classifyRequestError(e)).toBeNull();
  });

  test.each(['net::ERR_NAME_NOT_RESOLVED', 'net::ERR_CONNECTION_RESET', 'net::ERR_CERT_DATE_INVALID', 'NS_ERROR_UNKNOWN_HOST'])(
    '%s is kept as its class',
    (e) => expect(classifyRequestError(e)).toBe(e),
  );

  test('free text is never kept', () => {
    expect(classifyRequestError('Error: https://x.com/user/secret failed')).toBe('other');
  });

  test('internet disconnected marks the device offline', () => {
    expect(isOfflineError('net::ERR_INTERNET_DISCONNECTED')).toBe(true);
    expect(isOfflineError('net::ERR_CONNECTION_RESET')).toBe(false);
  });
});

test('failures are forgotten after 5 minutes', () => {
  const kept = recordFailure([fail('x', 'net_error', T0 - 5 * 60_000), fail('x', 'net_error', T0 - 60_000)], fail('reddit', 'http_5xx'), T0);
  expect(kept.map((f) => f.at)).toEqual([T0 - 60_000, T0]);
});

test('the backend is probed at most every 30 seconds', () => {
  expect(shouldProbeBackend(null, T0)).toBe(true);
  expect(shouldProbeBackend(T0 - 29_000, T0)).toBe(false);
  expect(shouldProbeBackend(T0 - 30_000, T0)).toBe(true);
});

describe('country from the time zone', () => {
  test.each([
    ['Asia/Dhaka', 'BD'],
    ['Asia/Kolkata', 'IN'],
    ['Asia/Calcutta', 'IN'],
    ['America/New_York', 'US'],
    ['US/Pacific', 'US'],
    ['Europe/London', 'GB'],
    ['europe/berlin', 'DE'],
  ])('%s → %s', (zone, country) => expect(countryFromTimeZone(zone)).toBe(country));

  test.each(['UTC', 'Etc/GMT+3', 'Mars/Olympus', '', undefined])('%j → no country', (zone) => {
    expect(countryFromTimeZone(zone)).toBeNull();
  });

  test('the user setting wins: none withholds, a code overrides, auto uses the zone', () => {
    expect(reportCountry('none', 'Asia/Dhaka')).toBeNull();
    expect(reportCountry('FR', 'Asia/Dhaka')).toBe('FR');
    expect(reportCountry('auto', 'Asia/Dhaka')).toBe('BD');
  });
});
