// The only code that talks to the background from the page. It sends facts —
// a signal kind with the id of the rule that matched, "logged in", "log-out
// clicked" — never page text or URLs, and it rate-limits repeats so a banner
// that stays on screen is one signal per 30 s, not one per mutation.
import type { ContentMessage, PageSignal } from '../core/messages.ts';

/** The same signal with the same rule is sent at most once per this long. */
export const SIGNAL_REPEAT_MS = 30_000;
/** "Logged in" is refreshed this often while the page stays logged in. */
export const LOGGED_IN_REPEAT_MS = 10 * 60_000;

export type Send = (message: ContentMessage) => Promise<unknown> | unknown;

export interface SignalSender {
  signal(signal: PageSignal, ruleId: string): boolean;
  loggedIn(): boolean;
  /** After a wall or a log-out click, the next "logged in" is news: send it at once. */
  forgetLoggedIn(): void;
  logoutClicked(): void;
}

export function createSignalSender(service: string, send: Send, now: () => number, onSendError: (error: unknown) => void): SignalSender {
  const lastSent = new Map<string, number>();

  const post = (message: ContentMessage): void => {
    try {
      Promise.resolve(send(message)).catch(onSendError);
    } catch (error) {
      onSendError(error);
    }
  };

  const due = (key: string, repeatMs: number): boolean => {
    const t = now();
    const last = lastSent.get(key);
    if (last !== undefined && t - last < repeatMs && t >= last) return false;
    lastSent.set(key, t);
    return true;
  };

  return {
    signal(signal, ruleId) {
      // One wall is one `logout`, however many of its markers (form, login path) matched.
      if (!due(signal === 'logout' ? signal : `${signal}:${ruleId}`, SIGNAL_REPEAT_MS)) return false;
      post({ type: 'content/signal', payload: { service, signal, ruleId } });
      return true;
    },
    loggedIn() {
      if (!due('loggedIn', LOGGED_IN_REPEAT_MS)) return false;
      post({ type: 'content/loggedIn', payload: { service } });
      return true;
    },
    forgetLoggedIn() {
      lastSent.delete('loggedIn');
    },
    logoutClicked() {
      post({ type: 'content/logoutClicked', payload: { service } });
    },
  };
}
