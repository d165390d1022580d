// The background's one `runtime.onMessage` handler: checks the sender, checks
// the payload, then calls the typed handler of the message. A message that
// fails a check is refused with an error the sender can log, and nothing runs.
import browser from 'webextension-polyfill';
import type { ContentRequestToBackground, ContentToBackground, UiToBackground } from '../core/messages.ts';
import { PAGE_SIGNALS, PROBLEMS, type Problem } from '../core/protocol.ts';
import { RULE_ID_PATTERN } from '../core/rules/schema.ts';
import { rulesForService } from '../core/rules/pack.ts';
import { normaliseBackendUrl } from '../core/settings.ts';
import { checkHealth } from './backendClient.ts';
import { readSignalLog } from './logs.ts';
import { popupState, serviceOfTab } from './popupState.ts';
import { readLastReports, scheduleQueueAlarm, submitReport } from './reports.ts';
import { activeRulePack } from './rulePackStore.ts';
import { contentSenderService, isExtensionPageSender } from './senders.ts';
import { getSettings, saveSettings } from './settingsStore.ts';
import { isWatched, syncOptionalContentScripts } from './optionalServices.ts';
import { maybeAutoReport } from './autoReporter.ts';
import { noteServiceLoggedIn, noteServiceLogoutClick, readSignals, recordLoginWall, recordServiceSignal } from './signals.ts';
import { readFailures } from './failures.ts';
import { OWN_SIGNALS_WINDOW_MS, signalsBlamedOnService } from '../core/isItJustMe.ts';
import { CLEARABLE_KEYS, removeKeys } from './storage.ts';
import { reportedRecently } from '../core/autoReport.ts';
import { updateAllBadges } from './badge.ts';

type Sender = browser.Runtime.MessageSender;

export class MessageError extends Error {}

const ruleIdPattern = new RegExp(RULE_ID_PATTERN);

function object(payload: unknown): Record<string, unknown> {
  if (!payload || typeof payload !== 'object' || Array.isArray(payload)) throw new MessageError('payload must be an object');
  return payload as Record<string, unknown>;
}

function tabIdOf(p: Record<string, unknown>): number {
  if (typeof p.tabId !== 'number' || !Number.isInteger(p.tabId) || p.tabId < 0) throw new MessageError('tabId must be a tab id');
  return p.tabId;
}

type ContentHandlers = {
  [K in keyof ContentToBackground]: (payload: ContentToBackground[K], service: string) => Promise<unknown>;
} & {
  [K in keyof ContentRequestToBackground]: (payload: ContentRequestToBackground[K]['request'], service: string) => Promise<ContentRequestToBackground[K]['response']>;
};

const contentHandlers: ContentHandlers = {
  'content/signal': async (payload) => {
    const now = Date.now();
    const recorded = payload.signal === 'logout'
      ? await recordLoginWall(payload.service, payload.ruleId, now)
      : await recordServiceSignal(payload.service, payload.signal, payload.ruleId, now);
    if (recorded) await maybeAutoReport(payload.service, now);
    return { recorded };
  },
  'content/loggedIn': async (payload) => noteServiceLoggedIn(payload.service, Date.now()),
  'content/logoutClicked': async (payload) => noteServiceLogoutClick(payload.service, Date.now()),
  'content/getConfig': async (_payload, service) => {
    const [settings, pack] = await Promise.all([getSettings(), activeRulePack()]);
    return { service, enabled: await isWatched(service, settings), rules: rulesForService(pack, service) ?? null, packVersion: pack.version };
  },
};

/** Payload checks for content messages (the service itself is checked against the sender). */
function checkContentPayload(type: string, p: Record<string, unknown>): void {
  if (type === 'content/signal') {
    if (!(PAGE_SIGNALS as readonly unknown[]).includes(p.signal)) throw new MessageError(`signal must be one of ${PAGE_SIGNALS.join(', ')}`);
    if (typeof p.ruleId !== 'string' || !ruleIdPattern.test(p.ruleId)) throw new MessageError('ruleId must be a rule id');
  }
}

