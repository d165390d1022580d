// Whether the user can see an element (docs/detection.md, "Visibility"). Sites
// keep error UIs in the DOM and reveal them later, and render off-screen
// shells for screen readers or measurement; only what is on screen counts.
//
// Where the browser lays the page out, `checkVisibility` answers for
// display/visibility/opacity/content-visibility and the box tells zero size
// and off-screen. Without layout (happy-dom in tests) the same questions are
// asked of the computed styles of the element and its ancestors.
const HIDDEN_SELECTOR = '[hidden], [aria-hidden="true"], template, [inert]';
/** An element placed this far left of or above the page is a hiding trick (`left: -9999px`). */
const OFF_SCREEN_PX = -1_000;

type Checkable = Element & { checkVisibility?: (options?: object) => boolean };

function viewOf(el: Element): (Window & typeof globalThis) | null {
  return (el.ownerDocument?.defaultView as (Window & typeof globalThis) | null) ?? null;
}

/** Whether the document is laid out (a real browser); happy-dom reports every box as 0×0. */
function hasLayout(el: Element): boolean {
  const root = el.ownerDocument?.documentElement;
  if (!root) return false;
  const box = root.getBoundingClientRect();
  return box.width > 0 || box.height > 0;
}

function styleHides(style: CSSStyleDeclaration): boolean {
  if (style.display === 'none' || style.visibility === 'hidden' || style.visibility === 'collapse') return true;
  if (style.opacity === '0' || style.contentVisibility === 'hidden') return true;
  if (/^rect\(\s*0(px)?[\s,]+0(px)?[\s,]+0(px)?[\s,]+0(px)?\s*\)$/.test(style.clip ?? '')) return true;
  if (style.clipPath === 'inset(50%)' || style.clipPath === 'inset(100%)') return true;
  if (style.position === 'absolute' || style.position === 'fixed') {
    if (Number.parseFloat(style.left) <= OFF_SCREEN_PX || Number.parseFloat(style.top) <= OFF_SCREEN_PX) return true;
  }
  // Zero-size boxes that clip their content (the "visually hidden" pattern).
  const zero = (v: string) => v === '0' || v === '0px' || v === '1px';
  return style.overflow === 'hidden' && zero(style.width) && zero(style.height);
}

/** Ancestors' computed styles, for documents without layout (bounded by the tree's depth). */
function stylesHide(el: Element): boolean {
  const view = viewOf(el);
  if (!view?.getComputedStyle) return false;
  for (let node: Element | null = el; node; node = node.parentElement) {
    if (styleHides(view.getComputedStyle(node))) return true;
  }
  return false;
}

function boxHidden(el: Element): boolean {
  const view = viewOf(el);
  const box = el.getBoundingClientRect();
  if (box.width < 2 || box.height < 2) return true;
  // Page coordinates: content scrolled out of view is still on the page; content placed before its start is not.
  const x = view?.scrollX ?? 0;
  const y = view?.scrollY ?? 0;
  return box.right + x <= 0 || box.bottom + y <= 0;
}

/** Whether the element is hidden from the user (see the header). */
export function isHiddenElement(el: Element): boolean {
  if (el.closest(HIDDEN_SELECTOR)) return true;
  const check = (el as Checkable).checkVisibility;
  if (typeof check === 'function' && !check.call(el, { opacityProperty: true, visibilityProperty: true, contentVisibilityAuto: true })) return true;
  if (hasLayout(el)) return boxHidden(el) || stylesHide(el);
  return stylesHide(el);
}
