// An app with the public site for the site's tests: SQLite, a ManualClock,
// every report sent from its own network through a trusted proxy (so no
// per-network rule caps the counts), and an outage made of real reports.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../../server/app.ts';
import { ManualClock } from '../../../server/clock.ts';
import { sqliteDatabase, type TestDatabase } from './databases.ts';
import { newClient, T0, testConfig } from './reports.ts';

const MINUTE = 60_000;

export function useSiteApp(env: Record<string, string> = {}) {
  let db: TestDatabase;
  let instance: FastifyInstance;
  const clock = new ManualClock(T0);
  let network = 0;

  beforeAll(async () => {
    db = sqliteDatabase();
    instance = await buildApp({ config: testConfig(db.url, { TRUST_PROXY: '127.0.0.1', ...env }), clock, logger: false });
  });
  afterAll(async () => {
    await instance?.close();
    await db?.drop();
  });

  const app = () => instance;
  const nextNetwork = () => {
    network++;
    return `10.${(network >> 16) & 255}.${(network >> 8) & 255}.${network & 255}`;
  };
  const send = async (service: string, observedAt: number) => {
    const response = await instance.inject({
      method: 'POST', url: '/v1/reports', headers: { 'x-forwarded-for': nextNetwork() },
      payload: { reports: [{ id: randomUUID(), service, problem: 'feed', source: 'auto', signals: ['banner'], observedAt, client: newClient(), country: 'US' }] },
    });
    expect(response.json().results[0].status).toBe('counted');
  };
  /**
   * `perMinute` reports for `service` in each of the last `minutes` minutes, each from its own network and install.
   * A server judges levels only once it has collected for a while (docs/detector.md): one report three hours old,
   * for another service, gives it that history.
   */
  async function surge(service: string, minutes: number, perMinute: number): Promise<void> {
    await send('youtube', clock.now() - 3 * 60 * MINUTE);
    for (let m = minutes - 1; m >= 0; m--) {
      for (let i = 0; i < perMinute; i++) await send(service, clock.now() - m * MINUTE);
    }
    await instance.downwatch.stats.refresh({ full: true });
  }
  const get = (url: string, headers: Record<string, string> = {}) => instance.inject({ method: 'GET', url, headers });
  return { clock, app, get, surge, nextNetwork };
}
