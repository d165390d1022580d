// The wire protocol's routes (docs/protocol.md): POST /v1/reports and the cached
// reads, answered on Node's request and response directly, in front of
// Fastify, for every request to those paths whatever the configuration. They
// are the requests a surge multiplies, and Fastify's per-request work
// (routing, request and reply objects, hooks, body-parser plumbing, a child
// logger) cost about as much as the answer itself (docs/architecture.md has
// the measurements). Everything else — operations, CORS preflight, 404s — is
// Fastify's (app.ts composes the two).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Type } from '@sinclair/typebox';
import {
  ErrorResponseSchema, ReportBatchSchema, ReportResponseSchema, ServiceDetailParamsSchema, ServiceDetailQuerySchema,
  ServiceDetailSchema, StatusResponseSchema,
} from '../../src/core/protocol.ts';
import { RULE_PACK_ALGORITHM } from '../../src/core/rules/packSignature.ts';
import type { ReportIntake } from '../ingest/reportIntake.ts';
import type { ClientAddress } from '../net/clientAddress.ts';
import type { DocumentedRoute } from '../openapi.ts';
import type { SiteRoutes } from '../site/siteRoutes.ts';
import type { CachedBody, StatsService } from '../stats/statsService.ts';
import { Exchange, type ApiContext } from './exchange.ts';
import {
  answerRules, answerServiceDetail, answerStatus, RULES_ROUTE, SERVICE_PREFIX, SERVICE_ROUTE, STATUS_ROUTE,
} from './reads.ts';
import { refuseByHeaders, REPORTS_ROUTE, takeReports } from './reports.ts';

const RulePackEnvelopeSchema = Type.Object({
  algorithm: Type.Optional(Type.Literal(RULE_PACK_ALGORITHM)),
  signature: Type.Optional(Type.String({ description: 'base64 ECDSA P-256 / SHA-256 signature (r‖s) over the UTF-8 bytes of `pack`; missing when the server has no signed pack' })),
  pack: Type.String({ description: 'The rule pack (src/core/rules/schema.ts) as JSON text, exactly as signed' }),
});

export interface ApiDeps extends ApiContext {
  intake: ReportIntake;
  stats: StatsService;
  clientAddress: ClientAddress;
  /** The public status site (docs/site.md), unless PUBLIC_SITE=false. */
  site?: SiteRoutes;
  /** The body of `GET /v1/rules` (./rulesPack.ts). */
  rules: CachedBody;
}

export interface ApiRouter {
  /** Answers a request for one of the API's paths and returns true; false leaves it to Fastify. */
  take(req: IncomingMessage, res: ServerResponse): boolean;
  /**
   * For `Expect: 100-continue`: answers a request the API would refuse on its headers alone and returns true;
   * else false (the caller sends 100 Continue, then take()).
   */
  refuseBeforeContinue(req: IncomingMessage, res: ServerResponse): boolean;
  /** The methods the API answers on `path` (for 405s elsewhere). */
  methodsFor(path: string): readonly string[];
  /** From now on every API request is answered 503 with Connection: close. */
  close(): void;
}

interface Found {
  exchange: Exchange;
  path: string;
  query: string | undefined;
}

const READ_METHODS = ['GET', 'HEAD'];
const POST = ['POST'];

/** The route pattern a path belongs to, or undefined. */
function routeOf(path: string): string | undefined {
  switch (path) {
    case REPORTS_ROUTE: return REPORTS_ROUTE;
    case STATUS_ROUTE: return STATUS_ROUTE;
    case RULES_ROUTE: return RULES_ROUTE;
  }
  // One non-empty path segment after the prefix, as the pattern /v1/services/:id matches.
  if (path.length > SERVICE_PREFIX.length && path.startsWith(SERVICE_PREFIX) && path.indexOf('/', SERVICE_PREFIX.length) < 0) return SERVICE_ROUTE;
  return undefined;
}

