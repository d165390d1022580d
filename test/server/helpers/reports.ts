// Builders for wire reports and test configs.
import { randomUUID } from 'node:crypto';
import type { Report } from '../../../src/core/protocol.ts';
import { loadConfig, type Config } from '../../../server/config.ts';

/** 2026-11-02 12:00 UTC, a Monday: a fixed start for ManualClock. */
export const T0 = Date.UTC(2026, 10, 2, 12, 0, 0);

let clientSeq = 0;
export function newClient(): string {
  clientSeq++;
  return `client-${process.pid}-${clientSeq}`.padEnd(16, 'x');
}

export function report(overrides: Partial<Report> & Record<string, unknown> = {}): Report {
  return {
    id: randomUUID(),
    service: 'x',
    problem: 'feed',
    source: 'auto',
    signals: ['banner', 'http_5xx'],
    observedAt: T0,
    client: newClient(),
    country: 'IN',
    ...overrides,
  } as Report;
}

export function testConfig(databaseUrl: string, env: Record<string, string> = {}): Config {
  return loadConfig({ DATABASE_URL: databaseUrl, RATE_LIMIT_IP: '0', RATE_LIMIT_CLIENT: '0', LOG_LEVEL: 'warn', ...env });
}
