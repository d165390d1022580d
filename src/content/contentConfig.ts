// What the content script needs before it watches, asked of the background
// (`content/getConfig`): which catalog service this page belongs to (the
// background judges the sending tab's address against the catalog), whether
// the user watches it, and its rules (the refreshed pack's when a valid one was
// fetched, else the bundled one). The script carries no catalog and no rules
// of its own; an answer that is missing or malformed means it stays idle.
import type { ContentRequest } from '../core/messages.ts';
import type { ServiceRules } from '../core/rules/schema.ts';
import { hasServiceRulesShape } from '../core/rules/shape.ts';

export interface ContentConfig {
  service: string;
  enabled: boolean;
  rules: ServiceRules;
}

/** How long to wait for the background (a stopped service worker needs a moment to start). */
export const CONFIG_TIMEOUT_MS = 5_000;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Whether the stored settings switch this service off; missing or corrupt settings switch nothing off. */
export function isServiceDisabled(settings: unknown, service: string): boolean {
  if (!isRecord(settings) || !Array.isArray(settings.disabledServices)) return false;
  return settings.disabledServices.includes(service);
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

/**
 * The background's answer, checked: null when it does not answer (the
 * extension was reloaded or removed under this page), refuses (not a watched
 * page), or hands out rules of the wrong shape or for another service.
 */
export async function loadContentConfig(request: (message: ContentRequest) => Promise<unknown>): Promise<ContentConfig | null> {
  let answer: unknown;
  try {
    answer = await withTimeout(request({ type: 'content/getConfig', payload: {} }), CONFIG_TIMEOUT_MS);
  } catch {
    return null;
  }
  if (!isRecord(answer) || typeof answer.service !== 'string' || typeof answer.enabled !== 'boolean') return null;
  if (!hasServiceRulesShape(answer.rules) || answer.rules.service !== answer.service) return null;
  return { service: answer.service, enabled: answer.enabled, rules: answer.rules };
}
