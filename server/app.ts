// Builds the Fastify app: plugins first, then the app's own services, then
// routes (fastify/demo's order). `main.ts` only listens and shuts down.
import { createServer } from 'node:http';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { systemClock, type Clock } from './clock.ts';
import type { Config } from './config.ts';
import { registerHttpBasics } from './http.ts';
import { GroupCommitter } from './ingest/groupCommit.ts';
import { DailyIpHasher, MinuteLimiter } from './ingest/rateLimit.ts';
import { ReportIntake } from './ingest/reportIntake.ts';
import { strictAjv } from './ingest/validateReport.ts';
import { Metrics } from './metrics.ts';
import { collectOpenApi } from './openapi.ts';
import { operationRoutes } from './routes/operations.ts';
import { readRoutes } from './routes/reads.ts';
import { reportFastPath } from './routes/reportFastPath.ts';
import { reportRoutes } from './routes/reports.ts';
import { statusFastPath, type FastPath } from './routes/statusFastPath.ts';
import { StatsService } from './stats/statsService.ts';
import { openStorage } from './storage/open.ts';
import type { Storage } from './storage/types.ts';
import { Ajv } from 'ajv';

export interface AppOptions {
  config: Config;
  clock?: Clock;
  /** An open storage to use (left open on close); otherwise one is opened from config.databaseUrl and closed. */
  storage?: Storage;
  /** false: no logs; true: pino at config.logLevel; object: pino options (e.g. { stream }). */
  logger?: boolean | object;
}

/** Handles the running app exposes to tests, the simulator and main.ts. */
export interface Downwatch {
  storage: Storage;
  stats: StatsService;
  committer: GroupCommitter;
  metrics: Metrics;
}

declare module 'fastify' {
  interface FastifyInstance {
    downwatch: Downwatch;
  }
}

/** Requests are logged without client addresses: a raw IP is never written anywhere. */
const privacySerializers = {
  req: (req: { method: string; url: string }) => ({ method: req.method, url: req.url.split('?')[0] }),
};

function loggerOptions(logger: AppOptions['logger'], level: string): FastifyServerOptions['logger'] {
  if (!logger) return false;
  const custom = typeof logger === 'object' ? logger : {};
  return { level, ...custom, serializers: { ...(custom as { serializers?: object }).serializers, ...privacySerializers } } as FastifyServerOptions['logger'];
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { config } = options;
  const clock = options.clock ?? systemClock;
  const ownsStorage = !options.storage;
  const storage = options.storage ?? (await openStorage(config.databaseUrl, clock, { pgPoolSize: config.pgPoolSize }));

  // Set once the app is ready (see statusFastPath.ts); until then every request goes to Fastify.
  let fastPath: FastPath | undefined;
  const app = Fastify({
    // Fastify's own HTTP/1 server, with the one fast path in front of its handler and its timeouts applied.
    serverFactory: (handler, serverOptions) => {
      const server = createServer((req, res) => {
        if (fastPath === undefined || !fastPath(req, res)) handler(req, res);
      });
      const timeouts = serverOptions as { keepAliveTimeout: number; requestTimeout: number; connectionTimeout: number };
      server.keepAliveTimeout = timeouts.keepAliveTimeout;
      server.requestTimeout = timeouts.requestTimeout;
      server.setTimeout(timeouts.connectionTimeout);
      return server;
    },
    logger: loggerOptions(options.logger ?? true, config.logLevel),
    // Fastify accepts a hop count at run time; its types omit it.
    trustProxy: config.trustProxy as FastifyServerOptions['trustProxy'],
    bodyLimit: 32 * 1024,
    // Bodies are parsed with plain JSON.parse, without secure-json-parse's scans for "__proto__" and
    // "constructor" keys (measured: ~1 µs of every report request). Safe here: JSON.parse makes such keys
    // plain own properties, every body object is validated with no unknown fields allowed (so those keys
    // are rejected with 400), and no body object is ever merged into another.
    onProtoPoisoning: 'ignore',
    onConstructorPoisoning: 'ignore',
    return503OnClosing: true,
  });
  // Bodies: strict (no coercion, no removal). Query strings and params arrive as text, so they may be coerced.
  const bodyAjv = strictAjv();
  const textAjv = new Ajv({ coerceTypes: true, useDefaults: true, removeAdditional: false, allErrors: false, strict: false });
  app.setValidatorCompiler(({ schema, httpPart }) =>
    httpPart === 'body' ? bodyAjv.compile(schema) : textAjv.compile(schema));

  const metrics = new Metrics();
  const openApi = collectOpenApi(app);
  const committer = new GroupCommitter(storage, clock, (b) => {
    metrics.batch(b.reports, b.seconds, b.failed);
  });
  const stats = new StatsService(storage, clock, config.statsRefreshMs,
    (error) => app.log.error({ err: error }, 'stats refresh failed'),
    (timing) => metrics.statsRefresh(timing.querySeconds, timing.computeSeconds));
  app.decorate('downwatch', { storage, stats, committer, metrics });

  await registerHttpBasics(app, metrics);
  const intake = new ReportIntake({
    clock, committer, metrics,
    ipLimiter: new MinuteLimiter(config.rateLimitIp, clock),
    clientLimiter: new MinuteLimiter(config.rateLimitClient, clock),
    ipHasher: new DailyIpHasher(clock),
  });
  await app.register(async (scope) => {
    await reportRoutes(scope, intake, metrics);
    await readRoutes(scope, stats);
    await operationRoutes(scope, storage, metrics, openApi);
  });

  // Retention runs on a timer, never on the request path.
  const pruneTimer = setInterval(() => {
    storage.prune(clock.now())
      .then((pruned) => app.log.info({ pruned }, 'retention: old reports and counters deleted'))
      .catch((error) => app.log.error({ err: error }, 'retention pruning failed'));
  }, config.pruneIntervalMs);
  pruneTimer.unref();

  app.addHook('onClose', async () => {
    clearInterval(pruneTimer);
    stats.stop();
    await committer.flush();
    if (ownsStorage) await storage.close();
  });

  try {
    await stats.start();
  } catch (error) {
    await app.close();
    throw error;
  }
  // Request logs at info level must show every request, so then everything goes through Fastify. Reports
  // behind a trusted proxy do too: their client address is Fastify's to work out (TRUST_PROXY).
  const log = app.log as { isLevelEnabled?: (level: string) => boolean };
  const logsRequests = typeof log.isLevelEnabled === 'function' && log.isLevelEnabled('info');
  if (!logsRequests) {
    const statusPath = statusFastPath(stats, metrics);
    const reportPath = config.trustProxy === false ? reportFastPath(intake, metrics, app.log) : undefined;
    app.addHook('preClose', (done) => {
      statusPath.stop();
      reportPath?.stop();
      done();
    });
    fastPath = reportPath ? (req, res) => statusPath(req, res) || reportPath(req, res) : statusPath;
  }
  return app;
}
