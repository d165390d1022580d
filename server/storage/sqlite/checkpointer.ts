// WAL checkpoints copy committed pages into the database file and fsync it.
// Run by SQLite's auto-checkpoint they land inside whichever commit crosses
// the threshold (measured: about half of the commit time, and the p99
// spikes). Here a worker thread with its own connection checkpoints on a
// timer, so commits only ever append to the WAL.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

// Plain JavaScript, evaluated in the worker: no TypeScript loader needed there.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.modulePath);
const db = new Database(workerData.path);
db.pragma('busy_timeout = 5000');
const checkpoint = (mode) => { try { db.pragma('wal_checkpoint(' + mode + ')'); } catch (error) { parentPort.postMessage({ error: String(error) }); } };
// RESTART, not PASSIVE: under a steady stream of commits a passive checkpoint never catches up with the
// last frame, so the WAL is never reused and grew without bound (hundreds of MB in a minute, measured).
// RESTART briefly holds the writer (the next commit waits) and lets that commit start the WAL over.
// PASSIVE first, without blocking the writer, copies nearly everything; the RESTART that follows then holds
// the writer only for what was committed meanwhile (measured: commits stalled 25-100 ms at each RESTART
// under load when it had to copy 500 ms of frames itself).
const timer = setInterval(() => {
  checkpoint('PASSIVE');
  checkpoint('RESTART');
}, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message !== 'close') return;
  clearInterval(timer);
  checkpoint('TRUNCATE');
  db.close();
  parentPort.postMessage('closed');
});
`;

export interface Checkpointer {
  /** Runs a last full checkpoint and stops the worker. Call after the main connection is closed. */
  close(): Promise<void>;
}

/**
 * `onError` hears every failed checkpoint, and the worker's own failure (it could not open the file, or
 * died): the storage logs them. A failed checkpoint is tried again on the next tick; a dead worker is not
 * restarted, and the WAL then grows until the server restarts, so its error says so.
 */
export function startCheckpointer(path: string, onError: (message: string) => void, intervalMs = 500): Checkpointer {
  const modulePath = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { path, modulePath, intervalMs } });
  worker.unref();
  let closing = false;
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  const closed = new Promise<void>((resolve) => {
    worker.on('message', (message: unknown) => {
      if (message === 'closed') resolve();
      else if (typeof message === 'object' && message && 'error' in message) onError(String((message as { error: string }).error));
    });
  });
  worker.on('error', (error) => {
    if (!closing) onError(`checkpoint worker stopped, the WAL will grow until the server restarts: ${error.message}`);
  });
  return {
    close: async () => {
      closing = true;
      worker.postMessage('close');
      await Promise.race([closed, exited]);
      await worker.terminate();
    },
  };
}
