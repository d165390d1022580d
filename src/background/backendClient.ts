// The only module that talks to the backend (STYLE: one module owns each
// boundary). Every response is validated against the protocol schemas before
// anyone sees it; every failure comes back as a value, never a throw.
import { Value } from '@sinclair/typebox/value';
import {
  ReportResponseSchema,
  ServiceDetailSchema,
  StatusResponseSchema,
  type Report,
  type ServiceDetail,
  type StatusResponse,
} from '../core/protocol.ts';
import type { SendOutcome } from '../core/reportQueue.ts';

const TIMEOUT_MS = 10_000;
const REFUSED_STATUSES = new Set([400, 413, 415, 422]);

/** `network`: no HTTP answer at all (the "is it just me?" check wants to know). */
export type FetchFailure = { kind: 'error'; error: string; network: boolean };
export type Fetched<T> = { kind: 'ok'; body: T; etag: string | null } | { kind: 'not_modified' } | FetchFailure;

async function request(url: string, init: RequestInit = {}, timeoutMs = TIMEOUT_MS): Promise<Response | FetchFailure> {
  try {
    return await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs), credentials: 'omit', cache: 'no-store' });
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    return { kind: 'error', error: name === 'TimeoutError' ? 'timed out' : 'server unreachable', network: true };
  }
}

function retryAfterMs(response: Response): number | undefined {
  const header = response.headers.get('Retry-After');
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.min(seconds * 1000, 60 * 60_000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.min(Math.max(date - Date.now(), 0), 60 * 60_000);
}

/** `POST /v1/reports` with one batch (≤ 50); the queue decides what the outcome means. */
export async function postReports(baseUrl: string, reports: readonly Report[]): Promise<SendOutcome & { network?: boolean }> {
  const response = await request(`${baseUrl}/v1/reports`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ reports }),
  });
  if ('kind' in response) return { kind: 'retry', error: response.error, network: true };
  if (response.status === 429 || response.status >= 500) {
    const retry = retryAfterMs(response);
    return { kind: 'retry', error: `HTTP ${response.status}`, ...(retry !== undefined ? { retryAfterMs: retry } : {}) };
  }
  // The server refused these bytes themselves: sending them again cannot help.
  if (REFUSED_STATUSES.has(response.status)) return { kind: 'refused', error: `HTTP ${response.status}: ${await errorMessage(response)}` };
  // Anything else (a 404 from a mistyped backend URL, a 403 from a proxy) may heal: keep the reports.
  if (response.status !== 200) return { kind: 'retry', error: `HTTP ${response.status}` };
  const body: unknown = await response.json().catch(() => undefined);
  if (!Value.Check(ReportResponseSchema, body)) {
    // Something answered 200 that is not our server (a captive portal, a proxy): keep the reports.
    return { kind: 'retry', error: 'unexpected response from the server' };
  }
  return { kind: 'results', results: body.results };
}

async function errorMessage(response: Response): Promise<string> {
  const body = (await response.json().catch(() => undefined)) as { error?: { message?: unknown } } | undefined;
  return typeof body?.error?.message === 'string' ? body.error.message.slice(0, 200) : response.statusText || 'error';
}

async function getJson<T>(url: string, etag: string | null, check: (body: unknown) => T | undefined): Promise<Fetched<T>> {
  const response = await request(url, { headers: etag ? { 'If-None-Match': etag } : {} });
  if ('kind' in response) return response;
  if (response.status === 304) return { kind: 'not_modified' };
  if (response.status !== 200) return { kind: 'error', error: `HTTP ${response.status}`, network: false };
  const body = check(await response.json().catch(() => undefined));
  if (body === undefined) return { kind: 'error', error: 'unexpected response from the server', network: false };
  return { kind: 'ok', body, etag: response.headers.get('ETag') };
}

export function getStatus(baseUrl: string, etag: string | null): Promise<Fetched<StatusResponse>> {
  return getJson(`${baseUrl}/v1/status`, etag, (b) => (Value.Check(StatusResponseSchema, b) ? b : undefined));
}

export function getServiceDetail(baseUrl: string, service: string, etag: string | null): Promise<Fetched<ServiceDetail>> {
  return getJson(`${baseUrl}/v1/services/${encodeURIComponent(service)}?hours=24`, etag, (b) =>
    Value.Check(ServiceDetailSchema, b) ? b : undefined,
  );
}

/**
 * `GET /v1/rules` as text: the signed envelope, checked by the caller
 * (src/core/rules/packAcceptance.ts). An answer over `maxBytes` (by its
 * Content-Length, or once read) is not read into a pack.
 */
export async function getRulePackText(
  baseUrl: string,
  etag: string | null,
  maxBytes: number,
): Promise<Fetched<string> | { kind: 'too_large'; bytes: number }> {
  const response = await request(`${baseUrl}/v1/rules`, { headers: etag ? { 'If-None-Match': etag } : {} });
  if ('kind' in response) return response;
  if (response.status === 304) return { kind: 'not_modified' };
  if (response.status !== 200) return { kind: 'error', error: `HTTP ${response.status}`, network: false };
  const declared = Number(response.headers.get('Content-Length') ?? Number.NaN);
  if (declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    return { kind: 'too_large', bytes: declared };
  }
  const text = await response.text().catch(() => undefined);
  if (text === undefined) return { kind: 'error', error: 'the answer could not be read', network: true };
  return { kind: 'ok', body: text, etag: response.headers.get('ETag') };
}

/** `GET /healthz` for the options page's connection test and the "is it just me?" probe. */
export async function checkHealth(baseUrl: string, timeoutMs = 5_000): Promise<{ ok: boolean; latencyMs?: number; error?: string; network?: boolean }> {
  const started = performance.now();
  const response = await request(`${baseUrl}/healthz`, {}, timeoutMs);
  if ('kind' in response) return { ok: false, error: response.error, network: true };
  const latencyMs = Math.round(performance.now() - started);
  return response.ok ? { ok: true, latencyMs } : { ok: false, latencyMs, error: `HTTP ${response.status}` };
}
