// Starts a TypeScript entry as its own Node process and waits for its
// "listening" line; stop() sends SIGTERM and waits for the exit.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface Running {
  stop(): Promise<void>;
  output(): string;
}

export async function startProcess(entry: string, env: Record<string, string>, ready: string): Promise<Running> {
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (c) => (output += c));
  child.stderr.on('data', (c) => (output += c));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${entry} did not start:\n${output}`)), 30_000);
    child.stdout.on('data', () => {
      if (output.includes(ready)) {
        clearTimeout(timer);
        resolve();
      }
    });
    void exited.then(() => reject(new Error(`${entry} exited:\n${output}`)));
  });
  return {
    output: () => output,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
