// Robustness statistics on hand-made tables: share of futures beating the baseline, mean and 10th percentile of the
// effect, regret against the best policy per future, cost per extra talent-year and the ranking — exact.
import { describe, expect, it } from 'vitest';
import { futureCost, regrets, robustnessOf } from '../../src/experiments/robustness.js';

// Three policies in five futures; in future 3 policy C's effect is undefined (NaN).
const effect = [
  [10, -2, 4, 6, 0],
  [5, 5, 5, 5, 5],
  [-1, 8, 12, NaN, 3],
];
const cost = [
  [100, Infinity, 50, 60, NaN],
  [20, 20, 20, 20, 20],
  [Infinity, 10, 6, NaN, 30],
];

describe('regrets', () => {
  it('is the best effect in each future minus the policy’s, NaN where its effect is undefined', () => {
    // Best per future: 10, 8, 12, 6 (C undefined there), 5.
    expect(regrets(effect)).toEqual([
      [0, 10, 8, 0, 5],
      [5, 3, 7, 1, 0],
      [11, 0, 0, NaN, 2],
    ]);
  });
});

describe('robustnessOf', () => {
  const result = robustnessOf(effect, cost);

  it('counts the futures beating the baseline (effect > 0) among those with an effect', () => {
    expect(result.map((p) => p.futures)).toEqual([5, 5, 4]);
    expect(result.map((p) => p.shareBeats)).toEqual([3 / 5, 1, 3 / 4]);
  });

  it('gives the mean and the type-7 10th percentile of the effects', () => {
    expect(result[0].effectMean).toBe(18 / 5);
    // Sorted −2, 0, 4, 6, 10: h = 0.4, so −2 + 0.4 × (0 − (−2)) = −1.2.
    expect(result[0].effectP10).toBeCloseTo(-1.2, 12);
    expect(result[1].effectP10).toBe(5);
    // C: −1, 3, 8, 12: h = 0.3, −1 + 0.3 × 4 = 0.2.
    expect(result[2].effectP10).toBeCloseTo(0.2, 12);
    expect(result[2].effectMean).toBe(22 / 4);
  });

  it('gives the mean and largest regret and ranks by mean regret', () => {
    expect(result.map((p) => p.regretMean)).toEqual([23 / 5, 16 / 5, 13 / 4]);
    expect(result.map((p) => p.regretMax)).toEqual([10, 7, 11]);
    expect(result.map((p) => p.rank)).toEqual([3, 1, 2]);
  });

  it('summarises the cost over the futures where it is defined, Infinity included', () => {
    // A: 50, 60, 100, ∞ → median 80, 10th 53, 90th ∞.
    expect(result[0]).toMatchObject({ costFutures: 4, costMedian: 80, costP90: Infinity });
    expect(result[0].costP10).toBeCloseTo(53, 12);
    expect(result[1]).toMatchObject({ costFutures: 5, costMedian: 20, costP10: 20, costP90: 20 });
    // C: 6, 10, 30, ∞ → median 20.
    expect(result[2]).toMatchObject({ costFutures: 4, costMedian: 20 });
  });

  it('breaks a tie of mean regret by the largest regret', () => {
    const tied = robustnessOf(
      [
        [0, 4],
        [2, 2],
        [4, 0],
      ],
      [
        [1, 1],
        [1, 1],
        [1, 1],
      ],
    );
    // Regrets: [4, 0], [2, 2], [0, 4]: means all 2; the largest 4, 2, 4; the tie of 1 and 3 keeps their order.
    expect(tied.map((p) => p.rank)).toEqual([2, 1, 3]);
  });
});

describe('futureCost', () => {
  it('is the ratio of the mean extra cost to the mean extra talent-years', () => expect(futureCost([100, 300], [1, 3])).toBe(100));
  it('is Infinity when the policy spends more but adds no talent-years', () => expect(futureCost([100, 300], [1, -3])).toBe(Infinity));
  it('is undefined when it spends no more than the baseline', () => expect(futureCost([0, 0], [1, 3])).toBeNaN());
  it('leaves out runs with an undefined figure', () => expect(futureCost([100, NaN], [2, 3])).toBe(50));
});
