// The offline queue inside the real background: reports survive the service
// worker being stopped, are retried on alarms, and are counted exactly once.
import { bootHarness, popupSender, teardownHarness, type Harness } from './backgroundHarness.ts';

vi.mock('webextension-polyfill', () => ({
  default: new Proxy({}, { get: (_target, key) => (globalThis as any).__fakeBrowser[key] }),
}));

const QUEUE_ALARM = 'downwatch-queue';
let h: Harness;

beforeEach(async () => {
  h = await bootHarness();
  h.state.tabs.set(1, { id: 1, url: 'https://x.com/home' });
});
afterEach(teardownHarness);

const queueLength = () => ((h.state.storage.get('queue') as unknown[]) ?? []).length;
const report = (tabId = 1) => h.send({ type: 'popup/report', payload: { tabId, problem: 'website' } }, popupSender);

test('a report made while the server is unreachable is queued, survives a worker restart, and is counted once', async () => {
  h.backend.up = false;
  expect(await report()).toEqual({ outcome: 'queued' });
  expect(queueLength()).toBe(1);
  expect(h.state.alarms.has(QUEUE_ALARM)).toBe(true);

  await h.restart(); // the worker was stopped: nothing in memory survives
  h.backend.up = true;
  h.advance(31 * 60_000);
  await h.fireAlarm(QUEUE_ALARM);
  expect(h.backend.counted.size).toBe(1);
  expect(queueLength()).toBe(0);
  expect(h.state.alarms.has(QUEUE_ALARM)).toBe(false);

  await h.fireAlarm(QUEUE_ALARM);
  expect(h.backend.posts.flat()).toHaveLength(1);
});

test('a response lost after the server committed is retried with the same id and counted once', async () => {
  h.backend.loseNextResponse = true;
  expect(await report()).toEqual({ outcome: 'queued' });
  expect(h.backend.counted.size).toBe(1);
  h.advance(31 * 60_000);
  await h.fireAlarm(QUEUE_ALARM);
  const [first, second] = h.backend.posts.map((batch) => batch[0]!.id);
  expect(second).toBe(first);
  expect(h.backend.counted.size).toBe(1);
  expect(queueLength()).toBe(0);
});

test('503 and 429 keep the report for a later retry; it is not sent again before its backoff', async () => {
  h.backend.reportStatus = 503;
  expect(await report()).toEqual({ outcome: 'queued' });
  h.backend.reportStatus = 429;
  await h.fireAlarm(QUEUE_ALARM); // fired early (e.g. by the browser): not due yet
  expect(h.backend.posts).toHaveLength(0);
  h.advance(2 * 60_000);
  await h.fireAlarm(QUEUE_ALARM);
  expect(queueLength()).toBe(1);
  h.backend.reportStatus = 200;
  h.advance(60 * 60_000);
  await h.fireAlarm(QUEUE_ALARM);
  expect(h.backend.counted.size).toBe(1);
});

test('a rejected report is dropped with a log entry, never retried', async () => {
  h.backend.rejectAll = true;
  const answer = await report();
  expect(answer).toEqual({ outcome: 'rejected', reason: 'observedAt: too old' });
  expect(queueLength()).toBe(0);
  const log = h.state.storage.get('reportLog') as { status: string; service: string }[];
  expect(log).toEqual([expect.objectContaining({ status: 'rejected', service: 'x', reason: 'observedAt: too old' })]);
  // A rejected report does not block the next one for 15 minutes.
  h.backend.rejectAll = false;
  expect(await report()).toEqual({ outcome: 'counted' });
});

test('reports not delivered within 24 hours expire with a log entry', async () => {
  h.backend.up = false;
  await report();
  h.advance(24 * 60 * 60_000 + 1);
  h.backend.up = true;
  await h.fireAlarm(QUEUE_ALARM);
  expect(h.backend.posts).toHaveLength(0);
  expect(queueLength()).toBe(0);
  expect(h.state.storage.get('reportLog')).toEqual([expect.objectContaining({ status: 'expired' })]);
});

