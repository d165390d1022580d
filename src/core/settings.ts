// The extension's settings: one versioned shape, filled with defaults and
// migrated on every read, so a value stored by an older version (or a corrupt
// one) is repaired instead of crashing the extension.
import { CATALOG, isCatalogId } from './catalog.ts';
import { isCountryCode } from './countries.ts';
import { SERVICE_ID_PATTERN } from './protocol.ts';

export const SETTINGS_VERSION = 2;

export interface Settings {
  version: number;
  /** Backend base URL, no trailing slash. */
  backendUrl: string;
  /** Automatic reports; off until the user agrees on the first-run page. */
  autoReport: boolean;
  /** Whether the first-run consent page has been answered (either way). */
  consentAnswered: boolean;
  /** Catalog ids the user switched off: no watching, no signals, no auto reports. */
  disabledServices: string[];
  /** `auto`: from the time zone; a country code (src/core/countries.ts): the user's choice; `none`: withheld. */
  country: 'auto' | 'none' | string;
  /** Service ids whose entry into `outage` raises a browser notification. */
  followedServices: string[];
}

// Replaced at build time by vite.config.ts (`DOWNWATCH_BACKEND_URL`); absent in tests and on the server.
declare const __DOWNWATCH_BACKEND_URL__: string | undefined;

export const FALLBACK_BACKEND_URL = 'http://127.0.0.1:8787';

/** The backend this build talks to unless the user picks another one. */
export const DEFAULT_BACKEND_URL: string =
  typeof __DOWNWATCH_BACKEND_URL__ === 'string' ? __DOWNWATCH_BACKEND_URL__ : FALLBACK_BACKEND_URL;

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  version: SETTINGS_VERSION,
  backendUrl: DEFAULT_BACKEND_URL,
  autoReport: false,
  consentAnswered: false,
  disabledServices: [],
  country: 'auto',
  followedServices: [],
});

/**
 * A backend URL in canonical form (`http(s)://host[:port][/path]`, no trailing
 * slash, no query), or undefined when it is not one.
 */
export function normaliseBackendUrl(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (url.username || url.password || url.search || url.hash) return undefined;
  return url.origin + url.pathname.replace(/\/+$/, '');
}

const serviceIdPattern = new RegExp(SERVICE_ID_PATTERN);

function stringList(value: unknown, keep: (item: string) => boolean): string[] {
  if (!Array.isArray(value)) return [];
  const out = new Set<string>();
  for (const item of value) if (typeof item === 'string' && keep(item)) out.add(item);
  return [...out];
}

function repairCountry(value: unknown): Settings['country'] {
  if (value === 'auto' || value === 'none') return value;
  if (typeof value === 'string' && isCountryCode(value.toUpperCase())) return value.toUpperCase();
  return 'auto';
}

type Migration = (old: Record<string, unknown>) => Record<string, unknown>;

/**
 * `MIGRATIONS[n]` turns a version-n object into version n+1. Version 0 means
 * "no version field" (a value from before versioning, or hand-edited storage).
 */
const MIGRATIONS: Record<number, Migration> = {
  // v0 → v1: the first versioned shape; `enabled` (a per-service map in early builds) became `disabledServices`.
  0: (old) => {
    const { enabled, ...rest } = old;
    const disabled =
      enabled && typeof enabled === 'object' && !Array.isArray(enabled)
        ? Object.entries(enabled as Record<string, unknown>).filter(([, on]) => on === false).map(([id]) => id)
        : rest.disabledServices;
    return { ...rest, disabledServices: disabled, version: 1 };
  },
  // v1 → v2: `autoReport: true` stored before the consent page existed is not consent; ask again.
  1: (old) => ({ ...old, autoReport: old.consentAnswered === true && old.autoReport === true, version: 2 }),
};

/** Runs the migrations from the stored version up to the current one. */
export function migrateSettings(stored: Record<string, unknown>): Record<string, unknown> {
  let value = stored;
  let version = typeof value.version === 'number' && Number.isInteger(value.version) ? value.version : 0;
  if (version > SETTINGS_VERSION || version < 0) version = SETTINGS_VERSION; // from a newer build: repair field by field
  while (version < SETTINGS_VERSION) {
    const step = MIGRATIONS[version];
    if (!step) break;
    value = step(value);
    version += 1;
  }
  return value;
}

/**
 * Any stored value → valid current settings. Never throws: a corrupt value
 * (wrong types, garbage, null) loses only the fields that were wrong.
 */
export function repairSettings(stored: unknown): Settings {
  const raw = stored && typeof stored === 'object' && !Array.isArray(stored) ? (stored as Record<string, unknown>) : {};
  const value = migrateSettings(raw);
  return {
    version: SETTINGS_VERSION,
    backendUrl: normaliseBackendUrl(value.backendUrl) ?? DEFAULT_SETTINGS.backendUrl,
    autoReport: value.autoReport === true,
    consentAnswered: value.consentAnswered === true,
    disabledServices: stringList(value.disabledServices, isCatalogId),
    country: repairCountry(value.country),
    followedServices: stringList(value.followedServices, (id) => id.length <= 253 && serviceIdPattern.test(id)),
  };
}

export type SettingsUpdateResult = { ok: true; settings: Settings } | { ok: false; errors: string[] };

/**
 * Applies a partial update from the options page. Unlike `repairSettings`, a
 * wrong field is an error the user sees, not something silently dropped.
 */
export function applySettingsUpdate(current: Settings, update: unknown): SettingsUpdateResult {
  if (!update || typeof update !== 'object' || Array.isArray(update)) return { ok: false, errors: ['update must be an object'] };
  const errors: string[] = [];
  const next: Settings = { ...current };
  for (const [key, value] of Object.entries(update as Record<string, unknown>)) {
    switch (key) {
      case 'version':
        break;
      case 'backendUrl': {
        const url = normaliseBackendUrl(value);
        if (url) next.backendUrl = url;
        else errors.push('backendUrl must be an http:// or https:// address without query or credentials');
        break;
      }
      case 'autoReport':
      case 'consentAnswered':
        if (typeof value === 'boolean') next[key] = value;
        else errors.push(`${key} must be true or false`);
        break;
      case 'disabledServices':
        if (Array.isArray(value) && value.every((id) => typeof id === 'string' && isCatalogId(id))) next.disabledServices = [...new Set(value as string[])];
        else errors.push(`disabledServices must list catalog ids (${CATALOG.map((s) => s.id).join(', ')})`);
        break;
      case 'followedServices':
        if (Array.isArray(value) && value.every((id) => typeof id === 'string' && serviceIdPattern.test(id))) next.followedServices = [...new Set(value as string[])];
        else errors.push('followedServices must list service ids');
        break;
      case 'country':
        if (value === 'auto' || value === 'none' || isCountryCode(value)) next.country = value;
        else errors.push('country must be "auto", "none" or an ISO 3166-1 alpha-2 country code in upper case');
        break;
      default:
        errors.push(`unknown setting ${JSON.stringify(key)}`);
    }
  }
  return errors.length ? { ok: false, errors } : { ok: true, settings: next };
}
