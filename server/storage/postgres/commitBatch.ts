// The PostgreSQL write path of a batch: ONE statement (so one round trip and
// its own transaction) whose data-modifying CTEs insert the new reports,
// claim the suppression windows, take the networks' report slots and add the
// counters. The batch goes in as
// one JSON parameter, whatever its size, so the statement is prepared once
// per connection and not planned again for every batch (with eight unnest
// arrays before it: ~6–8 k → ~11.6 k reports/s in direct wrk runs here; the
// JSON text then cut Node's CPU per report 28–33 → 23 µs, as pg escaped
// every array element in JavaScript). The connections run with
// enable_nestloop=off (open.ts): the joins below are estimated at one row.
// Every insert is sorted by its key, so concurrent batches from any process
// lock rows in the same order; a deadlock or serialization failure is
// retried by PostgresStorage. Windows are those the batch ARRIVED in (docs/privacy-and-trust.md:
// time is the server's). The window length and the per-network limit
// are LIMITS', written into the statement's text when it is built (constants,
// so the plan stays generic). A network's slots are read from the statement's
// snapshot, so two batches committing at once may each admit a network's
// last slots: at most COMMITS_IN_FLIGHT × the limit, never unbounded.
// Raw SQL: the query builder cannot name a prepared statement.
import type pg from 'pg';
import { LIMITS } from '../../../src/core/protocol.ts';
import { minuteOf } from '../minutes.ts';
import type { CommitStatus, IngestReport } from '../types.ts';

const WINDOW_MINUTES = minuteOf(LIMITS.suppressionWindowMs);
/** The report fields the statement's recordset reads. */
const STORED_FIELDS: Array<keyof IngestReport> = ['service', 'id', 'client', 'problem', 'source', 'signals', 'country', 'minute', 'network'];
const NETWORK_REPORTS = LIMITS.networkReportsPerWindow;

const COMMIT_BATCH_SQL = /* sql */ `
    WITH input AS (
      SELECT * FROM ROWS FROM (jsonb_to_recordset($1::jsonb) AS (
        service text, id text, client text, problem text, source text, signals int, country text, minute int, network text
      )) WITH ORDINALITY AS t(service, id, client, problem, source, signals, country, minute, network, ord)
    ),
    first_of_id AS (
      SELECT DISTINCT ON (service, id) * FROM input ORDER BY service, id, ord
    ),
    inserted AS (
      INSERT INTO reports (service, id, client, problem, source, signals, country, minute, received_minute)
      SELECT service, id, client, problem, source, signals, country, minute, $2::int
      FROM first_of_id ORDER BY service, id
      ON CONFLICT (service, id) DO NOTHING
      RETURNING service, id
    ),
    new_reports AS (
      SELECT f.*, $2::int - $2::int % ${WINDOW_MINUTES} AS window_start FROM first_of_id f JOIN inserted USING (service, id)
    ),
    claimants AS (
      SELECT DISTINCT ON (service, client, window_start) * FROM new_reports ORDER BY service, client, window_start, ord
    ),
    claimed AS (
      INSERT INTO suppression (service, client, window_start)
      SELECT service, client, window_start FROM claimants ORDER BY service, client, window_start
      ON CONFLICT (service, client, window_start) DO NOTHING
      RETURNING service, client, window_start
    ),
    claiming AS (
      SELECT c.*, row_number() OVER (PARTITION BY c.service, c.network ORDER BY c.ord) AS rank
      FROM claimants c JOIN claimed USING (service, client, window_start)
    ),
    counted AS (
      -- A scalar subquery, not a join: it looks the network up by its key even with enable_nestloop off,
      -- where a join would hash the whole of network_windows for every batch.
      SELECT c.* FROM claiming c
      WHERE coalesce((
        SELECT w.count FROM network_windows w
        WHERE w.window_start = c.window_start AND w.service = c.service AND w.network = c.network
      ), 0) + c.rank <= ${NETWORK_REPORTS}
    ),
    networks AS (
      INSERT INTO network_windows AS w (window_start, service, network, count)
      SELECT window_start, service, network, count(*)::int FROM counted
      GROUP BY window_start, service, network ORDER BY window_start, service, network
      ON CONFLICT (window_start, service, network) DO UPDATE SET count = w.count + excluded.count
      RETURNING window_start, service, (xmax = 0) AS is_new
    ),
    network_total AS (
      INSERT INTO network_totals AS t (window_start, service, networks)
      SELECT window_start, service, count(*)::int FROM networks WHERE is_new
      GROUP BY window_start, service ORDER BY window_start, service
      ON CONFLICT (window_start, service) DO UPDATE SET networks = t.networks + excluded.networks
    ),
    cells AS (
      INSERT INTO counters AS c (service, minute, problem, country, source, signals, count)
      SELECT service, minute, problem, country, source, signals, count(*)::int FROM counted
      GROUP BY service, minute, problem, country, source, signals
      ORDER BY service, minute, problem, country, source, signals
      ON CONFLICT (service, minute, problem, country, source, signals) DO UPDATE SET count = c.count + excluded.count
    ),
    totals AS (
      INSERT INTO minute_totals AS m (service, minute, count)
      SELECT service, minute, count(*)::int FROM counted GROUP BY service, minute ORDER BY service, minute
      ON CONFLICT (service, minute) DO UPDATE SET count = m.count + excluded.count
    )
    SELECT n.ord, (c.ord IS NOT NULL) AS counted FROM new_reports n LEFT JOIN counted c ON c.ord = n.ord
`;

export async function commitPostgresBatch(
  pool: pg.Pool, reports: readonly IngestReport[], receivedAt: number,
): Promise<CommitStatus[]> {
  const result = await pool.query<{ ord: string | number; counted: boolean }>({
    name: 'downwatch_commit_batch_v4',
    text: COMMIT_BATCH_SQL,
    // The batch as ONE JSON text (native JSON.stringify), not eight arrays that pg escapes element by element;
    // only the columns the statement reads, so PostgreSQL parses no more than it stores.
    values: [JSON.stringify(reports, STORED_FIELDS), minuteOf(receivedAt)],
  });
  const statuses: CommitStatus[] = reports.map(() => 'duplicate');
  for (const row of result.rows) statuses[Number(row.ord) - 1] = row.counted ? 'counted' : 'suppressed';
  return statuses;
}
