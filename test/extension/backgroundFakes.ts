// Test doubles for the background's unit tests (mocks only here): a fake
// `browser` whose storage outlives "worker instances" (a restart is a fresh
// import of the background over the same storage), and a fake backend reached
// through a stubbed `fetch` that counts reports idempotently like the real one.
import type { Report } from '../../src/core/protocol.ts';

type Listener = (...args: any[]) => any;

function event() {
  const listeners: { fn: Listener; filter?: unknown }[] = [];
  return {
    listeners,
    addListener(fn: Listener, filter?: unknown) {
      listeners.push({ fn, filter });
    },
    removeListener(fn: Listener) {
      const i = listeners.findIndex((l) => l.fn === fn);
      if (i >= 0) listeners.splice(i, 1);
    },
    async fire(...args: unknown[]) {
      return Promise.all(listeners.map((l) => l.fn(...args)));
    },
  };
}

export const EXTENSION_ID = 'abcdefghijklmnopabcdefghijklmnop';
export const EXTENSION_BASE = `chrome-extension://${EXTENSION_ID}/`;

export interface FakeTab {
  id: number;
  url?: string;
}

/** One browser profile: storage and alarms persist across worker instances made from it. */
export function createBrowserState() {
  return {
    storage: new Map<string, unknown>(),
    alarms: new Map<string, { name: string; scheduledTime: number; periodInMinutes?: number }>(),
    tabs: new Map<number, FakeTab>(),
    badges: new Map<number, { text?: string; color?: string }>(),
    notifications: [] as { id: string; options: Record<string, unknown> }[],
    createdTabs: [] as string[],
    /** Optional host permissions the user granted (the manifest's install-time hosts are always held). */
    grantedOrigins: new Set<string>(),
    /** Content scripts registered with `scripting.registerContentScripts`, by id (they persist across sessions). */
    registeredScripts: new Map<string, { id: string; matches: string[]; js: string[]; runAt?: string; persistAcrossSessions?: boolean }>(),
  };
}
export type BrowserState = ReturnType<typeof createBrowserState>;

const clone = <T>(v: T): T => (v === undefined ? v : structuredClone(v));

/** A fresh `browser` (new listeners: a new worker instance) over a persistent state. */
export function createFakeBrowser(state: BrowserState) {
  const onMessage = event();
  const onAlarm = event();
  const onPermissionsAdded = event();
  const onPermissionsRemoved = event();
  const keysOf = (keys: string | string[] | null | undefined) =>
    keys == null ? [...state.storage.keys()] : Array.isArray(keys) ? keys : [keys];
  return {
    state,
    runtime: {
      id: EXTENSION_ID,
      getURL: (path: string) => `${EXTENSION_BASE}${path.replace(/^\//, '')}`,
      onMessage,
      onInstalled: event(),
      onStartup: event(),
    },
    storage: {
      local: {
        async get(keys?: string | string[] | null) {
          const out: Record<string, unknown> = {};
          for (const k of keysOf(keys)) if (state.storage.has(k)) out[k] = clone(state.storage.get(k));
          return out;
        },
        async set(items: Record<string, unknown>) {
          for (const [k, v] of Object.entries(items)) state.storage.set(k, clone(v));
        },
        async remove(keys: string | string[]) {
          for (const k of keysOf(keys)) state.storage.delete(k);
        },
      },
    },
    alarms: {
      onAlarm,
      async create(name: string, info: { when?: number; delayInMinutes?: number; periodInMinutes?: number }) {
        const scheduledTime = info.when ?? Date.now() + (info.delayInMinutes ?? info.periodInMinutes ?? 0) * 60_000;
        state.alarms.set(name, { name, scheduledTime, ...(info.periodInMinutes ? { periodInMinutes: info.periodInMinutes } : {}) });
      },
      async get(name: string) {
        return state.alarms.get(name);
      },
      async clear(name: string) {
        return state.alarms.delete(name);
      },
    },
    webRequest: { onCompleted: event(), onErrorOccurred: event() },
    tabs: {
      async get(id: number) {
        const tab = state.tabs.get(id);
        if (!tab) throw new Error(`No tab with id: ${id}.`);
        return { ...tab };
      },
      async query() {
        return [...state.tabs.values()].map((t) => ({ ...t }));
      },
      async create({ url }: { url: string }) {
        state.createdTabs.push(url);
        return { id: 999, url };
      },
      onActivated: event(),
      onUpdated: event(),
    },
    action: {
      async setBadgeText({ tabId, text }: { tabId: number; text: string }) {
        state.badges.set(tabId, { ...state.badges.get(tabId), text });
      },
      async setBadgeBackgroundColor({ tabId, color }: { tabId: number; color: string }) {
        state.badges.set(tabId, { ...state.badges.get(tabId), color });
      },
    },
    notifications: {
      async create(id: string, options: Record<string, unknown>) {
        state.notifications.push({ id, options });
        return id;
      },
    },
    permissions: {
      async contains(request: { origins?: string[]; data_collection?: string[] }): Promise<boolean> {
        // Chromium knows no data-collection permissions and refuses the key.
        if (request.data_collection) throw new Error('Type error for parameter permissions: Unexpected property "data_collection"');
        return (request.origins ?? []).every((origin) => state.grantedOrigins.has(origin));
      },
      onAdded: onPermissionsAdded,
      onRemoved: onPermissionsRemoved,
    },
    scripting: {
      async registerContentScripts(scripts: { id: string; matches: string[]; js: string[] }[]) {
        for (const script of scripts) {
          if (state.registeredScripts.has(script.id)) throw new Error(`Duplicate script ID '${script.id}'`);
          state.registeredScripts.set(script.id, clone(script));
        }
      },
      async getRegisteredContentScripts() {
        return [...state.registeredScripts.values()].map(clone);
      },
      async unregisterContentScripts({ ids }: { ids: string[] }) {
        for (const id of ids) {
          if (!state.registeredScripts.delete(id)) throw new Error(`Nonexistent script ID '${id}'`);
        }
      },
    },
    i18n: { getMessage: () => '', getUILanguage: () => 'en' },
  };
}
export type FakeBrowser = ReturnType<typeof createFakeBrowser>;

