// GET /openapi.json: the API described by the very schemas the routes
// validate with (the API routes' table, api/router.ts, and Fastify's routes
// as they are registered), so it cannot drift.
import type { FastifyInstance, RouteOptions } from 'fastify';

interface RouteSchema {
  summary?: string;
  body?: object;
  querystring?: { properties?: Record<string, object>; required?: string[] };
  params?: { properties?: Record<string, object>; required?: string[] };
  response?: Record<string, object>;
}

/** Drops TypeBox's symbol keys and $id (ids would clash between inlined copies). */
const plain = (schema: object): object => JSON.parse(JSON.stringify(schema, (key, value) => (key === '$id' ? undefined : value)));

/** A route as the document needs it. */
export interface DocumentedRoute {
  method: string | string[];
  url: string;
  schema?: RouteSchema;
}

export function collectOpenApi(app: FastifyInstance, apiRoutes: readonly DocumentedRoute[]): () => object {
  const paths: Record<string, Record<string, object>> = {};
  const document = (route: DocumentedRoute) => {
    const schema = route.schema;
    if (!schema?.response) return;
    const path = route.url.replace(/:([A-Za-z_]+)/g, '{$1}');
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const parameters = [
      ...Object.entries(schema.params?.properties ?? {}).map(([name, s]) => ({ name, in: 'path', required: true, schema: plain(s) })),
      ...Object.entries(schema.querystring?.properties ?? {}).map(([name, s]) => ({
        name, in: 'query', required: schema.querystring?.required?.includes(name) ?? false, schema: plain(s),
      })),
    ];
    const responses = Object.fromEntries(
      Object.entries(schema.response).map(([code, s]) => [code, {
        description: code === '200' ? 'OK' : code === '304' ? 'Not modified (ETag matched)' : 'Error',
        content: { 'application/json': { schema: plain(s) } },
      }]),
    );
    for (const method of methods) {
      if (method === 'HEAD') continue;
      paths[path] ??= {};
      paths[path]![method.toLowerCase()] = {
        summary: schema.summary,
        ...(parameters.length ? { parameters } : {}),
        ...(schema.body ? { requestBody: { required: true, content: { 'application/json': { schema: plain(schema.body) } } } } : {}),
        responses,
      };
    }
  };
  for (const route of apiRoutes) document(route);
  app.addHook('onRoute', (route: RouteOptions) => document(route as DocumentedRoute));
  return () => ({
    openapi: '3.1.0',
    info: { title: 'Downwatch report service', version: '1.0.0', description: 'Wire protocol v1 (docs/protocol.md).' },
    paths,
  });
}

declare module 'fastify' {
  interface FastifySchema {
    /** One line for /openapi.json. */
    summary?: string;
  }
}
