// The random functions of src/core/random.ts: their distributions, the agent seeds' bijection, and counter-based agent numbers that ignore draw order.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { agentSeed, AgentRandom, exponential, gumbel, hashedNormal, pick, Purpose, stochasticRound, stream, type Uniform } from '../../src/core/random.js';

const N = 200_000;
/** A fixed uniform stream of its own for each distribution tested. */
const uniformFor = (name: string): Uniform => stream(20240701, 0, `random.test/${name}`);
const EULER_GAMMA = 0.5772156649015329;

const mean = (xs: ArrayLike<number>) => {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i];
  return s / xs.length;
};
const variance = (xs: ArrayLike<number>) => {
  const m = mean(xs);
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += (xs[i] - m) ** 2;
  return s / (xs.length - 1);
};
const correlation = (xs: ArrayLike<number>, ys: ArrayLike<number>) => {
  const mx = mean(xs);
  const my = mean(ys);
  let sxy = 0,
    sxx = 0,
    syy = 0;
  for (let i = 0; i < xs.length; i++) {
    sxy += (xs[i] - mx) * (ys[i] - my);
    sxx += (xs[i] - mx) ** 2;
    syy += (ys[i] - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
};
/** Kolmogorov–Smirnov distance between a sample and a continuous CDF. */
const ksDistance = (xs: ArrayLike<number>, cdf: (x: number) => number) => {
  const sorted = Float64Array.from(xs).sort();
  let d = 0;
  for (let i = 0; i < sorted.length; i++) {
    const f = cdf(sorted[i]);
    d = Math.max(d, f - i / sorted.length, (i + 1) / sorted.length - f);
  }
  return d;
};
/** KS critical distance at level alpha for n draws (asymptotic: sqrt(−ln(alpha / 2) / 2n)); alpha = 1e-4 by default. */
const ksCritical = (n: number, alpha = 1e-4) => Math.sqrt(-Math.log(alpha / 2) / (2 * n));
/** Standard normal CDF (Abramowitz & Stegun 7.1.26 for erf, error below 1.5e-7: far under any KS tolerance here). */
const normalCdf = (x: number) => {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * z);
  const erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-z * z);
  return x >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
};
const draws = (n: number, draw: (i: number) => number) => Float64Array.from({ length: n }, (_, i) => draw(i));

describe('gumbel', () => {
  const uniform = uniformFor('gumbel');
  const xs = draws(N, () => gumbel(uniform));
  const sigma2 = Math.PI ** 2 / 6;

  it('has mean Euler–Mascheroni γ, within 4 standard errors (σ / √n)', () => {
    expect(Math.abs(mean(xs) - EULER_GAMMA)).toBeLessThan(4 * Math.sqrt(sigma2 / N));
  });

  it('has variance π²/6, within 4 standard errors (σ² √((κ − 1) / n), kurtosis κ = 5.4)', () => {
    expect(Math.abs(variance(xs) - sigma2)).toBeLessThan(4 * sigma2 * Math.sqrt(4.4 / N));
  });

  it('follows the Gumbel CDF exp(−exp(−x)) (Kolmogorov–Smirnov at level 1e-4)', () => {
    expect(ksDistance(xs, (x) => Math.exp(-Math.exp(-x)))).toBeLessThan(ksCritical(N));
  });

  it('stays finite at the ends of the uniform', () => {
    expect(Number.isFinite(gumbel(() => 0))).toBe(true);
    expect(Number.isFinite(gumbel(() => 1 - 2 ** -53))).toBe(true);
  });
});