/** The backend, in memory: idempotent by report id, one counted report per client/service/15 min. */
export function createFakeBackend() {
  const backend = {
    up: true,
    /** Answer POST /v1/reports with this status instead (e.g. 503, 429). */
    reportStatus: 200,
    /** Commit the reports, then drop the connection before answering (a lost response). */
    loseNextResponse: false,
    /** Answer every report `rejected` (as for a report that breaks a field rule). */
    rejectAll: false,
    posts: [] as Report[][],
    counted: new Map<string, Report>(),
    seen: new Set<string>(),
    statusBody: { generatedAt: 0, windowMinutes: 15, services: [] as unknown[] },
    statusEtag: '"s1"',
    statusRequests: [] as (string | null)[],
    rulesBody: undefined as unknown,
    rulesRequests: 0,
    healthRequests: 0,
    detailRequests: [] as string[],
  };

  async function fetch(input: string | URL, init: RequestInit = {}): Promise<Response> {
    const url = new URL(String(input));
    if (!backend.up) throw new TypeError('Failed to fetch');
    const headers = new Headers(init.headers);
    if (url.pathname === '/healthz') {
      backend.healthRequests += 1;
      return Response.json({ ok: true });
    }
    if (url.pathname === '/v1/reports' && init.method === 'POST') {
      if (backend.reportStatus !== 200) return new Response('{}', { status: backend.reportStatus, headers: { 'Retry-After': '60' } });
      const { reports } = JSON.parse(String(init.body)) as { reports: Report[] };
      backend.posts.push(reports);
      const results = reports.map((r) => {
        if (backend.rejectAll) return { id: r.id, status: 'rejected', reason: 'observedAt: too old' };
        if (backend.seen.has(r.id)) return { id: r.id, status: 'duplicate' };
        backend.seen.add(r.id);
        const window = Math.floor(r.observedAt / 900_000);
        const already = [...backend.counted.values()].some(
          (c) => c.client === r.client && c.service === r.service && Math.floor(c.observedAt / 900_000) === window,
        );
        if (already) return { id: r.id, status: 'suppressed' };
        backend.counted.set(r.id, r);
        return { id: r.id, status: 'counted' };
      });
      if (backend.loseNextResponse) {
        backend.loseNextResponse = false;
        throw new TypeError('Failed to fetch');
      }
      return Response.json({ results });
    }
    if (url.pathname === '/v1/status') {
      backend.statusRequests.push(headers.get('If-None-Match'));
      if (headers.get('If-None-Match') === backend.statusEtag) return new Response(null, { status: 304 });
      return Response.json(backend.statusBody, { headers: { ETag: backend.statusEtag } });
    }
    if (url.pathname.startsWith('/v1/services/')) {
      const id = decodeURIComponent(url.pathname.slice('/v1/services/'.length));
      backend.detailRequests.push(id);
      return Response.json({
        id, name: id, level: 'ok', count: 0, baseline: 1, since: null, peak: null, learning: false, generatedAt: Date.now(), bucketMinutes: 15,
        series: [], recent: { bucketMinutes: 5, points: [] }, incidents: [], problems: [], countries: [], signals: [],
      });
    }
    if (url.pathname === '/v1/rules') {
      backend.rulesRequests += 1;
      return Response.json(backend.rulesBody, { headers: { ETag: '"r1"' } });
    }
    return new Response('not found', { status: 404 });
  }

  return { backend, fetch };
}
