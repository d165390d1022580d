/** Reports may name minutes up to 24 h back; keys older than this many minutes are dropped. */
export const KEEP_MINUTES: number;

/** Suppression windows are this many minutes long (DESIGN §6). */
export const WINDOW_MINUTES: number;

export function windowOf(minute: number): number;

export interface RecentKeys {
  hasId(service: string, id: string): boolean;
  addId(service: string, id: string, receivedMinute: number): void;
  /** Takes back the id added last (a commit that failed). */
  removeId(service: string, id: string): void;
  hasClaim(service: string, client: string, minute: number): boolean;
  /** Takes back a claim (a commit that failed). */
  unclaim(service: string, client: string, minute: number): void;
  /** True when the claim was new (the report counts), false when this client already has one. */
  claim(service: string, client: string, minute: number): boolean;
  /** Drops what no acceptable report can name any more; returns the claims dropped. */
  forget(nowMinute: number): number;
  readonly size: { ids: number; claims: number };
}

export function createRecentKeys(): RecentKeys;
