// Publicity (report 三(一)二): it raises awareness of its targets by Bass diffusion, so a subsidy it promotes does more.
import { describe, expect, it } from 'vitest';
import { Model } from '../../src/core/model.js';
import type { RunResult } from '../../src/core/results.js';
import { atEnd, baseline, difference, expectIncrease, expectNoChange, home, paired, TickMetric, tierIndex, withPolicies } from './support.js';

const options = { runs: 5, years: 4, scale: 20 };
const START = 2025;

/** A subsidy for young talent (graduates and professionals up to 35) without a budget cap, so that awareness is what limits it. */
const youngTalent = (extra: Record<string, unknown> = {}) => ({
  type: 'subsidy',
  name: 'youngTalent',
  start: START,
  eligibility: { tiers: ['professional', 'graduate'], age: { max: 35 } },
  lumpSum: 20000,
  perYear: 12000,
  ...extra,
});
const campaign = (extra: Record<string, unknown> = {}) => ({ type: 'publicity', start: START, targets: ['youngTalent'], spendPerYear: 5_000_000, ...extra });

/** A policy's yearly report column summed over the years: 0 is spending (CNY), 1… its metrics (persons). */
function reported(r: RunResult, name: string, metric: string): number[] {
  const p = r.policies.find((q) => q.name === name)!;
  const width = 1 + p.metrics.length;
  const column = metric === 'spending' ? 0 : 1 + p.metrics.indexOf(metric);
  return Array.from({ length: r.years }, (_, year) => p.values[year * width + column]);
}
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const identical = (a: RunResult, b: RunResult) =>
  Buffer.from(a.perTick.buffer).equals(Buffer.from(b.perTick.buffer)) && Buffer.from(a.flows.buffer).equals(Buffer.from(b.flows.buffer));

describe('publicity', () => {
  const subsidyAlone = withPolicies([youngTalent()]);

  it("spreads awareness of its target by the Bass recursion, and leaves other policies' awareness alone", () => {
    const scenario = withPolicies([youngTalent(), youngTalent({ name: 'other' }), campaign({ reachPer10M: 0.5, wordOfMouth: 0.4 })]);
    const model = new Model(scenario, { replication: 0, seed: 3, years: 3, scale: 200 });
    const [target, other, promoter] = model.policies;
    const expected = Array.from(target.knownShare);
    const weights = [1, 0.5, 0.2];
    const p = (0.5 * 5_000_000) / 1e7;
    for (let tick = 0; tick < model.ticks; tick++) {
      model.step();
      if (tick >= promoter.spec.startTick) for (let a = 0; a < 3; a++) expected[a] += (weights[a] * (p + 0.4 * expected[a]) * (1 - expected[a])) / 12;
      for (let a = 0; a < 3; a++) expect(target.knownShare[a]).toBeCloseTo(expected[a], 12);
    }
    expect(target.knownShare[0]).toBeGreaterThan(0.75);
    expect(Array.from(other.knownShare)).toEqual([other.spec.awareness.residents, other.spec.awareness.diaspora, other.spec.awareness.others]);
  });

  it('makes a subsidy it promotes give more grants and keep more young talent in Bazhong', () => {
    const pair = paired(withPolicies([youngTalent(), campaign()]), options, subsidyAlone);
    expectIncrease(difference(pair, (r) => sum(reported(r, 'youngTalent', 'grants'))));
    const young = [tierIndex(pair.scenario, 'professional'), tierIndex(pair.scenario, 'graduate')];
    expectIncrease(difference(pair, (r) => atEnd(r, home(pair.scenario), TickMetric.stock, young)));
  });

  it('does not change a policy it does not target', () => {
    // Leading professionals over 35 (the young-talent subsidy's group is under 35): enough arrivals to see a change.
    const top = { type: 'subsidy', name: 'topPackage', start: START, eligibility: { tiers: ['top', 'professional'], age: { min: 36 } }, lumpSum: 60000 };
    const pair = paired(withPolicies([youngTalent(), top, campaign({ targets: ['topPackage'] })]), { ...options, runs: 8 }, withPolicies([youngTalent(), top]));
    expectNoChange(difference(pair, (r) => sum(reported(r, 'youngTalent', 'grants'))));
    expectIncrease(difference(pair, (r) => sum(reported(r, 'topPackage', 'grants'))));
  });

  it('at zero spending, or with no policy to promote, changes nothing', () => {
    const silent = paired(withPolicies([youngTalent(), campaign({ spendPerYear: 0 })]), { ...options, runs: 2 }, subsidyAlone);
    silent.policy.forEach((r, k) => expect(identical(r, silent.base[k])).toBe(true));
    const alone = paired(withPolicies([campaign({ targets: [] })]), { ...options, runs: 2 }, baseline());
    alone.policy.forEach((r, k) => {
      expect(identical(r, alone.base[k])).toBe(true);
      expect(sum(reported(r, 'publicity', 'spending'))).toBe(0);
    });
  });

  it('spends nothing before it starts and no more than its budget a year', () => {
    const budget = 3_000_000;
    const scenario = withPolicies([youngTalent(), campaign({ budget, spendPerYear: 5_000_000, redemptionSpeed: 0.5, redemptionCostPerYear: 1_200_000 })]);
    const model = new Model(scenario, { replication: 0, seed: 5, years: 3, scale: 200 });
    const subsidy = model.policies[0];
    const speeds: number[] = [];
    for (let tick = 0; tick < model.ticks; tick++) {
      model.step();
      speeds.push(subsidy.speed);
    }
    const spending = reported(model.finish(), 'publicity', 'spending');
    expect(spending[0]).toBe(0);
    for (const year of spending.slice(1)) {
      expect(year).toBeGreaterThan(0);
      expect(year).toBeLessThanOrEqual(budget + 1e-6);
    }
    // Faster redemption while the budget pays for the service: from the start; lapsing once the year's money is spent.
    expect(speeds.slice(0, 12).every((s) => s === 1)).toBe(true);
    expect(speeds[12]).toBe(0.5);
    expect(speeds.slice(12).some((s) => s === 1)).toBe(true);
  });
});
