// One prepared INSERT (or upsert) that writes many rows per call. Each call
// into better-sqlite3 binds and steps one statement, and that per-call cost
// was most of a report's insert (bench/sqlite-writer.ts: one call per row
// against up to 16 rows per call). Statements are prepared once per row
// count, so at most ROWS_PER_CALL of them exist.
import type BetterSqlite3 from 'better-sqlite3';

const ROWS_PER_CALL = 16;

/** Writes `rows` rows whose values are `params`, flat, in column order. */
export type MultiRowWrite = (params: unknown[], rows: number) => void;

/** `singleRowSql` is a one-row `insert … values (?, …)` with an optional `on conflict …` tail. */
export function multiRowStatement(database: BetterSqlite3.Database, singleRowSql: string, columns: number): MultiRowWrite {
  const valuesAt = singleRowSql.indexOf(' values (');
  const tupleEnd = singleRowSql.indexOf(')', valuesAt);
  if (valuesAt < 0 || tupleEnd < 0) throw new Error(`not a one-row insert: ${singleRowSql}`);
  const head = singleRowSql.slice(0, tupleEnd + 1);
  const tuple = singleRowSql.slice(valuesAt + ' values '.length, tupleEnd + 1);
  const tail = singleRowSql.slice(tupleEnd + 1);
  const prepared = new Map<number, BetterSqlite3.Statement>();
  const statementFor = (rows: number): BetterSqlite3.Statement => {
    let statement = prepared.get(rows);
    if (!statement) {
      statement = database.prepare(`${head}${`, ${tuple}`.repeat(rows - 1)}${tail}`);
      prepared.set(rows, statement);
    }
    return statement;
  };
  return (params, rows) => {
    let done = 0;
    while (done < rows) {
      const take = Math.min(ROWS_PER_CALL, rows - done);
      statementFor(take).run(done === 0 && take === rows ? params : params.slice(done * columns, (done + take) * columns));
      done += take;
    }
  };
}
