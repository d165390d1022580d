// Opens the database named by DATABASE_URL and brings its schema up to date.
import { systemClock, type Clock } from '../clock.ts';
import { openPostgresStorage } from './postgres/postgresStorage.ts';
import { openSqliteStorage } from './sqlite/sqliteStorage.ts';
import type { Storage, StorageErrorLog } from './types.ts';

export interface OpenStorageOptions {
  /** PostgreSQL pool size (8 measured best on 2 cores; TOOLCHAIN.md). */
  pgPoolSize?: number;
  /** Hears failures of background work (SQLite checkpoints); the app logs them. Default: stderr. */
  onError?: StorageErrorLog;
}

const toStderr: StorageErrorLog = (message, error) => process.stderr.write(`${message}: ${(error as Error)?.message ?? String(error)}\n`);

export async function openStorage(databaseUrl: string, clock: Clock = systemClock, options: OpenStorageOptions = {}): Promise<Storage> {
  if (databaseUrl.startsWith('sqlite:')) return openSqliteStorage(databaseUrl.slice('sqlite:'.length), clock, options.onError ?? toStderr);
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) return openPostgresStorage(databaseUrl, clock, options.pgPoolSize ?? 8);
  throw new Error(`DATABASE_URL must be sqlite:PATH or postgres://…, got "${databaseUrl}"`);
}
