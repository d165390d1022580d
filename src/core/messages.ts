// Messages between the extension's contexts, named by direction and typed in
// one place: `sendMessage` and the background's handler both use this map, so a
// wrong payload is a compile error. The background checks `sender` before acting.
import type { Signal } from './protocol.ts';

/** Signals the content script can see on a page (the rest come from webRequest). */
export type PageSignal = Extract<Signal, 'banner' | 'feed_stalled' | 'logout'>;

export interface ContentToBackground {
  /** A failure signal seen on the page. `ruleId` names the rule that matched (never page text). */
  'content/signal': { service: string; signal: PageSignal; ruleId: string };
  /** The page shows the service's logged-in UI; starts the logout watch window. */
  'content/loggedIn': { service: string };
  /** The user clicked the site's own log-out control: the next login wall is expected. */
  'content/logoutClicked': { service: string };
}

export type ContentMessage = {
  [K in keyof ContentToBackground]: { type: K; payload: ContentToBackground[K] };
}[keyof ContentToBackground];
