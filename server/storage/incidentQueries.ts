// The incident history (migration0005.ts), the same SQL on SQLite and
// PostgreSQL. Recording is an upsert on (service, start_minute) that only
// moves forward: the peak is the larger of the two, the level the higher, and
// an end once written is kept. So every server process sharing one database
// may record what it sees, in any order, and the row converges.
import { sql, type Kysely } from 'kysely';
import type { IncidentLevel } from '../../src/core/protocol.ts';
import type { Database, IncidentsTable } from './schema.ts';
import type { IncidentRow } from './types.ts';

/** Rows per statement: 6 parameters each, well under both databases' limits. */
const CHUNK_ROWS = 100;

const toTable = (row: IncidentRow): IncidentsTable => ({
  service: row.service,
  start_minute: row.startMinute,
  end_minute: row.endMinute,
  peak: row.peak,
  peak_minute: row.peakMinute,
  peak_level: row.peakLevel,
});

export async function recordIncidents(db: Kysely<Database>, rows: readonly IncidentRow[]): Promise<void> {
  // Key order, so concurrent writers lock rows in one order.
  const sorted = [...rows].sort((a, b) => (a.service < b.service ? -1 : a.service > b.service ? 1 : a.startMinute - b.startMinute));
  for (let i = 0; i < sorted.length; i += CHUNK_ROWS) {
    await db.insertInto('incidents').values(sorted.slice(i, i + CHUNK_ROWS).map(toTable))
      .onConflict((oc) => oc.columns(['service', 'start_minute']).doUpdateSet({
        end_minute: sql`coalesce(incidents.end_minute, excluded.end_minute)`,
        peak_minute: sql`case when excluded.peak > incidents.peak then excluded.peak_minute else incidents.peak_minute end`,
        peak: sql`case when excluded.peak > incidents.peak then excluded.peak else incidents.peak end`,
        peak_level: sql`case when incidents.peak_level = 'outage' then incidents.peak_level else excluded.peak_level end`,
      }))
      .execute();
  }
}

export async function readIncidents(db: Kysely<Database>, fromMinute: number): Promise<IncidentRow[]> {
  const rows = await db.selectFrom('incidents').selectAll()
    .where((eb) => eb.or([eb('end_minute', 'is', null), eb('end_minute', '>=', fromMinute), eb('start_minute', '>=', fromMinute)]))
    .execute();
  return rows.map((r) => ({
    service: r.service,
    startMinute: Number(r.start_minute),
    endMinute: r.end_minute === null ? null : Number(r.end_minute),
    peak: Number(r.peak),
    peakMinute: Number(r.peak_minute),
    peakLevel: r.peak_level as IncidentLevel,
  }));
}

/** Deletes incidents that ended before `cutoffMinute` (and open ones that started before it). */
export async function pruneIncidents(db: Kysely<Database>, cutoffMinute: number): Promise<number> {
  const result = await db.deleteFrom('incidents')
    .where((eb) => eb.or([
      eb('end_minute', '<', cutoffMinute),
      eb.and([eb('end_minute', 'is', null), eb('start_minute', '<', cutoffMinute)]),
    ]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
