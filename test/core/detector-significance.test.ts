import { describe, expect, it } from 'vitest';
import { negativeBinomialCritical } from '../../src/core/detector/significance.ts';

/** P(X >= k) for X ~ NB(mean, size), summed term by term from the gamma-function pmf (independent of the recurrence). */
function upperTail(mean: number, size: number, k: number): number {
  const logGamma = (z: number): number => {
    // Lanczos approximation (g = 7), accurate to ~1e-15 for z > 0.5.
    const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
      12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
    z -= 1;
    let x = c[0]!;
    for (let i = 1; i < 9; i++) x += c[i]! / (z + i);
    const t = z + 7.5;
    return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(x);
  };
  const p = mean / (mean + size);
  let below = 0;
  for (let j = 0; j < k; j++) {
    below += Math.exp(logGamma(j + size) - logGamma(size) - logGamma(j + 1) + size * Math.log(1 - p) + j * Math.log(p));
  }
  return 1 - below;
}

describe('negativeBinomialCritical', () => {
  it.each([
    [0.2, 10, 1e-5], [1, 10, 1e-5], [8, 10, 1e-5], [8, 10, 1e-8], [60, 10, 1e-8], [60, 3, 1e-4],
  ])('mean %f, size %f, alpha %f: the smallest k whose upper tail is within alpha', (mean, size, alpha) => {
    const k = negativeBinomialCritical(mean, size, alpha);
    expect(upperTail(mean, size, k)).toBeLessThanOrEqual(alpha * 1.0001);
    expect(upperTail(mean, size, k - 1)).toBeGreaterThan(alpha);
  });

  it('demands more than a Poisson would, for the same mean (over-dispersion)', () => {
    // Poisson(20): P(X >= 40) ≈ 1e-4 already; the negative binomial with size 10 needs far more.
    expect(negativeBinomialCritical(20, 10, 1e-5)).toBeGreaterThan(60);
    expect(negativeBinomialCritical(20, 1e9, 1e-5)).toBeLessThan(45);
  });

  it('stays finite and sensible for huge means (normal approximation past underflow)', () => {
    const k = negativeBinomialCritical(1e7, 10, 1e-8);
    expect(k).toBeGreaterThan(1e7 * 2.5);
    expect(k).toBeLessThan(1e7 * 5);
  });

  it('needs at least one report when nothing is expected', () => {
    expect(negativeBinomialCritical(0, 10, 1e-5)).toBe(1);
  });
});
