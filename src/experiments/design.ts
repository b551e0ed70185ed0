// Experimental designs and their statistics: full grids, Latin hypercube samples, one-at-a-time (OAT) and Morris
// elementary effects. Pure: numbers in, numbers out; randomness comes from a seeded uniform (src/core/random.ts).
import type { Uniform } from '../core/random.js';

/** Every combination of the values (a full factorial grid), the first factor varying slowest. Size: the product of the counts. */
export function gridPoints(values: readonly (readonly number[])[]): number[][] {
  let points: number[][] = [[]];
  for (const list of values) points = points.flatMap((point) => list.map((v) => [...point, v]));
  return values.length ? points : [];
}

/**
 * A Latin hypercube sample of n points in [0, 1)^k: each dimension is cut into n equal strata and every stratum
 * holds exactly one point, placed uniformly at random inside it; the strata are paired at random across dimensions.
 * Returns n rows of k numbers.
 */
export function latinHypercube(n: number, k: number, uniform: Uniform): number[][] {
  const points = Array.from({ length: n }, () => new Array<number>(k).fill(0));
  for (let j = 0; j < k; j++) {
    const strata = shuffled(n, uniform);
    for (let i = 0; i < n; i++) points[i][j] = (strata[i] + uniform()) / n;
  }
  return points;
}

