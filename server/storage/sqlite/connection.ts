// One SQLite connection with the pragmas every connection needs
// (synchronous and cache size are per connection).
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Database } from '../schema.ts';

export function sqlitePragmas(path: string): string[] {
  return [
    // WAL + NORMAL: a committed transaction survives the process being killed.
    'journal_mode = WAL',
    'synchronous = NORMAL',
    'busy_timeout = 5000',
    'cache_size = -65536',
    // Checkpoints run in their own worker thread (checkpointer.ts), not inside commits.
    ...(path === ':memory:' ? [] : ['wal_autocheckpoint = 0']),
  ];
}

export function openSqliteConnection(path: string): { database: BetterSqlite3.Database; db: Kysely<Database> } {
  const database = new BetterSqlite3(path);
  for (const pragma of sqlitePragmas(path)) database.pragma(pragma);
  return { database, db: new Kysely<Database>({ dialect: new SqliteDialect({ database }) }) };
}
