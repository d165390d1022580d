// The arguments of `npm run simulate` (server/sim/cli.ts), parsed without
// side effects: the command line either asks for the usage, names a valid
// run, or is refused with the sentence the user sees above the usage.
import { parseArgs } from 'node:util';
import { SCENARIO_NAMES } from './scenarios/index.ts';

export const USAGE = `Usage: npm run simulate -- --scenario NAME [--speed X] [--url URL] [--database URL] [--hours N]

  --scenario NAME   one of: ${SCENARIO_NAMES.join(', ')}
  --url URL         send over HTTP to a running server (e.g. http://127.0.0.1:8787), paced in real time;
                    without it, the scenario runs through the server's ingest code with a simulated clock
  --speed X         scenario minutes per real minute with --url (default 1)
  --database URL    with the simulated clock: where to write (default: a temporary SQLite file, removed after)
  --hours N         with the simulated clock: replay only N hours of the evaluated stretch, from the first incident
                    minus 1 hour (default: the whole stretch)
`;

export interface SimulateRun {
  scenario: string;
  /** Scenario minutes per real minute (with `url`). */
  speed: number;
  url?: string;
  database?: string;
  hours?: number;
}

export type SimulateArgs = { kind: 'help' } | { kind: 'run'; run: SimulateRun } | { kind: 'error'; message: string };

export function parseSimulateArgs(argv: readonly string[]): SimulateArgs {
  let values;
  try {
    values = parseArgs({
      args: [...argv],
      options: {
        scenario: { type: 'string' }, speed: { type: 'string' }, url: { type: 'string' },
        database: { type: 'string' }, hours: { type: 'string' }, help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (error) {
    return { kind: 'error', message: (error as Error).message };
  }
  if (values.help) return { kind: 'help' };
  const error = (message: string): SimulateArgs => ({ kind: 'error', message });
  if (!values.scenario) return error('--scenario is required.');
  if (!SCENARIO_NAMES.includes(values.scenario)) return error(`Unknown scenario "${values.scenario}".`);
  const speed = values.speed === undefined ? 1 : Number(values.speed);
  if (!(speed > 0 && speed <= 1000)) return error(`--speed must be a number above 0 and at most 1000, got "${values.speed}".`);
  const hours = values.hours === undefined ? undefined : Number(values.hours);
  if (hours !== undefined && !(Number.isInteger(hours) && hours > 0)) return error(`--hours must be a whole number above 0, got "${values.hours}".`);
  if (values.url !== undefined && !isHttpUrl(values.url)) return error(`--url must be an http(s) URL, got "${values.url}".`);
  return {
    kind: 'run',
    run: {
      scenario: values.scenario,
      speed,
      ...(values.url !== undefined ? { url: values.url } : {}),
      ...(values.database !== undefined ? { database: values.database } : {}),
      ...(hours !== undefined ? { hours } : {}),
    },
  };
}

function isHttpUrl(value: string): boolean {
  try {
    const { protocol } = new URL(value);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}
