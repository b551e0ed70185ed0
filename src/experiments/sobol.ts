// Variance-based (Sobol') sensitivity: the Saltelli sampling design and the first-order and total indices with the
// estimators of Saltelli et al. (2010), Table 2 — Saltelli's for S_i and Jansen's (1999) for S_Ti — with bootstrap
// confidence intervals. Pure: numbers in, numbers out; randomness comes from seeded uniforms (src/core/random.ts).
import type { Uniform } from '../core/random.js';

/** Which matrix of the Saltelli scheme a point comes from: A, B, or A with column i taken from B (A_B^(i)). */
export type SaltelliMatrix = 'A' | 'B' | 'AB';

/**
 * A Saltelli design of N base samples over [0, 1)^k: two independent uniform samples A and B (N rows each) and, for
 * each factor i, the matrix A_B^(i), A with its column i from B. The points are grouped by base sample: row j of A,
 * row j of B, then rows j of A_B^(1) … A_B^(k), so there are k + 2 points per base sample and N (k + 2) in all.
 */
export interface SaltelliDesign {
  k: number;
  /** Base samples N: rows of A (and of B). */
  samples: number;
  /** The points in [0, 1)^k, base sample by base sample: N (k + 2) rows of k numbers. */
  unit: number[][];
  /** For each point: its base sample, its matrix and, for A_B^(i), the factor i taken from B (-1 for A and B). */
  steps: { sample: number; matrix: SaltelliMatrix; factor: number }[];
}

/** The index of base sample j's point in matrix A (which = -2), B (-1) or A_B^(i) (which = i) of a design of k factors. */
export function saltelliPoint(k: number, sample: number, which: number): number {
  return sample * (k + 2) + (which === -2 ? 0 : which === -1 ? 1 : 2 + which);
}

/**
 * Builds a Saltelli design: base sample j draws its row of A (k numbers) and then its row of B (k numbers) from
 * `uniform`, plain Monte Carlo (no low-discrepancy sequence), so the design of N base samples is the first N of a
 * larger one with the same seed.
 */
export function saltelliDesign(k: number, samples: number, uniform: Uniform): SaltelliDesign {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`a Saltelli design needs at least one factor, not ${k}`);
  if (!Number.isInteger(samples) || samples < 2) throw new RangeError(`a Saltelli design needs at least 2 base samples, not ${samples}`);
  const unit: number[][] = [];
  const steps: SaltelliDesign['steps'] = [];
  for (let j = 0; j < samples; j++) {
    const a = Array.from({ length: k }, () => uniform());
    const b = Array.from({ length: k }, () => uniform());
    unit.push(a, b);
    steps.push({ sample: j, matrix: 'A', factor: -1 }, { sample: j, matrix: 'B', factor: -1 });
    for (let i = 0; i < k; i++) {
      const ab = [...a];
      ab[i] = b[i];
      unit.push(ab);
      steps.push({ sample: j, matrix: 'AB', factor: i });
    }
  }
  return { k, samples, unit, steps };
}

/** A factor's Sobol' indices: S1 (first order, main effect) and ST (total, with all interactions), each ± its half-interval. */
export interface SobolIndex {
  factor: number;
  /** First-order index: the share of the outcome's variance that the factor explains alone. */
  S1: number;
  /** Half the width of S1's confidence interval: S1 ± S1_conf. */
  S1_conf: number;
  /** Total index: the share of the variance that would remain unexplained without the factor (its effect with all interactions). */
  ST: number;
  ST_conf: number;
  /** 1 for the largest ST. */
  rank: number;
}

export interface SobolIndices {
  indices: SobolIndex[];
  /** Base samples used: those whose k + 2 outcomes are all numbers (an undefined share, NaN, drops its base sample). */
  samples: number;
  /** Base samples dropped for a NaN outcome. */
  dropped: number;
  /** Mean and variance (population, over the rows of A and B together) of the outcome: the denominator of every index. */
  mean: number;
  variance: number;
  /** Bootstrap resamples behind the intervals, and their confidence level. */
  resamples: number;
  confidence: number;
}

export interface SobolOptions {
  /** Bootstrap resamples of the base samples (default 1000). */
  resamples?: number;
  /** Confidence level of the intervals (default 0.95). */
  confidence?: number;
}

/**
 * The Sobol' indices of every factor from the outcomes at a Saltelli design's points (Saltelli et al. 2010, Table 2;
 * f_A, f_B, f_AB^(i) the outcomes at a base sample's points, V the variance of f over the rows of A and B):
 *   S_i  = mean over base samples of (f_B − f̄) (f_AB^(i) − f_A) / V    (Saltelli 2010, eq. (b), f_B centred)
 *   S_Ti = mean over base samples of ½ (f_A − f_AB^(i))² / V            (Jansen 1999, eq. (f))
 * The intervals are bootstrap ones: the base samples are resampled with replacement `resamples` times (drawn from
 * `uniform`, so they are deterministic), every index is estimated again on each resample, and S_conf is the normal
 * quantile of the confidence level (1.96 for 95 %) times the standard deviation of those estimates. Ranked by ST.
 * All NaN when the outcome does not vary (V = 0) or fewer than 2 base samples are usable.
 */
