// The baseline reproduces the report's facts for 2024 (report 一(二), 二(一), 二(五)) and the populations of the statistical bulletins (docs/sources.md §3).
import { describe, expect, it } from 'vitest';
import { runReplication } from '../../src/core/model.js';
import { flowIndex, HomeMetric, HOME_METRICS, perTickIndex, TickMetric, type RunResult } from '../../src/core/results.js';
import { loadScenarioSync } from '../../src/scenario/load.js';

const { resolved: baseline } = loadScenarioSync('baseline.yaml');
const runs = baseline.run.runs;
const results: RunResult[] = Array.from({ length: runs }, (_, replication) => runReplication(baseline, { replication, years: 1 }));
const home = baseline.homeIndex;
const id = (key: string) => baseline.locations.findIndex((l) => l.id === key);
const mean = (f: (r: RunResult) => number) => results.reduce((sum, r) => sum + f(r), 0) / runs;
const sd = (f: (r: RunResult) => number) => {
  const m = mean(f);
  return Math.sqrt(results.reduce((sum, r) => sum + (f(r) - m) ** 2, 0) / (runs - 1));
};
const persons = (r: RunResult, agents: number) => agents * r.scale;
const yearSum = (r: RunResult, location: number, metric: number) => {
  let n = 0;
  for (let tick = 0; tick < r.ticks; tick++) for (let t = 0; t < r.tiers; t++) n += r.perTick[perTickIndex(r, tick, location, t, metric)];
  return n;
};
const outflowTo = (r: RunResult, to: number) => {
  let n = 0;
  for (let t = 0; t < r.tiers; t++) n += r.flows[flowIndex(r, 0, home, to, t)];
  return n;
};
const homeStock = (r: RunResult, tiers: number[]) => tiers.reduce((n, t) => n + r.perTick[perTickIndex(r, r.ticks - 1, home, t, TickMetric.stock)], 0);
const allTiers = baseline.tiers.map((_, t) => t);

describe(`baseline, first simulated year, mean of ${runs} replications`, () => {
  it('brings about 700 management and technical talents into Bazhong (700–800, within its calibration tolerance of 75)', () => {
    const recruited = (r: RunResult) => persons(r, r.home[HomeMetric.recruited]);
    // The band is the calibration target's (scenarios/calibration/targets.yaml): "700余名", 700–800, give or take its
    // tolerance of 75 (one run's spread at scale 10). The point fit's mean over the baseline's 20 runs sits inside it.
    expect(mean(recruited)).toBeGreaterThan(625);
    expect(mean(recruited)).toBeLessThan(875);
    // Not a coin toss: the band is wider than four standard errors of the mean on either side of the 700–800 target.
    expect(sd(recruited) / Math.sqrt(runs)).toBeLessThan(75 / 4);
  });

  it('keeps top talent under 3 % of Bazhong\'s talent', () => {
    expect(mean((r) => homeStock(r, baseline.topTiers) / homeStock(r, allTiers))).toBeLessThan(0.03);
  });

  it('loses more talent than it gains (negative net flow)', () => {
    const net = (r: RunResult) => persons(r, yearSum(r, home, TickMetric.inflow) - yearSum(r, home, TickMetric.outflow));
    expect(mean(net) + 3 * (sd(net) / Math.sqrt(runs))).toBeLessThan(0);
  });

  it('sends most of its outflow to Chengdu and Chongqing', () => {
    const share = (r: RunResult) => (outflowTo(r, id('chengdu')) + outflowTo(r, id('chongqing'))) / yearSum(r, home, TickMetric.outflow);
    expect(mean(share)).toBeGreaterThan(0.5);
  });

  it('starts 2024, after the burn-in, with the populations of the statistical bulletins: the talent among the 93万 natives living elsewhere, and ≈ 280,000 in Bazhong', () => {
    // Registered minus resident population, 354.3万 − 261.3万 (2024 bulletin), of whom those of working age (80 %,
    // an assumption) are talent at the share of Bazhong's working-age residents: 280,000 ÷ (261.3万 × 58.19 %).
    const talentShare = 280_000 / (2_613_000 * 0.5819);
    const derived = 930_000 * 0.8 * talentShare;
    // The populations describe the start of the burn-in: two thirds of the diaspora, which its graduates then grow.
    expect(baseline.run.burnInYears).toBe(3);
    const abroad = baseline.populations.filter((p) => p.location !== home && p.native === 1).reduce((n, p) => n + p.count, 0);
    expect(Math.abs(abroad - (derived * 2) / 3) / derived).toBeLessThan(0.01);
    // At the end of 2024 the diaspora holds the derived talent and the year's native graduates who work away from Bazhong.
    const diaspora = mean((r) => persons(r, r.home[HomeMetric.diaspora]));
    expect(diaspora).toBeGreaterThan(derived * 0.98);
    expect(diaspora).toBeLessThan(derived * 1.25);
    // Bazhong's talent at the start of 2024: the assumed ≈ 280,000 (about 10.7 % of its 261.3万 residents).
    const start = mean((r) => persons(r, allTiers.reduce((n, t) => n + r.initialStock[home * r.tiers + t], 0)));
    expect(Math.abs(start - 280_000) / 280_000).toBeLessThan(0.02);
  });

  it('adds the report\'s 10,700 newly certified skilled workers a year as an entry stream', () => {
    const skilled = baseline.tiers.findIndex((t) => t.id === 'skilled');
    const entered = mean((r) => {
      let n = 0;
      for (let tick = 0; tick < r.ticks; tick++) n += r.perTick[perTickIndex(r, tick, home, skilled, TickMetric.entries)];
      return persons(r, n);
    });
    // Poisson-like noise of the stochastic rounding at scale 10 is tiny; 2 % covers it.
    expect(Math.abs(entered - 10_700) / 10_700).toBeLessThan(0.02);
  });
});
