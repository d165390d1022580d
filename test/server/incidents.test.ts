// Incidents end to end (docs/incidents.md), against SQLite and the real
// PostgreSQL: a surge read through the API as outage → recovering → ok with
// one `since`, its record in the 90-day history, the detail's `recent` series
// with its partial bucket, and the history's idempotent recording and pruning.
import { randomUUID } from 'node:crypto';
import { LIMITS } from '../../src/core/protocol.ts';
import { ManualClock } from '../../server/clock.ts';
import { StatsService } from '../../server/stats/statsService.ts';
import { openStorage } from '../../server/storage/open.ts';
import type { IncidentRow, IngestReport } from '../../server/storage/types.ts';
import { databaseKinds, makeDatabase } from './helpers/databases.ts';
import { useProtocolApp } from './helpers/protocolApp.ts';
import { report, T0 } from './helpers/reports.ts';

const kinds = await databaseKinds();
const MINUTE = 60_000;
const DAY_MINUTES = 24 * 60;

// An unreachable PostgreSQL (outside CI) skips its suite; databaseKinds() has printed why.
for (const { kind, skip } of kinds) describe.skipIf(skip !== null)(`incidents on ${kind}`, () => {
  const { clock, app, results, detail } = useProtocolApp(kind, 'incidents');
  const status = async (id: string) => {
    await app().downwatch.stats.refresh();
    const body = (await app().inject({ method: 'GET', url: '/v1/status' })).json();
    return body.services.find((s: { id: string }) => s.id === id);
  };

  it('reads a surge as outage, then recovering with the same since, then ok, and keeps it in the history', async () => {
    // A server judges levels once it holds a few hours of history (docs/detector.md).
    await results([report({ service: 'history-case.org', observedAt: clock.now() })]);
    await app().downwatch.stats.refresh({ full: true });
    clock.advance(3 * 60 * MINUTE);
    for (let minute = 0; minute < 6; minute++) {
      await results(Array.from({ length: 12 }, () => report({ service: 'reddit', observedAt: clock.now() })));
      clock.advance(MINUTE);
    }
    clock.advance(-MINUTE);
    const during = await status('reddit');
    expect(during.level).toBe('outage');
    const since = during.since as number;
    expect(since).toBeGreaterThan(clock.now() - 6 * MINUTE);
    expect(during.peak.count).toBe(during.count);
    expect(during.peak.t).toBe(Math.floor(clock.now() / MINUTE) * MINUTE + MINUTE);

    const open = await detail('reddit');
    expect(open.generatedAt).toBe(clock.now());
    expect(open.incidents).toEqual([{ since, until: null, peak: during.peak.count, peakLevel: 'outage' }]);

    clock.advance(15 * MINUTE); // quiet since: back under the threshold, within the hold
    const recovering = await status('reddit');
    expect(recovering).toMatchObject({ level: 'recovering', since, peak: during.peak });

    clock.advance(LIMITS.incidentHoldMinutes * MINUTE);
    const over = await status('reddit');
    expect(over).toMatchObject({ level: 'ok', since: null, peak: null });
    const closed = (await detail('reddit')).incidents;
    expect(closed).toHaveLength(1);
    expect(closed[0]).toMatchObject({ since, peak: during.peak.count, peakLevel: 'outage' });
    expect(closed[0].until).toBeGreaterThan(since);
    expect(closed[0].until).toBeLessThan(recovering.since + 25 * MINUTE);

    // Another server reading the same database lists the same history.
    const rows = await app().downwatch.storage.incidents(0);
    expect(rows).toEqual([expect.objectContaining({ service: 'reddit', startMinute: since / MINUTE, endMinute: closed[0].until / MINUTE })]);
  });

  it('serves the last 6 hours in 5-minute buckets, the current bucket of both series marked partial', async () => {
    clock.advance(7 * MINUTE);
    await results([report({ service: 'recent-case.org', observedAt: clock.now() })]);
    const body = await detail('recent-case.org', '?hours=2');
    const points = body.recent.points as Array<{ t: number; count: number; baseline: number; partial?: true }>;
    expect(body.recent.bucketMinutes).toBe(LIMITS.recentBucketMinutes);
    expect(points).toHaveLength((LIMITS.recentHours * 60) / LIMITS.recentBucketMinutes);
    const bucketMs = LIMITS.recentBucketMinutes * MINUTE;
    expect(points.at(-1)).toEqual({ t: Math.floor(clock.now() / bucketMs) * bucketMs, count: 1, baseline: expect.any(Number), partial: true });
    expect(points.slice(0, -1).some((p) => 'partial' in p)).toBe(false);
    expect(body.series).toHaveLength(8);
    expect(body.series.at(-1)).toMatchObject({ count: 1, partial: true });
    expect(body.series.slice(0, -1).some((p: object) => 'partial' in p)).toBe(false);
    expect(body.incidents).toEqual([]);
  });

  it('describes the new fields in /openapi.json', async () => {
    const openapi = (await app().inject({ method: 'GET', url: '/openapi.json' })).json();
    const detailSchema = openapi.paths['/v1/services/{id}'].get.responses['200'].content['application/json'].schema;
    expect(detailSchema.required).toEqual(expect.arrayContaining(['since', 'peak', 'generatedAt', 'recent', 'incidents']));
    expect(detailSchema.properties.level.anyOf.map((s: { const: string }) => s.const)).toEqual(['ok', 'recovering', 'warning', 'outage']);
  });
});

