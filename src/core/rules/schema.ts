// The rule pack (docs/detection.md): per-service detection rules as data. It ships
// bundled with the extension and is refreshed from `GET /v1/rules`; a fetched
// pack is validated here before it is stored. Rules are never executed: CSS
// selectors scope the site's own error UI, and texts are plain
// case-insensitive substrings (after `normaliseText`), never regular
// expressions, so a hostile pack cannot run code or trigger ReDoS.
//
// Keep this shape stable: fields may be added (optional), never renamed or removed.
import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { SERVICE_ID_PATTERN, SIGNALS, type Signal } from '../protocol.ts';

/** Rule ids travel in messages and the local signal log, so they are short and plain. */
export const RULE_ID_PATTERN = '^[a-z0-9][a-z0-9_.-]{0,63}$';
/** A language tag (`en`, `bn`, `pt-BR`): the UI language whose text a pattern is. */
const LANGUAGE_PATTERN = '^[a-z]{2,3}(-[A-Z]{2})?$';

const RuleId = Type.String({ pattern: RULE_ID_PATTERN });
const Selector = Type.String({ minLength: 1, maxLength: 300 });
const Selectors = Type.Array(Selector, { minItems: 1, maxItems: 20 });
const PathPrefix = Type.String({ pattern: '^/[^\\s]{0,199}$' });

/** Texts per UI language, e.g. `{ en: ['Retry'], bn: ['আবার চেষ্টা করুন'] }`. */
export const TextPatternsSchema = Type.Record(
  Type.String({ pattern: LANGUAGE_PATTERN }),
  Type.Array(Type.String({ minLength: 2, maxLength: 200 }), { minItems: 1, maxItems: 20 }),
);

/**
 * An element matching one of `selectors` whose visible text (outside the
 * service's user-content areas) contains one of `texts` (or equals one, with
 * `textMatch: 'equals'`, for short control labels such as "Retry"). Without
 * `texts`, the element's presence alone matches.
 */