export function sobolIndices(design: SaltelliDesign, outcomes: readonly number[], uniform: Uniform, options: SobolOptions = {}): SobolIndices {
  const { k, samples } = design;
  const resamples = options.resamples ?? 1000;
  const confidence = options.confidence ?? 0.95;
  if (outcomes.length !== design.unit.length) throw new RangeError(`${outcomes.length} outcomes for a design of ${design.unit.length} points`);
  if (!Number.isInteger(resamples) || resamples < 2) throw new RangeError(`resamples must be a whole number ≥ 2, not ${resamples}`);
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`confidence must be between 0 and 1, not ${confidence}`);
  // The base samples whose outcomes are all numbers, as rows of [f_A, f_B, f_AB^(1) … f_AB^(k)].
  const rows: Float64Array[] = [];
  for (let j = 0; j < samples; j++) {
    const row = Float64Array.from({ length: k + 2 }, (_, c) => outcomes[j * (k + 2) + c]);
    if (row.every(Number.isFinite)) rows.push(row);
  }
  const n = rows.length;
  const all = Array.from({ length: n }, (_, j) => j);
  const point = estimate(rows, all, k);
  const z = normalQuantile(0.5 + confidence / 2);
  const boot = { S1: Array.from({ length: k }, () => new Float64Array(resamples)), ST: Array.from({ length: k }, () => new Float64Array(resamples)) };
  if (n >= 2)
    for (let b = 0; b < resamples; b++) {
      const drawn = Array.from({ length: n }, () => Math.floor(uniform() * n));
      const e = estimate(rows, drawn, k);
      for (let i = 0; i < k; i++) {
        boot.S1[i][b] = e.S1[i];
        boot.ST[i][b] = e.ST[i];
      }
    }
  const indices: SobolIndex[] = Array.from({ length: k }, (_, i) => ({
    factor: i,
    S1: point.S1[i],
    S1_conf: n >= 2 ? z * standardDeviation(boot.S1[i]) : NaN,
    ST: point.ST[i],
    ST_conf: n >= 2 ? z * standardDeviation(boot.ST[i]) : NaN,
    rank: 0,
  }));
  const order = indices.map((x, i) => ({ i, v: x.ST })).sort((a, b) => (Number.isNaN(b.v) ? -1 : Number.isNaN(a.v) ? 1 : b.v - a.v || a.i - b.i));
  order.forEach(({ i }, r) => (indices[i].rank = r + 1));
  return { indices, samples: n, dropped: samples - n, mean: point.mean, variance: point.variance, resamples, confidence };
}

/** The estimators on the base samples `which` (repeats allowed: a bootstrap resample). NaN for V = 0 or under 2 rows. */
function estimate(rows: readonly Float64Array[], which: readonly number[], k: number) {
  const n = which.length;
  const nan = () => new Array<number>(k).fill(NaN);
  if (n < 2) return { S1: nan(), ST: nan(), mean: NaN, variance: NaN };
  let sum = 0;
  for (const j of which) sum += rows[j][0] + rows[j][1];
  const mean = sum / (2 * n);
  let squares = 0;
  for (const j of which) squares += (rows[j][0] - mean) ** 2 + (rows[j][1] - mean) ** 2;
  const variance = squares / (2 * n);
  if (!(variance > 0)) return { S1: nan(), ST: nan(), mean, variance };
  const S1 = new Array<number>(k).fill(0);
  const ST = new Array<number>(k).fill(0);
  for (const j of which) {
    const [fA, fB] = rows[j];
    for (let i = 0; i < k; i++) {
      const fAB = rows[j][2 + i];
      // f_B centred on the mean: the same expectation (f_AB − f_A has mean 0) with a smaller variance when the outcome's
      // mean is large against its spread, as with a talent count of thousands that moves by tens.
      S1[i] += (fB - mean) * (fAB - fA);
      ST[i] += 0.5 * (fA - fAB) ** 2;
    }
  }
  return { S1: S1.map((s) => s / n / variance), ST: ST.map((s) => s / n / variance), mean, variance };
}

/** Sample standard deviation (n − 1), NaN values left out. */
function standardDeviation(values: ArrayLike<number>): number {
  const finite = Array.from(values).filter(Number.isFinite);
  const n = finite.length;
  if (n < 2) return NaN;
  const m = finite.reduce((a, b) => a + b, 0) / n;
  return Math.sqrt(finite.reduce((a, b) => a + (b - m) ** 2, 0) / (n - 1));
}

/**
 * The standard normal quantile: Acklam's rational approximation (relative error below 1.2e-9), exact enough for an
 * interval's multiplier (1.959964 for 0.975).
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) return p === 0 ? -Infinity : p === 1 ? Infinity : NaN;
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  if (p > 1 - low) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

/**
 * A posterior parameter's marginal as an inverse distribution function: u in [0, 1) → the particle value whose
 * cumulative weight (particles sorted by value) first exceeds u. Sampling each parameter this way, independently,
 * keeps every marginal of the posterior and drops the correlations between parameters, which Sobol' indices assume
 * away (they are defined for independent inputs).
 */
export function weightedMarginal(values: readonly number[], weights: readonly number[]): (u: number) => number {
  const order = values.map((v, i) => ({ v, w: weights[i] })).filter((x) => x.w > 0 && Number.isFinite(x.v));
  order.sort((a, b) => a.v - b.v);
  const total = order.reduce((s, x) => s + x.w, 0);
  const sorted = order.map((x) => x.v);
  const cumulative: number[] = [];
  let running = 0;
  for (const x of order) cumulative.push((running += x.w / total));
  return (u) => {
    let lo = 0;
    let hi = sorted.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] > u) hi = mid;
      else lo = mid + 1;
    }
    return sorted[lo];
  };
}
