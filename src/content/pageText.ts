// Reading an element's text the way detection needs it: never the text of
// SCRIPT/STYLE/NOSCRIPT/TEMPLATE (sites keep their error strings in script
// bundles), never text users wrote (posts that quote an error), never parts
// hidden by attribute, optionally never link text (names of people, groups and
// pages are links: docs/detection.md, "Structure"), and never more than a
// bounded amount per element.
const SKIPPED_TAGS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'CANVAS', 'IFRAME', 'TEXTAREA', 'INPUT', 'SELECT']);
/** Enough for any error message plus its surroundings; bounds the work per element. */
export const MAX_TEXT_CHARS = 2_000;
/** Links are names and navigation: `a[href]`, `[role="link"]`. */
export const LINK_SELECTOR = 'a[href], [role="link"]';

export function isSkippedElement(element: Element): boolean {
  return SKIPPED_TAGS.has(element.tagName.toUpperCase());
}

/** Children of `el` that `detectableTextOf` reads (not skipped, hidden, user content or, with `skipLinks`, links). */
export function isReadChild(el: Element, userContentSelector: string | null, skipLinks: boolean): boolean {
  if (isSkippedElement(el) || el.hasAttribute('hidden') || el.getAttribute('aria-hidden') === 'true') return false;
  if (userContentSelector && el.matches(userContentSelector)) return false;
  return !(skipLinks && el.matches(LINK_SELECTOR));
}

/**
 * The element's text without skipped, hidden and user-content subtrees (and
 * links, with `skipLinks`), text nodes joined by spaces, cut at `MAX_TEXT_CHARS`.
 * `complete` tells whether the whole text was read.
 */
export function readText(element: Element, userContentSelector: string | null, skipLinks = false): { text: string; complete: boolean } {
  const parts: string[] = [];
  let length = 0;
  const stack: Node[] = [element];
  while (stack.length > 0 && length < MAX_TEXT_CHARS) {
    const node = stack.pop()!;
    if (node.nodeType === 3) {
      const text = node.nodeValue ?? '';
      if (text.trim()) {
        parts.push(text);
        length += text.length + 1;
      }
      continue;
    }
    if (node.nodeType !== 1) continue;
    const el = node as Element;
    if (el !== element && !isReadChild(el, userContentSelector, skipLinks)) continue;
    // Children pushed in reverse so they are read in document order.
    for (let child = el.lastChild; child; child = child.previousSibling) stack.push(child);
  }
  return { text: parts.join(' ').slice(0, MAX_TEXT_CHARS), complete: stack.length === 0 && length <= MAX_TEXT_CHARS };
}

export function detectableTextOf(element: Element, userContentSelector: string | null, skipLinks = false): string {
  return readText(element, userContentSelector, skipLinks).text;
}
