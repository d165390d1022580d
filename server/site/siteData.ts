// What the pages are rendered from: the read side's cached bodies
// (StatsService, the same bytes /v1/status and /v1/services/{id} serve),
// parsed once per body, and the level changes this process has seen. No
// database query runs on the request path.
import { CATALOG } from '../../src/core/catalog.ts';
import type { StatusResponse } from '../../src/core/protocol.ts';
import type { DetailView } from '../../src/core/statusView.ts';
import type { IncidentRow } from '../../src/site/ServicePage.tsx';
import type { CachedBody, StatsService } from '../stats/statsService.ts';
import type { FeedEvent } from './feed.ts';

const parsed = new WeakMap<CachedBody, unknown>();

function parse<T>(body: CachedBody): T {
  let value = parsed.get(body);
  if (value === undefined) {
    value = JSON.parse(body.body);
    parsed.set(body, value);
  }
  return value as T;
}

const DAY_MS = 86_400_000;
/** Incidents and level changes are kept for 90 days (docs/incidents.md). */
const HISTORY_MS = 90 * DAY_MS;
const MAX_CHANGES = 1000;

interface LevelChange {
  service: string;
  name: string;
  at: number;
  since: number;
  level: string;
  count: number;
}

/**
 * Level changes inside an incident (outage → warning, …), as this process saw them at each stats refresh.
 * Incident starts and ends are stored with the incidents; the steps between them are not, so a restarted
 * server's feed begins its level changes at its start.
 */
export class LevelChanges {
  private readonly last = new Map<string, string>();
  private changes: LevelChange[] = [];

  observe(status: StatusResponse): void {
    const seen = new Set<string>();
    for (const s of status.services) {
      seen.add(s.id);
      const before = this.last.get(s.id);
      this.last.set(s.id, s.level);
      if (before !== undefined && before !== s.level && before !== 'ok' && s.level !== 'ok' && s.since !== null) {
        this.changes.push({ service: s.id, name: s.name, at: status.generatedAt, since: s.since, level: s.level, count: s.count });
      }
    }
    // A listed domain that dropped off the list is back to ok.
    for (const id of this.last.keys()) if (!seen.has(id)) this.last.delete(id);
    if (this.changes.length > MAX_CHANGES || this.changes[0]?.at! < status.generatedAt - HISTORY_MS) {
      this.changes = this.changes.filter((c) => c.at >= status.generatedAt - HISTORY_MS).slice(-MAX_CHANGES);
    }
  }

  of(service?: string): LevelChange[] {
    return service === undefined ? this.changes : this.changes.filter((c) => c.service === service);
  }
}

/** The incidents of a detail body (docs/incidents.md), newest first; none when the body has none. */
export function incidentsOf(detail: DetailView): IncidentRow[] {
  return detail.incidents ?? [];
}

export class SiteData {
  readonly levelChanges = new LevelChanges();

  constructor(private readonly stats: StatsService) {}

  status(): StatusResponse {
    return parse<StatusResponse>(this.stats.status());
  }

  detail(service: string, hours: number): DetailView {
    return parse<DetailView>(this.stats.detail(service, hours));
  }

  /** Called after every stats refresh. */
  observe(): void {
    this.levelChanges.observe(this.status());
  }

  /** Starts, level changes and ends of the last 90 days: of one service, or of the catalog and every listed service. */
  feedEvents(service?: string): FeedEvent[] {
    const status = this.status();
    const ids = service !== undefined ? [service] : [...new Set([...CATALOG.map((s) => s.id), ...status.services.map((s) => s.id)])];
    const events: FeedEvent[] = [];
    const cutoff = status.generatedAt - HISTORY_MS;
    for (const id of ids) {
      const detail = this.detail(id, 24);
      const incidents = incidentsOf(detail);
      for (const incident of incidents) {
        if (incident.since < cutoff) continue;
        events.push({ kind: 'start', service: id, name: detail.name, at: incident.since, since: incident.since, level: incident.peakLevel, count: incident.peak });
        if (incident.until !== null) {
          events.push({ kind: 'end', service: id, name: detail.name, at: incident.until, since: incident.since, level: incident.peakLevel, count: incident.peak });
        }
      }
      // The current incident, whether or not the incident history has it yet.
      if (detail.since !== null && !incidents.some((i) => i.since === detail.since)) {
        events.push({ kind: 'start', service: id, name: detail.name, at: detail.since, since: detail.since, level: detail.level, count: detail.count });
      }
    }
    for (const change of this.levelChanges.of(service)) {
      if (change.at >= cutoff) events.push({ kind: 'level', ...change });
    }
    return events;
  }
}
