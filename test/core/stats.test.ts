// Summary statistics: exact type-7 quantiles, and the same bits every time for the same input.
import { describe, expect, it } from 'vitest';
import { mean, meanAndBand, quantileSorted, sortedAscending } from '../../src/core/stats.js';
import { stream } from '../../src/core/random.js';

describe('quantileSorted (Hyndman & Fan type 7)', () => {
  it('interpolates between order statistics at p·(n − 1)', () => {
    const sorted = [1, 2, 4, 8, 16];
    // h = 0.375 · 4 = 1.5: 2 + 0.5 · (4 − 2); h = 0.875 · 4 = 3.5: 8 + 0.5 · (16 − 8) (exact in binary).
    expect(quantileSorted(sorted, 0.375)).toBe(3);
    expect(quantileSorted(sorted, 0.875)).toBe(12);
    // h = 0.05 · 4 = 0.2 and 0.95 · 4 = 3.8 are not exact in binary: within rounding of 1.2 and 14.4.
    expect(quantileSorted(sorted, 0.05)).toBeCloseTo(1.2, 12);
    expect(quantileSorted(sorted, 0.95)).toBeCloseTo(14.4, 12);
    expect(quantileSorted(sorted, 0.5)).toBe(4);
    expect(quantileSorted(sorted, 0)).toBe(1);
    expect(quantileSorted(sorted, 1)).toBe(16);
  });

  it('gives the one value of a single run, NaN of none, and an infinite end without NaN', () => {
    expect(quantileSorted([3], 0.05)).toBe(3);
    expect(quantileSorted([], 0.5)).toBeNaN();
    expect(quantileSorted([1, Infinity, Infinity], 0.95)).toBe(Infinity);
    expect(quantileSorted([1, 2, Infinity], 0.5)).toBe(2);
    expect(quantileSorted([1, 2, Infinity], 0.95)).toBe(Infinity);
  });

  it('sorts numerically, not as text', () => {
    expect([...sortedAscending([10, 9, 100, -1])]).toEqual([-1, 9, 10, 100]);
  });
});

describe('meanAndBand', () => {
  it('leaves out undefined values', () => {
    expect(meanAndBand([NaN, 2, 4])).toEqual({ mean: 3, p5: 2.1, p95: 3.9 });
    expect(meanAndBand([NaN])).toEqual({ mean: NaN, p5: NaN, p95: NaN });
  });

  it('gives identical bits for the same input, call after call', () => {
    const uniform = stream(1, 0, 'stats test');
    // Values whose sums and interpolations are inexact in binary floating point.
    const values = Array.from({ length: 37 }, () => 0.1 + uniform() * 1000);
    const bits = (x: { mean: number; p5: number; p95: number }) => Array.from(new Uint32Array(Float64Array.of(x.mean, x.p5, x.p95).buffer)).join(',');
    const first = bits(meanAndBand(values));
    for (let k = 0; k < 500; k++) expect(bits(meanAndBand(values))).toBe(first);
    expect(mean(values)).toBe(meanAndBand(values).mean);
  });
});
