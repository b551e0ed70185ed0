// ABC-SMC (src/calibration/abc-smc.ts) on toys with known answers: a normal mean with a conjugate posterior, a
// parameter the data do not inform, identical results for a seed and after resuming, and the invariants of a state.
import { describe, expect, it } from 'vitest';
import { abcSmc, posteriorSummary, weightedQuantile, type AbcSmcBatch, type AbcSmcOptions, type AbcSmcState } from '../../src/calibration/abc-smc.js';
import { stream, type Uniform } from '../../src/core/random.js';

const normal = (uniform: Uniform) => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());

/** Observations per data set: the ABC posterior of a normal mean has sd 1/√n = 0.2. */
const n = 25;
/** The sample mean of n draws from Normal(μ, 1), from the generator of one evaluation index (as the model's runs). */
const sampleMean = (mu: number, index: number) => {
  const uniform = stream(7, index, 'toy-data');
  let sum = 0;
  for (let i = 0; i < n; i++) sum += mu + normal(uniform);
  return sum / n;
};
/** The "observed" summary: the mean of n draws with μ = 1.5. */
const observed = (() => {
  const uniform = stream(99, 0, 'observed');
  let sum = 0;
  for (let i = 0; i < n; i++) sum += 1.5 + normal(uniform);
  return sum / n;
})();

/** Distance of the toy whose first parameter is μ; any further parameter has no effect on the data. */
const toyDistance = async ({ thetas, indices }: AbcSmcBatch) => thetas.map((theta, k) => Math.abs(sampleMean(theta[0], indices[k]) - observed));

const options: AbcSmcOptions = { particles: 500, maxGenerations: 12, quantile: 0.5, minAcceptanceRate: 0.02, batchSize: 64, seed: 1 };
const muBounds = [[-5, 5]] as const;
const twoBounds = [
  [-5, 5],
  [0, 1],
] as const;

describe('abcSmc on a normal mean (conjugate toy)', async () => {
  const state = await abcSmc(muBounds, toyDistance, options);
  const last = state.history[state.generation];
  const [mu] = posteriorSummary(state, muBounds);

  it('shrinks epsilon generation by generation until the acceptance rate falls below the minimum', () => {
    expect(state.done).toBe(true);
    expect(state.stopReason).toBe('acceptanceRate');
    for (let g = 1; g <= state.generation; g++) expect(state.history[g].epsilon).toBeLessThan(state.history[g - 1].epsilon);
    // Distances are |ȳ_sim − ȳ_obs| with sd 0.2: the final tolerance is a small fraction of that.
    expect(last.epsilon).toBeLessThan(0.05);
    expect(state.particles.every((p) => p.distance <= last.epsilon)).toBe(true);
  });

  it('approaches the analytic posterior Normal(ȳ_obs, 1/n)', () => {
    // With a flat prior far wider than the posterior (ȳ_obs is > 15 sd from either bound), the ABC posterior at
    // tolerance ε is ȳ_obs + Normal(0, 1/n) + Uniform(−ε, ε): mean ȳ_obs, sd √(1/n + ε²/3).
    const sd = Math.sqrt(1 / n + last.epsilon ** 2 / 3);
    // The weighted mean's standard error is sd/√ESS: allow 4 of them.
    expect(Math.abs(mu.mean - observed)).toBeLessThan((4 * sd) / Math.sqrt(last.ess));
    // An sd estimate's relative standard error is 1/√(2 ESS) (≈ 3.3 % here): allow 4 of them plus 2 % for the
    // O(1/N) downward bias of a finite population (measured: −2 % on average over 20 seeds at 500 particles, +0.1 %
    // at 2000).
    expect(Math.abs(mu.sd / sd - 1)).toBeLessThan(4 / Math.sqrt(2 * last.ess) + 0.02);
    // The 5 % and 95 % quantiles of a normal lie 1.645 sd from its mean.
    expect(Math.abs(mu.q05 - (observed - 1.645 * sd))).toBeLessThan(0.1);
    expect(Math.abs(mu.q95 - (observed + 1.645 * sd))).toBeLessThan(0.1);
    expect(mu.q05).toBeLessThan(mu.q50);
    expect(mu.q50).toBeLessThan(mu.q95);
    expect(mu.sdRatio).toBeCloseTo(mu.sd / (10 / Math.sqrt(12)), 12);
  });

  it('keeps the invariants of a state: weights sum to 1, particles inside the bounds, one per evaluation index', () => {
    expect(state.particles).toHaveLength(options.particles);
    expect(state.particles.reduce((sum, p) => sum + p.weight, 0)).toBeCloseTo(1, 12);
    expect(state.particles.every((p) => p.weight > 0 && p.theta[0] >= -5 && p.theta[0] <= 5)).toBe(true);
    const indices = state.particles.map((p) => p.index);
    expect(new Set(indices).size).toBe(indices.length);
    expect(Math.max(...indices)).toBeLessThan(state.simulations);
    // History: generation 0 accepts everything; simulations add up; ESS is at most the population.
    expect(state.history[0]).toMatchObject({
      generation: 0,
      accepted: options.particles,
      simulations: options.particles,
      acceptanceRate: 1,
      ess: options.particles,
    });
    expect(state.history.reduce((sum, h) => sum + h.simulations, 0)).toBe(state.simulations);
    for (const h of state.history) if (h.complete) expect(h.ess).toBeLessThanOrEqual(options.particles * (1 + 1e-12));
  });

  it('records an incomplete last generation and keeps the previous population as the result', () => {
    // The last generation spent particles ÷ minAcceptanceRate simulations without enough acceptances.
    const incomplete = state.history[state.history.length - 1];
    expect(incomplete.complete).toBe(false);
    expect(incomplete.simulations).toBe(Math.ceil(options.particles / options.minAcceptanceRate));
    expect(incomplete.accepted).toBeLessThan(options.particles);
    expect(state.history).toHaveLength(state.generation + 2);
    expect(state.history[state.generation].complete).toBe(true);
  });
});

