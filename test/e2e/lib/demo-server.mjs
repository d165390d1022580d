// `npm run demo` (server/sim/demo.ts) on the e2e backend port: the real
// server holding the seed scenario's X outage, `minutesIn` minutes into it.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { waitFor, withTimeout } from './wait.mjs';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export async function startDemoServer({ port, minutesIn, log = () => {} }) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/sim/demo.ts', '--minutes-in', String(minutesIn)], {
    cwd: ROOT, env: { ...process.env, PORT: String(port), HOST: '127.0.0.1' }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (c) => { output += c; });
  child.stderr.on('data', (c) => { output += c; });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  await waitFor('the demo server to listen', () => output.includes('Demo server listening'), { timeout: 150_000, interval: 250 });
  log(`demo server: ${minutesIn} minutes into the seed outage`);
  return {
    get output() { return output; },
    async stop() {
      child.kill('SIGINT');
      await withTimeout('the demo server to stop', exited, 15_000).catch(() => child.kill('SIGKILL'));
    },
  };
}
