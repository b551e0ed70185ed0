// The Saltelli design and the Sobol' estimators on functions whose indices are known: Ishigami's (Saltelli et al.
// 2010, Table 3 and eq. (21) of Ishigami & Homma 1990) and a linear one; their determinism; the posterior marginals.
import { describe, expect, it } from 'vitest';
import { stream } from '../../src/core/random.js';
import { fromUnit } from '../../src/experiments/design.js';
import { planSensitivity } from '../../src/experiments/plan.js';
import type { Posterior } from '../../src/scenario/posterior.js';
import { tinyLoaded } from '../fixtures.js';
import { normalQuantile, saltelliDesign, saltelliPoint, sobolIndices, weightedMarginal } from '../../src/experiments/sobol.js';

describe('saltelliDesign', () => {
  it('makes k + 2 points per base sample: A, B, and A with one column from B', () => {
    const k = 3;
    const design = saltelliDesign(k, 5, stream(1, 0, 'test'));
    expect(design.unit).toHaveLength(5 * (k + 2));
    for (let j = 0; j < 5; j++) {
      const a = design.unit[saltelliPoint(k, j, -2)];
      const b = design.unit[saltelliPoint(k, j, -1)];
      expect(design.steps[saltelliPoint(k, j, -2)]).toEqual({ sample: j, matrix: 'A', factor: -1 });
      expect(design.steps[saltelliPoint(k, j, -1)]).toEqual({ sample: j, matrix: 'B', factor: -1 });
      for (let i = 0; i < k; i++) {
        const ab = design.unit[saltelliPoint(k, j, i)];
        expect(design.steps[saltelliPoint(k, j, i)]).toEqual({ sample: j, matrix: 'AB', factor: i });
        expect(ab).toEqual(a.map((x, c) => (c === i ? b[c] : x)));
      }
      for (const x of [...a, ...b]) expect(x >= 0 && x < 1).toBe(true);
      expect(a.every((x, c) => x !== b[c])).toBe(true);
    }
  });

  it('is the same for the same seed, and its first N base samples are those of a larger design', () => {
    const small = saltelliDesign(4, 8, stream(7, 0, 'test'));
    expect(saltelliDesign(4, 8, stream(7, 0, 'test'))).toEqual(small);
    expect(saltelliDesign(4, 16, stream(7, 0, 'test')).unit.slice(0, small.unit.length)).toEqual(small.unit);
    expect(saltelliDesign(4, 8, stream(8, 0, 'test')).unit).not.toEqual(small.unit);
  });

  it('refuses a design without factors or with fewer than 2 base samples', () => {
    expect(() => saltelliDesign(0, 8, stream(1, 0, 'test'))).toThrow(RangeError);
    expect(() => saltelliDesign(2, 1, stream(1, 0, 'test'))).toThrow(RangeError);
  });
});

/** Ishigami & Homma (1990): sin x1 + a sin² x2 + b x3⁴ sin x1 on [−π, π]³. */
const ishigami = ([x1, x2, x3]: number[], a = 7, b = 0.1) => Math.sin(x1) + a * Math.sin(x2) ** 2 + b * x3 ** 4 * Math.sin(x1);

/** Its indices for a = 7, b = 0.1, from the closed forms (V = a²/8 + bπ⁴/5 + b²π⁸/18 + ½). */
function ishigamiIndices(a = 7, b = 0.1) {
  const pi4 = Math.PI ** 4;
  const v1 = 0.5 * (1 + (b * pi4) / 5) ** 2;
  const v2 = a ** 2 / 8;
  const v13 = (b ** 2 * Math.PI ** 8) / 18 - (b ** 2 * Math.PI ** 8) / 50;
  const v = v1 + v2 + v13;
  return { S1: [v1 / v, v2 / v, 0], ST: [(v1 + v13) / v, v2 / v, v13 / v] };
}

const PI_RANGES: [number, number][] = [
  [-Math.PI, Math.PI],
  [-Math.PI, Math.PI],
  [-Math.PI, Math.PI],
];

