// Builds the app: logging, storage, the app's own services, then the HTTP
// side, which is two parts under one server (docs/architecture.md): the wire
// protocol's routes answered on Node's request and response (api/), and
// Fastify for the rest (operations, preflight, 404/405). `main.ts` only
// listens and shuts down.
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import lightMyRequest from 'light-my-request';
import { LIMITS } from '../src/core/protocol.ts';
import { API_ROUTES, createApiRouter, type ApiRouter } from './api/router.ts';
import { systemClock, type Clock } from './clock.ts';
import type { Config } from './config.ts';
import { answerClientError } from './http.ts';
import { createHttpServer, type Handler } from './httpServer.ts';
import { GroupCommitter } from './ingest/groupCommit.ts';
import { MinuteLimiter } from './ingest/rateLimit.ts';
import { ReportIntake } from './ingest/reportIntake.ts';
import { createLogging } from './logging.ts';
import { Metrics } from './metrics.ts';
import { clientAddressResolver } from './net/clientAddress.ts';
import { NetworkHasher } from './net/networkHasher.ts';
import { collectOpenApi } from './openapi.ts';
import { answerFrameworkError, registerHttpBasics } from './routes/httpBasics.ts';
import { operationRoutes } from './routes/operations.ts';
import { createSiteRoutes, type SiteRoutes } from './site/siteRoutes.ts';
import { rulesBody } from './api/rulesPack.ts';
import { StatsService } from './stats/statsService.ts';
import { openStorage } from './storage/open.ts';
import type { Storage } from './storage/types.ts';

export interface AppOptions {
  config: Config;
  clock?: Clock;
  /** An open storage to use (left open on close); otherwise one is opened from config.databaseUrl and closed. */
  storage?: Storage;
  /** false: no logs; true: stdout at config.logLevel; object: pino options (e.g. { stream } to capture lines). */
  logger?: boolean | Record<string, unknown>;
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

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { config } = options;
  const clock = options.clock ?? systemClock;
  const logging = createLogging(options.logger ?? true, config.logLevel);
  const ownsStorage = !options.storage;
  let storage: Storage;
  try {
    storage = options.storage ?? (await openStorage(config.databaseUrl, clock, {
      pgPoolSize: config.pgPoolSize,
      onError: logging.logger ? (message, error) => logging.logger!.error({ err: error }, message) : undefined,
    }));
  } catch (error) {
    logging.close();
    throw error;
  }

  // Set once the app is ready; until then Fastify answers everything.
  let api: ApiRouter | undefined;
  let dispatch: Handler | undefined;
  const app = Fastify({
    serverFactory: (handler) => {
      const created = createHttpServer(handler, () => api);
      dispatch = created.dispatch;
      return created.server;
    },
    ...(logging.logger ? { loggerInstance: logging.logger as FastifyBaseLogger } : { logger: false }),
    // One line per request is written by the API and by httpBasics' onResponse hook (logging.ts).
    logController: new LogController({ disableRequestLogging: true }),
    // Client addresses are worked out for reports only (net/clientAddress.ts); Fastify's routes never use them.
    trustProxy: false,
    bodyLimit: LIMITS.maxBodyBytes,
    clientErrorHandler: answerClientError,
    frameworkErrors: answerFrameworkError,
    // A closing server answers 503 in the envelope: the API router for its routes, the onRequest hook below.
    return503OnClosing: false,
  });

  const metrics = new Metrics();
  const openApi = collectOpenApi(app, API_ROUTES);
  const committer = new GroupCommitter(storage, clock, (b) => {
    metrics.batch(b.reports, b.seconds, b.failed);
  });
  let site: SiteRoutes | undefined;
  const stats = new StatsService(storage, clock, config.statsRefreshMs,
    (error) => app.log.error({ err: error }, 'stats refresh failed'),
    (timing) => {
      metrics.statsRefresh(timing.querySeconds, timing.computeSeconds);
      site?.observe();
    });
  app.decorate('downwatch', { storage, stats, committer, metrics });

  const clientAddress = clientAddressResolver(config.trustProxy);
  const intake = new ReportIntake({
    clock, committer, metrics,
    networkLimiter: new MinuteLimiter(config.rateLimitIp, clock),
    clientLimiter: new MinuteLimiter(config.rateLimitClient, clock),
    networkHasher: new NetworkHasher(clock),
  });
  site = config.publicSite ? createSiteRoutes({ stats, clock, intake, metrics, clientAddress }) : undefined;
  const router = createApiRouter({
    metrics, requestLog: logging.requestLog, logger: app.log, stats, clientAddress, intake, site, rules: rulesBody(config.rulesPackFile),
  });
  let closing = false;
  app.addHook('onRequest', (_request, reply, done) => {
    if (!closing) return done();
    reply.header('connection', 'close');
    void reply.code(503).type('application/json; charset=utf-8').send('{"error":{"code":"unavailable","message":"The server is shutting down; retry."}}');
  });
  await registerHttpBasics(app, metrics, logging.requestLog, router.methodsFor);
  await app.register(async (scope) => {
    await operationRoutes(scope, storage, metrics, openApi);
  });

  // Retention runs on a timer, never on the request path.
  const pruneTimer = setInterval(() => {
    storage.prune(clock.now())
      .then((pruned) => app.log.info({ pruned }, 'retention: old reports, counters and incidents deleted'))
      .catch((error) => app.log.error({ err: error }, 'retention pruning failed'));
  }, config.pruneIntervalMs);
  pruneTimer.unref();

  app.addHook('preClose', (done) => {
    closing = true;
    router.close();
    done();
  });
  app.addHook('onClose', async () => {
    clearInterval(pruneTimer);
    stats.stop();
    await committer.flush();
    if (ownsStorage) await storage.close();
    logging.close();
  });

  try {
    await stats.start();
  } catch (error) {
    await app.close();
    throw error;
  }
  api = router;
  // inject() takes the same dispatch as the server (API routes first), not Fastify's router alone.
  app.inject = ((injectOptions?: Parameters<typeof lightMyRequest>[1], callback?: Parameters<typeof lightMyRequest>[2]) =>
    lightMyRequest((req, res) => {
      app.ready((error) => {
        if (error) res.emit('error', error);
        else dispatch!(req as never, res as never);
      });
    }, injectOptions as never, callback as never)) as typeof app.inject;
  return app;
}
