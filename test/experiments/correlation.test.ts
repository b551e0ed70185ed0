// Pearson's r and the noise level of the largest of many correlations (src/experiments/correlation.ts): the
// textbook values, and the rate at which independent samples pass the noise level, by simulation.
import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { chanceCorrelation, correlation } from '../../src/experiments/correlation.js';

/** Standard normal draws (Box–Muller) from a seeded stream. */
function normals(seed: string) {
  const random = seedrandom(seed);
  return (n: number) => Array.from({ length: n }, () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random()));
}

describe('correlation', () => {
  it('is ±1 on a line, NaN when a side does not vary, and does not change when a side is scaled or shifted', () => {
    expect(correlation([1, 2, 3, 4], [3, 5, 7, 9])).toBeCloseTo(1, 12);
    expect(correlation([1, 2, 3, 4], [4, 3, 2, 1])).toBeCloseTo(-1, 12);
    expect(correlation([1, 2, 3], [5, 5, 5])).toBeNaN();
    expect(correlation([1], [2])).toBeNaN();
    const draw = normals('scale');
    const [a, b] = [draw(30), draw(30)];
    expect(
      correlation(
        a.map((x) => 3 * x - 7),
        b,
      ),
    ).toBeCloseTo(correlation(a, b), 12);
  });
});

describe('chanceCorrelation', () => {
  it('for one correlation is Fisher’s two-sided 5 % level, tanh(1.959964 / √(n − 3))', () => {
    for (const n of [5, 20, 100, 1000]) expect(chanceCorrelation(n, 1)).toBeCloseTo(Math.tanh(1.959964 / Math.sqrt(n - 3)), 5);
  });

  it('falls with more points, rises with more correlations, and is 1 below four points', () => {
    expect(chanceCorrelation(3, 1)).toBe(1);
    for (const k of [1, 5, 30]) expect(chanceCorrelation(50, k)).toBeLessThan(chanceCorrelation(20, k));
    for (const n of [10, 50]) expect(chanceCorrelation(n, 10)).toBeGreaterThan(chanceCorrelation(n, 2));
    expect(chanceCorrelation(200, 1)).toBeGreaterThan(0);
  });

  it('the largest |r| of k independent pairs stays below it in about 19 samples in 20 (at least, by Bonferroni)', () => {
    const draw = normals('chance');
    const [n, k, samples] = [20, 5, 2000];
    const level = chanceCorrelation(n, k);
    let above = 0;
    for (let s = 0; s < samples; s++) {
      const outcome = draw(n);
      const largest = Math.max(...Array.from({ length: k }, () => Math.abs(correlation(draw(n), outcome))));
      if (largest >= level) above++;
    }
    // Bonferroni keeps the rate at most 5 %, and for independent pairs close to it (1 − 0.99⁵ ≈ 4.9 %); 3 standard errors.
    const se = Math.sqrt((0.05 * 0.95) / samples);
    expect(above / samples).toBeLessThan(0.05 + 3 * se);
    expect(above / samples).toBeGreaterThan(0.049 - 3 * se);
  });
});
