// npm run bench:sqlite-writer — SQLite's writer (server/storage/sqlite/writer.ts)
// alone, without HTTP. A temp database with the server's pragmas (WAL,
// synchronous=NORMAL, no auto-checkpoint) and the latest migrations is
// prefilled with PREFILL reports spread over 2.5 days (as in production),
// then BATCHES batches of 50 NEW reports (fresh id and install id, one of 50
// services) are committed through the server's writer, in ROUNDS rounds; the
// median round is printed. WAL bytes are counted from the frames each
// checkpoint copies.
//   BENCH_PREFILL (300000), BENCH_BATCHES (400), BENCH_ROUNDS (5)
import { randomUUID, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import type { Kysely } from 'kysely';
import { Migrator } from 'kysely/migration';
import { migrationProvider } from '../server/storage/migrations.ts';
import { pruneCutoffs } from '../server/storage/prune.ts';
import type { Database } from '../server/storage/schema.ts';
import { openSqliteConnection } from '../server/storage/sqlite/connection.ts';
import { sqliteWriteSql } from '../server/storage/sqlite/statements.ts';
import { SqliteWriter } from '../server/storage/sqlite/writer.ts';
import type { IngestReport } from '../server/storage/types.ts';

const PREFILL = Number(process.env.BENCH_PREFILL ?? 300_000);
const BATCHES = Number(process.env.BENCH_BATCHES ?? 400);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const BATCH_SIZE = 50;
const CHECKPOINT_EVERY = 50;
const NOW = Date.UTC(2026, 10, 29, 12);
const DAY_MS = 86_400_000;
/** Reports are kept 7 days and windows 2: a span over 2 days gives both tables PREFILL-ish rows. */
const PREFILL_DAYS = 2.5;

/** A layout is the migration the schema is brought to (undefined: the latest, the only one the writer runs on). */
const LAYOUTS: Record<string, string | undefined> = { latest: undefined };

function newReport(minute: number): IngestReport {
  return {
    id: randomUUID(), service: `bench-svc-${1 + Math.floor(Math.random() * 50)}.com`, problem: 'feed', source: 'auto',
    signals: 5, minute, client: `bench${randomBytes(8).toString('hex')}`, country: 'US', network: 'bench-network',
  };
}

interface Subject {
  name: string;
  database: BetterSqlite3.Database;
  db: Kysely<Database>;
  writer: SqliteWriter;
  pageSize: number;
  walPath: string;
}

async function open(name: string, dir: string, migration: string | undefined): Promise<Subject> {
  const path = join(dir, `${name.split(' ')[0]}.db`);
  const { database, db } = openSqliteConnection(path);
  const migrator = new Migrator({ db, provider: migrationProvider('sqlite') });
  const { error } = migration ? await migrator.migrateTo(migration) : await migrator.migrateToLatest();
  if (error) throw error;
  const writer = new SqliteWriter(database, sqliteWriteSql(db), NOW);
  return { name, database, db, writer, pageSize: Number(database.pragma('page_size', { simple: true })), walPath: `${path}-wal` };
}

/** Frames in the WAL (from its size: a 32-byte header, then frames of a page and a 24-byte header). */
function walFrames(subject: Subject): number {
  const bytes = statSync(subject.walPath, { throwIfNoEntry: false })?.size ?? 0;
  return bytes === 0 ? 0 : (bytes - 32) / (subject.pageSize + 24);
}

/** Frames copied by a full checkpoint, and the µs it took (paid by the checkpoint thread in the server). */
function checkpoint(subject: Subject): { frames: number; us: number } {
  const frames = walFrames(subject);
  const start = process.hrtime.bigint();
  const [row] = subject.database.pragma('wal_checkpoint(TRUNCATE)') as { busy: number; log: number }[];
  if (!row || row.busy) throw new Error('checkpoint blocked');
  return { frames, us: Number(process.hrtime.bigint() - start) / 1000 };
}

function prefill(subject: Subject): void {
  for (let done = 0; done < PREFILL; done += 1000) {
    // Oldest first, as received: from PREFILL_DAYS ago up to now.
    const receivedAt = NOW - PREFILL_DAYS * DAY_MS + Math.floor((done / PREFILL) * PREFILL_DAYS * DAY_MS);
    const minute = Math.floor(receivedAt / 60_000);
    subject.writer.commit(Array.from({ length: 1000 }, () => newReport(minute)), receivedAt);
    if (done % 50_000 === 0) checkpoint(subject);
  }
  // Suppression windows keep 2 days: the table starts at its steady size.
  subject.writer.prune(pruneCutoffs(NOW));
  checkpoint(subject);
}

interface Round { writerUs: number; walBytes: number; checkpointUs: number }

function round(subject: Subject, minuteOffset: number): Round {
  let writerNs = 0n;
  let frames = 0;
  let checkpointUs = 0;
  for (let b = 0; b < BATCHES; b++) {
    const receivedAt = NOW + minuteOffset * 60_000 + b * 100;
    const batch = Array.from({ length: BATCH_SIZE }, () => newReport(Math.floor(receivedAt / 60_000)));
    const start = process.hrtime.bigint();
    const statuses = subject.writer.commit(batch, receivedAt);
    writerNs += process.hrtime.bigint() - start;
    if (statuses.some((s) => s !== 'counted')) throw new Error(`${subject.name}: a new report was not counted`);
    if ((b + 1) % CHECKPOINT_EVERY === 0 || b === BATCHES - 1) {
      const c = checkpoint(subject);
      frames += c.frames;
      checkpointUs += c.us;
    }
  }
  const reports = BATCHES * BATCH_SIZE;
  return { writerUs: Number(writerNs) / 1000 / reports, walBytes: (frames * (subject.pageSize + 24)) / reports, checkpointUs: checkpointUs / reports };
}

function pruneMs(subject: Subject): { ms: number; deleted: string } {
  // An hour after the bench's "now": deletes the oldest hour of suppression windows, and scans for reports
  // older than 7 days (none: their cost is finding that out).
  const start = process.hrtime.bigint();
  const result = subject.writer.prune(pruneCutoffs(NOW + 3_600_000));
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  return { ms, deleted: `${result.reports} reports, ${result.suppressions} claims` };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

const dir = mkdtempSync(join(tmpdir(), 'downwatch-writer-bench-'));
try {
  const subjects: Subject[] = [];
  for (const [name, migration] of Object.entries(LAYOUTS)) {
    const subject = await open(name, dir, migration);
    const start = Date.now();
    prefill(subject);
    console.log(`${name}: prefilled ${PREFILL} reports in ${((Date.now() - start) / 1000).toFixed(1)} s`);
    subjects.push(subject);
  }
  const rounds = new Map<string, Round[]>(subjects.map((s) => [s.name, []]));
  for (let r = 0; r < ROUNDS; r++) {
    for (const subject of r % 2 === 0 ? subjects : [...subjects].reverse()) rounds.get(subject.name)!.push(round(subject, r));
  }
  console.log(`\n${BATCHES} batches of ${BATCH_SIZE} new reports per round, ${ROUNDS} rounds (median), after ${PREFILL} prefilled\n`);
  console.log('| layout | writer µs/report | WAL bytes/report | checkpoint µs/report | prune 1 h (ms) | pruned |');
  console.log('|---|---|---|---|---|---|');
  for (const subject of subjects) {
    const list = rounds.get(subject.name)!;
    const prune = pruneMs(subject);
    console.log(`| ${subject.name} | ${median(list.map((x) => x.writerUs)).toFixed(1)} | ${median(list.map((x) => x.walBytes)).toFixed(0)} | ` +
      `${median(list.map((x) => x.checkpointUs)).toFixed(1)} | ${prune.ms.toFixed(0)} | ${prune.deleted} |`);
  }
  for (const subject of subjects) await subject.db.destroy();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
