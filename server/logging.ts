// The server's logs: pino JSON lines at LOG_LEVEL, and at `info` one line per
// request. A request line is built by concatenation from values the server
// chose (method, route pattern, status, time), never by serialising an
// object, and never holds a URL, an address or a header (docs/privacy-and-trust.md).
// Lines go to stdout in blocks (logLines.ts), not with one write(2) per
// request: at `info` a write per line cost more than answering the request
// (docs/benchmarks.md). What is collected is written at least every second,
// when the server closes and when the process exits.
import { hostname } from 'node:os';
import pino, { type Logger } from 'pino';
import { LineWriter } from './logLines.ts';

/** One line per request: method, route pattern, status, and the time since `started` (performance.now() at arrival). */
export type RequestLog = (method: string, route: string, status: number, started: number) => void;

export interface Logging {
  /** The app's logger (Fastify's loggerInstance), or undefined when logs are off. */
  logger: Logger | undefined;
  requestLog: RequestLog;
  /** Writes what is buffered and stops the flush timer. */
  close(): void;
}

const FLUSH_EVERY_MS = 1000;

interface LineSink {
  write(line: string): unknown;
}

/**
 * `option`: false (no logs), true (stdout, buffered), or pino options, e.g. `{ stream }` to capture lines
 * (written as they come).
 */
export function createLogging(option: boolean | Record<string, unknown>, level: string): Logging {
  if (option === false) return { logger: undefined, requestLog: () => {}, close: () => {} };
  const { stream, ...options } = option === true ? {} : option;
  const lines = stream === undefined ? new LineWriter(1) : undefined;
  const sink = (stream ?? lines) as LineSink;
  const logger = pino({ level, ...options, serializers: { err: pino.stdSerializers.err, ...(options.serializers as object) } }, sink as pino.DestinationStream);
  const flush = () => lines?.flush();
  const timer = lines ? setInterval(flush, FLUSH_EVERY_MS) : undefined;
  timer?.unref();
  if (lines) process.on('exit', flush);

  const prefix = '{"level":30,"time":';
  const base = `,"pid":${process.pid},"hostname":${JSON.stringify(hostname())},"msg":"request","method":"`;
  const requestLog: RequestLog = logger.isLevelEnabled('info')
    ? (method, route, status, started) => {
      // Whole microseconds: an integer is written faster than a fraction of a millisecond.
      const us = ((performance.now() - started) * 1000) | 0;
      sink.write(`${prefix}${Date.now()}${base}${method}","route":"${route}","status":${status},"us":${us}}\n`);
    }
    : () => {};
  return {
    logger,
    requestLog,
    close: () => {
      if (timer) clearInterval(timer);
      flush();
      process.removeListener('exit', flush);
    },
  };
}