/** 0 … n − 1 in a random order (Fisher–Yates). */
export function shuffled(n: number, uniform: Uniform): number[] {
  const out = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(uniform() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** Maps a point of [0, 1]^k onto the ranges: low + u × (high − low), with 0 and 1 landing exactly on the ends. */
export function fromUnit(unit: readonly number[], ranges: readonly (readonly [number, number])[]): number[] {
  return unit.map((u, j) => {
    const [low, high] = ranges[j];
    return u <= 0 ? low : u >= 1 ? high : low + u * (high - low);
  });
}

// ---- one at a time -----------------------------------------------------------------------------------------------

/** What a point of a one-at-a-time design is: the base, or one factor at the low or high end of its range. */
export interface OatPoint {
  /** The factor moved (-1 for the base point). */
  factor: number;
  level: 'base' | 'low' | 'high';
}

/** The base point, then each factor at its low and then its high end with all others at their base values: 2k + 1 points. */
export function oatDesign(base: readonly number[], ranges: readonly (readonly [number, number])[]): { points: number[][]; design: OatPoint[] } {
  const points: number[][] = [[...base]];
  const design: OatPoint[] = [{ factor: -1, level: 'base' }];
  ranges.forEach(([low, high], j) => {
    for (const [level, value] of [
      ['low', low],
      ['high', high],
    ] as const) {
      const point = [...base];
      point[j] = value;
      points.push(point);
      design.push({ factor: j, level });
    }
  });
  return { points, design };
}

/** A factor's one-at-a-time result: the outcome with the factor at its low end, the base value and its high end. */
export interface OatEffect {
  factor: number;
  outcomeLow: number;
  outcomeBase: number;
  outcomeHigh: number;
  /** |outcomeHigh − outcomeLow|: the length of its bar in a tornado chart. */
  swing: number;
  /** 1 for the largest swing. */
  rank: number;
}

/** Each factor's low, base and high outcomes from the outcomes of oatDesign's points, ranked by swing (ties keep factor order). */
export function oatEffects(design: readonly OatPoint[], outcomes: readonly number[]): OatEffect[] {
  const base = outcomes[design.findIndex((p) => p.level === 'base')];
  const k = Math.max(-1, ...design.map((p) => p.factor)) + 1;
  const effects: OatEffect[] = Array.from({ length: k }, (_, factor) => {
    const at = (level: 'low' | 'high') => outcomes[design.findIndex((p) => p.factor === factor && p.level === level)];
    const outcomeLow = at('low');
    const outcomeHigh = at('high');
    return { factor, outcomeLow, outcomeBase: base, outcomeHigh, swing: Math.abs(outcomeHigh - outcomeLow), rank: 0 };
  });
  rank(effects, (e) => e.swing);
  return effects;
}

/** Sets `rank` 1, 2, … by the key, largest first; NaN last; ties keep their order. */
function rank<T extends { rank: number }>(items: T[], key: (item: T) => number): void {
  const order = items.map((item, i) => ({ i, v: key(item) })).sort((a, b) => (Number.isNaN(b.v) ? -1 : Number.isNaN(a.v) ? 1 : b.v - a.v || a.i - b.i));
  order.forEach(({ i }, r) => (items[i].rank = r + 1));
}

// ---- Morris elementary effects -----------------------------------------------------------------------------------

/**
 * A Morris (1991) screening design: r trajectories through a grid of `levels` levels on [0, 1]^k. Each trajectory
 * starts at a random grid point and moves one factor at a time, in random order, by Δ = levels / (2 (levels − 1))
 * up or down, so it has k + 1 points and gives one elementary effect per factor. r (k + 1) points in all.
 */
export interface MorrisDesign {
  k: number;
  trajectories: number;
  levels: number;
  delta: number;
  /** The points in [0, 1]^k, trajectory by trajectory: r (k + 1) rows of k numbers, each a level / (levels − 1). */
  unit: number[][];
  /** For each point: its trajectory, its step (0 is the start) and the factor moved to reach it (-1 at the start). */
  steps: { trajectory: number; step: number; factor: number }[];
}

/** Builds a Morris design; `levels` must be even (so Δ lands on the grid and the levels are sampled evenly). */
export function morrisDesign(k: number, trajectories: number, levels: number, uniform: Uniform): MorrisDesign {
  if (!Number.isInteger(levels) || levels < 2 || levels % 2 !== 0) throw new RangeError(`levels must be an even whole number ≥ 2, not ${levels}`);
  const jump = levels / 2; // Δ in grid steps
  const delta = jump / (levels - 1);
  const unit: number[][] = [];
  const steps: MorrisDesign['steps'] = [];
  const at = (level: number) => (level === levels - 1 ? 1 : level / (levels - 1));
  for (let t = 0; t < trajectories; t++) {
    // Start on a level from which the move stays inside the grid, in a random direction per factor.
    const level = Array.from({ length: k }, () => Math.floor(uniform() * jump));
    const up = Array.from({ length: k }, () => uniform() < 0.5);
    for (let j = 0; j < k; j++) if (!up[j]) level[j] += jump;
    const order = shuffled(k, uniform);
    unit.push(level.map(at));
    steps.push({ trajectory: t, step: 0, factor: -1 });
    order.forEach((j, s) => {
      level[j] += up[j] ? jump : -jump;
      unit.push(level.map(at));
      steps.push({ trajectory: t, step: s + 1, factor: j });
    });
  }
  return { k, trajectories, levels, delta, unit, steps };
}

/** A factor's Morris statistics, in outcome units per full range of the factor. */
export interface MorrisEffect {
  factor: number;
  /** Mean of the elementary effects (signed). */
  mu: number;
  /** Mean of their absolute values: the factor's overall influence, by which it is ranked. */
  muStar: number;
  /** Their standard deviation (n − 1): interactions and non-linearity (and simulation noise). NaN with one trajectory. */
  sigma: number;
  /** The elementary effects, one per trajectory. */
  effects: number[];
  /** 1 for the largest μ*. */
  rank: number;
}

/**
 * The elementary effects of each factor, EE = Δoutcome / Δu with u the factor's position in its range (0 at the
 * low end, 1 at the high end), so an effect is the change of the outcome over the factor's full range as a linear
 * model would extrapolate it: for f = Σ aᵢ xᵢ, μ* = |aᵢ| × (highᵢ − lowᵢ) and σ = 0. Ranked by μ*.
 */
export function morrisEffects(design: MorrisDesign, outcomes: readonly number[]): MorrisEffect[] {
  const effects: number[][] = Array.from({ length: design.k }, () => []);
  design.steps.forEach((s, i) => {
    if (s.step === 0) return;
    const du = design.unit[i][s.factor] - design.unit[i - 1][s.factor];
    effects[s.factor].push((outcomes[i] - outcomes[i - 1]) / du);
  });
  const out: MorrisEffect[] = effects.map((ee, factor) => {
    const n = ee.length;
    const mu = n ? ee.reduce((a, b) => a + b, 0) / n : NaN;
    const muStar = n ? ee.reduce((a, b) => a + Math.abs(b), 0) / n : NaN;
    const sigma = n > 1 ? Math.sqrt(ee.reduce((a, b) => a + (b - mu) ** 2, 0) / (n - 1)) : NaN;
    return { factor, mu, muStar, sigma, effects: ee, rank: 0 };
  });
  rank(out, (e) => e.muStar);
  return out;
}
