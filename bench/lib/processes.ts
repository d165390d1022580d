// Starts a TypeScript entry as its own Node process, its output going to a
// file as a deployment's would (a pipe read by this process would bill the
// benchmark's own CPU to the run), and waits for its "listening" line.
// stop() sends SIGTERM and waits for the exit.
import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface Running {
  pid: number;
  stop(): Promise<void>;
  output(): string;
}

export async function startProcess(
  entry: string, env: Record<string, string>, ready: string, logFile: string, nodeArgs: string[] = [],
): Promise<Running> {
  const fd = openSync(logFile, 'a');
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', entry], {
    cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', fd, fd],
  });
  closeSync(fd);
  const output = () => readFileSync(logFile, 'utf8');
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once('exit', () => {
    exited = true;
    resolve();
  }));
  const deadline = Date.now() + 30_000;
  while (!output().includes(ready)) {
    if (exited) throw new Error(`${entry} exited:\n${output()}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${entry} did not start:\n${output()}`);
    }
    await sleep(50);
  }
  return {
    pid: child.pid!,
    output,
    stop: async () => {
      if (!exited) child.kill('SIGTERM');
      await exit;
    },
  };
}
