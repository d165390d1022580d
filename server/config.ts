// Configuration from the environment, validated at start (docs/architecture.md). Every
// variable is declared once here, which also produces the `--help` text.
import { parseSubnet } from './net/ipAddress.ts';

export interface Config {
  port: number;
  host: string;
  databaseUrl: string;
  /** Reports accepted per client IP per minute; 0 turns the limit off. */
  rateLimitIp: number;
  /** Reports accepted per install (client id) per minute; 0 turns the limit off. */
  rateLimitClient: number;
  /** The proxies (addresses/CIDRs) whose X-Forwarded-For names the client; empty: none. */
  trustProxy: string[];
  logLevel: string;
  /** How often the in-memory status snapshot is rebuilt from the database. */
  statsRefreshMs: number;
  /** How often raw reports (7 days) and counters (90 days) are pruned. */
  pruneIntervalMs: number;
  /** PostgreSQL connection pool size. */
  pgPoolSize: number;
  /** Serve the public status site (docs/site.md); false for an API-only deployment. */
  publicSite: boolean;
  /** The signed rule pack `GET /v1/rules` serves (written by `npm run rules:sign`); null: the bundled pack, unsigned. */
  rulesPackFile: string | null;
}

interface Variable {
  name: string;
  fallback: string;
  meaning: string;
  parse(raw: string, name: string): unknown;
  key: keyof Config;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function integer(min: number, max: number) {
  return (raw: string, name: string): number => {
    if (!/^\d+$/.test(raw)) throw new Error(`${name} must be a whole number, got "${raw}"`);
    const value = Number(raw);
    if (value < min || value > max) throw new Error(`${name} must be between ${min} and ${max}, got ${value}`);
    return value;
  };
}

/**
 * The proxies whose X-Forwarded-For is believed (docs/privacy-and-trust.md): `false`, or their addresses/CIDRs. Never
 * "everything" (any client could then name its own address) and never a hop count (it cannot tell a proxy
 * from a client that writes the header itself; Fastify 5 silently trusts nothing for one).
 */
function parseTrustProxy(raw: string, name: string): string[] {
  const lower = raw.toLowerCase();
  if (lower === 'false') return [];
  if (lower === 'true') {
    throw new Error(`${name}=true would believe every X-Forwarded-For, so any client could choose its own address; ` +
      'list the proxies\' addresses or CIDRs instead, e.g. 127.0.0.1 or 10.0.0.0/8');
  }
  if (/^\d+$/.test(raw)) {
    throw new Error(`${name}=${raw}: a hop count cannot tell a proxy from a client that writes X-Forwarded-For itself; ` +
      'list the proxies\' addresses or CIDRs instead, e.g. 127.0.0.1 or 10.0.0.0/8');
  }
  const list = raw.split(',').map((s) => s.trim()).filter(Boolean);
  if (list.length === 0) throw new Error(`${name} must be false or a comma-separated list of proxy addresses/CIDRs, got "${raw}"`);
  for (const entry of list) {
    try {
      parseSubnet(entry);
    } catch (error) {
      throw new Error(`${name} must be false or a comma-separated list of proxy addresses/CIDRs: ${(error as Error).message}`);
    }
  }
  return list;
}

function parseDatabaseUrl(raw: string, name: string): string {
  if (/^sqlite:.+/.test(raw) || /^postgres(ql)?:\/\/.+/.test(raw)) return raw;
  throw new Error(`${name} must be sqlite:PATH or postgres://…, got "${raw}"`);
}

function boolean(raw: string, name: string): boolean {
  const lower = raw.toLowerCase();
  if (lower === 'true' || lower === '1') return true;
  if (lower === 'false' || lower === '0') return false;
  throw new Error(`${name} must be true or false, got "${raw}"`);
}

const VARIABLES: Variable[] = [
  { name: 'PORT', key: 'port', fallback: '8787', meaning: 'listen port', parse: integer(0, 65535) },
  {
    name: 'HOST', key: 'host', fallback: '127.0.0.1', meaning: 'listen address',
    parse: (raw, name) => {
      if (!/^[A-Za-z0-9.:_-]+$/.test(raw)) throw new Error(`${name} must be a host name or IP address, got "${raw}"`);
      return raw;
    },
  },
  {
    name: 'DATABASE_URL', key: 'databaseUrl', fallback: 'sqlite:./data/downwatch.db',
    meaning: 'sqlite:PATH (embedded) or postgres://user@host:port/db (optional ?schema=NAME)', parse: parseDatabaseUrl,
  },
  {
    name: 'RATE_LIMIT_IP', key: 'rateLimitIp', fallback: '300',
    meaning: 'reports accepted per client IP per minute; 0 turns the limit off', parse: integer(0, 10_000_000),
  },
  {
    name: 'RATE_LIMIT_CLIENT', key: 'rateLimitClient', fallback: '120',
    meaning: 'reports accepted per install (client id) per minute; 0 turns the limit off', parse: integer(0, 10_000_000),
  },
  {
    name: 'TRUST_PROXY', key: 'trustProxy', fallback: 'false',
    meaning: 'the proxies (comma-separated addresses/CIDRs, e.g. 10.0.0.0/8) whose X-Forwarded-For names the client; false: none',
    parse: parseTrustProxy,
  },
  {
    name: 'LOG_LEVEL', key: 'logLevel', fallback: 'info', meaning: `pino level (${LOG_LEVELS.join(', ')})`,
    parse: (raw, name) => {
      if (!LOG_LEVELS.includes(raw)) throw new Error(`${name} must be one of ${LOG_LEVELS.join(', ')}, got "${raw}"`);
      return raw;
    },
  },
  {
    name: 'STATS_REFRESH_MS', key: 'statsRefreshMs', fallback: '2000',
    meaning: 'how often status and counts are rebuilt from the database (ms)', parse: integer(10, 600_000),
  },
  {
    name: 'PRUNE_INTERVAL_MS', key: 'pruneIntervalMs', fallback: '3600000',
    meaning: 'how often reports older than 7 days and counters older than 90 days are deleted (ms)',
    parse: integer(1000, 86_400_000),
  },
  {
    name: 'PG_POOL_SIZE', key: 'pgPoolSize', fallback: '8', meaning: 'PostgreSQL connection pool size',
    parse: integer(1, 100),
  },
  {
    name: 'PUBLIC_SITE', key: 'publicSite', fallback: 'true',
    meaning: 'serve the public status site (/, /s/{id}, feeds, badges); false for an API-only deployment', parse: boolean,
  },
  {
    name: 'RULES_PACK_FILE', key: 'rulesPackFile', fallback: 'none',
    meaning: 'the signed rule pack GET /v1/rules serves (npm run rules:sign writes it); none: the bundled pack, unsigned',
    parse: (raw) => (raw === 'none' ? null : raw),
  },
];

/** Reads and validates the configuration; throws one error naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const config: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const variable of VARIABLES) {
    const raw = env[variable.name];
    const value = raw === undefined || raw === '' ? variable.fallback : raw.trim();
    try {
      config[variable.key] = variable.parse(value, variable.name);
    } catch (error) {
      problems.push((error as Error).message);
    }
  }
  if (problems.length > 0) throw new Error(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  return config as unknown as Config;
}

/** Every variable's name and default, in the order `--help` lists them. */
export const CONFIG_VARIABLES: readonly { name: string; fallback: string }[] = VARIABLES.map(({ name, fallback }) => ({ name, fallback }));

export const CONFIG_HELP = [
  'Downwatch report server',
  '',
  'Usage: npm run server  (or: tsx server/main.ts [--help])',
  '',
  'Environment variables:',
  ...VARIABLES.map((v) => `  ${v.name.padEnd(18)} ${v.meaning} (default: ${v.fallback})`),
  '',
].join('\n');
