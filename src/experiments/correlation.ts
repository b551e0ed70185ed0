// Correlations of an experiment's sampled parameters with its outcome: Pearson's r, and the |r| that chance alone
// reaches among many parameters (what `sim sweep --sample lhs` prints and the scatter panels are ordered by).

/** Pearson correlation; NaN when either side does not vary. */
export function correlation(a: readonly number[], b: readonly number[]): number {
  const n = a.length;
  if (n < 2) return NaN;
  const ma = a.reduce((s, x) => s + x, 0) / n;
  const mb = b.reduce((s, x) => s + x, 0) / n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) ** 2;
    sbb += (b[i] - mb) ** 2;
  }
  return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : NaN;
}

/**
 * The |r| that the largest of k correlations between independent variables over n points stays below 19 times in
 * 20 (Bonferroni: the two-sided 0.05 / k normal quantile over √(n − 3), Fisher's z): a noise level for a sample.
 */
export function chanceCorrelation(n: number, k: number): number {
  if (n < 4) return 1;
  const tail = 0.05 / (2 * k);
  // Normal upper-tail quantile by bisection on the complementary error function (Abramowitz & Stegun 7.1.26).
  const upper = (z: number) => {
    const x = z / Math.SQRT2;
    const t = 1 / (1 + 0.3275911 * x);
    const erfc = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))) * Math.exp(-x * x);
    return erfc / 2;
  };
  let [lo, hi] = [0, 10];
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (upper(mid) > tail) lo = mid;
    else hi = mid;
  }
  return Math.tanh(lo / Math.sqrt(n - 3));
}
