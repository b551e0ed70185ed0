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

/** The tiny scenario with `jobsPerArrival` positions opened per arrival, no job growth and no vacancy decay. */
const withJobsPerArrival = (jobsPerArrival: number): ResolvedScenario => ({
  ...resolved,
  locations: resolved.locations.map((l) => ({ ...l, jobGrowth: 0 })),
  jobMatching: { ...resolved.jobMatching, jobsPerArrival, vacancyDecay: 0 },
});

describe('jobs follow people (jobMatching.jobsPerArrival)', () => {
  /** Capacity by cell after `arrivals` movers reach location 1 (the stock unchanged, to isolate the positions). */
  function capacities(jobsPerArrival: number, arrivals: number, stock = new Int32Array(L * I * T).fill(100)) {
    const env = new Environment(withJobsPerArrival(jobsPerArrival));
    env.calibrate(stock, 10);
    env.update(0, stock);
    const before = Array.from({ length: L * I * T }, (_, c) => env.capacity(cellOf(c)));
    for (let n = 0; n < arrivals; n++) env.arrive(where.location);
    env.update(1, stock);
    return before.map((b, c) => env.capacity(cellOf(c)) - b);
  }
  const cellOf = (c: number) => ({ location: Math.floor(c / (I * T)), industry: Math.floor(c / T) % I, tier: c % T });

  it('opens jobsPerArrival positions per arrival at the arrival location only, spread like its stock', () => {
    const stock = new Int32Array(L * I * T).fill(100);
    // Location 1's cells hold 50, 100, 150 … agents: the new positions follow those shares.
    for (let c = 0; c < I * T; c++) stock[where.location * I * T + c] = 50 * (c + 1);
    const total = (I * T * (I * T + 1) * 50) / 2;
    const added = capacities(0.3, 40, stock);
    for (let c = 0; c < L * I * T; c++) {
      const inLocation = Math.floor(c / (I * T)) === where.location;
      expect(added[c]).toBeCloseTo(inLocation ? (0.3 * 40 * stock[c]) / total : 0, 10);
    }
  });

  it('opens nothing at 0, and nothing without arrivals; the count of arrivals is used once', () => {
    expect(capacities(0, 40).every((d) => d === 0)).toBe(true);
    expect(capacities(0.3, 0).every((d) => d === 0)).toBe(true);
    const env = new Environment(withJobsPerArrival(0.5));
    const stock = new Int32Array(L * I * T).fill(100);
    env.calibrate(stock, 10);
    env.arrive(where.location);
    env.update(0, stock);
    const once = env.capacity(where);
    env.update(1, stock);
    expect(env.capacity(where)).toBe(once);
  });

  it('raises the job chance where people arrive', () => {
    const chance = (jobsPerArrival: number) => {
      const env = new Environment(withJobsPerArrival(jobsPerArrival));
      const stock = new Int32Array(L * I * T).fill(100);
      env.calibrate(stock, 10);
      for (let n = 0; n < 60; n++) env.arrive(where.location);
      stock[k] += 10;
      env.update(1, stock);
      return env.jobChance(where);
    };
    expect(chance(0.5)).toBeGreaterThan(chance(0));
  });
});