export function createApiRouter(deps: ApiDeps): ApiRouter {
  let closing = false;
  const { site } = deps;
  /** The API's route or the site's. */
  const routeFor = (path: string): string | undefined => routeOf(path) ?? site?.routeOf(path);
  const isApiRoute = (route: string) => route === REPORTS_ROUTE || route === STATUS_ROUTE || route === RULES_ROUTE || route === SERVICE_ROUTE;
  const methodsOf = (route: string | undefined): readonly string[] =>
    route === undefined ? [] : route === REPORTS_ROUTE ? POST : isApiRoute(route) ? READ_METHODS : site!.methodsOf(route);
  const reportDeps = { intake: deps.intake, metrics: deps.metrics, clientAddress: deps.clientAddress, closing: () => closing };

  /** The exchange for an API request this router answers (OPTIONS is preflight, Fastify's), else undefined. */
  const exchangeFor = (req: IncomingMessage, res: ServerResponse): Found | undefined => {
    if (req.method === 'OPTIONS') return undefined;
    const url = req.url ?? '';
    const mark = url.indexOf('?');
    const path = mark < 0 ? url : url.slice(0, mark);
    const route = routeFor(path);
    if (route === undefined) return undefined;
    return { exchange: new Exchange(req, res, route, deps), path, query: mark < 0 ? undefined : url.slice(mark + 1) };
  };

  /** Answers what the request line and headers already decide; true when it has answered. */
  const refuseEarly = (exchange: Exchange): boolean => {
    if (closing) {
      exchange.closeAfter = true;
      exchange.sendError(503, 'unavailable', 'The server is shutting down; retry.');
      return true;
    }
    const allowed = methodsOf(exchange.route);
    if (!allowed.includes(exchange.req.method!)) {
      const allow = [...allowed, 'OPTIONS'].join(', ');
      exchange.sendError(405, 'method_not_allowed', `${exchange.route} does not answer ${exchange.req.method}; it answers ${allowed.join(', ')}.`, ['allow', allow]);
      return true;
    }
    return exchange.route === REPORTS_ROUTE && refuseByHeaders(exchange);
  };

  const answer = ({ exchange, path, query }: Found): void => {
    if (!isApiRoute(exchange.route)) return site!.answer(exchange, path, query);
    switch (exchange.route) {
      case REPORTS_ROUTE: return takeReports(exchange, reportDeps);
      case STATUS_ROUTE: return answerStatus(exchange, deps.stats);
      case RULES_ROUTE: return answerRules(exchange, deps.rules);
      default: return answerServiceDetail(exchange, deps.stats, path.slice(SERVICE_PREFIX.length), query);
    }
  };

  return {
    take(req, res) {
      const found = exchangeFor(req, res);
      if (!found) return false;
      try {
        if (!refuseEarly(found.exchange)) answer(found);
      } catch (error) {
        found.exchange.fail(error);
      }
      return true;
    },
    refuseBeforeContinue(req, res) {
      const found = exchangeFor(req, res);
      if (!found) return false;
      // A refusal without 100 Continue: the client may or may not send the body, so the connection ends.
      found.exchange.closeAfter = true;
      try {
        return refuseEarly(found.exchange);
      } catch (error) {
        found.exchange.fail(error);
        return true;
      }
    },
    methodsFor: (path) => methodsOf(routeFor(path)),
    close() {
      closing = true;
    },
  };
}

/** The API routes as /openapi.json describes them, from the same schemas that validate them. */
export const API_ROUTES: DocumentedRoute[] = [
  {
    method: 'POST', url: REPORTS_ROUTE,
    schema: {
      summary: 'Submit 1–50 outage reports; one result per report, in order, after they are committed.',
      body: ReportBatchSchema,
      response: {
        200: ReportResponseSchema, 400: ErrorResponseSchema, 413: ErrorResponseSchema, 415: ErrorResponseSchema,
        429: ErrorResponseSchema, 503: ErrorResponseSchema,
      },
    },
  },
  {
    method: 'GET', url: STATUS_ROUTE,
    schema: {
      summary: 'Levels of the catalog services and of every service that left ok in the last hour, most severe first.',
      response: { 200: StatusResponseSchema, 304: Type.Null({ description: 'Empty body' }) },
    },
  },
  {
    method: 'GET', url: SERVICE_ROUTE,
    schema: {
      summary: 'One service: level, a series of 15-minute buckets with baselines, and the last hour\'s breakdowns.',
      params: ServiceDetailParamsSchema,
      querystring: ServiceDetailQuerySchema,
      response: { 200: ServiceDetailSchema, 304: Type.Null({ description: 'Empty body' }), 400: ErrorResponseSchema },
    },
  },
  {
    method: 'GET', url: RULES_ROUTE,
    schema: {
      summary: 'The detection rule pack as JSON text with a detached signature; the extension uses it only if the signature verifies with its built-in key and the pack keeps the invariants (docs/privacy-and-trust.md).',
      response: { 200: RulePackEnvelopeSchema, 304: Type.Null({ description: 'Empty body' }) },
    },
  },
];
