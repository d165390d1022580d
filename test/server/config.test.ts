// Configuration is validated at start and documented by --help.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CONFIG_HELP, CONFIG_VARIABLES, loadConfig } from '../../server/config.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const runMain = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'server/main.ts', ...args], { cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 20_000 });

it('uses the documented defaults', () => {
  expect(loadConfig({})).toMatchObject({
    port: 8787, host: '127.0.0.1', databaseUrl: 'sqlite:./data/downwatch.db', rateLimitIp: 300, trustProxy: [], logLevel: 'info',
  });
});

it('parses TRUST_PROXY as false or a list of proxy addresses and CIDRs', () => {
  expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toEqual([]);
  expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1,2001:db8::/32' }).trustProxy).toEqual(['10.0.0.0/8', '127.0.0.1', '2001:db8::/32']);
});

it.each([
  ['true', /would believe every X-Forwarded-For, so any client could choose its own address/],
  ['TRUE', /would believe every X-Forwarded-For/],
  ['1', /a hop count cannot tell a proxy from a client that writes X-Forwarded-For itself/],
  ['2', /a hop count cannot tell a proxy/],
  ['10.0.0.0/33', /"10.0.0.0\/33" has no valid prefix length \(1 to 32\)/],
  ['10.0.0.0/0', /no valid prefix length/],
  ['127.0.0.1, proxy.internal', /"proxy.internal" is not an IP address/],
  ['2001:db8::/129', /no valid prefix length \(1 to 128\)/],
])('refuses TRUST_PROXY=%s, saying why', (value, reason) => {
  expect(() => loadConfig({ TRUST_PROXY: value })).toThrow(reason);
});

it('refuses to start with TRUST_PROXY=true or a hop count, with the reason, exit code 2', () => {
  for (const value of ['true', '1']) {
    const result = runMain([], { TRUST_PROXY: value });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/TRUST_PROXY.*(believe every X-Forwarded-For|hop count)/);
  }
});

it('rejects bad values naming every bad variable', () => {
  expect(() => loadConfig({ PORT: 'eighty', RATE_LIMIT_IP: '-1', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud', TRUST_PROXY: 'maybe?' }))
    .toThrow(/PORT must be a whole number[\s\S]*DATABASE_URL must be sqlite:PATH[\s\S]*RATE_LIMIT_IP must be a whole number[\s\S]*TRUST_PROXY[\s\S]*LOG_LEVEL must be one of/);
  expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT must be between 0 and 65535/);
});

it('lists every variable in --help and exits 0', () => {
  const result = runMain(['--help']);
  expect(result.status).toBe(0);
  expect(result.stdout).toBe(CONFIG_HELP);
  for (const name of ['PORT', 'HOST', 'DATABASE_URL', 'RATE_LIMIT_IP', 'RATE_LIMIT_CLIENT', 'TRUST_PROXY', 'LOG_LEVEL', 'STATS_REFRESH_MS', 'PRUNE_INTERVAL_MS', 'PG_POOL_SIZE']) {
    expect(result.stdout).toMatch(new RegExp(`^  ${name} `, 'm'));
  }
});

it('refuses to start on a bad variable, with the reason, exit code 2', () => {
  const result = runMain([], { PORT: 'abc' });
  expect(result.status).toBe(2);
  expect(result.stderr).toContain('PORT must be a whole number, got "abc"');
});

it('documents every variable with its default in docs/self-hosting.md, and no variable the server lacks', () => {
  const doc = readFileSync(new URL('../../docs/self-hosting.md', import.meta.url), 'utf8');
  const rows = [...doc.matchAll(/^\| `([A-Z_]+)` \| `([^`]*)` \|/gm)].map(([, name, fallback]) => ({ name, fallback }));
  expect(rows).toEqual(CONFIG_VARIABLES.map(({ name, fallback }) => ({ name, fallback })));
});
