// Runs the content script over corpus pages in happy-dom, one window per page
// at the page's real address (the service's web app host, the page's path),
// with the page's own inline scripts running (they insert late errors), and
// judges what it sent the way the background does: `banner` and
// `feed_stalled` always count; `logout` counts only as an unexpected logout
// (`isUnexpectedLogout`), i.e. when the user was seen logged in before.
import { Window } from 'happy-dom';
import { catalogService } from '../../src/core/catalog.ts';
import type { ContentMessage, ContentRequest } from '../../src/core/messages.ts';
import type { PageSignal } from '../../src/core/protocolValues.ts';
import { isUnexpectedLogout } from '../../src/core/rules/threshold.ts';
import { startContentScript } from '../../src/content/contentScript.ts';
import type { CorpusPage } from './corpus.ts';

/** Time given after `appearsAfterMs` for the page's insert and the script's batch. */
const SETTLE_MS = 300;
/** When the user was seen logged in, before the page (for `loggedIn: true`). */
const LOGGED_IN_BEFORE_MS = 60_000;

export interface PageResult {
  page: CorpusPage;
  /** The signals that count (see the header), distinct, in the order first sent. */
  signals: PageSignal[];
  /** Rule ids behind them. */
  rules: string[];
  /** A failure page on which its expected signal was sent. */
  detected: boolean;
  /** A normal page on which any counting signal was sent. */
  falseSignal: boolean;
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function evaluatePage(page: CorpusPage): Promise<PageResult> {
  const service = catalogService(page.service)!;
  const window = new Window({
    url: `https://${service.webApp.host}${page.path}`,
    width: 1280,
    height: 800,
    settings: {
      enableJavaScriptEvaluation: true,
      suppressInsecureJavaScriptEnvironmentWarning: true,
      disableIframePageLoading: true,
      disableCSSFileLoading: true,
      disableJavaScriptFileLoading: true,
      navigation: { disableMainFrameNavigation: true, disableChildFrameNavigation: true, disableChildPageNavigation: true },
    },
  });
  const document = window.document as unknown as Document;
  const started = Date.now();
  const sent: { type: string; signal?: PageSignal; ruleId?: string; at: number }[] = [];
  try {
    document.write(page.html);
    const handle = await startContentScript({
      document,
      location: { hostname: service.webApp.host, pathname: page.path },
      send: async (message: ContentMessage | ContentRequest) => {
        if (message.type === 'content/getConfig') return { service: service.id, enabled: true, rules: service.rules };
        sent.push({ type: message.type, ...(message.type === 'content/signal' ? { signal: message.payload.signal, ruleId: message.payload.ruleId } : {}), at: Date.now() });
        return undefined;
      },
      schedule: (run) => setTimeout(run, 0),
      rescanMs: 0,
    });
    await wait(page.appearsAfterMs + SETTLE_MS);
    handle?.flush();
    handle?.stop();
  } finally {
    await window.happyDOM.abort();
    await window.happyDOM.close();
  }
  const lastLoggedInAt = page.loggedIn ? started - LOGGED_IN_BEFORE_MS : null;
  const counting = sent.filter((m) => m.type === 'content/signal' && (m.signal !== 'logout' || isUnexpectedLogout({
    wallAt: m.at,
    lastLoggedInAt,
    lastLogoutClickAt: null,
    rules: service.rules,
  })));
  const signals = [...new Set(counting.map((m) => m.signal!))];
  return {
    page,
    signals,
    rules: [...new Set(counting.map((m) => m.ruleId!))],
    detected: page.expect !== 'none' && signals.includes(page.expect),
    falseSignal: page.expect === 'none' && signals.length > 0,
  };
}

/** Every page, a few at a time (each waits out its own `appearsAfterMs`). */
export async function evaluateCorpus(pages: readonly CorpusPage[], parallel = 8): Promise<PageResult[]> {
  const results: PageResult[] = new Array(pages.length);
  let next = 0;
  const worker = async () => {
    while (next < pages.length) {
      const i = next++;
      results[i] = await evaluatePage(pages[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, pages.length) }, worker));
  return results;
}
