// What the content script needs before it watches: whether the user switched
// the service off, and the service's rules. The background answers
// `content/getConfig` from the settings and the refreshed (fully validated)
// pack; if it cannot answer, storage is read directly. Anything missing,
// corrupt or malformed falls back to "enabled" (the settings' default) and the
// bundled rules: a bad stored value never stops detection or crashes the page.
import type { ContentRequest } from '../core/messages.ts';
import { BUNDLED_RULE_PACK, rulesForService } from '../core/rules/pack.ts';
import type { ServiceRules } from '../core/rules/schema.ts';
import { hasServiceRulesShape } from '../core/rules/shape.ts';

export interface ContentConfig {
  enabled: boolean;
  rules: ServiceRules | undefined;
}

export interface ConfigSources {
  request(message: ContentRequest): Promise<unknown>;
  readStorage(keys: string[]): Promise<Record<string, unknown>>;
}

/** How long to wait for the background (a stopped service worker needs a moment to start). */
export const CONFIG_TIMEOUT_MS = 5_000;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Whether the stored settings switch this service off; missing or corrupt settings switch nothing off. */
export function isServiceDisabled(settings: unknown, service: string): boolean {
  if (!isRecord(settings) || !Array.isArray(settings.disabledServices)) return false;
  return settings.disabledServices.includes(service);
}

function newerOrSame(version: unknown): boolean {
  return typeof version === 'string' && version.localeCompare(BUNDLED_RULE_PACK.version, 'en', { numeric: true }) >= 0;
}

/**
 * The service's rules from a stored pack — the background's `rules` entry
 * (`{ pack, etag, … }`) or a bare pack — when it is well-formed and not older
 * than the bundled pack; otherwise the bundled rules.
 */
export function rulesFromStoredPack(stored: unknown, service: string): ServiceRules | undefined {
  const pack = isRecord(stored) && isRecord(stored.pack) ? stored.pack : stored;
  if (isRecord(pack) && newerOrSame(pack.version) && Array.isArray(pack.services)) {
    const rules = pack.services.find((s) => isRecord(s) && s.service === service);
    if (hasServiceRulesShape(rules)) return rules;
  }
  return rulesForService(BUNDLED_RULE_PACK, service);
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timed out')), ms);
    promise.then(
      (value) => (clearTimeout(timer), resolve(value)),
      (error: unknown) => (clearTimeout(timer), reject(error)),
    );
  });
}

export async function loadContentConfig(sources: ConfigSources, service: string): Promise<ContentConfig> {
  try {
    const answer = await withTimeout(sources.request({ type: 'content/getConfig', payload: { service } }), CONFIG_TIMEOUT_MS);
    if (isRecord(answer) && typeof answer.enabled === 'boolean') {
      const rules = hasServiceRulesShape(answer.rules) && answer.rules.service === service ? answer.rules : rulesForService(BUNDLED_RULE_PACK, service);
      return { enabled: answer.enabled, rules };
    }
  } catch {
    // The background did not answer: read storage below.
  }
  try {
    const stored = await sources.readStorage(['settings', 'rules', 'rulePack']);
    return {
      enabled: !isServiceDisabled(stored.settings, service),
      rules: rulesFromStoredPack(stored.rules ?? stored.rulePack, service),
    };
  } catch {
    // Neither the background nor storage answers (the extension was reloaded
    // or removed under this page): nothing could be sent anyway.
    return { enabled: false, rules: undefined };
  }
}
