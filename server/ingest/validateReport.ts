// Strict per-report validation (docs/protocol.md): no type coercion, no silently
// removed fields. Each report is checked on its own with a compiled validator
// of the protocol's ReportSchema, so one bad report is rejected alone, with a
// reason a developer can act on.
import { Ajv, type ErrorObject } from 'ajv';
import { canonicalServiceId } from '../../src/core/serviceId.ts';
import { LIMITS, PROBLEMS, ReportSchema, SIGNALS, SOURCES, signalBits, type Problem, type Report, type Signal, type Source } from '../../src/core/protocol.ts';
import { minuteOf } from '../storage/minutes.ts';
import type { IngestReport } from '../storage/types.ts';

/**
 * A union of string constants (TypeBox's Type.Union of Type.Literal) as the equivalent `enum`: the same
 * values pass and fail, but Ajv's code for anyOf builds an error object for every branch that does not match
 * (about six per report, measured with perf), where an enum is one lookup. Other schemas are copied as they are.
 */
export function withEnums(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withEnums);
  if (schema === null || typeof schema !== 'object') return schema;
  const node = schema as Record<string, unknown>;
  const branches = node.anyOf;
  if (Array.isArray(branches) && branches.length > 0 &&
    branches.every((b) => typeof (b as { const?: unknown }).const === 'string' && Object.keys(b).every((k) => k === 'const' || k === 'type'))) {
    const { anyOf: _anyOf, ...rest } = node;
    return { ...rest, type: 'string', enum: branches.map((b) => (b as { const: string }).const) };
  }
  return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, withEnums(value)]));
}

/** Ajv that never coerces types, never removes properties and never fills defaults. */
export function strictAjv(): Ajv {
  return new Ajv({ coerceTypes: false, removeAdditional: false, useDefaults: false, allErrors: false, strict: false });
}

/** A strict validator of a protocol body schema (withEnums applied). */
export function compileStrict<T>(schema: object) {
  return strictAjv().compile<T>(withEnums(schema) as object);
}

const isReport = compileStrict<Report>(ReportSchema);

const FIELD_RULES: Record<string, string> = {
  id: 'must be a UUID string',
  service: 'must be a catalog id or a lowercase domain name of at most 253 characters',
  problem: `must be one of ${PROBLEMS.join(', ')}`,
  source: `must be one of ${SOURCES.join(', ')}`,
  signals: `must be an array of unique signal names (${SIGNALS.join(', ')})`,
  observedAt: 'must be an integer number of epoch milliseconds',
  client: 'must be 16 to 64 characters of A-Z, a-z, 0-9, _ and -',
  country: 'must be an ISO 3166-1 alpha-2 code in upper case, or null',
};

function describe(error: ErrorObject): string {
  if (error.keyword === 'additionalProperties') {
    return `unknown field "${String(error.params.additionalProperty).slice(0, 64)}" (no other fields are allowed)`;
  }
  if (error.keyword === 'required') return `missing field "${String(error.params.missingProperty)}"`;
  const field = error.instancePath.split('/')[1];
  if (!field) return 'a report must be a JSON object';
  return `field "${field}" ${FIELD_RULES[field] ?? error.message ?? 'is invalid'}`;
}

/**
 * canonicalServiceId (a public-suffix lookup) memoised: reports name few distinct services, and the
 * lookup was a measurable part of each request. Bounded: cleared whenever it reaches MEMO_LIMIT entries,
 * so a flood of made-up domains costs memory no longer than one fill.
 */
const MEMO_LIMIT = 10_000;
const serviceMemo = new Map<string, string | null>();

export function memoServiceId(raw: string): string | undefined {
  let service = serviceMemo.get(raw);
  if (service === undefined) {
    service = canonicalServiceId(raw) ?? null;
    if (serviceMemo.size >= MEMO_LIMIT) serviceMemo.clear();
    serviceMemo.set(raw, service);
  }
  return service ?? undefined;
}

export type ReportCheck =
  | { ok: true; report: IngestReport }
  | { ok: false; reason: string };

/** Validates one report and puts it in canonical form, judging `observedAt` against `now`; `network` is its sender's key. */
export function checkReport(value: unknown, now: number, network: string): ReportCheck {
  if (!isReport(value)) return { ok: false, reason: describe(isReport.errors![0]!) };
  const service = memoServiceId(value.service);
  if (!service) return { ok: false, reason: `"${value.service}" is not a reportable service (a catalog id or a registrable domain)` };
  if (value.observedAt > now + LIMITS.maxFutureSkewMs) {
    return { ok: false, reason: 'observedAt is more than 5 minutes ahead of the server clock' };
  }
  if (value.observedAt < now - LIMITS.maxAgeMs) return { ok: false, reason: 'observedAt is more than 24 hours old' };
  const signals = signalBits(value.signals as Signal[]);
  return {
    ok: true,
    report: {
      id: value.id.toLowerCase(),
      service,
      problem: value.problem as Problem,
      source: value.source as Source,
      signals,
      minute: minuteOf(value.observedAt),
      client: value.client,
      country: value.country ?? '',
      network,
    },
  };
}

/** The id to echo in a result: the report's own id when it is a plausible string. */
export function echoId(value: unknown): string | null {
  const id = (value as { id?: unknown } | null)?.id;
  return typeof id === 'string' && id.length <= 64 ? id : null;
}
