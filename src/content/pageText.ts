// Reading an element's visible text the way detection needs it: never the
// text of SCRIPT/STYLE/NOSCRIPT/TEMPLATE (sites keep their error strings in
// script bundles), never text users wrote (posts that quote an error), never
// hidden parts, and never more than a bounded amount per element.
const SKIPPED_TAGS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'CANVAS', 'IFRAME', 'TEXTAREA']);
/** Enough for any error message plus its surroundings; bounds the work per element. */
export const MAX_TEXT_CHARS = 2_000;
const HIDDEN_SELECTOR = '[hidden], [aria-hidden="true"]';

export function isSkippedElement(element: Element): boolean {
  return SKIPPED_TAGS.has(element.tagName.toUpperCase());
}

/**
 * Whether the element is hidden from the user: by `hidden`/`aria-hidden` on it
 * or an ancestor, or (where the browser can tell) by CSS. Error UIs that sites
 * keep in the DOM but hide must not count.
 */
export function isHiddenElement(element: Element): boolean {
  if (element.closest(HIDDEN_SELECTOR)) return true;
  const check = (element as Element & { checkVisibility?: (o?: object) => boolean }).checkVisibility;
  return typeof check === 'function' && !check.call(element, { visibilityProperty: true });
}

/**
 * The element's text without skipped, hidden and user-content subtrees, text
 * nodes joined by spaces (so "Retry" in its own span stays a word), cut at
 * `MAX_TEXT_CHARS`.
 */
export function detectableTextOf(element: Element, userContentSelector: string | null): string {
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
    if (el !== element) {
      if (isSkippedElement(el) || el.hasAttribute('hidden') || el.getAttribute('aria-hidden') === 'true') continue;
      if (userContentSelector && el.matches(userContentSelector)) continue;
    }
    // Children pushed in reverse so they are read in document order.
    for (let child = el.lastChild; child; child = child.previousSibling) stack.push(child);
  }
  return parts.join(' ').slice(0, MAX_TEXT_CHARS);
}
