// How much history the server holds per service, end to end on SQLite and
// the real PostgreSQL: first minutes come from the minute totals (older than
// the detector's window too), and GET /v1/status and /v1/services/{id} say
// `learning` while a service has less than 4 weeks (docs/detector.md).
import type { CounterRow } from '../../server/storage/types.ts';
import { createRandom } from '../../server/sim/scenarios/random.ts';
import { databaseKinds } from './helpers/databases.ts';
import { useProtocolApp } from './helpers/protocolApp.ts';

const kinds = await databaseKinds();
const MINUTE = 60_000;
const DAY_MINUTES = 24 * 60;

const cell = (service: string, minute: number, count: number): CounterRow => ({
  service, minute, count, problem: 'feed', country: 'US', source: 'manual', signals: 0,
});

for (const { kind, skip } of kinds) describe.skipIf(skip !== null)(`baseline history on ${kind}`, () => {
  const { clock, app, detail } = useProtocolApp(kind, 'learning');
  const status = async () => (await app().inject({ method: 'GET', url: '/v1/status' })).json();

  it('a catalog service steady at 20 per 15 minutes for a day on a fresh server is ok and learning', async () => {
    const start = Math.floor(clock.now() / MINUTE);
    const rng = createRandom(7);
    const rows: CounterRow[] = [];
    for (let m = start; m < start + DAY_MINUTES; m++) {
      const count = rng.poisson(20 / 15);
      if (count > 0) rows.push(cell('reddit', m, count));
    }
    await app().downwatch.storage.addCounts(rows);
    clock.advance(DAY_MINUTES * MINUTE - 1);
    await app().downwatch.stats.refresh({ full: true });
    const reddit = (await status()).services.find((s: { id: string }) => s.id === 'reddit');
    expect(reddit).toMatchObject({ level: 'ok', learning: true });
    expect(reddit.baseline).toBeGreaterThan(10);
    expect(await detail('reddit', '?hours=1')).toMatchObject({ level: 'ok', learning: true });
  });

  it('knows a first minute older than the detector’s window, from the minute totals, and stops learning', async () => {
    const now = Math.floor(clock.now() / MINUTE);
    await app().downwatch.storage.addCounts([cell('youtube', now - 40 * DAY_MINUTES, 1), cell('youtube', now - 60, 2)]);
    const firsts = await app().downwatch.storage.firstMinutes();
    expect(firsts.find((f) => f.service === 'youtube')).toEqual({ service: 'youtube', minute: now - 40 * DAY_MINUTES });
    const redditFirst = firsts.find((f) => f.service === 'reddit')!.minute; // its first minute with a report
    expect(redditFirst).toBeGreaterThanOrEqual(now - DAY_MINUTES + 1);
    expect(redditFirst).toBeLessThan(now - DAY_MINUTES + 30);
    await app().downwatch.stats.refresh({ full: true });
    const services = (await status()).services;
    expect(services.find((s: { id: string }) => s.id === 'youtube')).toMatchObject({ learning: false });
    // The server itself is 40 days old now, but reddit's own history is still a day.
    expect(services.find((s: { id: string }) => s.id === 'reddit')).toMatchObject({ learning: true });
    expect(await detail('youtube', '?hours=1')).toMatchObject({ learning: false });
  });
});