test('a backlog is sent in batches of at most 50', async () => {
  h.backend.up = false;
  for (let i = 0; i < 120; i++) {
    h.state.tabs.set(100 + i, { id: 100 + i, url: `https://site${i}.com/` });
    await report(100 + i);
  }
  expect(queueLength()).toBe(120);
  h.backend.up = true;
  h.advance(31 * 60_000);
  await h.fireAlarm(QUEUE_ALARM);
  expect(h.backend.posts.map((b) => b.length)).toEqual([50, 50, 20]);
  expect(h.backend.counted.size).toBe(120);
});

test('a second manual report for the same service within 15 minutes is not sent', async () => {
  expect(await report()).toEqual({ outcome: 'counted' });
  h.advance(14 * 60_000);
  expect(await report()).toEqual({ outcome: 'suppressed' });
  expect(h.backend.posts).toHaveLength(1);
});

test('a report carries only the protocol fields: no URL, no page text', async () => {
  h.state.tabs.set(2, { id: 2, url: 'https://news.example.co.uk/private/article?user=alice' });
  await report(2);
  const sent = h.backend.posts[0]![0]!;
  expect(Object.keys(sent).sort()).toEqual(['client', 'country', 'id', 'observedAt', 'problem', 'service', 'signals', 'source']);
  expect(sent.service).toBe('example.co.uk');
  expect(JSON.stringify(sent)).not.toMatch(/private|alice|news\./);
  expect(sent.client).toMatch(/^[A-Za-z0-9_-]{16,64}$/);
});

test('the install id is kept across restarts and rotated after a month', async () => {
  await report();
  const first = h.backend.posts[0]![0]!.client;
  await h.restart();
  h.advance(20 * 60_000);
  await report();
  expect(h.backend.posts[1]![0]!.client).toBe(first);
  h.advance(31 * 24 * 60 * 60_000);
  await report();
  expect(h.backend.posts[2]![0]!.client).not.toBe(first);
});

test('a report for a tab with no reportable service gets a clear error', async () => {
  h.state.tabs.set(3, { id: 3, url: 'chrome://newtab/' });
  await expect(report(3)).rejects.toThrow(/no service/);
  expect(h.backend.posts).toHaveLength(0);
});

test('the queue is flushed when a worker wakes up for any reason', async () => {
  h.backend.up = false;
  await report();
  h.backend.up = true;
  h.advance(31 * 60_000);
  await h.restart(); // e.g. woken by a webRequest event, not by the alarm
  expect(h.backend.counted.size).toBe(1);
});

test('the last-report memory keeps only the current 15-minute window', async () => {
  for (let i = 0; i < 5; i++) {
    h.state.tabs.set(200 + i, { id: 200 + i, url: `https://shop${i}.com/` });
    await report(200 + i);
    h.advance(10 * 60_000);
  }
  expect(Object.keys(h.state.storage.get('lastReports') as object).sort()).toEqual(['shop3.com', 'shop4.com']);
});

describe('country', () => {
  test('the user’s choice is sent; "none" withholds it', async () => {
    await h.send({ type: 'options/saveSettings', payload: { country: 'BD' } }, popupSender);
    await report();
    await h.send({ type: 'options/saveSettings', payload: { country: 'none' } }, popupSender);
    h.state.tabs.set(2, { id: 2, url: 'https://reddit.com/' });
    await report(2);
    expect(h.backend.posts.map((b) => b[0]!.country)).toEqual(['BD', null]);
  });

  test('Firefox without the optional locationInfo data consent sends no country', async () => {
    await h.send({ type: 'options/saveSettings', payload: { country: 'BD' } }, popupSender);
    h.browser.permissions.contains = async () => false;
    await report();
    expect(h.backend.posts[0]![0]!.country).toBeNull();
  });
});
