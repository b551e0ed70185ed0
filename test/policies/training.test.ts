// Training (report 三(三)): Bazhong residents trained up a tier, some to order for a target industry, optionally bonded to stay.
import { beforeAll, describe, expect, it } from 'vitest';
import { runReplication } from '../../src/core/model.js';
import type { RunResult } from '../../src/core/results.js';
import {
  atEnd,
  difference,
  expectDecrease,
  expectIncrease,
  expectNoChange,
  home,
  locationIndex,
  paired,
  TickMetric,
  tierIndex,
  total,
  withPolicies,
  reported,
  sum,
  identical,
} from './support.js';
import { baselineInput } from '../support.js';

const options = { runs: 4, years: 3, scale: 20 };
const training = (extra: Record<string, unknown> = {}) => ({ type: 'training', traineesPerYear: 5000, ...extra });

const runOnce = (policy: Record<string, unknown>, years = 3) => runReplication(withPolicies([policy]), { replication: 0, seed: 5, years, scale: 20 });

describe('training', () => {
  let pair: ReturnType<typeof paired>;
  beforeAll(() => {
    pair = paired(withPolicies([training()]), options);
  });

  it("raises Bazhong's professional stock and lowers its skilled and graduate stocks", () => {
    const s = pair.scenario;
    const H = home(s);
    const upgraded = difference(pair, (r) => atEnd(r, H, TickMetric.stock, [tierIndex(s, 'professional')]));
    expectIncrease(upgraded);
    expectDecrease(difference(pair, (r) => atEnd(r, H, TickMetric.stock, [tierIndex(s, 'skilled')])));
    expectDecrease(difference(pair, (r) => atEnd(r, H, TickMetric.stock, [tierIndex(s, 'graduate')])));
    // Upgrades by training show as moves between tiers within Bazhong.
    expectIncrease(difference(pair, (r) => total(r, H, TickMetric.tierIn, { tiers: [tierIndex(s, 'professional')] })));
    // Most of those it reports upgraded are still there, as professionals.
    const reportedUpgrades = pair.policy.map((r) => sum(reported(r, 'upgraded')));
    // Each of the 3 × 5,000 trainees passes with chance 0.6: a binomial count of agents, four standard deviations wide.
    const scale = pair.policy[0].scale;
    const trainees = (3 * 5000) / scale;
    for (const n of reportedUpgrades) expect(Math.abs(n / scale - trainees * 0.6)).toBeLessThan(4 * Math.sqrt(trainees * 0.6 * 0.4));
    expect(upgraded.mean).toBeGreaterThan(0.6 * (reportedUpgrades.reduce((a, b) => a + b, 0) / reportedUpgrades.length));
  });

  it('changes top talent only through the paths every professional has: agglomeration and the upgrade to top', () => {
    // More professionals in Bazhong make its platforms more attractive to everyone, the top tier included
    // (agglomeration), and professionals become top talent at the lifecycle's rate: without those two, training has
    // no path to top talent.
    const input = baselineInput();
    const off = {
      agglomeration: { ...input.agglomeration, enabled: false },
      lifecycle: { ...input.lifecycle, upgrades: input.lifecycle.upgrades.filter((u) => u.to !== 'top') },
    };
    const alone = paired(withPolicies([training()], off), options, withPolicies([], off));
    const s = alone.scenario;
    const top = [tierIndex(s, 'top')];
    for (const l of s.locations.keys()) expectNoChange(difference(alone, (r) => atEnd(r, l, TickMetric.stock, top)));
    expectNoChange(difference(alone, (r) => total(r, locationIndex(s, 'chengdu'), TickMetric.outflow, { tiers: top })));
  });

  it('moves trainees trained to order into the target industry', () => {
    for (const r of pair.policy) {
      const trained = sum(reported(r, 'trained'));
      const reoriented = sum(reported(r, 'reoriented'));
      // 30 % of trainees are trained to order; those already in emerging industry do not move.
      expect(reoriented).toBeGreaterThan(0.2 * trained);
      expect(reoriented).toBeLessThan(0.32 * trained);
    }
    expect(sum(reported(runOnce(training({ orderShare: 0 })), 'reoriented'))).toBe(0);
  });

  it('a retention bond keeps more of the trained professionals in Bazhong', () => {
    const bonded = paired(withPolicies([training({ bondYears: 3, bondUtility: 1 })]), options, withPolicies([training()]));
    const s = bonded.scenario;
    expectIncrease(difference(bonded, (r) => atEnd(r, home(s), TickMetric.stock, [tierIndex(s, 'professional')])));
    expectDecrease(difference(bonded, (r) => total(r, home(s), TickMetric.outflow)));
  });

  it('with no trainees, or no budget, changes nothing', () => {
    for (const extra of [{ traineesPerYear: 0 }, { budget: 0 }]) {
      const idle = paired(withPolicies([training({ programmeCost: 1_000_000, ...extra })]), { ...options, runs: 2 });
      idle.policy.forEach((r, k) => {
        expect(identical(r, idle.base[k])).toBe(true);
        expect(sum(reported(r, 'trained'))).toBe(0);
      });
    }
  });

  it('spends nothing before it starts, and trains no more than its budget pays for', () => {
    const late = runOnce(training({ start: 2025 }));
    expect(reported(late, 'spending')[0]).toBe(0);
    expect(reported(late, 'trained')[0]).toBe(0);
    expect(reported(late, 'trained')[1]).toBeCloseTo(5000, -2);

    // 10,000 CNY a trainee: 6 M CNY trains 600 a year.
    const budget = 6_000_000;
    const capped = runOnce(training({ budget }));
    for (let year = 0; year < 3; year++) {
      expect(reported(capped, 'spending')[year]).toBeLessThanOrEqual(budget);
      expect(reported(capped, 'trained')[year]).toBe(600);
    }
  });
});
