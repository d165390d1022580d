// The findings of docs/privacy-and-trust.md, each through the real server
// (app.inject over the full request path; networks named in X-Forwarded-For
// through the trusted loopback hop): a client id, a batch or a backdated
// minute buys an attacker nothing beyond its network's share.
import { LIMITS } from '../../src/core/protocol.ts';
import { databaseKinds } from './helpers/databases.ts';
import { useProtocolApp } from './helpers/protocolApp.ts';
import { newNetwork, report, T0 } from './helpers/reports.ts';

const kinds = await databaseKinds();
const MINUTE = 60_000;

for (const { kind, skip } of kinds) describe.skipIf(skip !== null)(`trust on ${kind}`, () => {
  const { clock, app, results, resultsEach, detail } = useProtocolApp(kind, 'trust');
  // A server judges no level before it holds some history (docs/detector.md): one old count gives it that.
  beforeAll(async () => {
    await app().downwatch.storage.addCounts([
      { service: 'history-case.org', minute: T0 / MINUTE - 240, problem: 'feed', country: '', source: 'auto', signals: 0, count: 1 },
    ]);
    await app().downwatch.stats.refresh({ full: true });
  });
  const status = async () => {
    await app().downwatch.stats.refresh();
    return (await app().inject({ method: 'GET', url: '/v1/status' })).json() as { services: Array<{ id: string; level: string }> };
  };

  it('7 fresh client ids in one POST, minute after minute, cannot list a domain', async () => {
    clock.advance(60 * MINUTE);
    const network = newNetwork();
    for (let minute = 0; minute < 5; minute++) {
      await results(Array.from({ length: 7 }, () => report({ service: 'one-post-case.com', observedAt: clock.now() })), network);
      clock.advance(MINUTE);
    }
    expect((await status()).services.some((s) => s.id === 'one-post-case.com')).toBe(false);
    // The same reports from enough distinct networks are listed: the gate, not a broken count, kept it out.
    for (let minute = 0; minute < 5; minute++) {
      await resultsEach(Array.from({ length: LIMITS.minNetworksToListDomain }, () => report({ service: 'many-networks-case.com', observedAt: clock.now() })));
      clock.advance(MINUTE);
    }
    expect((await status()).services.some((s) => s.id === 'many-networks-case.com')).toBe(true);
  });

  it(`42 spam domains from many networks list at most ${LIMITS.maxListedDomains}`, async () => {
    clock.advance(60 * MINUTE);
    const networks = Array.from({ length: LIMITS.minNetworksToListDomain }, () => newNetwork());
    for (let minute = 0; minute < 5; minute++) {
      for (const network of networks) {
        const spam = Array.from({ length: 42 }, (_, n) => report({ service: `locked-call-now-${n}.com`, observedAt: clock.now() }));
        await results(spam, network);
      }
      clock.advance(MINUTE);
    }
    const listed = (await status()).services.filter((s) => s.id.startsWith('locked-call-now-'));
    expect(listed.length).toBe(LIMITS.maxListedDomains);
    expect(listed.every((s) => s.level !== 'ok')).toBe(true);
  });

  it('~30 reports from one network cannot raise X, at most its share counts', async () => {
    clock.advance(60 * MINUTE);
    const network = newNetwork();
    const out: string[] = [];
    for (let minute = 0; minute < 5; minute++) {
      const batch = await results(Array.from({ length: 6 }, () => report({ service: 'x', observedAt: clock.now() })), network);
      out.push(...batch.map((r) => r.status));
      clock.advance(MINUTE);
    }
    expect(out.filter((s) => s === 'counted').length).toBeLessThanOrEqual(LIMITS.networkReportsPerWindow * 2);
    expect((await status()).services.find((s) => s.id === 'x')!.level).toBe('ok');
  });

  it('97 reports naming 97 different past minutes count no more than one network may add', async () => {
    clock.advance(3 * 60 * MINUTE);
    const network = newNetwork();
    const windowStart = Math.floor(clock.now() / (15 * MINUTE)) * 15 * MINUTE;
    clock.set(windowStart);
    const reports = Array.from({ length: 97 }, (_, k) => report({ service: 'backdate-case.com', observedAt: clock.now() - (k + 1) * MINUTE }));
    const out = [...await results(reports.slice(0, 50), network), ...await results(reports.slice(50), network)];
    expect(out.filter((r) => r.status === 'counted').length).toBeLessThanOrEqual(LIMITS.networkReportsPerWindow);
    // One client naming a different minute each time: one counted report per arrival window.
    const client = 'backdating-client-0001';
    const own = await results(Array.from({ length: 20 }, (_, k) =>
      report({ service: 'backdate-client-case.com', client, observedAt: clock.now() - (k + 1) * MINUTE })), newNetwork());
    expect(own.filter((r) => r.status === 'counted')).toHaveLength(1);
    const series = (await detail('backdate-case.com', '?hours=3')).series as Array<{ count: number }>;
    expect(series.reduce((sum, p) => sum + p.count, 0)).toBe(out.filter((r) => r.status === 'counted').length);
  });
});