describe('hashedNormal', () => {
  // Consecutive integers as seeds: the most regular input a hash can get.
  const bySeed = (location: number, offset = 0) => draws(N, (seed) => hashedNormal(seed + offset, location));
  const first = bySeed(0);

  it('has mean 0 and variance 1, within 4 standard errors (1 / √n and √(2 / n))', () => {
    expect(Math.abs(mean(first))).toBeLessThan(4 / Math.sqrt(N));
    expect(Math.abs(variance(first) - 1)).toBeLessThan(4 * Math.sqrt(2 / N));
  });

  it('follows the standard normal CDF (Kolmogorov–Smirnov at level 1e-4), also for seeds as agents get them', () => {
    expect(ksDistance(first, normalCdf)).toBeLessThan(ksCritical(N));
    const agents = draws(N, (n) => hashedNormal(agentSeed(n, 0x9e3779b9), 2));
    expect(ksDistance(agents, normalCdf)).toBeLessThan(ksCritical(N));
  });

  it('gives the same value for the same seed and location, whatever was asked before', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: 2 ** 32 - 1 }),
        fc.nat({ max: 63 }),
        fc.array(fc.tuple(fc.nat({ max: 2 ** 32 - 1 }), fc.nat({ max: 63 }))),
        (seed, location, between) => {
          const once = hashedNormal(seed, location);
          for (const [s, l] of between) hashedNormal(s, l);
          expect(hashedNormal(seed, location)).toBe(once);
        },
      ),
      { seed: 1, numRuns: 200 },
    );
  });

  // Sample correlations of independent variables have standard error 1 / √n: tolerance 4 / √n.
  it('is uncorrelated between locations of one seed, and between neighbouring seeds at one location', () => {
    for (const location of [1, 2, 3, 7]) expect(Math.abs(correlation(first, bySeed(location))), `locations 0 and ${location}`).toBeLessThan(4 / Math.sqrt(N));
    expect(Math.abs(correlation(first, bySeed(0, 1)))).toBeLessThan(4 / Math.sqrt(N));
    expect(Math.abs(correlation(bySeed(3), bySeed(3, 1)))).toBeLessThan(4 / Math.sqrt(N));
  });
});

describe('agentSeed', () => {
  it('gives 2^20 consecutive agents 2^20 distinct seeds, for several salts', () => {
    for (const salt of [0, 1, 0x7fffffff, 0x80000000, 0xdeadbeef]) {
      const seeds = new Uint32Array(2 ** 20);
      for (let n = 0; n < seeds.length; n++) seeds[n] = agentSeed(n, salt);
      seeds.sort();
      let collisions = 0;
      for (let i = 1; i < seeds.length; i++) if (seeds[i] === seeds[i - 1]) collisions++;
      expect(collisions, `salt ${salt}`).toBe(0);
    }
  });

  const uint32 = fc.nat({ max: 2 ** 32 - 1 });

  it('gives distinct agents distinct seeds (any two counts below 2^32, any salt)', () => {
    fc.assert(
      fc.property(uint32, uint32, uint32, (n, m, salt) => {
        fc.pre(n !== m);
        expect(agentSeed(n, salt)).not.toBe(agentSeed(m, salt));
      }),
      { seed: 2, numRuns: 2000 },
    );
  });

  it('gives every agent another seed under another salt (runs and replications differ agent by agent)', () => {
    fc.assert(
      fc.property(uint32, uint32, fc.nat({ max: 2 ** 24 }), (salt, otherSalt, n) => {
        fc.pre(salt !== otherSalt);
        expect(agentSeed(n, salt)).not.toBe(agentSeed(n, otherSalt));
      }),
      { seed: 3, numRuns: 2000 },
    );
  });

  it('returns unsigned 32-bit integers', () => {
    for (const n of [0, 1, 2 ** 31 - 1, 2 ** 31, 2 ** 32 - 1]) {
      const seed = agentSeed(n, 0xdeadbeef);
      expect(Number.isInteger(seed) && seed >= 0 && seed < 2 ** 32).toBe(true);
    }
  });
});

