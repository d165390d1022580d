// The arguments of `npm run simulate`, as a pure parser (server/sim/cliArgs.ts):
// every refusal names what is wrong before anything runs.
import { describe, expect, it } from 'vitest';
import { parseSimulateArgs, USAGE } from '../../server/sim/cliArgs.ts';
import { SCENARIO_NAMES } from '../../server/sim/scenarios/index.ts';

describe('parseSimulateArgs', () => {
  it.each([
    [['--scenario', 'nope'], 'Unknown scenario "nope".'],
    [[], '--scenario is required.'],
    [['--scenario', 'seed', '--speed', '0'], '--speed must be a number above 0 and at most 1000, got "0".'],
    [['--scenario', 'seed', '--speed', 'fast'], '--speed must be a number above 0 and at most 1000, got "fast".'],
    [['--scenario', 'seed', '--speed', '1001', '--url', 'http://127.0.0.1:1'], '--speed must be a number above 0 and at most 1000, got "1001".'],
    [['--scenario', 'seed', '--speed=-3'], '--speed must be a number above 0 and at most 1000, got "-3".'],
    [['--scenario', 'seed', '--hours', '1.5'], '--hours must be a whole number above 0, got "1.5".'],
    [['--scenario', 'seed', '--hours', '0'], '--hours must be a whole number above 0, got "0".'],
    [['--scenario', 'seed', '--url', 'ftp://example.com'], '--url must be an http(s) URL, got "ftp://example.com".'],
    [['--scenario', 'seed', '--url', 'not a url'], '--url must be an http(s) URL, got "not a url".'],
  ])('%j is refused: %s', (argv, message) => {
    expect(parseSimulateArgs(argv)).toEqual({ kind: 'error', message });
  });

  it('refuses an unknown option with the parser’s own sentence', () => {
    const parsed = parseSimulateArgs(['--scenario', 'seed', '--bogus']);
    expect(parsed.kind).toBe('error');
    if (parsed.kind === 'error') expect(parsed.message).toMatch(/^Unknown option '--bogus'/);
  });

  it('asks for the usage with --help or -h, whatever else is given', () => {
    expect(parseSimulateArgs(['--help'])).toEqual({ kind: 'help' });
    expect(parseSimulateArgs(['-h', '--scenario', 'nope'])).toEqual({ kind: 'help' });
  });

  it('accepts a run, with speed 1 by default and only the options given', () => {
    expect(parseSimulateArgs(['--scenario', 'seed'])).toEqual({ kind: 'run', run: { scenario: 'seed', speed: 1 } });
    expect(parseSimulateArgs(['--scenario', 'meta-2021-10', '--url', 'http://127.0.0.1:8787', '--speed', '1000'])).toEqual({
      kind: 'run', run: { scenario: 'meta-2021-10', speed: 1000, url: 'http://127.0.0.1:8787' },
    });
    expect(parseSimulateArgs(['--scenario', 'seed', '--hours', '2', '--database', 'sqlite:./scratch/x.db', '--speed', '0.5'])).toEqual({
      kind: 'run', run: { scenario: 'seed', speed: 0.5, hours: 2, database: 'sqlite:./scratch/x.db' },
    });
  });

  it('names every scenario in the usage', () => {
    expect(USAGE).toContain(`one of: ${SCENARIO_NAMES.join(', ')}`);
  });
});
