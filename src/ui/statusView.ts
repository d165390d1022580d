// The status figures the UI reads (docs/protocol.md: GET /v1/status and
// GET /v1/services/{id}), with the incident fields optional so that an answer
// from a server without them still renders: no peak, no recent series.
import type { SeriesPoint, ServiceDetail, ServiceStatus } from '../core/protocol.ts';
import { LEVELS, type Level } from '../core/protocolValues.ts';

export type ShownLevel = Level | 'recovering';

/** A wire level as one the UI draws; an unknown value (a newer server) reads as `ok` rather than breaking the view. */
export function shownLevel(raw: string): ShownLevel {
  return (LEVELS as readonly string[]).includes(raw) || raw === 'recovering' ? (raw as ShownLevel) : 'ok';
}

/** A series bucket; `partial` marks the unfinished current one (its count is what arrived so far). */
export type PointView = SeriesPoint & { partial?: boolean };

export interface StatusView extends Omit<ServiceStatus, 'level'> {
  level: string;
  /** Largest 15-minute count of the current incident and the end of that window. */
  peak?: { count: number; t: number } | null;
  /** The server has less than 4 weeks of same-slot history for the service: "usual" is a floor, not learned. */
  learning?: boolean;
}

export interface IncidentView {
  since: number;
  until: number | null;
  peak: number;
  peakLevel: string;
}

export interface DetailView extends StatusView, Omit<ServiceDetail, keyof ServiceStatus | 'series'> {
  series: PointView[];
  /** The last hours at a finer resolution, during and after an incident. */
  recent?: { bucketMinutes: number; points: PointView[] };
  generatedAt?: number;
  incidents?: IncidentView[];
}
