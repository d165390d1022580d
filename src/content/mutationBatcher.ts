// One MutationObserver for the whole page. Records only mark the changed
// subtrees; the work (detection) runs later, batched, when the page is idle,
// on the outermost changed elements only. A flood of mutations (a page render
// adding thousands of nodes) collapses into one scan of the page, never one
// scan per mutation.
//
// Text edits (`characterData`) are not observed: on a busy page they are
// counters and timestamps rewritten many times a second, and an error UI
// arrives as new elements. What the observer cannot see (an error revealed by
// a class or style change, a message completed by a later text edit) the
// periodic rescan finds: one scan of the page every `RESCAN_MS` while the page
// is visible (docs/detection.md, "Costs").

/** Above this many pending roots, one scan of `document.body` is cheaper than pruning them. */
export const MAX_PENDING_ROOTS = 300;
/** The longest a batch waits for an idle moment. */
export const IDLE_TIMEOUT_MS = 1_000;
/**
 * A batch gathers this long before it waits for an idle moment: on a busy page
 * (counters rewritten every few ms) the fixed cost of a batch is paid a few
 * times a second, not at every idle gap (docs/detection.md, "Costs").
 */
export const BATCH_DELAY_MS = 400;
/** Period of the full rescan. */
export const RESCAN_MS = 5_000;

export type Scheduler = (run: () => void) => void;

/** After `BATCH_DELAY_MS`, requestIdleCallback where the browser has it (with a deadline), else at once. */
export const scheduleWhenIdle: Scheduler = (run) => {
  const idle = (globalThis as { requestIdleCallback?: (cb: () => void, o?: { timeout: number }) => number }).requestIdleCallback;
  setTimeout(() => {
    if (typeof idle === 'function') idle(run, { timeout: IDLE_TIMEOUT_MS });
    else run();
  }, BATCH_DELAY_MS);
};

/** Elements only; text and attribute changes mark their element. */
function elementOf(node: Node): Element | null {
  return node.nodeType === 1 ? (node as Element) : node.parentElement;
}

/** Drops roots inside another pending root, roots no longer in the page and roots `ignore` says to leave (user content). */
export function outermostRoots(pending: ReadonlySet<Element>, ignore?: (el: Element) => boolean): Element[] {
  const roots: Element[] = [];
  for (const el of pending) {
    if (!el.isConnected || ignore?.(el)) continue;
    let nested = false;
    for (let up = el.parentElement; up; up = up.parentElement) {
      if (pending.has(up)) {
        nested = true;
        break;
      }
    }
    if (!nested) roots.push(el);
  }
  return roots;
}

export interface MutationBatcher {
  /** Runs the pending batch now (tests; the page's unload). */
  flush(): void;
  disconnect(): void;
}

export function watchMutations(
  doc: Document,
  onBatch: (roots: Element[]) => void,
  schedule: Scheduler = scheduleWhenIdle,
  rescanMs = RESCAN_MS,
  ignore?: (el: Element) => boolean,
): MutationBatcher {
  let pending = new Set<Element>();
  let overflow = false;
  let scheduled = false;
  let stopped = false;

  const flush = (): void => {
    scheduled = false;
    if (stopped) return;
    // Records the observer has not delivered yet belong to this batch too.
    collect(observer.takeRecords());
    const roots = overflow ? (doc.body ? [doc.body] : []) : outermostRoots(pending, ignore);
    pending = new Set();
    overflow = false;
    if (roots.length) onBatch(roots);
  };

  const mark = (node: Node): void => {
    if (overflow) return;
    const el = elementOf(node);
    if (!el) return;
    pending.add(el);
    if (pending.size > MAX_PENDING_ROOTS) {
      overflow = true;
      pending.clear();
    }
  };

  const collect = (records: MutationRecord[]): void => {
    for (const record of records) {
      if (record.type === 'childList') record.addedNodes.forEach(mark);
      else mark(record.target);
    }
  };

  const request = (): void => {
    if (!scheduled && (overflow || pending.size > 0)) {
      scheduled = true;
      schedule(flush);
    }
  };

  // The page's own MutationObserver (the document may belong to another window than the script's globals).
  const Observer = (doc.defaultView as (Window & typeof globalThis) | null)?.MutationObserver ?? MutationObserver;
  const observer = new Observer((records) => {
    collect(records);
    request();
  });
  observer.observe(doc.documentElement, {
    childList: true,
    subtree: true,
    attributes: true,
    // An error UI that the site keeps in the DOM and reveals by toggling these.
    attributeFilter: ['hidden', 'aria-hidden', 'open', 'inert'],
  });

  let rescanTimer: ReturnType<typeof setTimeout> | undefined;
  const rescan = (): void => {
    if (stopped) return;
    if (doc.visibilityState !== 'hidden') {
      overflow = true;
      pending.clear();
      request();
    }
    rescanTimer = setTimeout(rescan, rescanMs);
  };
  if (rescanMs > 0) rescanTimer = setTimeout(rescan, rescanMs);

  return {
    flush,
    disconnect() {
      stopped = true;
      clearTimeout(rescanTimer);
      observer.disconnect();
    },
  };
}
