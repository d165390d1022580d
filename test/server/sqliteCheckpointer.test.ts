// WAL checkpoints run in their own thread (server/storage/sqlite/checkpointer.ts);
// when they cannot run, the storage hears why (and the app logs it) instead
// of the WAL growing in silence.
import { mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCheckpointer } from '../../server/storage/sqlite/checkpointer.ts';
import { openStorage } from '../../server/storage/open.ts';

it('reports a checkpointer that cannot open its database', async () => {
  const errors: string[] = [];
  const heard = new Promise<void>((resolve) => {
    const checkpointer = startCheckpointer(join(tmpdir(), 'no-such-directory-here', 'x.db'), (message) => {
      errors.push(message);
      resolve();
      void checkpointer.close();
    });
  });
  await heard;
  expect(errors[0]).toMatch(/checkpoint worker stopped, the WAL will grow until the server restarts: .*directory does not exist/);
});

it('hands what the checkpointer reports to the storage\'s error log', async () => {
  const parent = mkdtempSync(join(tmpdir(), 'downwatch-checkpoint-'));
  const dir = join(parent, 'data');
  let told!: (heard: [string, unknown]) => void;
  const heard = new Promise<[string, unknown]>((resolve) => (told = resolve));
  const storage = await openStorage(`sqlite:${join(dir, 'test.db')}`, undefined, { onError: (message, error) => told([message, error]) });
  // The checkpoint thread opens the file by its path once it has started (it has not yet, the thread takes
  // tens of milliseconds to boot): moved away, the path leads nowhere.
  renameSync(dir, join(parent, 'moved'));
  try {
    const [message, error] = await heard;
    expect(message).toBe('SQLite WAL checkpoint failed');
    expect(String(error)).toMatch(/checkpoint worker stopped.*directory does not exist/);
  } finally {
    await storage.close();
    rmSync(parent, { recursive: true, force: true });
  }
});
