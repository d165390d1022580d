// Test harness for the content script: loads a fixture page into happy-dom's
// document and starts the script with recorded messages and a manual
// idle-scheduler, so each test decides when a batch runs. The services, their
// hosts and login paths come from the catalog; the pages from the fixtures.
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { vi } from 'vitest';
import { CATALOG, catalogService } from '../../src/core/catalog.ts';
import type { ContentMessage, ContentRequest } from '../../src/core/messages.ts';
import { BUNDLED_RULE_PACK } from '../../src/core/rules/pack.ts';
import { startContentScript, type ContentEnv, type ContentScriptHandle } from '../../src/content/contentScript.ts';

export const SERVICES: readonly string[] = CATALOG.map((s) => s.id);

function entry(service: string) {
  const found = catalogService(service);
  if (!found) throw new Error(`${service} is not a catalog service`);
  return found;
}

/** The host of the service's web app. */
export const hostOf = (service: string): string => entry(service).webApp.host;

/** Where the site serves its login wall: its rules' first login path, else any path. */
export const loginPathOf = (service: string): string => entry(service).rules.logout?.loginPaths[0] ?? '/';

// Vitest runs from the project root (happy-dom gives import.meta.url an http: scheme).
const fixtureDir = `${resolve(process.cwd(), 'test/fixtures/sites')}/`;

/** The page states a service has fixtures for (`normal`, `banner_bn`, …), from the file names. */
export function fixtureStates(service: string): string[] {
  return readdirSync(`${fixtureDir}${service}`).filter((f) => f.endsWith('.html')).map((f) => f.slice(0, -'.html'.length)).sort();
}

export function fixtureHtml(service: string, state: string): string {
  return readFileSync(`${fixtureDir}${service}/${state}.html`, 'utf8');
}

/** Replaces the whole document with a fixture page (head and body; scripts do not run). */
export function loadFixture(service: string, state: string): void {
  const html = fixtureHtml(service, state);
  const inner = /<html[^>]*>([\s\S]*)<\/html>/i.exec(html)?.[1];
  if (!inner) throw new Error(`fixture ${service}/${state} has no <html> element`);
  document.documentElement.innerHTML = inner;
}

/** The body of a fixture page, to swap in as a single-page app would. */
export function fixtureBody(service: string, state: string): string {
  const body = /<body[^>]*>([\s\S]*)<\/body>/i.exec(fixtureHtml(service, state))?.[1];
  if (body === undefined) throw new Error(`fixture ${service}/${state} has no <body>`);
  return body;
}

export interface Harness {
  handle: ContentScriptHandle | null;
  /** Messages sent, except the config request. */
  messages: ContentMessage[];
  /** `content/signal` payloads as `signal:ruleId`. */
  signals(): string[];
  kinds(): string[];
  /** Runs every scheduled idle batch; returns how many ran. */
  runIdle(): number;
  scheduled(): number;
  location: { hostname: string; pathname: string };
  storageListeners: ((changes: Record<string, { newValue?: unknown }>, area: string) => void)[];
}

export interface HarnessOptions {
  path?: string;
  hostname?: string;
  /** The background's `content/getConfig` answer; a function may throw to simulate no background. */
  config?: unknown | (() => unknown);
  now?: () => number;
  /** The periodic rescan's period; off unless a test asks for it. */
  rescanMs?: number;
}

export async function startOn(service: string, options: HarnessOptions = {}): Promise<Harness> {
  const messages: ContentMessage[] = [];
  const queue: (() => void)[] = [];
  const storageListeners: Harness['storageListeners'] = [];
  const location = { hostname: options.hostname ?? hostOf(service), pathname: options.path ?? '/' };
  const defaultConfig = { service, enabled: true, rules: entry(service).rules, packVersion: BUNDLED_RULE_PACK.version };
  const env: ContentEnv = {
    document,
    location,
    send: vi.fn(async (message: ContentMessage | ContentRequest) => {
      if (message.type === 'content/getConfig') {
        const config = options.config === undefined ? defaultConfig : options.config;
        return typeof config === 'function' ? (config as () => unknown)() : config;
      }
      messages.push(message);
      return undefined;
    }),
    onStorageChanged: (listener) => storageListeners.push(listener),
    schedule: (run) => queue.push(run),
    rescanMs: options.rescanMs ?? 0,
    ...(options.now ? { now: options.now } : {}),
  };
  const handle = await startContentScript(env);
  const signals = () =>
    messages.flatMap((m) => (m.type === 'content/signal' ? [`${m.payload.signal}:${m.payload.ruleId}`] : []));
  return {
    handle,
    messages,
    signals,
    kinds: () => [...new Set(signals().map((s) => s.split(':')[0]!))].sort(),
    runIdle() {
      let ran = 0;
      // Mutation records are delivered in a microtask; `flush` takes them directly.
      while (queue.length) {
        queue.shift()!();
        ran++;
      }
      return ran;
    },
    scheduled: () => queue.length,
    location,
    storageListeners,
  };
}

/** Lets MutationObserver callbacks (microtasks) run. */
export const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