describe('abcSmc with a parameter the data do not inform', async () => {
  const state = await abcSmc(twoBounds, toyDistance, { ...options, maxGenerations: 8 });
  const [mu, idle] = posteriorSummary(state, twoBounds);

  it('shrinks the informed parameter and leaves the other about as wide as its prior', () => {
    // μ: posterior sd ≈ 0.2 against a prior sd of 10/√12 ≈ 2.9.
    expect(mu.sdRatio).toBeLessThan(0.1);
    // The idle parameter's posterior is its uniform prior: sd ratio 1 up to sampling error (a few %).
    expect(idle.sdRatio).toBeGreaterThan(0.7);
    expect(Math.abs(idle.sdRatio - 1)).toBeLessThan(0.15);
    expect(Math.abs(idle.mean - 0.5)).toBeLessThan(0.1);
    expect(state.particles.every((p) => p.theta[1] >= 0 && p.theta[1] <= 1)).toBe(true);
  });
});

describe('abcSmc determinism and resuming', async () => {
  const short = { ...options, maxGenerations: 5 };
  const reference = await abcSmc(twoBounds, toyDistance, short);

  it('gives identical states for a seed, whatever the timing of the batches', async () => {
    let calls = 0;
    // Each batch resolves after a different delay: the result cannot depend on it.
    const slow = async (batch: AbcSmcBatch) => {
      await new Promise((resolve) => setTimeout(resolve, calls++ % 3));
      return toyDistance(batch);
    };
    expect(await abcSmc(twoBounds, slow, short)).toStrictEqual(reference);
    expect(await abcSmc(twoBounds, toyDistance, short)).toStrictEqual(reference);
    expect(reference.stopReason).toBe('maxGenerations');
    expect(reference.generation).toBe(4);
  });

  it('gives another sample for another seed', async () => {
    const other = await abcSmc(twoBounds, toyDistance, { ...short, seed: 2 });
    expect(other.particles[0].theta).not.toEqual(reference.particles[0].theta);
  });

  it('numbers evaluations 0, 1, 2, … over the whole run', async () => {
    const seen: number[] = [];
    const state = await abcSmc(twoBounds, async (batch) => (seen.push(...batch.indices), toyDistance(batch)), short);
    expect(seen).toEqual(Array.from({ length: state.simulations }, (_, i) => i));
  });

  it('ends a run resumed from a state saved after generation 1 (through JSON) exactly as an uninterrupted one', async () => {
    let saved = '';
    const batches: number[] = [];
    await abcSmc(twoBounds, toyDistance, short, {
      onGeneration: (state) => {
        if (state.generation === 1) saved = JSON.stringify(state);
      },
      onBatch: (simulations) => batches.push(simulations),
    });
    expect(batches[batches.length - 1]).toBe(reference.simulations);
    const resumed = await abcSmc(twoBounds, toyDistance, short, { resume: JSON.parse(saved) as AbcSmcState });
    expect(resumed).toStrictEqual(reference);
  });

  it('goes on from a run stopped by maxGenerations when resumed with more generations', async () => {
    const two = await abcSmc(twoBounds, toyDistance, { ...short, maxGenerations: 2 });
    expect(two).toMatchObject({ generation: 1, done: true, stopReason: 'maxGenerations' });
    const resumed = await abcSmc(twoBounds, toyDistance, short, { resume: JSON.parse(JSON.stringify(two)) as AbcSmcState });
    expect(resumed).toStrictEqual(reference);
  });
});

