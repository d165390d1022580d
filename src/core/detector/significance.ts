// Count-data significance: how many reports in a window are too many to be
// ordinary noise around an expected mean? Report counts are over-dispersed
// (a news story, an evening peak), so the noise model is a negative binomial
// with a fixed size (shape) rather than a Poisson; a normal z-score would
// be far too trigger-happy at the small counts most services have.

/** Above this mean the summation would take too many steps (and the gamma approximation is accurate). */
const LARGE_MEAN = 100_000;

/**
 * The smallest count k with P(X >= k) <= alpha for X ~ NegativeBinomial(mean, size), i.e. variance
 * mean + mean²/size. Summed from the probability mass function by its recurrence: O(k) steps, and k stays
 * within a few standard deviations of the mean.
 */
export function negativeBinomialCritical(mean: number, size: number, alpha: number): number {
  if (!(mean > 0)) return 1;
  const q = size / (size + mean);
  const p = 1 - q;
  let pmf = Math.exp(size * Math.log(q));
  if (pmf === 0 || mean > LARGE_MEAN) {
    // Far above the size, the negative binomial is a gamma with shape `size` (the Poisson part is negligible):
    // its quantile by Wilson–Hilferty, instead of O(mean) summation steps.
    const v = 1 / (9 * size);
    return Math.ceil(mean * (1 - v + normalQuantileUpper(alpha) * Math.sqrt(v)) ** 3);
  }
  let cdf = pmf;
  let k = 0;
  while (1 - cdf > alpha) {
    pmf *= ((k + size) / (k + 1)) * p;
    k++;
    cdf += pmf;
    if (pmf === 0 && k > mean) break; // rounding left 1 - cdf stuck above alpha: we are far in the tail
  }
  return k + 1;
}

/** Upper quantile z with P(Z > z) = alpha of the standard normal (Abramowitz & Stegun 26.2.23, error < 5e-4). */
function normalQuantileUpper(alpha: number): number {
  const t = Math.sqrt(-2 * Math.log(alpha));
  return t - (2.515517 + 0.802853 * t + 0.010328 * t * t) / (1 + 1.432788 * t + 0.189269 * t * t + 0.001308 * t * t * t);
}
