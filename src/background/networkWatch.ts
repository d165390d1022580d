// Network signals from `webRequest` (docs/detection.md): 5xx answers and connection
// failures on the catalog's own hosts and API hosts — the listeners are
// registered with those URL filters, so no other site's traffic ever reaches
// this code — and failed top-level navigations as `page_error`. A request
// counts only when a page of the same service made it (requestOrigin.ts):
// another site's page embedding the service's resources speaks for nobody.
import browser from 'webextension-polyfill';
import { CATALOG } from '../core/catalog.ts';
import { requestPatterns } from '../core/hostPatterns.ts';
import { classifyRequestError, isOfflineError, type FailureEvent } from '../core/isItJustMe.ts';
import type { Signal } from '../core/protocol.ts';
import { requestingDocument, requestSpeaksFor, type RequestOrigin } from '../core/requestOrigin.ts';
import { catalogIdForRequestHost } from '../core/serviceId.ts';
import { noteFailure, probeBackendIfDue } from './failures.ts';
import { maybeAutoReport } from './autoReporter.ts';
import { recordServiceSignal } from './signals.ts';

/**
 * `*://*.x.com/*` for every page host and API host of the catalog. The
 * browser delivers events only for hosts the extension holds a permission
 * for: those of services asked for later arrive once the user granted them.
 */
export const WATCHED_URL_PATTERNS: string[] = CATALOG.flatMap(requestPatterns);

function serviceOf(url: string): string | undefined {
  try {
    return catalogIdForRequestHost(new URL(url).hostname);
  } catch {
    return undefined;
  }
}

async function networkSignal(service: string, signal: Signal, kind: FailureEvent['kind'], detail: string, at: number, offline?: boolean): Promise<void> {
  await noteFailure({ at, source: service, kind });
  // A connection failure here: does an unrelated host (our backend) fail too? Asked before judging.
  if (kind !== 'http_5xx') await probeBackendIfDue(at);
  if (await recordServiceSignal(service, signal, detail, at, offline)) await maybeAutoReport(service, at);
}

type CompletedDetails = browser.WebRequest.OnCompletedDetailsType;
type ErrorDetails = browser.WebRequest.OnErrorOccurredDetailsType;
/** Chrome's `initiator` is missing from the polyfill's (Firefox-shaped) types. */
type RequestDetails = (CompletedDetails | ErrorDetails) & { initiator?: string };

async function tabUrl(tabId: number): Promise<string | undefined> {
  if (tabId < 0) return undefined;
  try {
    return (await browser.tabs.get(tabId)).url;
  } catch {
    return undefined; // the tab closed meanwhile
  }
}

/** The service a failed request counts for: its host's, if a page of that service made it. */
async function serviceSpokenFor(details: RequestDetails): Promise<string | undefined> {
  const service = serviceOf(details.url);
  if (!service) return undefined;
  const origin: RequestOrigin = { type: details.type, documentUrl: details.documentUrl, initiator: details.initiator, originUrl: details.originUrl };
  if (origin.type !== 'main_frame' && requestingDocument(origin) === undefined) origin.tabUrl = await tabUrl(details.tabId);
  return requestSpeaksFor(service, origin) ? service : undefined;
}

export async function onRequestCompleted(details: CompletedDetails): Promise<void> {
  if (details.statusCode < 500 || details.statusCode > 599) return;
  const service = await serviceSpokenFor(details);
  if (!service) return;
  const at = Math.round(details.timeStamp || Date.now());
  const detail = String(details.statusCode);
  await networkSignal(service, 'http_5xx', 'http_5xx', detail, at);
  if (details.type === 'main_frame' && (await recordServiceSignal(service, 'page_error', detail, at))) await maybeAutoReport(service, at);
}

export async function onRequestError(details: ErrorDetails): Promise<void> {
  const errorClass = classifyRequestError(details.error);
  if (errorClass === null) return; // aborted, blocked by an ad blocker, …: not the service's fault
  const service = await serviceSpokenFor(details);
  if (!service) return;
  const at = Math.round(details.timeStamp || Date.now());
  const offline = isOfflineError(details.error) || undefined;
  if (details.type === 'main_frame') await networkSignal(service, 'page_error', 'page_error', errorClass, at, offline);
  else await networkSignal(service, 'net_error', 'net_error', errorClass, at, offline);
}

/** The listener returns its work's promise: the browser ignores it, tests wait on it. */
function logged<T>(handler: (details: T) => Promise<void>): (details: T) => Promise<void> {
  return (details) => handler(details).catch((error) => console.error('Downwatch: network signal failed', error));
}

/** Registers the listeners; called synchronously at the worker's top level so events wake it. */
export function watchNetwork(): void {
  const filter = { urls: WATCHED_URL_PATTERNS };
  browser.webRequest.onCompleted.addListener(logged(onRequestCompleted), filter);
  browser.webRequest.onErrorOccurred.addListener(logged(onRequestError), filter);
}