describe('abcSmc stopping and failures', () => {
  it('stops at minEpsilon', async () => {
    const state = await abcSmc(muBounds, toyDistance, { ...options, particles: 100, minEpsilon: 0.5 });
    expect(state.stopReason).toBe('minEpsilon');
    expect(state.history[state.generation].epsilon).toBeLessThanOrEqual(0.5);
    expect(state.history[state.generation - 1].epsilon).toBeGreaterThan(0.5);
  });

  it('never accepts a failed run (a non-finite distance)', async () => {
    const failing = async (batch: AbcSmcBatch) => (await toyDistance(batch)).map((d, k) => (batch.indices[k] % 4 === 0 ? NaN : d));
    const state = await abcSmc(muBounds, failing, { ...options, particles: 100, maxGenerations: 3 });
    expect(state.particles.every((p) => p.index % 4 !== 0 && Number.isFinite(p.distance))).toBe(true);
    expect(state.history[0].accepted).toBe(100);
    expect(state.history[0].simulations).toBeGreaterThan(100);
  });

  it('throws the reason of an aborted signal, and a distance of the wrong length', async () => {
    const controller = new AbortController();
    const run = abcSmc(muBounds, toyDistance, options, { onBatch: (s) => s >= 300 && controller.abort(new Error('stop')), signal: controller.signal });
    await expect(run).rejects.toThrow('stop');
    await expect(abcSmc(muBounds, async () => [1], options)).rejects.toThrow(/returned 1 values for a batch of 64/);
    await expect(abcSmc(muBounds, toyDistance, { ...options, quantile: 1 })).rejects.toThrow(/quantile/);
  });
});

describe('weightedQuantile', () => {
  it('interpolates between the midpoints of the cumulative weights', () => {
    // Equal weights: midpoints 1/8, 3/8, 5/8, 7/8 (Hazen).
    expect(weightedQuantile([4, 1, 3, 2], [1, 1, 1, 1], 0.5)).toBe(2.5);
    // Weights 1, 1, 2 of 4: midpoints 1/8, 3/8, 3/4; q = 0.5 lies a third of the way from 20 to 30.
    expect(weightedQuantile([30, 10, 20], [2, 1, 1], 0.5)).toBeCloseTo(20 + 10 / 3, 12);
    expect(weightedQuantile([30, 10, 20], [2, 1, 1], 0.05)).toBe(10);
    expect(weightedQuantile([30, 10, 20], [2, 1, 1], 0.95)).toBe(30);
  });
});