describe('AgentRandom', () => {
  const key = fc.record({ seed: fc.nat({ max: 2 ** 32 - 1 }), tick: fc.nat({ max: 12 * 100 }), purpose: fc.nat({ max: 15 }) });
  const numbers = (random: AgentRandom, k: { seed: number; tick: number; purpose: number }, count: number) => {
    const { uniform } = random.reset(k.seed, k.tick, k.purpose);
    return Array.from({ length: count }, () => uniform());
  };

  it('gives the same numbers for the same agent seed, tick and purpose, whatever was drawn before and on whichever instance', () => {
    fc.assert(
      fc.property(key, fc.array(fc.tuple(key, fc.nat({ max: 20 }))), fc.integer({ min: 1, max: 20 }), (k, between, count) => {
        const shared = new AgentRandom();
        const first = numbers(shared, k, count);
        for (const [other, n] of between) numbers(shared, other, n);
        expect(numbers(shared, k, count)).toEqual(first);
        expect(numbers(new AgentRandom(), k, count)).toEqual(first);
      }),
      { seed: 4, numRuns: 300 },
    );
  });

  it('gives other numbers for another seed, tick or purpose', () => {
    fc.assert(
      fc.property(key, key, (k, other) => {
        fc.pre(k.seed !== other.seed || k.tick !== other.tick || k.purpose !== other.purpose);
        expect(numbers(new AgentRandom(), other, 3)).not.toEqual(numbers(new AgentRandom(), k, 3));
      }),
      { seed: 5, numRuns: 1000 },
    );
  });

  it('draws uniforms strictly inside (0, 1): the first draw of many agents, and many draws of one, pass Kolmogorov–Smirnov', () => {
    const random = new AgentRandom();
    const firstOfEach = draws(N, (n) => random.reset(agentSeed(n, 12345), 37, Purpose.decision).uniform());
    const { uniform } = random.reset(agentSeed(0, 12345), 37, Purpose.decision);
    const oneAgent = draws(N, () => uniform());
    for (const xs of [firstOfEach, oneAgent]) {
      expect(xs.every((x) => x > 0 && x < 1)).toBe(true);
      expect(ksDistance(xs, (x) => Math.min(1, Math.max(0, x)))).toBeLessThan(ksCritical(N));
    }
  });
});

describe('exponential, stochasticRound, pick and the named streams', () => {
  it('exponential has mean 1 and variance 1, within 4 standard errors (1 / √n and √(8 / n))', () => {
    const uniform = uniformFor('exponential');
    const xs = draws(N, () => exponential(uniform));
    expect(Math.abs(mean(xs) - 1)).toBeLessThan(4 / Math.sqrt(N));
    expect(Math.abs(variance(xs) - 1)).toBeLessThan(4 * Math.sqrt(8 / N));
    expect(exponential(() => 0) === 0).toBe(true);
  });

  it('stochasticRound gives the floor or the next integer, with the expected value as its mean (4 SE: √(f(1 − f) / n))', () => {
    const uniform = uniformFor('stochasticRound');
    for (const expected of [0.001, 0.3, 2.75, 7.5, 41.999]) {
      const xs = draws(N, () => stochasticRound(expected, uniform));
      const whole = Math.floor(expected);
      expect(
        xs.every((x) => x === whole || x === whole + 1),
        `${expected}`,
      ).toBe(true);
      const f = expected - whole;
      expect(Math.abs(mean(xs) - expected), `${expected}`).toBeLessThan(4 * Math.sqrt((f * (1 - f)) / N));
    }
    for (const whole of [0, 1, 12]) expect(draws(1000, () => stochasticRound(whole, uniform)).every((x) => x === whole)).toBe(true);
  });

  it('pick draws each index in proportion to its weight (4 SE of a proportion)', () => {
    const uniform = uniformFor('pick');
    const weights = [0.1, 0.5, 0, 2, 0.4];
    let sum = 0;
    const cumulative = weights.map((w) => (sum += w));
    const counts = new Array(weights.length).fill(0);
    for (let i = 0; i < N; i++) counts[pick(cumulative, uniform)]++;
    weights.forEach((w, k) => {
      const p = w / sum;
      expect(Math.abs(counts[k] / N - p), `index ${k}`).toBeLessThanOrEqual(4 * Math.sqrt((p * (1 - p)) / N));
    });
  });

  it('a stream is fixed by its seed, replication and name, and another of any of them gives other numbers', () => {
    const take = (u: Uniform) => Array.from({ length: 5 }, () => u());
    const reference = take(stream(7, 0, 'entry'));
    expect(take(stream(7, 0, 'entry'))).toEqual(reference);
    for (const other of [stream(8, 0, 'entry'), stream(7, 1, 'entry'), stream(7, 0, 'population')]) expect(take(other)).not.toEqual(reference);
  });
});
