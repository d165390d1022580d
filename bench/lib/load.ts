// Runs one load case with wrk (-t1, C connections, D seconds, loopback only)
// and reads requests/s, p99 latency and errors from its output.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface LoadResult {
  requestsPerSecond: number;
  p99Ms: number;
  requests: number;
  errors: number;
}

const SCRIPT = fileURLToPath(new URL('./newReport.lua', import.meta.url));

function toMs(value: string): number {
  const match = /^([\d.]+)(us|ms|s)$/.exec(value);
  if (!match) throw new Error(`cannot read wrk latency "${value}"`);
  const n = Number(match[1]);
  return match[2] === 'us' ? n / 1000 : match[2] === 's' ? n * 1000 : n;
}

export interface LoadOptions {
  /** POST a new report per request (newReport.lua), else GET the URL. */
  post: boolean;
  seconds: number;
  connections: number;
  /** Extra request headers for GETs ("Name: value"). */
  headers?: string[];
}

export function runWrk(url: string, options: LoadOptions): Promise<LoadResult> {
  if (!url.startsWith('http://127.0.0.1:')) throw new Error('benchmarks load 127.0.0.1 only');
  const args = ['-t1', `-c${options.connections}`, `-d${options.seconds}s`, '--latency', '--timeout', '5s'];
  for (const header of options.headers ?? []) args.push('-H', header);
  if (options.post) args.push('-s', SCRIPT);
  args.push(url);
  return new Promise((resolve, reject) => {
    execFile('wrk', args, { timeout: (options.seconds + 30) * 1000 }, (error, stdout) => {
      if (error) return reject(new Error(`wrk failed: ${error.message}\n${stdout}`));
      const rps = /Requests\/sec:\s+([\d.]+)/.exec(stdout);
      const p99 = /^\s+99%\s+(\S+)/m.exec(stdout);
      const total = /(\d+) requests in/.exec(stdout);
      if (!rps || !p99 || !total) return reject(new Error(`cannot read wrk output:\n${stdout}`));
      const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(stdout)?.[1] ?? 0);
      const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(stdout);
      const socketErrors = socket ? socket.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0;
      resolve({ requestsPerSecond: Number(rps[1]), p99Ms: toMs(p99[1]!), requests: Number(total[1]), errors: non2xx + socketErrors });
    });
  });
}
