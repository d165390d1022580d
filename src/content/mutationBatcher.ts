// One MutationObserver for the whole page. Records only mark the changed
// subtrees; the work (detection) runs later, batched, when the page is idle,
// on the outermost changed elements only. A flood of mutations (a page render
// adding thousands of nodes) collapses into one scan of the page, never one
// scan per mutation.

/** Above this many pending roots, one scan of `document.body` is cheaper than pruning them. */
export const MAX_PENDING_ROOTS = 300;
/** The longest a batch waits for an idle moment. */
export const IDLE_TIMEOUT_MS = 1_000;

export type Scheduler = (run: () => void) => void;

/** requestIdleCallback where the browser has it (with a deadline), else a short timeout. */
export const scheduleWhenIdle: Scheduler = (run) => {
  const idle = (globalThis as { requestIdleCallback?: (cb: () => void, o?: { timeout: number }) => number }).requestIdleCallback;
  if (typeof idle === 'function') idle(run, { timeout: IDLE_TIMEOUT_MS });
  else setTimeout(run, 50);
};

/** Elements only; text and attribute changes mark their element. */
function elementOf(node: Node): Element | null {
  return node.nodeType === 1 ? (node as Element) : node.parentElement;
}

/** Drops roots inside another pending root and roots no longer in the page. */
export function outermostRoots(pending: ReadonlySet<Element>): Element[] {
  const roots: Element[] = [];
  for (const el of pending) {
    if (!el.isConnected) continue;
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
    const roots = overflow ? (doc.body ? [doc.body] : []) : outermostRoots(pending);
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

  const observer = new MutationObserver((records) => {
    collect(records);
    if (!scheduled && (overflow || pending.size > 0)) {
      scheduled = true;
      schedule(flush);
    }
  });
  observer.observe(doc.documentElement, {
    childList: true,
    subtree: true,
    characterData: true,
    attributes: true,
    // An error UI that the site keeps in the DOM and reveals by toggling these.
    attributeFilter: ['hidden', 'aria-hidden'],
  });

  return {
    flush,
    disconnect() {
      stopped = true;
      observer.disconnect();
    },
  };
}
