// Worker thread that owns every SQLite write (batches, history counts,
// pruning) on its own connection, so commits run beside the event loop
// instead of on it. Plain JavaScript: see sqliteWriterCore.mjs.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { createSqliteWriter } from './sqliteWriterCore.mjs';

/**
 * Dedupe and suppression live in this thread's memory, so only one writer may use the file: it holds an
 * exclusive lock on a side file for its whole life (released by the OS if the process dies).
 */
function lockWriter(path) {
  const lock = new Database(`${path}-writer.lock`);
  lock.pragma('locking_mode = EXCLUSIVE');
  try {
    lock.exec('BEGIN EXCLUSIVE');
  } catch (error) {
    lock.close();
    if (error?.code === 'SQLITE_BUSY') {
      throw new Error(`another Downwatch server is already writing to ${path} (one server per SQLite file; use PostgreSQL to run several)`);
    }
    throw error;
  }
  return lock;
}

let lock;
let database;
let writer;
try {
  lock = lockWriter(workerData.path);
  database = new Database(workerData.path);
  for (const pragma of workerData.pragmas) database.pragma(pragma);
  writer = createSqliteWriter(database, workerData.sql, workerData.nowMs);
  parentPort.postMessage({ ready: true });
} catch (error) {
  database?.close();
  lock?.close();
  parentPort.postMessage({ ready: false, error: error?.message ?? String(error) });
}

parentPort.on('message', (request) => {
  try {
    let result = null;
    if (request.type === 'commit') result = writer.commit(JSON.parse(request.reportsJson), request.receivedAt);
    else if (request.type === 'addCounts') writer.addCounts(request.rows);
    else if (request.type === 'prune') result = writer.prune(request.cutoffs);
    else if (request.type === 'close') {
      database.close();
      lock.close();
    }
    parentPort.postMessage({ id: request.id, result });
  } catch (error) {
    parentPort.postMessage({ id: request.id, error: error?.message ?? String(error) });
  }
});
