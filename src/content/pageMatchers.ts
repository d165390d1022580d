// The page matchers: generic functions that read compiled rules and look only
// inside the subtrees that changed (docs/detection.md banner / feed_stalled / logout;
// docs/detection.md). A root is first tested cheaply: its raw text, compacted,
// must contain one of a matcher's patterns, else nothing in it is examined
// (a new post or a rewritten counter costs one `textContent`). Only then are
// candidate containers read carefully (user content, links and hidden parts
// left out) and judged by structure (structure.ts); the element that holds the
// text must be visible (visibility.ts).
import type { CompiledMatcher, CompiledRules } from './compiledRules.ts';
import { readText, isReadChild } from './pageText.ts';
import { ALERT_ROLES, MAIN_REGION, STATUS_ROLES, floatingToast, looksLikeErrorUi, type Candidate, type StructureContext } from './structure.ts';
import { isHiddenElement } from './visibility.ts';
import { compactText } from '../core/rules/text.ts';

/** Elements whose text is examined, per selector per root: a flood of new elements is scanned in part, not frozen. */
export const MAX_CANDIDATES_PER_SELECTOR = 100;
/** Elements looked at per selector per root at all (most are skipped cheaply as user content). */
const MAX_VISITED_PER_SELECTOR = 2_000;
/** Depth of the walk from a matching container down to the element holding the text. */
const MAX_DESCENT = 30;

/** Counts the elements examined, so tests can hold the work per batch bounded. */
export interface WorkCounter {
  candidates: number;
}

/** One batch's view of the page: texts computed once per element and batch. */
export class BatchScan {
  private readonly rawCompact = new Map<Element, string>();
  private readonly readCache = new Map<Element, { text: string; complete: boolean }>();
  private readonly fullCache = new Map<Element, string>();
  readonly structure: StructureContext;

  constructor(
    readonly roots: readonly Element[],
    readonly rules: CompiledRules,
    readonly work: WorkCounter,
  ) {
    const body = roots[0]?.ownerDocument?.body ?? null;
    this.structure = { retryLabels: rules.retryLabels, labelOf: (el) => this.fullText(el), body };
  }

  /** Cheap test: the root's raw text (user content included) holds one of the matcher's patterns. */
  mayMatch(root: Element, matcher: CompiledMatcher): boolean {
    if (matcher.text.presenceOnly) return true;
    let compact = this.rawCompact.get(root);
    if (compact === undefined) {
      compact = compactText(root.textContent ?? '');
      this.rawCompact.set(root, compact);
    }
    return matcher.text.patterns.some((p) => compact.includes(p));
  }

  /** Compact text without user content, hidden parts and links. */
  messageText(el: Element): { text: string; complete: boolean } {
    let read = this.readCache.get(el);
    if (!read) {
      const raw = readText(el, this.rules.userContent, true);
      read = { text: compactText(raw.text), complete: raw.complete };
      this.readCache.set(el, read);
    }
    return read;
  }

  /** Compact text without user content and hidden parts, links included (control labels). */
  fullText(el: Element): string {
    let text = this.fullCache.get(el);
    if (text === undefined) {
      text = compactText(readText(el, this.rules.userContent, false).text) || compactText(el.getAttribute('aria-label') ?? '');
      this.fullCache.set(el, text);
    }
    return text;
  }

  inUserContent(el: Element): boolean {
    return this.rules.inUserContent(el);
  }
}

/** The matcher's own containers: the root's nearest, then those inside it, per selector, outside user content. */
function ruleContainers(scan: BatchScan, root: Element, matcher: CompiledMatcher, skipUserContent: boolean): Element[] {
  const out: Element[] = [];
  const inUserContent = (el: Element) => skipUserContent && scan.inUserContent(el);
  const up = root.closest(matcher.selector);
  if (up && !inUserContent(up)) out.push(up);
  // One native query tells most roots hold none of the selectors (a new post holds no login form).
  if (scan.rules.surelyNone(root, matcher.selector)) return out;
  for (const selector of matcher.selectors) {
    const found = scan.rules.queryAll(root, selector);
    let taken = 0;
    for (let i = 0; i < found.length && i < MAX_VISITED_PER_SELECTOR && taken < MAX_CANDIDATES_PER_SELECTOR; i++) {
      if (inUserContent(found[i]!)) continue;
      out.push(found[i]!);
      taken++;
    }
  }
  return out;
}

