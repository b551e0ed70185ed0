// PRIM against answers known in advance: a planted box in uniform noise, the rules of peeling, exact small cases.
import { describe, expect, it } from 'vitest';
import { stream } from '../../src/core/random.js';
import { balance, prim } from '../../src/experiments/prim.js';

/** n uniform points in [0, 1]^5; the target is 1 inside x1 > 0.6 and x3 < 0.3, each flipped with probability `noise`. */
function planted(n: number, noise: number, seed: number) {
  const uniform = stream(seed, 0, 'prim-test');
  const x = Array.from({ length: n }, () => Array.from({ length: 5 }, () => uniform()));
  const y = x.map((p) => {
    const inside = p[0] > 0.6 && p[2] < 0.3 ? 1 : 0;
    return uniform() < noise ? 1 - inside : inside;
  });
  return { x, y };
}

describe('prim on a planted box', () => {
  const n = 2000;
  const noise = 0.05;
  const alpha = 0.05;
  // The truth: the box holds 0.4 × 0.3 = 12 % of the points; inside, 95 % are targets, outside 5 %.
  const volume = 0.4 * 0.3;
  const trueDensity = 1 - noise;
  const trueCoverage = (volume * (1 - noise)) / (volume * (1 - noise) + (1 - volume) * noise);
  // A limit lands within one peel of the edge: a peel moves it by alpha × the box's width (≤ alpha of the range), plus
  // the sampling error of an edge, about 1 / √n of the range.
  const limitTolerance = alpha + 1 / Math.sqrt(n);
  // Coverage and density: three binomial standard errors over the targets and the points in the box, plus the alpha
  // share a limit one peel off puts in or out.
  const densityTolerance = alpha + 3 * Math.sqrt((trueDensity * (1 - trueDensity)) / (n * volume));
  const coverageTolerance = alpha + 3 * Math.sqrt((trueCoverage * (1 - trueCoverage)) / (n * (volume * (1 - noise) + (1 - volume) * noise)));

  it.each([1, 2, 3, 4, 5])('recovers x1 > 0.6 and x3 < 0.3 and leaves the other parameters free (seed %i)', (seed) => {
    const { x, y } = planted(n, noise, seed);
    const result = prim(x, y, { alpha, ranges: x[0].map(() => [0, 1] as [number, number]) });
    expect(result.reachesThreshold).toBe(true);
    const box = result.steps[result.chosen];
    expect(Math.abs(box.box[0][0] - 0.6)).toBeLessThan(limitTolerance);
    expect(Math.abs(box.box[2][1] - 0.3)).toBeLessThan(limitTolerance);
    expect(box.box[0][1]).toBe(1);
    expect(box.box[2][0]).toBe(0);
    for (const j of [1, 3, 4]) expect(box.box[j]).toEqual([0, 1]);
    expect(box.restricted).toBe(2);
    expect(Math.abs(box.density - trueDensity)).toBeLessThan(densityTolerance);
    expect(Math.abs(box.coverage - trueCoverage)).toBeLessThan(coverageTolerance);
  });

  it('peels alpha of the box at each step, never below the minimum support, coverage and support never rising', () => {
    const { x, y } = planted(n, noise, 9);
    const minSupport = 0.1;
    const result = prim(x, y, { alpha, minSupport });
    const { steps } = result;
    expect(steps[0]).toMatchObject({ step: 0, coverage: 1, support: 1, points: n, peeled: -1, side: '', restricted: 0 });
    for (let s = 1; s < steps.length; s++) {
      const removed = steps[s - 1].points - steps[s].points;
      // Exactly floor(alpha × points) are cut off, unless ties at the cut stay in (none in continuous data).
      expect(removed).toBe(Math.floor(alpha * steps[s - 1].points));
      expect(steps[s].support).toBeGreaterThanOrEqual(minSupport);
      expect(steps[s].coverage).toBeLessThanOrEqual(steps[s - 1].coverage);
      expect(steps[s].support).toBeLessThan(steps[s - 1].support);
    }
    // Stopped because one more peel would go below the minimum support.
    const last = steps.at(-1)!;
    expect(last.points - Math.floor(alpha * last.points)).toBeLessThan(Math.ceil(minSupport * n));
    // Every point counted in a box lies inside its limits, and only those.
    for (const step of [steps[5], steps[result.chosen]]) {
      const inside = x.filter((p) => p.every((v, j) => v >= step.box[j][0] && v <= step.box[j][1])).length;
      expect(inside).toBe(step.points);
    }
  });

  it('is the same for the same data, whatever the order of the points', () => {
    const { x, y } = planted(400, noise, 3);
    const order = Array.from({ length: 400 }, (_, i) => (i * 7) % 400);
    const a = prim(x, y);
    const b = prim(
      order.map((i) => x[i]),
      order.map((i) => y[i]),
    );
    expect(b.steps.map((s) => s.box)).toEqual(a.steps.map((s) => s.box));
    expect(b.chosen).toBe(a.chosen);
  });
});

describe('prim, exactly', () => {
  // Ten points on a line, the targets at the top three: peeling 10 % removes one point a step from the low end.
  const x = Array.from({ length: 10 }, (_, i) => [i]);
  const y = [0, 0, 0, 0, 0, 0, 0, 1, 1, 1];

  it('peels the low end point by point until the box holds only targets, then stops at the minimum support', () => {
    const result = prim(x, y, { alpha: 0.1, minSupport: 0.2 });
    expect(result.steps.map((s) => s.box[0])).toEqual([
      [0, 9],
      [1, 9],
      [2, 9],
      [3, 9],
      [4, 9],
      [5, 9],
      [6, 9],
      [7, 9],
      [8, 9],
    ]);
    expect(result.steps.map((s) => s.side)).toEqual(['', 'low', 'low', 'low', 'low', 'low', 'low', 'low', 'low']);
    const chosen = result.steps[result.chosen];
    // The box [7, 9]: coverage 1 and density 1, the best balance; [8, 9] has density 1 but coverage 2/3.
    expect(chosen.box).toEqual([[7, 9]]);
    expect(chosen).toMatchObject({ coverage: 1, density: 1, support: 0.3, points: 3, restricted: 1 });
    expect(balance(chosen)).toBe(1);
    expect(result.steps[1]).toMatchObject({ coverage: 1, density: 3 / 9, support: 0.9 });
  });

  it('takes the best balance, flagged, when no box reaches the density threshold', () => {
    const noisy = [0, 1, 0, 0, 1, 0, 0, 1, 0, 1];
    const result = prim(x, noisy, { alpha: 0.1, minSupport: 0.2, threshold: 0.9 });
    expect(result.reachesThreshold).toBe(false);
    const best = Math.max(...result.steps.map(balance));
    expect(balance(result.steps[result.chosen])).toBe(best);
  });

  it('refuses settings out of range and malformed data', () => {
    expect(() => prim(x, y, { alpha: 0 })).toThrow(RangeError);
    expect(() => prim(x, y, { minSupport: 1.5 })).toThrow(RangeError);
    expect(() => prim(x, [0, 1], {})).toThrow(RangeError);
    expect(() =>
      prim(
        x,
        y.map(() => 0.5),
      ),
    ).toThrow(RangeError);
  });
});
