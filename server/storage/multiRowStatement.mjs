// One prepared INSERT (or upsert) that writes many rows per call. Each call
// into better-sqlite3 binds and steps one statement, and that per-call cost
// was most of a report's insert (bench/sqlite-writer.ts: one call per row
// against up to 16 rows per call). Statements are prepared once per row
// count, so at most ROWS_PER_CALL of them exist. Plain JavaScript, like
// sqliteWriterCore.mjs.
const ROWS_PER_CALL = 16;

/**
 * `singleRowSql` is a one-row `insert … values (?, …)` with an optional `on conflict …` tail.
 * Returns run(params, rows): params is the rows' values, flat, in column order.
 */
export function multiRowStatement(database, singleRowSql, columns) {
  const valuesAt = singleRowSql.indexOf(' values (');
  const tupleEnd = singleRowSql.indexOf(')', valuesAt);
  if (valuesAt < 0 || tupleEnd < 0) throw new Error(`not a one-row insert: ${singleRowSql}`);
  const head = singleRowSql.slice(0, tupleEnd + 1);
  const tuple = singleRowSql.slice(valuesAt + ' values '.length, tupleEnd + 1);
  const tail = singleRowSql.slice(tupleEnd + 1);
  const prepared = new Map();
  const statementFor = (rows) => {
    let statement = prepared.get(rows);
    if (!statement) {
      statement = database.prepare(`${head}${`, ${tuple}`.repeat(rows - 1)}${tail}`);
      prepared.set(rows, statement);
    }
    return statement;
  };
  return function run(params, rows) {
    let done = 0;
    while (done < rows) {
      const take = Math.min(ROWS_PER_CALL, rows - done);
      statementFor(take).run(done === 0 && take === rows ? params : params.slice(done * columns, (done + take) * columns));
      done += take;
    }
  };
}
