// Configuration from the environment, validated at start (DESIGN §7). Every
// variable is declared once here, which also produces the `--help` text.

export interface Config {
  port: number;
  host: string;
  databaseUrl: string;
  /** Reports accepted per client IP per minute; 0 turns the limit off. */
  rateLimitIp: number;
  /** Reports accepted per install (client id) per minute; 0 turns the limit off. */
  rateLimitClient: number;
  /** Fastify `trustProxy`: false, true, a hop count, or a list of trusted proxy addresses/CIDRs. */
  trustProxy: boolean | number | string[];
  logLevel: string;
  /** How often the in-memory status snapshot is rebuilt from the database. */
  statsRefreshMs: number;
  /** How often raw reports (7 days) and counters (90 days) are pruned. */
  pruneIntervalMs: number;
  /** PostgreSQL connection pool size. */
  pgPoolSize: number;
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

function parseTrustProxy(raw: string, name: string): Config['trustProxy'] {
  if (raw === 'false') return false;
  if (raw === 'true') return true;
  if (/^\d+$/.test(raw)) return Number(raw);
  const list = raw.split(',').map((s) => s.trim()).filter(Boolean);
  if (list.length === 0 || list.some((s) => !/^[0-9a-fA-F.:]+(\/\d{1,3})?$/.test(s))) {
    throw new Error(`${name} must be true, false, a hop count, or a comma-separated list of proxy IPs/CIDRs, got "${raw}"`);
  }
  return list;
}

function parseDatabaseUrl(raw: string, name: string): string {
  if (/^sqlite:.+/.test(raw) || /^postgres(ql)?:\/\/.+/.test(raw)) return raw;
  throw new Error(`${name} must be sqlite:PATH or postgres://…, got "${raw}"`);
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
    meaning: 'take the client IP from X-Forwarded-For: true, false, a hop count, or trusted proxy IPs/CIDRs',
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

export const CONFIG_HELP = [
  'Downwatch report server',
  '',
  'Usage: npm run server  (or: tsx server/main.ts [--help])',
  '',
  'Environment variables:',
  ...VARIABLES.map((v) => `  ${v.name.padEnd(18)} ${v.meaning} (default: ${v.fallback})`),
  '',
].join('\n');
