// HTTP facts every answer shares, whoever writes it (the API routes in
// api/, Fastify's routes in routes/, Node's own client errors): the error
// envelope and its messages, security headers, CORS for the extension's
// origins.
import type { Socket } from 'node:net';
import { LIMITS } from '../src/core/protocol.ts';

/** Chrome and Firefox extension pages (Firefox ids are per-install UUIDs). */
export const EXTENSION_ORIGIN = /^(chrome-extension:\/\/[a-p]{32}|moz-extension:\/\/[0-9a-f-]{36}|(chrome|moz)-extension:\/\/[A-Za-z0-9._-]{1,64})$/;

export const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'cross-origin-resource-policy': 'cross-origin',
  // Responses differ by Origin (CORS), and public caches must keep them apart.
  vary: 'Origin',
};
export const CORS_HEADERS = { 'access-control-expose-headers': 'ETag, Retry-After' };
export const PREFLIGHT_HEADERS = {
  'access-control-allow-methods': 'GET, POST, OPTIONS',
  'access-control-allow-headers': 'Content-Type, If-None-Match',
  'access-control-max-age': '86400',
};

const SECURITY_LIST = Object.entries(SECURITY_HEADERS).flat();
const CORS_LIST = Object.entries(CORS_HEADERS).flat();

/**
 * The security headers, and CORS for an extension origin, as a flat [name, value, …] list: what every
 * answer starts with. Never mutated.
 */
export function baseHeaderList(origin: string | undefined): readonly string[] {
  return origin !== undefined && EXTENSION_ORIGIN.test(origin)
    ? [...SECURITY_LIST, ...CORS_LIST, 'access-control-allow-origin', origin]
    : SECURITY_LIST;
}

export const JSON_TYPE = 'application/json; charset=utf-8';
export const INVALID_JSON_MESSAGE = 'The request body is not valid JSON.';
export const TOO_LARGE_MESSAGE = `The request body is larger than ${LIMITS.maxBodyBytes / 1024} KiB (${LIMITS.maxBodyBytes} bytes).`;
export const UNSUPPORTED_TYPE_MESSAGE = 'The request body must be sent as Content-Type: application/json.';

export const errorBody = (code: string, message: string) => JSON.stringify({ error: { code, message } });

/** The parts of an Ajv error the messages use. */
export interface ValidationFailure {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
  message?: string;
}

/** What a schema error says, from its first failure; `context` is the request part ("body", "querystring"). */
export function validationMessage(first: ValidationFailure | undefined, context: string, fallback: string): string {
  if (!first) return fallback;
  const where = `${context}${first.instancePath ? first.instancePath.replace(/\//g, '.') : ''}`;
  if (first.keyword === 'additionalProperties') {
    return `${where} has an unknown field "${String(first.params.additionalProperty).slice(0, 64)}" (no other fields are allowed)`;
  }
  if (first.keyword === 'required') return `${where} is missing the field "${String(first.params.missingProperty)}"`;
  return `${where} ${first.message ?? 'is invalid'}`;
}

const CLIENT_ERRORS: Record<string, [status: number, reason: string, code: string, message: string]> = {
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'Request Timeout', 'request_timeout', 'The request was not received in time.'],
  HPE_HEADER_OVERFLOW: [431, 'Request Header Fields Too Large', 'headers_too_large', 'The request headers are too large.'],
};
const BAD_REQUEST = [400, 'Bad Request', 'bad_request', 'The request is not valid HTTP/1.1.'] as const;

/**
 * Node's client errors (malformed HTTP, headers too large, a request not received within the request or
 * header timeout), answered in the envelope on the raw socket, then the socket is closed. Nothing is
 * written when an answer has already begun on that socket.
 */
export function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const pending = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (socket.writable && !pending?.headersSent) {
    const [status, reason, code, message] = CLIENT_ERRORS[error.code ?? ''] ?? BAD_REQUEST;
    const body = errorBody(code, message);
    const headers = Object.entries(SECURITY_HEADERS).map(([name, value]) => `${name}: ${value}\r\n`).join('');
    socket.write(`HTTP/1.1 ${status} ${reason}\r\n${headers}content-type: ${JSON_TYPE}\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
  }
  socket.destroy();
}
