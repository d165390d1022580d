// The read side of storage, the same SQL on SQLite and PostgreSQL (through
// the typed query builder): per-minute totals for the detector, and counter
// cells summed over a range for the breakdowns.
import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';
import type { CounterRow, FirstMinute, MinuteTotal, NetworkTotal } from './types.ts';

export function readMinuteTotals(db: Kysely<Database>, fromMinute: number, toMinute: number): Promise<MinuteTotal[]> {
  return db
    .selectFrom('minute_totals')
    .select(['service', 'minute', 'count'])
    .where('minute', '>=', fromMinute)
    .where('minute', '<', toMinute)
    .execute();
}

export async function readNetworkTotals(db: Kysely<Database>, fromMinute: number, toMinute: number): Promise<NetworkTotal[]> {
  const rows = await db
    .selectFrom('network_totals')
    .select(['service', 'window_start', 'networks'])
    .where('window_start', '>=', fromMinute)
    .where('window_start', '<', toMinute)
    .execute();
  return rows.map((row) => ({ service: row.service, window: row.window_start, networks: row.networks }));
}

export async function readBreakdown(db: Kysely<Database>, fromMinute: number, toMinute: number): Promise<CounterRow[]> {
  const rows = await db
    .selectFrom('counters')
    .select(['service', 'problem', 'country', 'source', 'signals'])
    .select((eb) => eb.fn.sum<number>('count').as('count'))
    .where('minute', '>=', fromMinute)
    .where('minute', '<', toMinute)
    .groupBy(['service', 'problem', 'country', 'source', 'signals'])
    .execute();
  return rows.map((row) => ({ ...row, minute: fromMinute, count: Number(row.count) }) as CounterRow);
}

/**
 * The first minute with a count of each service, from the minute totals the counters already keep (so no
 * table of its own): how much history the baseline has for it (docs/detector.md). A scan of the retained
 * totals, read once at start.
 */
export async function readFirstMinutes(db: Kysely<Database>): Promise<FirstMinute[]> {
  const rows = await db
    .selectFrom('minute_totals')
    .select('service')
    .select((eb) => eb.fn.min<number>('minute').as('minute'))
    .groupBy('service')
    .execute();
  return rows.map((row) => ({ service: row.service, minute: Number(row.minute) }));
}

/** Resolves when the database answers a query on a real table. */
export async function pingDatabase(db: Kysely<Database>): Promise<void> {
  await db.selectFrom('minute_totals').select('minute').limit(1).execute();
}
