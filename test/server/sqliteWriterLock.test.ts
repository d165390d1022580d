// One writer per SQLite file: dedupe and suppression live in the writer's
// memory, so a second server on the same file must refuse to start, clearly,
// instead of counting what the first one already counted.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openStorage } from '../../server/storage/open.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

describe('SQLite writer lock', () => {
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'downwatch-lock-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a second writer on the same file while the first is open, and allows it after', async () => {
    const url = `sqlite:${join(dir, 'one.db')}`;
    const first = await openStorage(url);
    await expect(openStorage(url)).rejects.toThrow(/another Downwatch server is already writing to .*one\.db/);
    // The first one is unharmed by the refused attempt.
    expect(await first.commitReports([{
      id: '00000000-0000-4000-a000-000000000001', service: 'x', problem: 'feed', source: 'auto', signals: 1,
      minute: 29_000_000, client: 'client-aaaaaaaaaaaa', country: '', network: 'net-a',
    }], 29_000_000 * 60_000)).toEqual(['counted']);
    await first.close();

    const second = await openStorage(url);
    await second.close();
  });
});

describe('a second server process on the same SQLite file', () => {
  it('exits with code 1 and one line saying why, while the first keeps serving', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'downwatch-lock-'));
    const url = `sqlite:${join(dir, 'shared.db')}`;
    const first = await openStorage(url);
    try {
      const result = spawnSync(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
        cwd: ROOT, env: { ...process.env, PORT: '18079', DATABASE_URL: url, LOG_LEVEL: 'warn' }, encoding: 'utf8', timeout: 20_000,
      });
      expect(result.status).toBe(1);
      expect(result.stderr.trim()).toBe(`Downwatch server cannot start: another Downwatch server is already writing to ${join(dir, 'shared.db')} (one server per SQLite file; use PostgreSQL to run several)`);
      await first.ping();
    } finally {
      await first.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
