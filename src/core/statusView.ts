// The status figures the UI reads (docs/protocol.md: GET /v1/status and
// GET /v1/services/{id}), under the names the popup and the status site use.
import type { ServiceDetail, ServiceStatus } from './protocol.ts';
import { LEVELS, type Level } from './protocolValues.ts';

export type StatusView = ServiceStatus;
export type DetailView = ServiceDetail;

/** A level as the UI draws it; an unknown value (a newer server) reads as `ok` rather than breaking the view. */
export function shownLevel(raw: string): Level {
  return (LEVELS as readonly string[]).includes(raw) ? (raw as Level) : 'ok';
}
