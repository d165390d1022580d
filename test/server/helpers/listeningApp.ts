// A server listening on 127.0.0.1 over a fresh SQLite file, for tests that
// need real HTTP (raw request bytes, timeouts, the simulator's live mode,
// child processes).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { buildApp } from '../../../server/app.ts';
import type { Clock } from '../../../server/clock.ts';
import { sqliteDatabase } from './databases.ts';
import { testConfig } from './reports.ts';

export interface ListeningApp {
  app: FastifyInstance;
  port: number;
  url: string;
  /** Closes the app and deletes its database. */
  stop(): Promise<void>;
}

export interface ListeningOptions {
  /** Environment on top of testConfig's (limits off, logs at warn). */
  env?: Record<string, string>;
  clock?: Clock;
  /** 0 (the default): any free port. */
  port?: number;
  /** Hears every request that reaches Fastify (the API routes answer theirs before it). */
  onRequest?: (request: FastifyRequest) => void;
  /** Told when the app starts to close (its preClose hooks run). */
  onClosing?: () => void;
  /** Logger option of buildApp (default false). */
  logger?: boolean | Record<string, unknown>;
}

export async function startListeningApp(options: ListeningOptions = {}): Promise<ListeningApp> {
  const db = sqliteDatabase();
  let app: FastifyInstance | undefined;
  try {
    app = await buildApp({ config: testConfig(db.url, options.env), clock: options.clock, logger: options.logger ?? false });
    const { onRequest, onClosing } = options;
    if (onClosing) {
      app.addHook('preClose', (done) => {
        done();
        onClosing();
      });
    }
    if (onRequest) {
      app.addHook('onRequest', (request, _reply, done) => {
        onRequest(request);
        done();
      });
    }
    await app.listen({ port: options.port ?? 0, host: '127.0.0.1' });
  } catch (error) {
    await app?.close();
    await db.drop();
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const started = app;
  return {
    app: started,
    port,
    url: `http://127.0.0.1:${port}`,
    stop: async () => {
      await started.close();
      await db.drop();
    },
  };
}
