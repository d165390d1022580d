// The SQLite write side behind one interface: in a worker thread for a file
// database (commits off the event loop), in-process for ':memory:' (which a
// second connection could not see).
import { Worker } from 'node:worker_threads';
import type { Kysely } from 'kysely';
import type BetterSqlite3 from 'better-sqlite3';
import type { Database } from './schema.ts';
import { sqlitePragmas } from './sqliteConnection.ts';
import { sqliteWriteSql } from './sqliteStatements.ts';
import { createSqliteWriter, type PruneCutoffs } from './sqliteWriterCore.mjs';
import { pruneCutoffs } from './prune.ts';
import type { CommitStatus, CounterRow, IngestReport, PruneResult } from './types.ts';

export interface SqliteWriter {
  commit(reports: readonly IngestReport[], receivedAt: number): Promise<CommitStatus[]>;
  addCounts(rows: readonly CounterRow[]): Promise<void>;
  prune(nowMs: number): Promise<PruneResult>;
  close(): Promise<void>;
}

export type WriterRequest =
  | { id: number; type: 'commit'; reportsJson: string; receivedAt: number }
  | { id: number; type: 'addCounts'; rows: readonly CounterRow[] }
  | { id: number; type: 'prune'; cutoffs: PruneCutoffs }
  | { id: number; type: 'close' };

type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

export function inProcessWriter(database: BetterSqlite3.Database, db: Kysely<Database>, nowMs: number): SqliteWriter {
  const writer = createSqliteWriter(database, sqliteWriteSql(db), nowMs);
  return {
    commit: async (reports, receivedAt) => writer.commit(reports, receivedAt),
    addCounts: async (rows) => writer.addCounts(rows),
    prune: async (nowMs) => writer.prune(pruneCutoffs(nowMs)),
    close: async () => {},
  };
}

/** Starts the writer thread; resolves once it holds the writer lock and has rebuilt its recent keys. */
export async function threadWriter(path: string, db: Kysely<Database>, nowMs: number): Promise<SqliteWriter> {
  const worker = new Worker(new URL('./sqliteWriterThread.mjs', import.meta.url), {
    workerData: { path, pragmas: sqlitePragmas(path), sql: sqliteWriteSql(db), nowMs },
  });
  const started = await new Promise<{ ready: boolean; error?: string }>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  if (!started.ready) {
    await worker.terminate();
    throw new Error(`SQLite writer: ${started.error}`);
  }
  let nextId = 1;
  const waiting = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  worker.on('message', (message: { id: number; result?: unknown; error?: string }) => {
    const entry = waiting.get(message.id);
    waiting.delete(message.id);
    if (message.error !== undefined) entry?.reject(new Error(`SQLite writer: ${message.error}`));
    else entry?.resolve(message.result);
  });
  // Once the thread is gone every call fails at once (a 503 to the client, who retries) instead of hanging.
  let gone: Error | null = null;
  const failAll = (error: Error) => {
    gone ??= error;
    for (const entry of waiting.values()) entry.reject(error);
    waiting.clear();
  };
  worker.on('error', failAll);
  worker.on('exit', (code) => failAll(new Error(`SQLite writer thread exited (${code})`)));
  const call = <T>(request: WithoutId<WriterRequest>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      if (gone) return reject(gone);
      const id = nextId++;
      waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
      worker.postMessage({ ...request, id });
    });
  return {
    // One JSON string crosses the thread boundary instead of an array of objects to clone.
    commit: (reports, receivedAt) => call<CommitStatus[]>({ type: 'commit', reportsJson: JSON.stringify(reports), receivedAt }),
    addCounts: (rows) => call<void>({ type: 'addCounts', rows }),
    prune: (nowMs) => call<PruneResult>({ type: 'prune', cutoffs: pruneCutoffs(nowMs) }),
    close: async () => {
      await call<void>({ type: 'close' });
      await worker.terminate();
    },
  };
}