for (const { kind, skip } of kinds) describe.skipIf(skip !== null)(`incident history storage on ${kind}`, () => {
  const row = (over: Partial<IncidentRow> = {}): IncidentRow => ({
    service: 'x', startMinute: T0 / MINUTE, endMinute: null, peak: 40, peakMinute: T0 / MINUTE + 3, peakLevel: 'warning', ...over,
  });

  it('records idempotently: the peak only grows, the level only rises, an end once set is kept', async () => {
    const db = makeDatabase(kind, 'incident_rows');
    const storage = await openStorage(db.url, new ManualClock(T0));
    try {
      await storage.recordIncidents([row()]);
      await storage.recordIncidents([row()]);
      await storage.recordIncidents([row({ peak: 90, peakMinute: T0 / MINUTE + 9, peakLevel: 'outage' })]);
      await storage.recordIncidents([row({ peak: 60, endMinute: T0 / MINUTE + 40 })]);
      await storage.recordIncidents([row({ peak: 70, endMinute: null, peakLevel: 'warning' })]);
      expect(await storage.incidents(0)).toEqual([row({ peak: 90, peakMinute: T0 / MINUTE + 9, peakLevel: 'outage', endMinute: T0 / MINUTE + 40 })]);
    } finally {
      await storage.close();
      await db.drop();
    }
  });

  it('prunes incidents 90 days after they ended, and reads only the asked range and open ones', async () => {
    const db = makeDatabase(kind, 'incident_prune');
    const storage = await openStorage(db.url, new ManualClock(T0));
    const now = T0 / MINUTE;
    const retention = LIMITS.incidentRetentionDays * DAY_MINUTES;
    const old = row({ service: 'old.com', startMinute: now - retention - 100, endMinute: now - retention - 10 });
    const kept = row({ service: 'kept.com', startMinute: now - retention - 100, endMinute: now - retention + 10 });
    const recent = row({ service: 'recent.com', startMinute: now - 60, endMinute: now - 20 });
    const open = row({ service: 'open.com', startMinute: now - 2 * DAY_MINUTES });
    try {
      await storage.recordIncidents([old, kept, recent, open]);
      const byService = (rows: IncidentRow[]) => rows.map((r) => r.service).sort();
      expect(byService(await storage.incidents(now - 30))).toEqual(['open.com', 'recent.com']);
      expect((await storage.prune(T0)).incidents).toBe(1);
      expect(byService(await storage.incidents(0))).toEqual(['kept.com', 'open.com', 'recent.com']);
    } finally {
      await storage.close();
      await db.drop();
    }
  });
});

