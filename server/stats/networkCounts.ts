// Distinct sending networks per service and arrival window, held in memory
// beside the minute counts (minuteCounts.ts) and refreshed the same way: the
// database's network totals (migration0006.ts) overwrite a range. They gate
// levels (docs/privacy-and-trust.md): a minute's level can leave
// `ok` only when enough distinct networks reported in its window or the one
// before (so a level does not drop when a new window starts mid-surge).
import { LIMITS } from '../../src/core/protocol.ts';
import { catalogService } from '../../src/core/catalog.ts';
import type { NetworkTotal } from '../storage/types.ts';

const WINDOW = LIMITS.statusWindowMinutes;

export const windowStartOf = (minute: number): number => minute - (((minute % WINDOW) + WINDOW) % WINDOW);

/** The distinct networks a service needs behind a raised level: more for a domain outside the catalog. */
export function minNetworksFor(service: string): number {
  return catalogService(service) ? LIMITS.minNetworksForLevel : LIMITS.minNetworksToListDomain;
}

export class NetworkCounts {
  private readonly services = new Map<string, Map<number, number>>();

  /** Distinct networks behind `minute`: the most of its arrival window and the window before. */
  networksAt(service: string, minute: number): number {
    const windows = this.services.get(service);
    if (!windows) return 0;
    const start = windowStartOf(minute);
    return Math.max(windows.get(start) ?? 0, windows.get(start - WINDOW) ?? 0);
  }

  /** The detector's supportedAt for `service` (src/core/detector.ts). */
  supported(service: string): (minute: number) => boolean {
    const windows = this.services.get(service);
    if (!windows) return () => false;
    const least = minNetworksFor(service);
    return (minute) => {
      const start = windowStartOf(minute);
      return (windows.get(start) ?? 0) >= least || (windows.get(start - WINDOW) ?? 0) >= least;
    };
  }

  /** Replaces the totals of windows starting in [fromMinute, toMinute) with `rows` (all in that range). */
  replaceRange(fromMinute: number, toMinute: number, rows: readonly NetworkTotal[]): void {
    for (const windows of this.services.values()) {
      for (const start of windows.keys()) if (start >= fromMinute && start < toMinute) windows.delete(start);
    }
    for (const row of rows) {
      let windows = this.services.get(row.service);
      if (!windows) this.services.set(row.service, (windows = new Map()));
      windows.set(row.window, row.networks);
    }
  }

  /** Forgets windows starting before `minute`, and services with none left. */
  forgetBefore(minute: number): void {
    for (const [service, windows] of this.services) {
      for (const start of windows.keys()) if (start < minute) windows.delete(start);
      if (windows.size === 0) this.services.delete(service);
    }
  }
}
