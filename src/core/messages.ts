// Messages between the extension's contexts, named by direction and typed in
// one place: `sendMessage` and the background's handler both use this map, so a
// wrong payload is a compile error. The background checks `sender` before acting.
import type { PageSignal, Problem, Signal } from './protocol.ts';
import type { DetailView, StatusView } from './statusView.ts';

export type { PageSignal } from './protocolValues.ts';
import type { ServiceRules } from './rules/schema.ts';
import type { Settings } from './settings.ts';

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

/**
 * Content → background requests that get an answer. The content script asks
 * once on start instead of reading storage (storage keys belong to the
 * background): which catalog service the sending page belongs to (judged from
 * the sender's address), whether the user watches it, and the rules to use
 * (the refreshed pack's when a valid one was fetched, else the bundled one).
 */
export interface ContentRequestToBackground {
  'content/getConfig': {
    request: Record<string, never>;
    response: { service: string; enabled: boolean; rules: ServiceRules | null; packVersion: string };
  };
}

export type ContentRequest = {
  [K in keyof ContentRequestToBackground]: { type: K; payload: ContentRequestToBackground[K]['request'] };
}[keyof ContentRequestToBackground];

/** What happened to a report the user (or the auto policy) sent. */
export type ReportOutcome =
  | 'counted' // the server counted it
  | 'duplicate' // the server had this id already
  | 'suppressed' // already reported for this service in the last 15 minutes
  | 'queued' // the server is unreachable (or 5xx/429): saved, will be retried
  | 'rejected'; // the server refused it (reason given); not retried

/** The popup's whole view, assembled by the background from storage and the server. */
export interface PopupState {
  /** The service shown: the current tab's, or one opened from "Down elsewhere" or the search; null when there is none. */
  service: string | null;
  /** Display name: the catalog name, or the domain itself. */
  serviceName: string | null;
  /** The service's main site (`x.com`), shown beside its name. */
  serviceSite: string | null;
  /** The current tab's own service: reports always go to it, never to a service opened from the list. */
  tabService: string | null;
  /** A search that named no service or domain (the text the user typed is not kept). */
  lookupFailed: boolean;
  /** Whether the user switched this catalog service off in options. */
  serviceEnabled: boolean;
  /** The server's detail for the service, possibly cached; null when never fetched. */
  detail: DetailView | null;
  /** Epoch ms when `detail`/`elsewhere` were fetched; lets the popup say "as of". */
  fetchedAt: number | null;
  /** True when the last attempt to reach the server failed. */
  serverUnreachable: boolean;
  /** The server's address (`host:port`), named when it cannot be reached. */
  server: string;
  /** Services not `ok` right now, most severe first (excluding the shown one); unknown while `serverUnreachable`. */
  elsewhere: StatusView[];
  /** This browser's own signals for the service in the last 10 minutes, per kind. */
  ownSignals: { signal: Signal; count: number; lastAt: number }[];
  /** "Is it just me?": `service` when the signals point at the service, `own_connection` when the device is offline or unrelated hosts fail too, `none` with no signals. */
  verdict: 'service' | 'own_connection' | 'none';
  /** Problem type the signals point at, offered first (the user still picks it). */
  suggestedProblem: Problem;
  /** This install's last report for the service within the 15-minute window, if any. */
  lastReport: { at: number; outcome: ReportOutcome } | null;
  /** Reports waiting in the offline queue (all services). */
  queued: number;
}

export interface UiToBackground {
  /** The popup opened (or wants a refresh). `fresh` asks the background to refetch from the server before answering. */
  'popup/getState': { request: { tabId: number; fresh: boolean; /** Another service to show: a catalog id or name, a domain or an address. */ service?: string; /** The user pressed Retry: ask the server now, whenever it was last asked. */ retry?: boolean }; response: PopupState };
  /** One-click report for the tab's service. */
  'popup/report': { request: { tabId: number; problem: Problem }; response: { outcome: ReportOutcome; reason?: string } };
  'options/getSettings': { request: Record<string, never>; response: Settings };
  /** Saves a validated partial update; returns the stored result. */
  'options/saveSettings': { request: Partial<Settings>; response: Settings };
  /** Tries `GET /healthz` at a backend URL without saving it. */
  'options/testBackend': { request: { url: string }; response: { ok: boolean; latencyMs?: number; error?: string } };
  /** Clears signals, queue, cached status and the signal log; keeps settings. */
  'options/clearData': { request: Record<string, never>; response: { ok: true } };
  'options/getSignalLog': { request: Record<string, never>; response: SignalLogEntry[] };
}

export type UiMessage = {
  [K in keyof UiToBackground]: { type: K; payload: UiToBackground[K]['request'] };
}[keyof UiToBackground];

/** One line of the local signal log shown in options (never a URL or page text). */
export interface SignalLogEntry {
  at: number;
  service: string;
  signal: Signal;
  /** Rule id for page signals, error class for network signals (e.g. `net::ERR_NAME_NOT_RESOLVED`, `503`). */
  detail: string;
  /** Whether the signal was blamed on the service or on the user's own connection. */
  blamed: 'service' | 'own_connection';
}