describe.skipIf(kinds[1]!.skip !== null)('incident history shared by several servers on PostgreSQL', () => {
  it('keeps one row per incident when servers record it at once', async () => {
    const db = makeDatabase('postgres', 'incident_shared');
    const clock = new ManualClock(T0);
    const servers = [await openStorage(db.url, clock), await openStorage(db.url, clock), await openStorage(db.url, clock)];
    const start = T0 / MINUTE;
    try {
      await Promise.all(servers.flatMap((storage, i) => [
        storage.recordIncidents([
          { service: 'x', startMinute: start, endMinute: null, peak: 100 + i, peakMinute: start + i, peakLevel: 'outage' },
          { service: 'reddit', startMinute: start + 5, endMinute: null, peak: 10, peakMinute: start + 6, peakLevel: 'warning' },
        ]),
        storage.recordIncidents([{ service: 'x', startMinute: start, endMinute: start + 50, peak: 90, peakMinute: start, peakLevel: 'warning' }]),
      ]));
      const rows = (await servers[0]!.incidents(0)).sort((a, b) => a.service.localeCompare(b.service));
      expect(rows).toEqual([
        { service: 'reddit', startMinute: start + 5, endMinute: null, peak: 10, peakMinute: start + 6, peakLevel: 'warning' },
        { service: 'x', startMinute: start, endMinute: start + 50, peak: 102, peakMinute: start + 2, peakLevel: 'outage' },
      ]);
    } finally {
      await Promise.all(servers.map((s) => s.close()));
      await db.drop();
    }
  });
});

describe('incident recording on the read side', () => {
  it('publishes the figures when recording fails, and records on the next refresh', async () => {
    const db = makeDatabase('sqlite', 'incident_failure');
    const clock = new ManualClock(T0);
    const storage = await openStorage(db.url, clock);
    let failing = true;
    const flaky = Object.assign(Object.create(storage) as typeof storage, {
      recordIncidents: (rows: readonly IncidentRow[]) => (failing ? Promise.reject(new Error('disk full')) : storage.recordIncidents(rows)),
    });
    const errors: unknown[] = [];
    const stats = new StatsService(flaky, clock, 60_000, (error) => errors.push(error));
    const start = T0 / MINUTE - 6;
    try {
      // Three hours of server history before the surge (a server judges no level before it has some).
      const cell = (service: string, minute: number, count: number) => ({
        service, minute, problem: 'feed' as const, country: '', source: 'auto' as const, signals: 0, count,
      });
      await storage.addCounts([cell('history-case.org', start - 180, 1)]);
      // The surge as reports, each from a network of its own: a level needs distinct networks (docs/privacy-and-trust.md).
      const surge = Array.from({ length: 6 * 12 }, (_, k): IngestReport => ({
        id: randomUUID(), service: 'reddit', problem: 'feed', source: 'auto', signals: 0, minute: start + Math.floor(k / 12),
        client: `surge-client-${String(k).padStart(8, '0')}`, country: '', network: `surge-network-${k}`,
      }));
      await storage.commitReports(surge, clock.now());
      await stats.refresh({ full: true });
      const reddit = () => JSON.parse(stats.status().body).services.find((s: { id: string }) => s.id === 'reddit');
      expect(reddit().level).toBe('outage');
      expect(errors).toEqual([new Error('disk full')]);
      expect(JSON.parse(stats.detail('reddit', 1).body).incidents).toEqual([]);

      failing = false;
      await stats.refresh();
      expect(JSON.parse(stats.detail('reddit', 1).body).incidents).toEqual([
        { since: reddit().since, until: null, peak: reddit().peak.count, peakLevel: 'outage' },
      ]);
      expect(await storage.incidents(0)).toHaveLength(1);
    } finally {
      stats.stop();
      await storage.close();
      await db.drop();
    }
  });
});
