// The background (a module service worker in Chrome, background scripts in
// Firefox). Every listener is registered synchronously at the top level, so an
// event that wakes a stopped worker finds its listener; all state is in
// storage (src/background/storage.ts), so being stopped loses nothing. The
// listeners return their work's promise (the browser ignores it), so tests can
// wait for the work an event started instead of sleeping.
import browser from 'webextension-polyfill';
import { updateAllBadges, updateBadgeForTab } from './badge.ts';
import { MessageError, routeMessage } from './messageRouter.ts';
import { watchNetwork } from './networkWatch.ts';
import { syncOptionalContentScripts } from './optionalServices.ts';
import { notifyOutages } from './outageNotifications.ts';
import { flushQueue, QUEUE_ALARM } from './reports.ts';
import { refreshRulePack } from './rulePackStore.ts';
import { getSettings, repairStoredSettings, SettingsError } from './settingsStore.ts';
import { refreshStatus } from './statusCache.ts';

const STATUS_ALARM = 'downwatch-status';
const RULES_ALARM = 'downwatch-rules';
export const WELCOME_PAGE = 'src/options/welcome.html';

async function pollStatus(): Promise<void> {
  const status = await refreshStatus(Date.now());
  await updateAllBadges();
  if (status.body && !status.failed) await notifyOutages(status.body, await getSettings());
}

function logFailure(what: string): (error: unknown) => void {
  return (error) => console.error(`Downwatch: ${what} failed`, error);
}

/** Alarms survive the worker; (re)create them when missing (first run, browser update, cleared by the user). */
async function ensureAlarms(): Promise<void> {
  if (!(await browser.alarms.get(STATUS_ALARM))) await browser.alarms.create(STATUS_ALARM, { periodInMinutes: 1, delayInMinutes: 0.1 });
  if (!(await browser.alarms.get(RULES_ALARM))) await browser.alarms.create(RULES_ALARM, { periodInMinutes: 60, delayInMinutes: 1 });
}

browser.runtime.onMessage.addListener((message: unknown, sender: browser.Runtime.MessageSender) =>
  routeMessage(message, sender).catch((error: unknown) => {
    if (!(error instanceof MessageError) && !(error instanceof SettingsError)) console.error('Downwatch: message failed', error);
    // A rejected promise reaches the sender as an error with this message.
    throw new Error(error instanceof Error ? error.message : String(error));
  }),
);

watchNetwork();

browser.alarms.onAlarm.addListener((alarm): Promise<void> | undefined => {
  if (alarm.name === QUEUE_ALARM) return flushQueue().catch(logFailure('queue retry'));
  if (alarm.name === STATUS_ALARM) return pollStatus().catch(logFailure('status poll'));
  if (alarm.name === RULES_ALARM) return refreshRulePack(Date.now()).catch(logFailure('rule pack refresh'));
  return undefined;
});

browser.tabs.onActivated.addListener(({ tabId }) => {
  browser.tabs
    .get(tabId)
    .then((tab) => updateBadgeForTab(tabId, tab.url))
    .catch(logFailure('badge update'));
});

browser.tabs.onUpdated.addListener((tabId, changeInfo, tab) => {
  if (changeInfo.url !== undefined || changeInfo.status === 'complete') updateBadgeForTab(tabId, tab.url).catch(logFailure('badge update'));
});

browser.runtime.onInstalled.addListener(({ reason }) =>
  (async () => {
    await repairStoredSettings();
    await ensureAlarms();
    const settings = await getSettings();
    // First run: ask for consent to automatic reports (off until answered, docs/extension.md).
    if (reason === 'install' && !settings.consentAnswered) await browser.tabs.create({ url: browser.runtime.getURL(WELCOME_PAGE) });
    await syncOptionalContentScripts();
    await refreshRulePack(Date.now());
  })().catch(logFailure('install')),
);

browser.runtime.onStartup.addListener(() =>
  Promise.all([ensureAlarms().catch(logFailure('alarms')), syncOptionalContentScripts().catch(logFailure('content script registration'))]),
);

// A host permission granted (from the options page, or the browser's own site-access settings) or revoked:
// the content scripts of the services it concerns follow at once.
const syncRegistrations = () => syncOptionalContentScripts().catch(logFailure('content script registration'));
browser.permissions.onAdded.addListener(syncRegistrations);
browser.permissions.onRemoved.addListener(syncRegistrations);

/** Every wake-up: a report queued before the worker stopped is sent when due; the alarms exist. */
export const started: Promise<unknown> = Promise.all([flushQueue().catch(logFailure('queue flush')), ensureAlarms().catch(logFailure('alarms'))]);
