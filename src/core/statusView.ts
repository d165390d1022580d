// The status figures the UI reads (docs/protocol.md: GET /v1/status and
// GET /v1/services/{id}), plus `learning`, which a server without the
// learned baseline does not send.
import type { ServiceDetail, ServiceStatus } from './protocol.ts';
import { LEVELS, type Level } from './protocolValues.ts';

export interface Learning {
  /** The server has less than 4 weeks of same-slot history for the service: "usual" is a floor, not learned. */
  learning?: boolean;
}

export type StatusView = ServiceStatus & Learning;
export type DetailView = ServiceDetail & Learning;

/** A level as the UI draws it; an unknown value (a newer server) reads as `ok` rather than breaking the view. */
export function shownLevel(raw: string): Level {
  return (LEVELS as readonly string[]).includes(raw) ? (raw as Level) : 'ok';
}
