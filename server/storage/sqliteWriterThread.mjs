// Worker thread that owns every SQLite write (batches, history counts,
// pruning) on its own connection, so commits run beside the event loop
// instead of on it. Plain JavaScript: see sqliteWriterCore.mjs.
import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
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

function handle(request) {
  try {
    let result = null;
    if (request.type === 'addCounts') writer.addCounts(request.rows);
    else if (request.type === 'prune') result = writer.prune(request.cutoffs);
    else if (request.type === 'close') {
      database.close();
      lock.close();
    }
    parentPort.postMessage({ id: request.id, result });
  } catch (error) {
    parentPort.postMessage({ id: request.id, error: error?.message ?? String(error) });
  }
}

/** Commits batches that arrived back to back in one transaction, and answers each of them. */
function commitAll(requests) {
  try {
    const groups = requests.map((r) => ({ reports: JSON.parse(r.reportsJson), receivedAt: r.receivedAt }));
    const results = writer.commitGroup(groups);
    requests.forEach((r, i) => parentPort.postMessage({ id: r.id, result: results[i] }));
  } catch (error) {
    for (const r of requests) parentPort.postMessage({ id: r.id, error: error?.message ?? String(error) });
  }
}

// Everything already waiting is taken at once (receiveMessageOnPort), in order: consecutive commits become
// one transaction, anything else runs between them.
parentPort.on('message', (first) => {
  let commits = [];
  for (let request = first; request; request = receiveMessageOnPort(parentPort)?.message) {
    if (request.type === 'commit') {
      commits.push(request);
      continue;
    }
    if (commits.length > 0) commitAll(commits);
    commits = [];
    handle(request);
  }
  if (commits.length > 0) commitAll(commits);
});
