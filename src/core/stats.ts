// Summary statistics over replications, computed the same way every time: same numbers in, same bits out.

/** Arithmetic mean, summed in the order given (so the same list always gives the same bits); NaN for none. */
export function mean(values: ArrayLike<number>): number {
  if (values.length === 0) return NaN;
  let sum = 0;
  for (let k = 0; k < values.length; k++) sum += values[k];
  return sum / values.length;
}

/**
 * The p-quantile of values sorted ascending, by linear interpolation between order statistics (Hyndman & Fan type 7,
 * the default of R and NumPy): with n values it sits at position h = p·(n − 1). Exact at the order statistics, and
 * where both neighbours are equal (also when they are infinite, where interpolation would give NaN). NaN for none.
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * p;
  const below = Math.floor(h);
  const low = sorted[below];
  const high = sorted[Math.min(below + 1, n - 1)];
  const fraction = h - below;
  return fraction === 0 || low === high ? low : low + fraction * (high - low);
}

/** The values in ascending numeric order, as a new array (the input is left as it was). */
export function sortedAscending(values: ArrayLike<number>): Float64Array {
  return Float64Array.from(values).sort();
}

/** Mean, 5th and 95th percentile of the finite values (NaN marks an undefined figure and is left out). */
export function meanAndBand(values: readonly number[]): { mean: number; p5: number; p95: number } {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return { mean: NaN, p5: NaN, p95: NaN };
  const sorted = sortedAscending(finite);
  return { mean: mean(finite), p5: quantileSorted(sorted, 0.05), p95: quantileSorted(sorted, 0.95) };
}
