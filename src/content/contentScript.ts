// The content script's wiring, with every platform dependency passed in (the
// entry `main.ts` passes the real ones), so it runs the same in happy-dom
// tests. It identifies the service, loads its config, scans the page once,
// then scans only what changes, in idle-time batches, and sends facts.
//
//   startContentScript(env) → Promise<ContentScriptHandle | null>
//     null when the background does not count the page as a catalog service
//     page, the user switched the service off, or there are no rules for it;
//     nothing is observed then.
import type { ContentMessage, ContentRequest } from '../core/messages.ts';
import { pathMatchesPrefix } from '../core/rules/text.ts';
import { compileRules, type CompiledRules } from './compiledRules.ts';
import { isServiceDisabled, loadContentConfig } from './contentConfig.ts';
import { BatchScan, emptyFeedContainer, logoutControlAt, matchingRuleIds, showsLoggedIn, type WorkCounter } from './pageMatchers.ts';
import { watchMutations, type Scheduler } from './mutationBatcher.ts';
import { createSignalSender } from './signalSender.ts';

export interface ContentEnv {
  document: Document;
  location: { hostname: string; pathname: string };
  /** `runtime.sendMessage`: fire-and-forget messages and the config request. */
  send(message: ContentMessage | ContentRequest): Promise<unknown>;
  /** `storage.onChanged.addListener`: switching the service off stops the script at once. */
  onStorageChanged?(listener: (changes: Record<string, { newValue?: unknown }>, area: string) => void): void;
  now?(): number;
  schedule?: Scheduler;
  /** Period of the bounded full rescan (mutationBatcher.ts); 0 turns it off. */
  rescanMs?: number;
}

export interface ContentScriptHandle {
  service: string;
  /** Runs the pending batch now instead of at the next idle moment. */
  flush(): void;
  stop(): void;
  /** Work done so far: batches run and elements examined. */
  readonly work: WorkCounter & { batches: number };
}

export async function startContentScript(env: ContentEnv): Promise<ContentScriptHandle | null> {
  const config = await loadContentConfig(env.send);
  if (!config?.enabled) return null;
  return watchPage(env, config.service, compileRules(config.rules, env.document));
}

function watchPage(env: ContentEnv, service: string, rules: CompiledRules): ContentScriptHandle {
  const doc = env.document;
  const now = env.now ?? Date.now;
  const work = { batches: 0, candidates: 0 };
  let stopped = false;
  const sender = createSignalSender(service, env.send, now, (error) => {
    // The extension was reloaded or removed under this page: nobody is listening any more.
    if (String(error).includes('context invalidated')) stop();
  });

  // Log-out state of this page: after a click on the site's log-out control
  // the wall is expected, until the user is seen logged in again after it.
  let logoutClicked = false;
  let wallSinceClick = false;
  // One wall is one `logout` fact, however long the user stays on it.
  let wallReported = false;
  const noteLogoutClick = (): void => {
    logoutClicked = true;
    wallSinceClick = false;
    sender.forgetLoggedIn();
    sender.logoutClicked();
  };

  let lastPath: string | null = null;
  const checkPath = (): void => {
    const logout = rules.logout;
    const path = env.location.pathname;
    if (!logout || path === lastPath) return;
    lastPath = path;
    if (pathMatchesPrefix(path, logout.logoutPaths)) noteLogoutClick();
    else if (pathMatchesPrefix(path, logout.loginPaths)) onWall(logout.id);
  };

  const onWall = (ruleId: string): void => {
    // A login prompt over a page that still shows the account is not a log-out.
    if (rules.logout?.loggedIn && doc.querySelector(rules.logout.loggedIn)) return;
    sender.forgetLoggedIn();
    if (logoutClicked) {
      wallSinceClick = true;
      return;
    }
    if (!wallReported) wallReported = sender.signal('logout', ruleId);
  };

  let emptyTimer: ReturnType<typeof setTimeout> | undefined;
  let watchedEmpty: Element | null = null;
  const checkEmptyFeed = (): void => {
    const container = emptyFeedContainer(doc, rules);
    if (container === watchedEmpty) return;
    clearTimeout(emptyTimer);
    watchedEmpty = container;
    if (!container || !rules.emptyFeed) return;
    const { id, timeoutMs } = rules.emptyFeed;
    // Once per empty episode: it fires again only after the feed filled or was replaced.
    emptyTimer = setTimeout(() => {
      if (!stopped && emptyFeedContainer(doc, rules) === container) sender.signal('feed_stalled', id);
    }, timeoutMs);
  };

  const scan = (roots: Element[]): void => {
    if (stopped) return;
    work.batches++;
    // The path first: on a logout page the account UI is still showing, and is not news.
    checkPath();
    // One signal per kind per batch: two rules matching the same error are one event.
    const batch = new BatchScan(roots, rules, work);
    const [bannerId] = matchingRuleIds(batch, rules.banner);
    if (bannerId) sender.signal('banner', bannerId);
    const [feedId] = matchingRuleIds(batch, rules.feedStalled);
    if (feedId) sender.signal('feed_stalled', feedId);
    if (rules.logout) {
      if (showsLoggedIn(roots, rules)) {
        wallReported = false;
        if (logoutClicked && wallSinceClick) logoutClicked = false;
        if (!logoutClicked) sender.loggedIn();
      }
      const [wallId] = matchingRuleIds(batch, rules.logout.loginWall, false);
      if (wallId) onWall(wallId);
    }
    checkEmptyFeed();
  };

  const onClick = (event: Event): void => {
    const target = event.target as Node | null;
    const el = target && (target.nodeType === 1 ? (target as Element) : target.parentElement);
    if (el && logoutControlAt(el, rules)) noteLogoutClick();
  };

  // Changes inside user content are never read (posts, counters, names): they are dropped before the batch.
  const batcher = watchMutations(doc, scan, env.schedule, env.rescanMs, rules.inUserContent);
  doc.addEventListener('click', onClick, true);
  env.onStorageChanged?.((changes, area) => {
    if (area === 'local' && changes.settings && isServiceDisabled(changes.settings.newValue, service)) stop();
  });

  function stop(): void {
    if (stopped) return;
    stopped = true;
    batcher.disconnect();
    clearTimeout(emptyTimer);
    doc.removeEventListener('click', onClick, true);
  }

  // The one full scan: the page as it is when the script starts.
  if (doc.body) scan([doc.body]);
  else checkPath();

  return { service, flush: () => batcher.flush(), stop, work };
}