type UiHandlers = { [K in keyof UiToBackground]: (payload: UiToBackground[K]['request']) => Promise<UiToBackground[K]['response']> };

const uiHandlers: UiHandlers = {
  'popup/getState': async (payload) => {
    const p = object(payload);
    if (p.service !== undefined && (typeof p.service !== 'string' || p.service.length > 300)) throw new MessageError('service must be a short text');
    return popupState(tabIdOf(p), p.fresh === true, Date.now(), p.service as string | undefined, p.retry === true);
  },
  'popup/report': async (payload) => {
    const p = object(payload);
    const tabId = tabIdOf(p);
    if (!(PROBLEMS as readonly unknown[]).includes(p.problem)) throw new MessageError(`problem must be one of ${PROBLEMS.join(', ')}`);
    const service = await serviceOfTab(tabId);
    if (!service) throw new MessageError('This page has no service that can be reported.');
    const now = Date.now();
    const last = (await readLastReports())[service];
    if (last && reportedRecently(last.at, now)) return { outcome: 'suppressed' as const };
    // The report names the kinds of signal this browser saw for the service lately, leaving out
    // those explained by the user's own connection.
    const [signals, failures] = await Promise.all([readSignals(), readFailures(now)]);
    const blamed = signalsBlamedOnService(service, signals[service] ?? [], failures, now, OWN_SIGNALS_WINDOW_MS);
    return submitReport({ service, problem: p.problem as Problem, source: 'manual', signals: blamed.map((e) => e.signal) }, now);
  },
  'options/getSettings': async () => getSettings(),
  'options/saveSettings': async (payload) => {
    const saved = await saveSettings(payload);
    // Switching an optional service on or off registers or removes its content script.
    await syncOptionalContentScripts();
    await updateAllBadges().catch(() => undefined);
    return saved;
  },
  'options/testBackend': async (payload) => {
    const url = normaliseBackendUrl(object(payload).url);
    if (!url) return { ok: false, error: 'Not an http:// or https:// address.' };
    return checkHealth(url);
  },
  'options/clearData': async () => {
    await removeKeys(CLEARABLE_KEYS);
    await scheduleQueueAlarm();
    await updateAllBadges().catch(() => undefined);
    return { ok: true as const };
  },
  'options/getSignalLog': async () => readSignalLog(),
};

function isKeyOf<T extends object>(map: T, key: unknown): key is keyof T {
  return typeof key === 'string' && Object.prototype.hasOwnProperty.call(map, key);
}

/**
 * Routes one message. Resolves with the handler's answer; rejects (the sender
 * sees an error) when the sender or the payload is not allowed.
 */
export async function routeMessage(message: unknown, sender: Sender): Promise<unknown> {
  const { type, payload } = object(message);
  const extensionId = browser.runtime.id;
  if (isKeyOf(contentHandlers, type)) {
    const service = contentSenderService(sender, extensionId);
    if (!service) throw new MessageError(`${type} is accepted only from the content script on a watched site`);
    const p = object(payload);
    // The config request asks which service the page is; every fact names it, and must name the sender's.
    if (type !== 'content/getConfig' && p.service !== service) throw new MessageError(`${type}: service ${String(p.service)} does not match the sending page (${service})`);
    checkContentPayload(type, p);
    return (contentHandlers[type] as (payload: unknown, service: string) => Promise<unknown>)(p, service);
  }
  if (isKeyOf(uiHandlers, type)) {
    if (!isExtensionPageSender(sender, extensionId, browser.runtime.getURL(''))) {
      throw new MessageError(`${type} is accepted only from the extension's own pages`);
    }
    return (uiHandlers[type] as (payload: unknown) => Promise<unknown>)(payload ?? {});
  }
  throw new MessageError(`unknown message type ${JSON.stringify(type)}`);
}
