// What even a correctly signed rule pack may not do (docs/privacy-and-trust.md).
// A signature says who made a pack, not that it
// is harmless: a compromised server or signing key must still not turn the
// content script into keyword spotting on what the user reads. Measured
// against the pack bundled with this build:
//   - user-content exclusions only grow (every bundled selector stays);
//   - nothing fires on presence alone unless the bundled pack has the same
//     presence rule (text-less matchers, empty-feed rules, login paths,
//     logged-in markers): a fetched pack may add and change text rules only;
//   - thresholds: no signal kind reports on fewer sightings than the default
//     threshold needs, over a window no longer than the default's;
//   - size: at most RULE_PACK_MAX_BYTES (the schema caps the counts).
import type { Signal } from '../protocolValues.ts';
import { SIGNALS } from '../protocolValues.ts';
import type { RulePack, ServiceRules, TextMatcher, Threshold } from './schema.ts';
import { DEFAULT_THRESHOLD } from './threshold.ts';

/** The largest pack text accepted: the bundled pack is about 14 KB. */
export const RULE_PACK_MAX_BYTES = 256 * 1024;

/** Why a fetched pack was refused; the background stores and logs the code with a detail. */
export const PACK_REFUSALS = [
  'too_large',
  'not_an_envelope',
  'unsigned',
  'no_key',
  'bad_signature',
  'invalid',
  'user_content_shrunk',
  'presence_only',
  'threshold_below_floor',
] as const;
export type PackRefusalCode = (typeof PACK_REFUSALS)[number];
export interface PackRefusal {
  code: PackRefusalCode;
  detail: string;
}

/** How many sightings of `kind` alone reach the threshold (Infinity: never). */
export function sightingsToReport(threshold: Threshold, kind: Signal): number {
  const weight = threshold.weights[kind] ?? 0;
  if (weight <= 0) return Infinity;
  // The tolerance keeps 4 / (4/3) from rounding up to 4.000…1 sightings.
  const needed = Math.max(1, Math.ceil(threshold.minScore / weight - 1e-9));
  return needed > threshold.maxCountPerSignal ? Infinity : needed;
}

function thresholdRefusals(service: string, threshold: Threshold): PackRefusal[] {
  const out: PackRefusal[] = [];
  if (threshold.windowMs > DEFAULT_THRESHOLD.windowMs) {
    out.push({ code: 'threshold_below_floor', detail: `${service}: window ${threshold.windowMs} ms is longer than ${DEFAULT_THRESHOLD.windowMs} ms` });
  }
  for (const kind of SIGNALS) {
    const floor = sightingsToReport(DEFAULT_THRESHOLD, kind);
    const needed = sightingsToReport(threshold, kind);
    if (needed < floor) out.push({ code: 'threshold_below_floor', detail: `${service}: ${kind} reports after ${needed} sighting(s), the floor is ${floor}` });
  }
  return out;
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

/** Text-less matchers of `candidate` that `bundled` does not have (same selectors) in the same list. */
function newPresenceMatchers(candidate: readonly TextMatcher[], bundled: readonly TextMatcher[] | undefined): TextMatcher[] {
  const known = (bundled ?? []).filter((m) => !m.texts);
  return candidate.filter((m) => !m.texts && !known.some((k) => sameSet(k.selectors, m.selectors)));
}

function presenceRefusals(candidate: ServiceRules, bundled: ServiceRules | undefined): PackRefusal[] {
  const service = candidate.service;
  const refuse = (what: string): PackRefusal => ({ code: 'presence_only', detail: `${service}: ${what} fires on presence alone and is not in the bundled pack` });
  const out: PackRefusal[] = [];
  for (const m of newPresenceMatchers(candidate.banner, bundled?.banner)) out.push(refuse(`banner matcher ${m.id}`));
  for (const m of newPresenceMatchers(candidate.feedStalled.matchers, bundled?.feedStalled.matchers)) out.push(refuse(`feed matcher ${m.id}`));
  const emptyFeed = candidate.feedStalled.emptyFeed;
  const knownFeed = bundled?.feedStalled.emptyFeed;
  if (emptyFeed && !(knownFeed && knownFeed.containerSelector === emptyFeed.containerSelector
    && knownFeed.itemSelector === emptyFeed.itemSelector && emptyFeed.timeoutMs >= knownFeed.timeoutMs)) {
    out.push(refuse(`empty-feed rule ${emptyFeed.id}`));
  }
  const logout = candidate.logout;
  if (logout) {
    const known = bundled?.logout;
    for (const m of newPresenceMatchers(logout.loginWall, known?.loginWall)) out.push(refuse(`login-wall matcher ${m.id}`));
    for (const path of logout.loginPaths) if (!known?.loginPaths.includes(path)) out.push(refuse(`login path ${path}`));
    for (const selector of logout.loggedInSelectors) if (!known?.loggedInSelectors.includes(selector)) out.push(refuse(`logged-in marker ${selector}`));
    if (known && logout.recentLoginWindowMs > known.recentLoginWindowMs) out.push(refuse(`a login window of ${logout.recentLoginWindowMs} ms`));
  }
  return out;
}

function userContentRefusals(candidate: ServiceRules, bundled: ServiceRules | undefined): PackRefusal[] {
  const dropped = (bundled?.userContentSelectors ?? []).filter((s) => !candidate.userContentSelectors.includes(s));
  return dropped.length
    ? [{ code: 'user_content_shrunk', detail: `${candidate.service}: drops user-content exclusion(s) ${dropped.join(', ')}` }]
    : [];
}

/** Every way a schema-valid `candidate` breaks the invariants against `bundled` (empty: it keeps them all). */
export function packInvariantRefusals(candidate: RulePack, bundled: RulePack): PackRefusal[] {
  const out: PackRefusal[] = [];
  for (const rules of candidate.services) {
    const known = bundled.services.find((s) => s.service === rules.service);
    out.push(...userContentRefusals(rules, known), ...presenceRefusals(rules, known), ...thresholdRefusals(rules.service, rules.threshold));
  }
  return out;
}