describe('sobolIndices', () => {
  it('the closed forms give the published Ishigami indices', () => {
    const { S1, ST } = ishigamiIndices();
    [0.3139, 0.4424, 0].forEach((s, i) => expect(S1[i]).toBeCloseTo(s, 4));
    [0.5576, 0.4424, 0.2437].forEach((s, i) => expect(ST[i]).toBeCloseTo(s, 4));
  });

  // Each seed gives its own estimates: every one must hold the truth within a 99 % bootstrap interval, and the
  // error must stay below 4 standard errors of the mean of the per-sample terms, which shrink as 1/√N.
  it.each([1, 2, 3])('recovers every Ishigami index within its bootstrap interval (N = 4096, seed %i)', (seed) => {
    const N = 4096;
    const design = saltelliDesign(3, N, stream(seed, 0, 'ishigami'));
    const outcomes = design.unit.map((u) => ishigami(fromUnit(u, PI_RANGES)));
    const result = sobolIndices(design, outcomes, stream(seed, 0, 'bootstrap'), { resamples: 400, confidence: 0.99 });
    expect(result.samples).toBe(N);
    expect(result.dropped).toBe(0);
    const truth = ishigamiIndices();
    // Standard errors of the estimators, from the per-base-sample terms: sd(term) / (V √N).
    const fA = (j: number) => outcomes[saltelliPoint(3, j, -2)];
    const fB = (j: number) => outcomes[saltelliPoint(3, j, -1)];
    const fAB = (j: number, i: number) => outcomes[saltelliPoint(3, j, i)];
    const se = (term: (j: number) => number) => {
      const t = Array.from({ length: N }, (_, j) => term(j));
      const m = t.reduce((s, x) => s + x, 0) / N;
      return Math.sqrt(t.reduce((s, x) => s + (x - m) ** 2, 0) / (N - 1)) / (result.variance * Math.sqrt(N));
    };
    for (const x of result.indices) {
      const i = x.factor;
      expect(Math.abs(x.S1 - truth.S1[i])).toBeLessThanOrEqual(x.S1_conf);
      expect(Math.abs(x.ST - truth.ST[i])).toBeLessThanOrEqual(x.ST_conf);
      expect(Math.abs(x.S1 - truth.S1[i])).toBeLessThan(4 * se((j) => (fB(j) - result.mean) * (fAB(j, i) - fA(j))));
      expect(Math.abs(x.ST - truth.ST[i])).toBeLessThan(4 * se((j) => 0.5 * (fA(j) - fAB(j, i)) ** 2));
      // The interval is about as wide as the standard error says (the bootstrap estimates the same spread).
      expect(x.S1_conf).toBeGreaterThan(normalQuantile(0.995) * 0.7 * se((j) => (fB(j) - result.mean) * (fAB(j, i) - fA(j))));
      expect(x.S1_conf).toBeLessThan(normalQuantile(0.995) * 1.5 * se((j) => (fB(j) - result.mean) * (fAB(j, i) - fA(j))));
    }
    expect(result.indices.map((x) => x.rank)).toEqual([1, 2, 3]);
  });

  it('the intervals narrow as 1/√N', () => {
    const width = (N: number) => {
      const design = saltelliDesign(3, N, stream(5, 0, 'ishigami'));
      const result = sobolIndices(
        design,
        design.unit.map((u) => ishigami(fromUnit(u, PI_RANGES))),
        stream(5, 0, 'bootstrap'),
        { resamples: 300 },
      );
      return result.indices[0].ST_conf;
    };
    const ratio = width(512) / width(8192);
    expect(ratio).toBeGreaterThan(4 * 0.7);
    expect(ratio).toBeLessThan(4 * 1.4);
  });

  it('a linear function: S1 = ST = each term’s share of the variance, exactly up to sampling error', () => {
    const coefficients = [1, 2, 0, 3];
    const N = 2048;
    const design = saltelliDesign(4, N, stream(11, 0, 'linear'));
    const outcomes = design.unit.map((u) => u.reduce((s, x, i) => s + coefficients[i] * x, 0));
    const result = sobolIndices(design, outcomes, stream(11, 0, 'bootstrap'), { resamples: 300, confidence: 0.99 });
    const total = coefficients.reduce((s, a) => s + a * a, 0);
    result.indices.forEach((x, i) => {
      const share = coefficients[i] ** 2 / total;
      expect(Math.abs(x.S1 - share)).toBeLessThanOrEqual(x.S1_conf);
      expect(Math.abs(x.ST - share)).toBeLessThanOrEqual(x.ST_conf);
    });
    // A factor without effect has ST exactly 0: f_A = f_AB^(i) in every base sample.
    expect(result.indices[2].ST).toBe(0);
    expect(result.indices[2].ST_conf).toBe(0);
    expect(result.indices.map((x) => x.rank)).toEqual([3, 2, 4, 1]);
  });

  it('is deterministic: the same seeds give the same numbers', () => {
    const design = saltelliDesign(3, 64, stream(9, 0, 'ishigami'));
    const outcomes = design.unit.map((u) => ishigami(fromUnit(u, PI_RANGES)));
    const once = sobolIndices(design, outcomes, stream(9, 0, 'bootstrap'));
    expect(sobolIndices(design, outcomes, stream(9, 0, 'bootstrap'))).toEqual(once);
    expect(sobolIndices(design, outcomes, stream(10, 0, 'bootstrap')).indices[0].S1_conf).not.toBe(once.indices[0].S1_conf);
  });

  it('drops a base sample with a NaN outcome, and gives NaN for an outcome that does not vary', () => {
    const design = saltelliDesign(2, 10, stream(3, 0, 'test'));
    const outcomes = design.unit.map((u) => u[0] + u[1]);
    outcomes[saltelliPoint(2, 4, 1)] = NaN;
    const result = sobolIndices(design, outcomes, stream(3, 0, 'bootstrap'), { resamples: 20 });
    expect(result.samples).toBe(9);
    expect(result.dropped).toBe(1);
    expect(result.indices.every((x) => Number.isFinite(x.S1) && Number.isFinite(x.ST_conf))).toBe(true);
    const flat = sobolIndices(
      design,
      design.unit.map(() => 5),
      stream(3, 0, 'bootstrap'),
      { resamples: 20 },
    );
    expect(flat.indices.every((x) => Number.isNaN(x.S1) && Number.isNaN(x.ST))).toBe(true);
  });

  it('normalQuantile gives the usual multipliers', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 5);
    expect(normalQuantile(0.995)).toBeCloseTo(2.575829, 5);
    expect(normalQuantile(0.01)).toBeCloseTo(-2.326348, 5);
    expect(normalQuantile(0.5)).toBe(0);
  });
});

