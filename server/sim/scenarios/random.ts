// A small seeded random source, so that every scenario (and every test built
// on one) produces exactly the same reports on every run and machine.

export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** An integer in [0, n). */
  int(n: number): number;
  /** Poisson-distributed count with the given mean. */
  poisson(mean: number): number;
  /** Gamma-distributed value with the given shape and mean (Marsaglia–Tsang). */
  gamma(shape: number, mean: number): number;
  /** One item, picked with the given weights. */
  pick<T>(items: readonly (readonly [T, number])[]): T;
}

/** mulberry32: 32-bit state, good enough statistics for simulation, and fast. */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = (): number => {
    const u = next() || Number.MIN_VALUE;
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
  };
  const random: Random = {
    next,
    int: (n) => Math.floor(next() * n),
    poisson(mean) {
      if (!(mean > 0)) return 0;
      if (mean > 60) return Math.max(0, Math.round(mean + Math.sqrt(mean) * normal()));
      const limit = Math.exp(-mean);
      let k = 0;
      let p = next();
      while (p > limit) {
        k++;
        p *= next();
      }
      return k;
    },
    gamma(shape, mean) {
      const boost = shape < 1 ? Math.pow(next() || Number.MIN_VALUE, 1 / shape) : 1;
      const d = (shape < 1 ? shape + 1 : shape) - 1 / 3;
      const c = 1 / Math.sqrt(9 * d);
      for (;;) {
        const x = normal();
        const v = (1 + c * x) ** 3;
        if (v <= 0) continue;
        const u = next();
        if (Math.log(u || Number.MIN_VALUE) < 0.5 * x * x + d - d * v + d * Math.log(v)) {
          return ((d * v * boost) / shape) * mean;
        }
      }
    },
    pick(items) {
      let total = 0;
      for (const [, w] of items) total += w;
      let r = next() * total;
      for (const [item, w] of items) {
        r -= w;
        if (r < 0) return item;
      }
      return items[items.length - 1]![0];
    },
  };
  return random;
}
