// The server reads time only through a Clock, so tests and the simulator can
// move time (docs/architecture.md) without touching timers.
export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A clock that only moves when told to: for tests and simulations. */
export class ManualClock implements Clock {
  constructor(private current: number) {}
  now(): number {
    return this.current;
  }
  set(epochMs: number): void {
    this.current = epochMs;
  }
  advance(ms: number): void {
    this.current += ms;
  }
}

/**
 * A clock held at set times while a replay catches up, then the system's:
 * replayed reports arrive in the minutes they name, as they would have live.
 */
export class CatchUpClock implements Clock {
  private held: number | null = null;
  now(): number {
    return this.held ?? Date.now();
  }
  hold(epochMs: number): void {
    this.held = epochMs;
  }
  release(): void {
    this.held = null;
  }
}
