// Operations endpoints: health, Prometheus metrics, the OpenAPI description.
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { ErrorResponseSchema } from '../../src/core/protocol.ts';
import { sendError } from './httpBasics.ts';
import type { Metrics } from '../metrics.ts';
import type { Storage } from '../storage/types.ts';

export async function operationRoutes(
  app: FastifyInstance, storage: Storage, metrics: Metrics, openApi: () => object,
): Promise<void> {
  app.get('/healthz', {
    schema: {
      summary: '200 when the database answers.',
      response: { 200: Type.Object({ status: Type.Literal('ok') }), 503: ErrorResponseSchema },
    },
  }, async (request, reply) => {
    try {
      await storage.ping();
      return { status: 'ok' as const };
    } catch (error) {
      request.log.error({ err: error }, 'health check: database did not answer');
      return sendError(reply, 503, 'database_unavailable', 'The database does not answer.');
    }
  });

  app.get('/metrics', {
    schema: { summary: 'Prometheus text exposition.', response: { 200: Type.String() } },
  }, (_request, reply) => reply.type('text/plain; version=0.0.4; charset=utf-8').send(metrics.render()));

  let document: string | null = null;
  app.get('/openapi.json', {
    schema: { summary: 'This description.', response: { 200: Type.Object({}, { additionalProperties: true }) } },
  }, (_request, reply) => {
    document ??= JSON.stringify(openApi());
    return reply.type('application/json; charset=utf-8').send(document);
  });
}
