// The environment of a city the scenario only samples (location.talentPool): the unmodelled rest is a background
// that dilutes what the modelled flows do to job chances and agglomeration; without a pool nothing changes.
import { describe, expect, it } from 'vitest';
import { Environment } from '../../src/core/environment.js';
import { cellIndex, type ResolvedScenario } from '../../src/core/scenario.js';
import { tinyLoaded } from '../fixtures.js';

const { resolved } = tinyLoaded();
const I = resolved.industries.length;
const T = resolved.tiers.length;
const L = resolved.locations.length;
const where = { location: 1, industry: 0, tier: 1 };
const k = cellIndex(I, T, where.location, where.industry, where.tier);

/** The tiny scenario with a talent pool (persons) at location 1. */
const withPool = (talentPool: number): ResolvedScenario => ({
  ...resolved,
  locations: resolved.locations.map((l, i) => (i === where.location ? { ...l, talentPool } : l)),
});

/** A start of 100 agents in every cell; then `extra` agents arrive in the watched cell. */
function afterArrivals(scenario: ResolvedScenario, extra: number, scale = 10) {
  const stock = new Int32Array(L * I * T).fill(100);
  const env = new Environment(scenario);
  env.calibrate(stock, scale);
  stock[k] += extra;
  env.update(1, stock);
  return { jobChance: env.jobChance(where), platforms: env.platforms(where) };
}

describe('a sampled city (talentPool)', () => {
  it('without a pool, or with one no larger than the modelled stock, is the modelled city alone', () => {
    const alone = afterArrivals(resolved, 3);
    // The modelled stock at location 1 is 100 agents × 6 cells × 10 persons = 6,000 persons.
    for (const pool of [0, 6000]) expect(afterArrivals(withPool(pool), 3)).toEqual(alone);
  });

  it('dilutes the effect of arrivals on job chances and agglomeration by the share it samples', () => {
    const start = afterArrivals(withPool(60_000), 0);
    const sampled = afterArrivals(withPool(60_000), 3);
    const aloneStart = afterArrivals(resolved, 0);
    const alone = afterArrivals(resolved, 3);
    const drop = (a: { jobChance: number }, b: { jobChance: number }) => a.jobChance - b.jobChance;
    expect(drop(start, sampled)).toBeGreaterThan(0);
    expect(drop(start, sampled)).toBeLessThan(drop(aloneStart, alone) / 2);
    // Agglomeration: 3 more of 200 agglomerating agents is +1.5 % alone, and 3 in 2,000 (the whole city) with the pool.
    const growth = (a: { platforms: number }, b: { platforms: number }) => b.platforms / a.platforms - 1;
    const elasticity = resolved.agglomeration.elasticity;
    expect(growth(aloneStart, alone)).toBeCloseTo(Math.pow(203 / 200, elasticity) - 1, 12);
    expect(growth(start, sampled)).toBeCloseTo(Math.pow(2003 / 2000, elasticity) - 1, 12);
  });
});