export const TextMatcherSchema = Type.Object(
  {
    id: RuleId,
    selectors: Selectors,
    texts: Type.Optional(TextPatternsSchema),
    textMatch: Type.Optional(Type.Union([Type.Literal('contains'), Type.Literal('equals')])),
    /**
     * The text counts only inside `selectors`, never in a structurally
     * error-like container elsewhere (docs/detection.md, "Structure"): for
     * texts the site also shows in a normal state, where only the container
     * (a class added when the state is reached) tells the failure.
     */
    onlyInSelectors: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

/** The feed container that must hold at least one item within `timeoutMs` once it is on the page. */
export const EmptyFeedRuleSchema = Type.Object(
  {
    id: RuleId,
    containerSelector: Selector,
    itemSelector: Selector,
    timeoutMs: Type.Integer({ minimum: 5_000, maximum: 300_000 }),
  },
  { additionalProperties: false },
);

export const FeedStalledRulesSchema = Type.Object(
  {
    /** Failed-refresh states: retry controls, "couldn't load" texts, inside the feed. */
    matchers: Type.Array(TextMatcherSchema, { maxItems: 20 }),
    emptyFeed: Type.Optional(EmptyFeedRuleSchema),
  },
  { additionalProperties: false },
);

export const LogoutRulesSchema = Type.Object(
  {
    /** Rule id sent with the `logout` signal when the page is on one of `loginPaths` (a wall matcher sends its own id). */
    id: RuleId,
    /** Any of these present means the user is logged in. */
    loggedInSelectors: Selectors,
    /** The logged-out wall (login form, sign-in prompt). */
    loginWall: Type.Array(TextMatcherSchema, { maxItems: 20 }),
    /** `location.pathname` prefixes of the login pages the site redirects to. */
    loginPaths: Type.Array(PathPrefix, { maxItems: 20 }),
    /** The site's own log-out controls: a click means the next wall is expected. */
    logoutControls: Type.Array(TextMatcherSchema, { maxItems: 20 }),
    /** Paths whose visit is itself a deliberate log-out (e.g. `/logout`). */
    logoutPaths: Type.Array(PathPrefix, { maxItems: 20 }),
    /** A wall counts as a `logout` only within this long after the user was seen logged in. */
    recentLoginWindowMs: Type.Integer({ minimum: 60_000, maximum: 7 * 24 * 3_600_000 }),
  },
  { additionalProperties: false },
);

const SignalWeight = Type.Optional(Type.Number({ minimum: 0, maximum: 100 }));

/** Weights of every signal kind (SIGNALS, docs/detection.md); a kind missing from `weights` weighs 0. */
export const SignalWeightsSchema = Type.Object(
  Object.fromEntries(SIGNALS.map((signal) => [signal, SignalWeight])) as { [K in Signal]: typeof SignalWeight },
  { additionalProperties: false },
);

/**
 * Auto-report threshold (docs/extension.md): the signals of the last `windowMs` score
 * Σ weight(kind) × min(count(kind), maxCountPerSignal); a score ≥ `minScore`
 * reports. The cap keeps one noisy kind (a burst of 5xx) from reporting alone
 * unless the pack says so.
 */
export const ThresholdSchema = Type.Object(
  {
    windowMs: Type.Integer({ minimum: 10_000, maximum: 15 * 60_000 }),
    weights: SignalWeightsSchema,
    maxCountPerSignal: Type.Integer({ minimum: 1, maximum: 100 }),
    minScore: Type.Number({ exclusiveMinimum: 0, maximum: 10_000 }),
  },
  { additionalProperties: false },
);

export const ServiceRulesSchema = Type.Object(
  {
    /** Catalog id (or a domain, for services added to the pack later). */
    service: Type.String({ minLength: 1, maxLength: 253, pattern: SERVICE_ID_PATTERN }),
    /** Elements inside these are written by users (posts, comments, messages): never matched. */
    userContentSelectors: Type.Array(Selector, { maxItems: 40 }),
    banner: Type.Array(TextMatcherSchema, { maxItems: 30 }),
    /**
     * Labels of the site's own retry/reload controls ("Retry", "Reload page"),
     * beyond its `equals` feed matchers: a control with one of them beside a
     * rule's text is structural evidence of an error UI (docs/detection.md).
     */
    retryTexts: Type.Optional(TextPatternsSchema),
    feedStalled: FeedStalledRulesSchema,
    logout: Type.Optional(LogoutRulesSchema),
    threshold: ThresholdSchema,
  },
  { additionalProperties: false },
);

export const RulePackSchema = Type.Object(
  {
    version: Type.String({ minLength: 1, maxLength: 64 }),
    services: Type.Array(ServiceRulesSchema, { minItems: 1, maxItems: 200 }),
  },
  { additionalProperties: false, $id: 'RulePack' },
);

export type TextPatterns = Static<typeof TextPatternsSchema>;
export type TextMatcher = Static<typeof TextMatcherSchema>;
export type EmptyFeedRule = Static<typeof EmptyFeedRuleSchema>;
export type FeedStalledRules = Static<typeof FeedStalledRulesSchema>;
export type LogoutRules = Static<typeof LogoutRulesSchema>;
export type Threshold = Static<typeof ThresholdSchema>;
export type ServiceRules = Static<typeof ServiceRulesSchema>;
export type RulePack = Static<typeof RulePackSchema>;

export type RulePackValidation = { ok: true; pack: RulePack } | { ok: false; errors: string[] };

const MAX_ERRORS = 20;

/**
 * Validates an untrusted value (a fetched or stored pack) against the schema,
 * plus the rules a schema cannot say: unique services, unique rule ids within
 * a service. Uses TypeBox's interpreter (`Value`), never its compiler, which
 * builds functions with `new Function` (forbidden by the MV3 CSP).
 */
export function validateRulePack(value: unknown): RulePackValidation {
  if (!Value.Check(RulePackSchema, value)) {
    const errors: string[] = [];
    for (const error of Value.Errors(RulePackSchema, value)) {
      errors.push(`${error.path || '/'}: ${error.message}`);
      if (errors.length >= MAX_ERRORS) break;
    }
    return { ok: false, errors };
  }
  const errors: string[] = [];
  const services = new Set<string>();
  value.services.forEach((rules, index) => {
    if (services.has(rules.service)) errors.push(`/services/${index}/service: duplicate service ${rules.service}`);
    services.add(rules.service);
    const ids = new Set<string>();
    for (const id of ruleIdsOf(rules)) {
      if (ids.has(id)) errors.push(`/services/${index}: duplicate rule id ${id}`);
      ids.add(id);
    }
  });
  return errors.length ? { ok: false, errors } : { ok: true, pack: value };
}

/** Every rule id of a service's rules (those sent with signals and the log-out controls'), in pack order. */
export function ruleIdsOf(rules: ServiceRules): string[] {
  return [
    ...rules.banner.map((m) => m.id),
    ...rules.feedStalled.matchers.map((m) => m.id),
    ...(rules.feedStalled.emptyFeed ? [rules.feedStalled.emptyFeed.id] : []),
    ...(rules.logout ? [rules.logout.id, ...rules.logout.loginWall.map((m) => m.id)] : []),
    ...(rules.logout ? rules.logout.logoutControls.map((m) => m.id) : []),
  ];
}
