// One app per database kind for a protocol suite: a fresh database, a
// ManualClock, and small helpers to post reports and read details.
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../../server/app.ts';
import { ManualClock } from '../../../server/clock.ts';
import { makeDatabase, type TestDatabase } from './databases.ts';
import { newNetwork, T0, testConfig } from './reports.ts';

export type ReportResultBody = Array<{ id: string | null; status: string; reason?: string }>;

export function useProtocolApp(kind: 'sqlite' | 'postgres', label: string) {
  let db: TestDatabase;
  let instance: FastifyInstance;
  const clock = new ManualClock(T0);

  beforeAll(async () => {
    db = makeDatabase(kind, label);
    instance = await buildApp({ config: testConfig(db.url), clock, logger: false });
  });
  afterAll(async () => {
    await instance?.close();
    await db?.drop();
  });

  const app = () => instance;
  /** Posts from `network` (through the trusted loopback proxy), by default one no request used before. */
  const post = (payload: unknown, network: string = newNetwork()) =>
    instance.inject({ method: 'POST', url: '/v1/reports', payload: payload as object, headers: { 'x-forwarded-for': network } });
  const results = async (reports: unknown[], network?: string): Promise<ReportResultBody> => {
    const response = await post({ reports }, network);
    expect(response.statusCode).toBe(200);
    return response.json().results;
  };
  /** Each report from a network of its own, as many people would send them (one request each). */
  const resultsEach = async (reports: unknown[]): Promise<ReportResultBody> =>
    (await Promise.all(reports.map((r) => results([r])))).flat();
  const detail = async (id: string, query = '') => {
    await instance.downwatch.stats.refresh();
    const response = await instance.inject({ method: 'GET', url: `/v1/services/${id}${query}` });
    expect(response.statusCode).toBe(200);
    return response.json();
  };
  return { clock, app, post, results, resultsEach, detail };
}
