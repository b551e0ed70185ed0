// Experimental designs against answers known in advance: grid sizes, Latin hypercube strata, OAT and Morris on test functions.
import { describe, expect, it } from 'vitest';
import { stream } from '../../src/core/random.js';
import { fromUnit, gridPoints, latinHypercube, morrisDesign, morrisEffects, oatDesign, oatEffects } from '../../src/experiments/design.js';

describe('gridPoints', () => {
  it('has the product of the value counts, every combination once, the first factor slowest', () => {
    const values = [
      [1, 2, 3],
      [10, 20],
      [0.1, 0.2, 0.3, 0.4],
    ];
    const points = gridPoints(values);
    expect(points).toHaveLength(3 * 2 * 4);
    expect(new Set(points.map((p) => p.join(','))).size).toBe(24);
    expect(points[0]).toEqual([1, 10, 0.1]);
    expect(points[1]).toEqual([1, 10, 0.2]);
    expect(points[23]).toEqual([3, 20, 0.4]);
  });
  it('of one factor is its values', () => expect(gridPoints([[5, 6]])).toEqual([[5], [6]]));
});

describe('latinHypercube', () => {
  it.each([
    [10, 3],
    [37, 8],
    [1, 5],
  ])('with n = %i in %i dimensions puts exactly one point in each of the n strata of every dimension', (n, k) => {
    const points = latinHypercube(n, k, stream(42, 0, 'lhs-test'));
    expect(points).toHaveLength(n);
    for (let j = 0; j < k; j++) {
      const strata = points.map((p) => Math.floor(p[j] * n)).sort((a, b) => a - b);
      expect(strata).toEqual(Array.from({ length: n }, (_, i) => i));
      for (const p of points) (expect(p[j]).toBeGreaterThanOrEqual(0), expect(p[j]).toBeLessThan(1));
    }
  });
  it('is reproducible from its seed and differs with another', () => {
    expect(latinHypercube(8, 3, stream(1, 0, 'a'))).toEqual(latinHypercube(8, 3, stream(1, 0, 'a')));
    expect(latinHypercube(8, 3, stream(2, 0, 'a'))).not.toEqual(latinHypercube(8, 3, stream(1, 0, 'a')));
  });
  it('maps onto ranges with the ends exact', () => {
    expect(
      fromUnit(
        [0, 0.5, 1],
        [
          [2, 4],
          [-1, 1],
          [10, 20],
        ],
      ),
    ).toEqual([2, 0, 20]);
  });
});

describe('one at a time', () => {
  // A synthetic model: f = 3 a − 2 b + a·b, c inactive.
  const f = ([a, b, _c]: number[]) => 3 * a - 2 * b + a * b;
  const base = [1, 2, 5];
  const ranges: [number, number][] = [
    [0, 2],
    [1, 4],
    [0, 10],
  ];
  const { points, design } = oatDesign(base, ranges);

  it('has the base point, then each factor at its low and high end with the others at base: 2k + 1 points', () => {
    expect(points).toHaveLength(7);
    expect(points[0]).toEqual(base);
    expect(points[1]).toEqual([0, 2, 5]);
    expect(points[2]).toEqual([2, 2, 5]);
    expect(points[3]).toEqual([1, 1, 5]);
    expect(points[4]).toEqual([1, 4, 5]);
    expect(design[0]).toEqual({ factor: -1, level: 'base' });
    expect(design[4]).toEqual({ factor: 1, level: 'high' });
  });

  it('gives each factor its low and high outcomes and ranks by swing, the inactive factor last', () => {
    const effects = oatEffects(design, points.map(f));
    // Base: 3 − 4 + 2 = 1. a: 0 → −4, 2 → 6 − 4 + 4 = 6. b: 1 → 3 − 2 + 1 = 2, 4 → 3 − 8 + 4 = −1.
    expect(effects[0]).toMatchObject({ outcomeBase: 1, outcomeLow: -4, outcomeHigh: 6, swing: 10, rank: 1 });
    expect(effects[1]).toMatchObject({ outcomeLow: 2, outcomeHigh: -1, swing: 3, rank: 2 });
    expect(effects[2]).toMatchObject({ outcomeLow: 1, outcomeHigh: 1, swing: 0, rank: 3 });
  });
});

describe('Morris', () => {
  const uniform = () => stream(2024, 0, 'morris-test');

  it('builds r trajectories of k + 1 points, each moving every factor once by ±Δ on the grid', () => {
    const k = 5;
    const design = morrisDesign(k, 6, 4, uniform());
    expect(design.delta).toBeCloseTo(2 / 3, 12);
    expect(design.unit).toHaveLength(6 * (k + 1));
    const levels = [0, 1 / 3, 2 / 3, 1];
    for (const point of design.unit) for (const u of point) expect(levels.some((l) => Math.abs(l - u) < 1e-12)).toBe(true);
    for (let t = 0; t < 6; t++) {
      const moved = new Set<number>();
      for (let s = 1; s <= k; s++) {
        const i = t * (k + 1) + s;
        const j = design.steps[i].factor;
        moved.add(j);
        const diff = design.unit[i].map((u, d) => u - design.unit[i - 1][d]);
        diff.forEach((d, d2) => (d2 === j ? expect(Math.abs(d)).toBeCloseTo(2 / 3, 12) : expect(d).toBe(0)));
      }
      expect(moved.size).toBe(k);
    }
  });

  it('recovers |aᵢ| × (highᵢ − lowᵢ) as μ* and σ = 0 on a linear function, an inactive factor at μ* = 0 ranked last', () => {
    const a = [3, -2, 0, 0.5, 10];
    const ranges: [number, number][] = [
      [0, 1],
      [10, 20],
      [0, 100],
      [-4, 4],
      [0.1, 0.2],
    ];
    const design = morrisDesign(a.length, 8, 4, uniform());
    const outcomes = design.unit.map((u) => fromUnit(u, ranges).reduce((sum, x, i) => sum + a[i] * x, 0));
    const effects = morrisEffects(design, outcomes);
    effects.forEach((e, i) => {
      const expected = Math.abs(a[i]) * (ranges[i][1] - ranges[i][0]);
      expect(e.muStar).toBeCloseTo(expected, 9);
      expect(e.mu).toBeCloseTo(a[i] * (ranges[i][1] - ranges[i][0]), 9);
      expect(e.sigma).toBeCloseTo(0, 9);
      expect(e.effects).toHaveLength(8);
    });
    // μ*: 3, 20, 0, 4, 1 → ranks 3, 1, 5, 2, 4.
    expect(effects.map((e) => e.rank)).toEqual([3, 1, 5, 2, 4]);
    expect(effects[2].muStar).toBe(0);
  });

  it('shows interactions as σ > 0', () => {
    const design = morrisDesign(2, 10, 4, uniform());
    const effects = morrisEffects(
      design,
      design.unit.map(([x, y]) => x * y),
    );
    expect(effects[0].sigma).toBeGreaterThan(0);
    expect(effects[1].sigma).toBeGreaterThan(0);
  });

  it('refuses an odd number of levels', () => expect(() => morrisDesign(2, 1, 3, uniform())).toThrow(/even/));
});