describe('weightedMarginal', () => {
  it('maps u to the particle values by their weights, sorted by value', () => {
    const inverse = weightedMarginal([3, 1, 2, 9], [0.5, 0.25, 0.25, 0]);
    expect([0, 0.2, 0.25, 0.3, 0.49, 0.5, 0.9, 0.999].map(inverse)).toEqual([1, 1, 2, 2, 2, 3, 3, 3]);
  });
});

describe("planSensitivity({ method: 'sobol' })", () => {
  const tiny = tinyLoaded();
  const parameters = ['utility.hometown.coefficient', 'locations.bazhong.wageGrowth'];

  it('samples the declared ranges: N (k + 2) points from the Saltelli design, mapped onto each range', () => {
    const plan = planSensitivity(tiny, { method: 'sobol', n: 10, runs: 1 });
    const k = plan.factors.length;
    expect(plan.points).toHaveLength(10 * (k + 2));
    expect(plan.sobol!.ranges).toBe('declared');
    plan.points.forEach((point, p) =>
      expect(point).toEqual(
        fromUnit(
          plan.sobol!.design.unit[p],
          plan.factors.map((f) => f.range),
        ),
      ),
    );
    expect(planSensitivity(tiny, { method: 'sobol', n: 10, runs: 1 })).toEqual(plan);
  });

  it('samples each parameter of a posterior from its weighted marginal, its range the span of its particles', () => {
    const posterior: Posterior = {
      file: '/tmp/posterior.csv',
      parameters,
      particles: [0, 1, 2, 3],
      weights: [0.4, 0.3, 0.3, 0],
      values: [
        [0.7, 0.04],
        [1.1, 0.05],
        [1.6, 0.06],
        [9, 9],
      ],
      lines: [2, 3, 4, 5],
    };
    const plan = planSensitivity({ ...tiny, posterior }, { method: 'sobol', ranges: 'posterior', n: 50, runs: 1 });
    expect(plan.factors.map((f) => f.label)).toEqual(parameters);
    expect(plan.factors.map((f) => f.range)).toEqual([
      [0.7, 1.6],
      [0.04, 0.06],
    ]);
    expect(plan.sobol).toMatchObject({ ranges: 'posterior', posterior: '/tmp/posterior.csv' });
    // Only the particles' values, each in about its weight's share of the points (a particle of weight 0 never).
    const first = plan.points.map((p) => p[0]);
    expect(new Set(first)).toEqual(new Set([0.7, 1.1, 1.6]));
    const share = first.filter((v) => v === 0.7).length / first.length;
    expect(Math.abs(share - 0.4)).toBeLessThan(4 * Math.sqrt((0.4 * 0.6) / 100));
    // --vary picks parameters of the posterior; values, or a parameter it does not fit, are refused.
    expect(planSensitivity({ ...tiny, posterior }, { method: 'sobol', ranges: 'posterior', vary: [parameters[1]], n: 4 }).factors).toHaveLength(1);
    expect(() => planSensitivity({ ...tiny, posterior }, { method: 'sobol', ranges: 'posterior', vary: [`${parameters[1]}=0,1`] })).toThrow(
      /values come from the posterior/,
    );
    expect(() => planSensitivity(tiny, { method: 'sobol', ranges: 'posterior' })).toThrow(/names no posterior/);
  });
});
