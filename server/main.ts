// Process entry (`npm run server`): read the environment, listen, and shut
// down gracefully (stop accepting, flush the pending batch, close the database).
import { buildApp } from './app.ts';
import { CONFIG_HELP, loadConfig, type Config } from './config.ts';

if (process.argv.includes('--help') || process.argv.includes('-h')) {
  process.stdout.write(CONFIG_HELP);
  process.exit(0);
}

let config: Config;
try {
  config = loadConfig(process.env);
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n\nRun with --help to see every variable.\n`);
  process.exit(2);
}

// A database that cannot be opened, a port in use, a SQLite file another server writes to: one clear line.
let app: Awaited<ReturnType<typeof buildApp>>;
try {
  app = await buildApp({ config });
  await app.listen({ port: config.port, host: config.host });
} catch (error) {
  process.stderr.write(`Downwatch server cannot start: ${(error as Error).message}\n`);
  process.exit(1);
}
const address = app.server.address();
const port = typeof address === 'object' && address ? address.port : config.port;
const host = config.host.includes(':') ? `[${config.host}]` : config.host;
process.stdout.write(`Downwatch server listening on http://${host}:${port} (database: ${app.downwatch.storage.description})\n`);

let closing = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (closing) return;
    closing = true;
    app.log.info(`${signal}: closing (flushing pending reports)`);
    app.close().then(
      () => process.exit(0),
      (error) => {
        app.log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  });
}
