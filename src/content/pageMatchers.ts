// The page matchers: generic functions that read compiled rules and look only
// inside the subtrees that changed (DESIGN §3 banner / feed_stalled / logout).
// Matching happens only in elements the rules name as the site's own UI, and
// text inside user-content areas is never read.
import type { CompiledMatcher, CompiledRules } from './compiledRules.ts';
import { detectableTextOf, isHiddenElement } from './pageText.ts';
import { normaliseText } from '../core/rules/text.ts';

/** Elements whose text is examined, per selector per root: a flood of new elements is scanned in part, not frozen. */
export const MAX_CANDIDATES_PER_SELECTOR = 100;
/** Elements looked at per selector per root at all (most are skipped cheaply as user content). */
const MAX_VISITED_PER_SELECTOR = 2_000;

/** Counts the elements examined, so tests can hold the work per batch bounded. */
export interface WorkCounter {
  candidates: number;
}

/**
 * The root itself or its nearest matching ancestor, then matching descendants,
 * per selector, leaving out elements inside user content. Posts are skipped
 * before the budget is spent, so a timeline of hundreds of posts with their
 * own buttons cannot hide the site's one Retry button after them.
 */
function candidatesIn(root: Element, matcher: CompiledMatcher, userContent: string | null): Element[] {
  const out: Element[] = [];
  const inUserContent = (el: Element) => userContent !== null && el.closest(userContent) !== null;
  const up = root.closest(matcher.selector);
  if (up && !inUserContent(up)) out.push(up);
  for (const selector of matcher.selectors) {
    const found = root.querySelectorAll(selector);
    let taken = 0;
    for (let i = 0; i < found.length && i < MAX_VISITED_PER_SELECTOR && taken < MAX_CANDIDATES_PER_SELECTOR; i++) {
      if (inUserContent(found[i]!)) continue;
      out.push(found[i]!);
      taken++;
    }
  }
  return out;
}

function elementMatches(el: Element, matcher: CompiledMatcher, userContent: string | null): boolean {
  // Text first: it is the rare match that pays for the (style-reading) visibility check.
  if (!matcher.text.presenceOnly && !matcher.text.matches(normaliseText(detectableTextOf(el, userContent)))) return false;
  return !isHiddenElement(el);
}

/**
 * Ids of the matchers that match in any of `roots` (each id at most once).
 * `seen` dedupes elements across roots of one batch.
 */
export function matchingRuleIds(
  roots: readonly Element[],
  matchers: readonly CompiledMatcher[],
  userContent: string | null,
  work: WorkCounter,
): string[] {
  const ids: string[] = [];
  for (const matcher of matchers) {
    const seen = new Set<Element>();
    search: for (const root of roots) {
      for (const el of candidatesIn(root, matcher, userContent)) {
        if (seen.has(el)) continue;
        seen.add(el);
        work.candidates++;
        if (elementMatches(el, matcher, userContent)) {
          ids.push(matcher.id);
          break search;
        }
      }
    }
  }
  return ids;
}

/** Whether any root shows one of the logged-in markers (presence, outside hidden parts). */
export function showsLoggedIn(roots: readonly Element[], rules: CompiledRules): boolean {
  const selector = rules.logout?.loggedIn;
  if (!selector) return false;
  return roots.some((root) => {
    const el = root.closest(selector) ?? root.querySelector(selector);
    return el !== null && !el.closest('[hidden]');
  });
}

/** The log-out control the user clicked, if `target` is (inside) one. */
export function logoutControlAt(target: Element, rules: CompiledRules): string | undefined {
  for (const matcher of rules.logout?.logoutControls ?? []) {
    const el = target.closest(matcher.selector);
    if (!el) continue;
    if (matcher.text.presenceOnly || matcher.text.matches(normaliseText(detectableTextOf(el, null)))) return matcher.id;
  }
  return undefined;
}

/** The feed container is on the page and holds no item: the state the empty-feed timeout watches. */
export function emptyFeedContainer(doc: Document, rules: CompiledRules): Element | null {
  const rule = rules.emptyFeed;
  if (!rule) return null;
  const container = doc.querySelector(rule.container);
  return container && !container.querySelector(rule.item) ? container : null;
}
