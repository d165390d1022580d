// One service's rules made ready for the page: selectors checked once (a bad
// selector from a pack is dropped, not thrown on every mutation) and joined
// into one selector list per matcher; text patterns normalised once.
import type { ServiceRules, TextMatcher } from '../core/rules/schema.ts';
import { compactPatterns, compileTextTest, type TextTest } from '../core/rules/text.ts';
import { GENERIC_USER_CONTENT } from './structure.ts';

export interface CompiledMatcher {
  id: string;
  /** The matcher's valid selectors as one selector list (for `closest`). */
  selector: string;
  /** The same, one by one: each gets its own candidate budget, so a selector matching
   *  thousands of elements cannot crowd out another's single error toast. */
  selectors: string[];
  text: TextTest;
  /** The text counts only inside the matcher's own selectors (no structural containers). */
  onlyInSelectors: boolean;
}

export interface CompiledRules {
  service: string;
  /** The rules' user-content selectors and the generic ones (structure.ts) as one list. */
  userContent: string | null;
  /** `root.querySelectorAll(selector)`, right where the DOM scopes selectors wrongly (see `scopedQuery`). */
  queryAll(root: Element, selector: string): ArrayLike<Element>;
  /** Whether `root` holds no element of a selector list, when one native call can tell (else false). */
  surelyNone(root: Element, selectorList: string): boolean;
  /** Whether an element is (inside) user content; answers are remembered per element. */
  inUserContent(el: Element): boolean;
  /** Compact labels of the site's retry/reload controls: its `retryTexts` and its `equals` feed matchers' texts. */
  retryLabels: ReadonlySet<string>;
  banner: CompiledMatcher[];
  feedStalled: CompiledMatcher[];
  emptyFeed: { id: string; container: string; item: string; timeoutMs: number } | null;
  logout: {
    id: string;
    loggedIn: string | null;
    loginWall: CompiledMatcher[];
    loginPaths: string[];
    logoutControls: CompiledMatcher[];
    logoutPaths: string[];
  } | null;
}

/** The selectors the browser accepts (a bad one from a pack is dropped). */
export function validSelectors(selectors: readonly string[], doc: Document): string[] {
  const probe = doc.createDocumentFragment();
  return selectors.filter((selector) => {
    try {
      probe.querySelector(selector);
      return true;
    } catch {
      return false;
    }
  });
}

/** The valid selectors joined into one list; null when none is valid. */
export function validSelectorList(selectors: readonly string[], doc: Document): string | null {
  const valid = validSelectors(selectors, doc);
  return valid.length ? valid.join(', ') : null;
}

function compileMatchers(matchers: readonly TextMatcher[], doc: Document): CompiledMatcher[] {
  const out: CompiledMatcher[] = [];
  for (const matcher of matchers) {
    const selectors = validSelectors(matcher.selectors, doc);
    if (selectors.length) out.push({ id: matcher.id, selector: selectors.join(', '), selectors, text: compileTextTest(matcher), onlyInSelectors: matcher.onlyInSelectors === true });
  }
  return out;
}

/**
 * `el.closest(selector) !== null`, remembered per element along the path
 * walked: on a busy page most changes are inside a few posts, whose ancestors
 * are then answered from memory instead of by matching the selector list again.
 */
export function userContentChecker(selector: string | null): (el: Element) => boolean {
  const memo = new WeakMap<Element, boolean>();
  return (el) => {
    if (!selector) return false;
    const path: Element[] = [];
    let verdict = false;
    for (let up: Element | null = el; up; up = up.parentElement) {
      const known = memo.get(up);
      if (known !== undefined) {
        verdict = known;
        break;
      }
      if (up.matches(selector)) {
        verdict = true;
        memo.set(up, true);
        break;
      }
      path.push(up);
    }
    for (const walked of path) memo.set(walked, verdict);
    return verdict;
  };
}

/** The last compound of a selector (`#a [role="button"]` → `[role="button"]`), outside brackets and quotes. */
export function rightmostCompound(selector: string): string {
  let depth = 0;
  let quote = '';
  for (let i = selector.length - 1; i >= 0; i--) {
    const ch = selector[i]!;
    if (quote) {
      if (ch === quote) quote = '';
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === ']' || ch === ')') depth++;
    else if (ch === '[' || ch === '(') depth--;
    else if (depth === 0 && (ch === ' ' || ch === '>' || ch === '+' || ch === '~')) return selector.slice(i + 1).trim();
  }
  return selector.trim();
}

/**
 * Browsers match a selector's ancestor part anywhere in the document when
 * querying inside an element (`el.querySelectorAll('#main button')` finds the
 * buttons of `el` inside #main). Some DOM implementations (happy-dom) match
 * only inside `el`; there each element found by the selector's last compound
 * is tested with `matches` instead.
 */
export function scopesRight(doc: Document): boolean {
  const probe = doc.createElement('div');
  probe.innerHTML = '<p class="a"><b class="b"><i class="c"></i></b></p>';
  return probe.querySelector('.b')!.querySelectorAll('.a .c').length === 1;
}

export function scopedQuery(doc: Document): (root: Element, selector: string) => ArrayLike<Element> {
  if (scopesRight(doc)) return (root, selector) => root.querySelectorAll(selector);
  return (root, selector) => {
    const last = rightmostCompound(selector);
    if (last === selector.trim()) return root.querySelectorAll(selector);
    return [...root.querySelectorAll(last)].filter((el) => el.matches(selector));
  };
}

export function compileRules(rules: ServiceRules, doc: Document): CompiledRules {
  const empty = rules.feedStalled.emptyFeed;
  const container = empty ? validSelectorList([empty.containerSelector], doc) : null;
  const item = empty ? validSelectorList([empty.itemSelector], doc) : null;
  const logout = rules.logout;
  const userContent = validSelectorList([...rules.userContentSelectors, ...GENERIC_USER_CONTENT], doc);
  return {
    service: rules.service,
    userContent,
    inUserContent: userContentChecker(userContent),
    queryAll: scopedQuery(doc),
    surelyNone: scopesRight(doc) ? (root, list) => root.querySelector(list) === null : () => false,
    retryLabels: new Set([
      ...compactPatterns(rules.retryTexts),
      ...rules.feedStalled.matchers.filter((m) => m.textMatch === 'equals').flatMap((m) => compactPatterns(m.texts)),
    ]),
    banner: compileMatchers(rules.banner, doc),
    feedStalled: compileMatchers(rules.feedStalled.matchers, doc),
    emptyFeed: empty && container && item ? { id: empty.id, container, item, timeoutMs: empty.timeoutMs } : null,
    logout: logout
      ? {
          id: logout.id,
          loggedIn: validSelectorList(logout.loggedInSelectors, doc),
          loginWall: compileMatchers(logout.loginWall, doc),
          loginPaths: logout.loginPaths,
          logoutControls: compileMatchers(logout.logoutControls, doc),
          logoutPaths: logout.logoutPaths,
        }
      : null,
  };
}
