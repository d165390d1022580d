// Worker thread that owns every SQLite write (batches, history counts,
// pruning) on its own connection, so commits run beside the event loop
// instead of on it. Plain JavaScript: see sqliteWriterCore.mjs.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { createSqliteWriter } from './sqliteWriterCore.mjs';

const database = new Database(workerData.path);
for (const pragma of workerData.pragmas) database.pragma(pragma);
const writer = createSqliteWriter(database, workerData.sql);

parentPort.on('message', (request) => {
  try {
    let result = null;
    if (request.type === 'commit') result = writer.commit(JSON.parse(request.reportsJson), request.receivedAt);
    else if (request.type === 'addCounts') writer.addCounts(request.rows);
    else if (request.type === 'prune') result = writer.prune(request.cutoffs);
    else if (request.type === 'close') database.close();
    parentPort.postMessage({ id: request.id, result });
  } catch (error) {
    parentPort.postMessage({ id: request.id, error: error?.message ?? String(error) });
  }
});
