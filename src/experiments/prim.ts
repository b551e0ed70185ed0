// Scenario discovery with the Patient Rule Induction Method (PRIM; Friedman & Fisher 1999, "Bump hunting in
// high-dimensional data", Statistics and Computing 9:123–143): boxes of the uncertain parameters in which a condition
// (a policy failing) is concentrated. Pure: numbers in, numbers out; no randomness.

/*
 * Peeling. The box starts as the whole range of every parameter (the declared ranges given, else the data's). At each
 * step every parameter is tried at both ends: the lowest (or highest) `alpha` share of the points still in the box
 * along that parameter is cut off (at least one point; ties at the cut go with the box). The cut that leaves the
 * highest density (mean of the target in the box) is made; ties go to the first parameter, the low end before the
 * high. Peeling stops when no cut leaves at least `minSupport` of all points in the box. Each step is recorded: the
 * trajectory. (Friedman & Fisher's optional pasting, which grows the box back, is not done.)
 *
 * Coverage = targets in the box ÷ all targets; density = targets in the box ÷ points in the box; support = points in
 * the box ÷ all points.
 *
 * The chosen box. Among the steps whose density reaches `threshold`, the one with the best balance of coverage and
 * density — the largest harmonic mean 2·c·d / (c + d) — and of equal balance the earlier (larger) box. When no step
 * reaches the threshold, the best balance over the whole trajectory, flagged as below the threshold.
 */

export interface PrimOptions {
  /** Share of the box's points each peel removes (default 0.05; Friedman & Fisher suggest 0.05–0.10). */
  alpha?: number;
  /** Smallest share of all points a box may hold (default 0.05). */
  minSupport?: number;
  /** Density the chosen box should reach (default 0.8). */
  threshold?: number;
  /** The full range of each parameter (the box at step 0); default: each parameter's smallest and largest value in the data. */
  ranges?: readonly (readonly [number, number])[];
}

/** One step of the peeling trajectory. */
export interface PrimStep {
  /** 0 for the whole space. */
  step: number;
  coverage: number;
  density: number;
  support: number;
  /** Points in the box. */
  points: number;
  /** The box: [low, high] per parameter; a point is in it when low ≤ x ≤ high for every parameter. */
  box: [number, number][];
  /** The parameter cut at this step and which end (-1 and '' at step 0). */
  peeled: number;
  side: 'low' | 'high' | '';
  /** Parameters whose limits are inside their full range. */
  restricted: number;
}

export interface PrimResult {
  steps: PrimStep[];
  /** The index in `steps` of the chosen box. */
  chosen: number;
  /** Whether the chosen box reaches the density threshold. */
  reachesThreshold: boolean;
  /** Points and targets in all. */
  points: number;
  targets: number;
  alpha: number;
  minSupport: number;
  threshold: number;
  /** The full range of each parameter (the box at step 0). */
  ranges: [number, number][];
}

/** The harmonic mean of coverage and density: the balance the chosen box maximises (0 when either is 0). */
export function balance(step: Pick<PrimStep, 'coverage' | 'density'>): number {
  const { coverage: c, density: d } = step;
  return c + d > 0 ? (2 * c * d) / (c + d) : 0;
}

/**
 * Peels boxes for a target (1 where the condition holds, 0 where it does not) over points `x` (n rows of k numbers).
 * Throws a RangeError for an empty sample, rows of unequal length, a target that is not 0 or 1, or settings out of range.
 */
export function prim(x: readonly (readonly number[])[], y: readonly number[], options: PrimOptions = {}): PrimResult {
  const alpha = options.alpha ?? 0.05;
  const minSupport = options.minSupport ?? 0.05;
  const threshold = options.threshold ?? 0.8;
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must lie between 0 and 1, not ${alpha}`);
  if (!(minSupport > 0 && minSupport <= 1)) throw new RangeError(`the minimum support must lie in (0, 1], not ${minSupport}`);
  if (!(threshold >= 0 && threshold <= 1)) throw new RangeError(`the density threshold must lie in [0, 1], not ${threshold}`);
  const n = x.length;
  if (n === 0 || n !== y.length) throw new RangeError(`PRIM needs as many targets as points and at least one point (${n} points, ${y.length} targets)`);
  const k = x[0].length;
  if (x.some((row) => row.length !== k)) throw new RangeError('every point must have the same number of parameters');
  if (y.some((v) => v !== 0 && v !== 1)) throw new RangeError('the target must be 0 or 1 at every point');
  const ranges: [number, number][] = options.ranges
    ? options.ranges.map(([low, high]) => [low, high])
    : Array.from({ length: k }, (_, j) => [Math.min(...x.map((row) => row[j])), Math.max(...x.map((row) => row[j]))]);
  if (ranges.length !== k) throw new RangeError(`${ranges.length} ranges for ${k} parameters`);
  const targets = y.reduce((s, v) => s + v, 0);
  const minPoints = Math.ceil(minSupport * n - 1e-9);

  let inBox = Array.from({ length: n }, (_, i) => i);
  const box = ranges.map(([low, high]) => [low, high] as [number, number]);
  const stepOf = (step: number, members: number[], peeled: number, side: PrimStep['side']): PrimStep => {
    const hits = members.reduce((s, i) => s + y[i], 0);
    return {
      step,
      coverage: targets > 0 ? hits / targets : 0,
      density: members.length ? hits / members.length : 0,
      support: members.length / n,
      points: members.length,
      box: box.map(([low, high]) => [low, high]),
      peeled,
      side,
      restricted: box.filter(([low, high], j) => low > ranges[j][0] || high < ranges[j][1]).length,
    };
  };
  const steps: PrimStep[] = [stepOf(0, inBox, -1, '')];
  for (;;) {
    const remove = Math.max(1, Math.floor(alpha * inBox.length));
    let best: { density: number; j: number; side: 'low' | 'high'; cut: number; kept: number[] } | undefined;
    for (let j = 0; j < k; j++) {
      const sorted = inBox.map((i) => x[i][j]).sort((a, b) => a - b);
      for (const side of ['low', 'high'] as const) {
        // Keep x ≥ cut (low end) or x ≤ cut (high end); points equal to the cut stay in the box.
        const cut = side === 'low' ? sorted[remove] : sorted[sorted.length - 1 - remove];
        if (cut === undefined) continue;
        const kept = inBox.filter((i) => (side === 'low' ? x[i][j] >= cut : x[i][j] <= cut));
        if (kept.length === inBox.length || kept.length < minPoints) continue;
        const density = kept.reduce((s, i) => s + y[i], 0) / kept.length;
        if (!best || density > best.density) best = { density, j, side, cut, kept };
      }
    }
    if (!best) break;
    box[best.j][best.side === 'low' ? 0 : 1] = best.cut;
    inBox = best.kept;
    steps.push(stepOf(steps.length, inBox, best.j, best.side));
  }
  const reaching = steps.filter((s) => s.density >= threshold);
  const pool = reaching.length ? reaching : steps;
  const chosen = pool.reduce((a, b) => (balance(b) > balance(a) ? b : a), pool[0]).step;
  return { steps, chosen, reachesThreshold: reaching.length > 0, points: n, targets, alpha, minSupport, threshold, ranges };
}
