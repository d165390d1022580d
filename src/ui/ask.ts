// The UI's one way to talk to the background: typed by `UiToBackground`, so a
// wrong payload or a misread response is a compile error.
import browser from 'webextension-polyfill';
import type { UiToBackground } from '../core/messages.ts';

export type UiRequest<K extends keyof UiToBackground> = UiToBackground[K]['request'];
export type UiResponse<K extends keyof UiToBackground> = UiToBackground[K]['response'];

/**
 * Sends `{ type, payload }` to the background and resolves with its answer.
 * Rejects with a readable error when nobody answers (background not running or
 * message not handled), so screens can show it instead of hanging.
 */
export async function ask<K extends keyof UiToBackground>(type: K, payload: UiRequest<K>): Promise<UiResponse<K>> {
  const answer: unknown = await browser.runtime.sendMessage({ type, payload });
  if (answer === undefined || answer === null) throw new Error(`no answer to ${type}`);
  return answer as UiResponse<K>;
}

/** A thrown value as a short sentence for the screen. */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
