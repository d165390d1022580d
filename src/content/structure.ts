// Structural evidence (docs/detection.md, "Structure"): a rule's text found
// on the page counts only when what surrounds it looks like the site's own
// error UI, and never when it sits in what users wrote. The selectors here are
// HTML and ARIA semantics shared by every site; what is particular to one site
// (its error containers, its user content, its retry labels) is rule data.

/** What users write or are named in, on any site: posts, comments, quotes, editors. */
export const GENERIC_USER_CONTENT = [
  'article', '[role="article"]', '[role="comment"]', '[role="textbox"]', '[contenteditable="true"]', '[contenteditable=""]', 'blockquote', 'textarea',
];
/** Roles an error announces itself with. */
export const ALERT_ROLES = '[role="alert"], [role="alertdialog"]';
/** Roles and live regions that carry errors and much else (progress, confirmations, menus). */
export const STATUS_ROLES = '[role="status"], [aria-live="assertive"], [aria-live="polite"], [role="dialog"], dialog[open]';
/** The page's main region: emptied of content and holding only the error, it is a failed page. */
export const MAIN_REGION = 'main, [role="main"]';
/** Controls a retry/reload label can sit on. */
export const CONTROLS = 'button, [role="button"], a[href], input[type="button"], input[type="submit"]';

/** A container with this much text (compact) or less is about the error alone. */
export const SHORT_TEXT = 400;
/** A page (or main region) with this little text, holding the error, is an error page… */
export const ERROR_PAGE_TEXT = 700;
/** A body with at most this many elements is a document, not an app: a full-page error has a few dozen. */
export const ERROR_PAGE_ELEMENTS = 60;
/** In an app page (more elements), a main region of little text counts a little when the error is this share of it. */
export const ERROR_PAGE_SHARE = 0.2;
/** A site error container holding more than this is mostly other content. */
export const LONG_TEXT = 1_000;
/** Controls looked at in one container for a retry label. */
const MAX_CONTROLS = 12;

export interface Candidate {
  element: Element;
  /** The compact pattern found in the text. */
  pattern: string;
  /** Compact text of the container (links, hidden and user content left out). */
  text: string;
  /** Whether the whole text was read (not cut at the bound). */
  complete: boolean;
  /** The container matches the rule's own selectors (the site's error UI). */
  inRuleSelector: boolean;
}

/** Ancestors looked at for a floating box around the text. */
const FLOATING_DEPTH = 8;
/** A floating box with this much text (compact) or less is a toast or snackbar. */
export const TOAST_TEXT = 200;

/**
 * The toast around `holder`, if any: the nearest fixed-position ancestor
 * (sites render toasts and snackbars as boxes fixed to the viewport, and what
 * users write never floats) whose text is short.
 */
export function floatingToast(holder: Element, messageLength: (el: Element) => number): Element | null {
  const view = holder.ownerDocument?.defaultView;
  if (!view?.getComputedStyle) return null;
  let el: Element | null = holder;
  for (let depth = 0; el && el !== holder.ownerDocument.body && depth < FLOATING_DEPTH; depth++, el = el.parentElement) {
    if (view.getComputedStyle(el).position === 'fixed') return messageLength(el) <= TOAST_TEXT ? el : null;
  }
  return null;
}

export interface StructureContext {
  /** Compact labels of the site's retry/reload controls. */
  retryLabels: ReadonlySet<string>;
  /** The compact label of a control. */
  labelOf(control: Element): string;
  body: Element | null;
}

/** Whether the container holds a control labelled like the site's retry/reload control. */
export function hasRetryControl(container: Element, ctx: StructureContext): boolean {
  if (ctx.retryLabels.size === 0) return false;
  const controls = container.querySelectorAll(CONTROLS);
  for (let i = 0; i < controls.length && i < MAX_CONTROLS; i++) {
    if (ctx.retryLabels.has(ctx.labelOf(controls[i]!))) return true;
  }
  return false;
}

/**
 * Whether a container holding a rule's text is the site's error UI. Strong
 * evidence alone is enough: the rule's own selector around a short text, an
 * alert role, a retry control beside a short text, a tiny page (a document of
 * a few dozen elements, not an app) whose text is little more than the error.
 * Weaker cues (a status or dialog role, a long text in the rule's container, a
 * retry control beside a longer text, an app's main region or page whose
 * little text is a good part the error) count in twos.
 */
export function looksLikeErrorUi(c: Candidate, ctx: StructureContext): boolean {
  const length = c.text.length;
  let strong = 0;
  let weak = 0;
  if (c.inRuleSelector) {
    if (length <= LONG_TEXT) strong++;
    else weak++;
  }
  if (c.element.closest(ALERT_ROLES)) strong++;
  else if (c.element.closest(STATUS_ROLES)) weak++;
  const pageLevel = c.element === ctx.body || c.element.matches(MAIN_REGION);
  if (pageLevel && c.complete && length <= ERROR_PAGE_TEXT) {
    const elements = ctx.body ? ctx.body.getElementsByTagName('*').length : Infinity;
    if (elements <= ERROR_PAGE_ELEMENTS) strong++;
    else if (c.pattern.length >= length * ERROR_PAGE_SHARE) weak++;
  }
  if (strong === 0 && length <= LONG_TEXT && hasRetryControl(c.element, ctx)) {
    if (length <= SHORT_TEXT) strong++;
    else weak++;
  }
  return strong > 0 || weak > 1;
}
