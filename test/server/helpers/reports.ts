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

let networkSeq = 0;
/**
 * A sending network not used before in this process (198.18.0.0/15, the benchmarking range), for
 * X-Forwarded-For through the trusted loopback proxy of testConfig: evidence counts per network (docs/privacy-and-trust.md).
 */
export function newNetwork(): string {
  networkSeq++;
  return `198.${18 + ((networkSeq >> 16) & 1)}.${(networkSeq >> 8) & 255}.${networkSeq & 255}`;
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
  return loadConfig({
    DATABASE_URL: databaseUrl, RATE_LIMIT_IP: '0', RATE_LIMIT_CLIENT: '0', LOG_LEVEL: 'warn', TRUST_PROXY: '127.0.0.1', ...env,
  });
}