/** Containers a message may sit in when the site changed its wrapper: the changed element, alert/status roles, the main region, the page. */
function structuralContainers(scan: BatchScan, root: Element): Element[] {
  const out: Element[] = [root];
  const roles = `${ALERT_ROLES}, ${STATUS_ROLES}`;
  const up = root.closest(roles);
  if (up) out.push(up);
  const found = root.querySelectorAll(roles);
  for (let i = 0; i < found.length && i < MAX_CANDIDATES_PER_SELECTOR; i++) out.push(found[i]!);
  const main = root.closest(MAIN_REGION) ?? root.querySelector(MAIN_REGION);
  if (main) out.push(main);
  if (scan.structure.body) out.push(scan.structure.body);
  return out.filter((el) => !scan.inUserContent(el));
}

/** The deepest element under `el` whose message text still holds `pattern`: where the user would see it. */
function holderOf(scan: BatchScan, el: Element, pattern: string): Element {
  let holder = el;
  for (let depth = 0; depth < MAX_DESCENT; depth++) {
    let next: Element | null = null;
    for (let child = holder.firstElementChild; child; child = child.nextElementSibling) {
      if (isReadChild(child, scan.rules.userContent, true) && scan.messageText(child).text.includes(pattern)) {
        next = child;
        break;
      }
    }
    if (!next) break;
    holder = next;
  }
  return holder;
}

/** A message matcher (`contains`): the text in a container that looks like the site's error UI, visibly. */
function messageMatches(scan: BatchScan, root: Element, matcher: CompiledMatcher, seen: Set<Element>): boolean {
  const rule = new Set(ruleContainers(scan, root, matcher, true));
  for (const el of matcher.onlyInSelectors ? rule : [...rule, ...structuralContainers(scan, root)]) {
    if (seen.has(el)) continue;
    seen.add(el);
    scan.work.candidates++;
    const { text, complete } = scan.messageText(el);
    const pattern = matcher.text.match(text);
    if (pattern === undefined) continue;
    const candidate: Candidate = { element: el, pattern, text, complete, inRuleSelector: rule.has(el) || el.matches(matcher.selector) };
    const holder = holderOf(scan, el, pattern);
    // A toast in a wrapper no rule names: the text in a short box fixed to the viewport.
    const errorUi = looksLikeErrorUi(candidate, scan.structure) ||
      (!matcher.onlyInSelectors && floatingToast(holder, (box) => scan.messageText(box).text.length) !== null);
    if (errorUi && !isHiddenElement(holder)) return true;
  }
  return false;
}

/** A control matcher (`equals`, or presence alone): an element of the rule's selectors, visibly. */
function controlMatches(scan: BatchScan, root: Element, matcher: CompiledMatcher, seen: Set<Element>, skipUserContent: boolean): boolean {
  for (const el of ruleContainers(scan, root, matcher, skipUserContent)) {
    if (seen.has(el)) continue;
    seen.add(el);
    scan.work.candidates++;
    if (!matcher.text.presenceOnly && matcher.text.match(scan.fullText(el)) === undefined) continue;
    if (!isHiddenElement(el)) return true;
  }
  return false;
}

/**
 * Ids of the matchers that match in any root of the batch (each id at most
 * once). `skipUserContent: false` is for the login wall, whose form fields
 * look like editors.
 */
export function matchingRuleIds(scan: BatchScan, matchers: readonly CompiledMatcher[], skipUserContent = true): string[] {
  const ids: string[] = [];
  for (const matcher of matchers) {
    const seen = new Set<Element>();
    const message = !matcher.text.presenceOnly && !matcher.text.equals;
    for (const root of scan.roots) {
      if (!scan.mayMatch(root, matcher)) continue;
      if (skipUserContent && !matcher.text.presenceOnly && scan.inUserContent(root)) continue;
      if (message ? messageMatches(scan, root, matcher, seen) : controlMatches(scan, root, matcher, seen, skipUserContent)) {
        ids.push(matcher.id);
        break;
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
    if (matcher.text.presenceOnly || matcher.text.match(compactText(readText(el, null).text)) !== undefined) return matcher.id;
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
