// Wire protocol v1 (docs/protocol.md): every message is defined once here, as a JSON
// Schema built with TypeBox. The server validates with these exact schemas and
// the extension compiles against the types derived from them.
import { Type, type SchemaOptions, type Static, type TLiteral, type TSchema } from '@sinclair/typebox';
import { COUNTRY_CODES } from './countries.ts';
import { INCIDENT_LEVELS, LIMITS, LEVELS, PROBLEMS, RESULT_STATUSES, SIGNALS, SOURCES } from './protocolValues.ts';

export * from './protocolValues.ts';
export { isCountryCode } from './countries.ts';

const UUID_PATTERN = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
/** A catalog id or a lowercase domain name (labels of a-z, 0-9 and inner hyphens). */
export const SERVICE_ID_PATTERN =
  '^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$';
const CLIENT_PATTERN = '^[A-Za-z0-9_-]{16,64}$';
/** Exactly the assigned ISO 3166-1 alpha-2 codes (`ZZ` has the shape of one and is refused). */
const COUNTRY_PATTERN = `^(?:${COUNTRY_CODES.join('|')})$`;

type LiteralTuple<T extends readonly string[]> = { -readonly [K in keyof T]: TLiteral<T[K]> };
const literalUnion = <const T extends readonly string[]>(values: T) =>
  Type.Union(values.map((v) => Type.Literal(v)) as unknown as LiteralTuple<T>);

export const ProblemSchema = literalUnion(PROBLEMS);
export const SourceSchema = literalUnion(SOURCES);
export const SignalSchema = literalUnion(SIGNALS);
export const LevelSchema = literalUnion(LEVELS);

export const ReportSchema = Type.Object(
  {
    id: Type.String({ pattern: UUID_PATTERN }),
    service: Type.String({ minLength: 1, maxLength: LIMITS.maxServiceIdLength, pattern: SERVICE_ID_PATTERN }),
    problem: ProblemSchema,
    source: SourceSchema,
    signals: Type.Array(SignalSchema, { uniqueItems: true, maxItems: SIGNALS.length }),
    observedAt: Type.Integer({ minimum: 0 }),
    client: Type.String({ pattern: CLIENT_PATTERN }),
    country: Type.Optional(Type.Union([Type.String({ pattern: COUNTRY_PATTERN }), Type.Null()])),
  },
  { additionalProperties: false, $id: 'Report' },
);
export type Report = Static<typeof ReportSchema>;

/**
 * The envelope is validated on its own, with each report left open, so that one
 * malformed report is rejected alone instead of sinking the whole request.
 */
export const ReportBatchEnvelopeSchema = Type.Object(
  { reports: Type.Array(Type.Unknown(), { minItems: 1, maxItems: LIMITS.maxReportsPerRequest }) },
  { additionalProperties: false },
);
export const ReportBatchSchema = Type.Object(
  { reports: Type.Array(ReportSchema, { minItems: 1, maxItems: LIMITS.maxReportsPerRequest }) },
  { additionalProperties: false },
);

export const ReportResultSchema = Type.Object(
  {
    id: Type.Union([Type.String(), Type.Null()]),
    status: literalUnion(RESULT_STATUSES),
    reason: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);
export type ReportResult = Static<typeof ReportResultSchema>;

export const ReportResponseSchema = Type.Object({ results: Type.Array(ReportResultSchema) });
export type ReportResponse = Static<typeof ReportResponseSchema>;

export const ErrorResponseSchema = Type.Object({
  error: Type.Object({ code: Type.String(), message: Type.String() }),
});
export type ErrorResponse = Static<typeof ErrorResponseSchema>;

const Nullable = <T extends TSchema>(schema: T, options?: SchemaOptions) => Type.Union([schema, Type.Null()], options);

// `since`, `peak`, `recovering` and the incident history: docs/incidents.md.
export const ServiceStatusSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  level: LevelSchema,
  count: Type.Integer({ minimum: 0 }),
  baseline: Type.Number({ minimum: 0 }),
  since: Nullable(Type.Integer(), { description: 'Start of the current incident (epoch ms), fixed while the level steps down; null when ok.' }),
  peak: Nullable(Type.Object({ count: Type.Integer({ minimum: 0 }), t: Type.Integer() }, { additionalProperties: false }), {
    description: "The current incident's largest 15-minute count and its window's end (epoch ms); null when ok.",
  }),
  /** True while the baseline has less than 4 weeks of same-slot history (docs/detector.md). */
  learning: Type.Boolean({ default: false }),
});
export type ServiceStatus = Static<typeof ServiceStatusSchema>;

export const StatusResponseSchema = Type.Object({
  generatedAt: Type.Integer(),
  windowMinutes: Type.Integer(),
  services: Type.Array(ServiceStatusSchema),
});
export type StatusResponse = Static<typeof StatusResponseSchema>;

export const SeriesPointSchema = Type.Object({
  t: Type.Integer(),
  count: Type.Integer({ minimum: 0 }),
  baseline: Type.Number({ minimum: 0 }),
  partial: Type.Optional(Type.Literal(true, { description: 'The unfinished current bucket: its count so far.' })),
});
export type SeriesPoint = Static<typeof SeriesPointSchema>;

/** One incident of the last 90 days (docs/incidents.md); `until` null while it is open. */
export const IncidentSchema = Type.Object({
  since: Type.Integer(),
  until: Nullable(Type.Integer()),
  peak: Type.Integer({ minimum: 0 }),
  peakLevel: literalUnion(INCIDENT_LEVELS),
}, { additionalProperties: false });
export type IncidentSummary = Static<typeof IncidentSchema>;

export const ServiceDetailSchema = Type.Object({
  ...ServiceStatusSchema.properties,
  generatedAt: Type.Integer(),
  bucketMinutes: Type.Integer(),
  series: Type.Array(SeriesPointSchema),
  recent: Type.Object(
    { bucketMinutes: Type.Integer(), points: Type.Array(SeriesPointSchema) },
    { description: `The last ${LIMITS.recentHours} hours in ${LIMITS.recentBucketMinutes}-minute buckets, oldest first.` },
  ),
  incidents: Type.Array(IncidentSchema, { description: `The last ${LIMITS.incidentRetentionDays} days of incidents, newest first.` }),
  problems: Type.Array(Type.Object({ problem: ProblemSchema, count: Type.Integer() })),
  countries: Type.Array(Type.Object({ country: Type.String(), count: Type.Integer() })),
  signals: Type.Array(Type.Object({ signal: SignalSchema, count: Type.Integer() })),
});
export type ServiceDetail = Static<typeof ServiceDetailSchema>;

export const ServiceDetailParamsSchema = Type.Object({ id: Type.String() });
export const ServiceDetailQuerySchema = Type.Object(
  { hours: Type.Optional(Type.Integer({ minimum: LIMITS.minHours, maximum: LIMITS.maxHours, default: 24 })) },
  { additionalProperties: false },
);
