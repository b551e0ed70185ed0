// Career (report 三(五)): career value in Bazhong for those who know of the reform, and promotions with awards.
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
  paired,
  TickMetric,
  tierIndex,
  total,
  withPolicies,
  reported,
  sum,
  identical,
} from './support.js';

const options = { runs: 4, years: 3, scale: 20 };
const talent = { tiers: ['top', 'professional'] };
const career = (extra: Record<string, unknown> = {}) => ({ type: 'career', eligibility: talent, careerValue: 0.3, promotionsPerYear: 300, ...extra });

const runOnce = (policy: Record<string, unknown>, years = 3) => runReplication(withPolicies([policy]), { replication: 0, seed: 5, years, scale: 20 });

describe('career', () => {
  let pair: ReturnType<typeof paired>;
  beforeAll(() => {
    pair = paired(withPolicies([career()]), options);
  });

  it('raises top talent in Bazhong by about the promotions, and keeps more of its talent', () => {
    const s = pair.scenario;
    const H = home(s);
    const top = difference(pair, (r) => atEnd(r, H, TickMetric.stock, [tierIndex(s, 'top')]));
    expectIncrease(top);
    // 300 promotions a year for three years; a few of the promoted leave again.
    expect(top.mean).toBeGreaterThan(0.8 * 900);
    expect(top.mean).toBeLessThan(1.1 * 900);
    for (const r of pair.policy) expect(sum(reported(r, 'promoted'))).toBe(900);
    expectDecrease(difference(pair, (r) => total(r, H, TickMetric.outflow, { tiers: [tierIndex(s, 'top'), tierIndex(s, 'professional')] })));
  });

  it('the career value alone lowers the outflow of the talent who know of it, top talent included', () => {
    const valueOnly = paired(withPolicies([career({ careerValue: 1, promotionsPerYear: 0, eligibility: { tiers: ['top'] } })]), {
      ...options,
      runs: 6,
      years: 4,
    });
    const s = valueOnly.scenario;
    expectDecrease(difference(valueOnly, (r) => total(r, home(s), TickMetric.outflow, { tiers: [tierIndex(s, 'top')] })));
    expectIncrease(difference(valueOnly, (r) => atEnd(r, home(s), TickMetric.stock, [tierIndex(s, 'top')])));
  });

  it('does not change skilled workers and graduates, who are not eligible', () => {
    const s = pair.scenario;
    const H = home(s);
    const others = [tierIndex(s, 'skilled'), tierIndex(s, 'graduate')];
    expectNoChange(difference(pair, (r) => total(r, H, TickMetric.outflow, { tiers: others })));
    expectNoChange(difference(pair, (r) => total(r, H, TickMetric.inflow, { tiers: others })));
  });

  it('at zero intensity changes nothing', () => {
    const idle = paired(withPolicies([career({ careerValue: 0, promotionsPerYear: 0 })]), { ...options, runs: 2 });
    idle.policy.forEach((r, k) => {
      expect(identical(r, idle.base[k])).toBe(true);
      expect(sum(reported(r, 'spending'))).toBe(0);
    });
  });

  it('spends nothing before it starts, and promotes no more than its budget pays for', () => {
    const late = runOnce(career({ start: 2025 }));
    expect(reported(late, 'spending')[0]).toBe(0);
    expect(reported(late, 'promoted')[0]).toBe(0);
    expect(reported(late, 'promoted')[1]).toBe(300);

    // The programme (1 M CNY) is owed; 5 M CNY pays 40 awards of 100,000 CNY — at most 4 M CNY beyond the running cost.
    const budget = 5_000_000;
    const capped = runOnce(career({ budget }));
    for (let year = 0; year < 3; year++) {
      expect(reported(capped, 'spending')[year]).toBeLessThanOrEqual(budget);
      expect(reported(capped, 'promoted')[year]).toBeLessThanOrEqual(40);
      expect(reported(capped, 'awards')[year]).toBe(reported(capped, 'promoted')[year]);
    }
    expect(sum(reported(runOnce(career({ costPerPromotion: 0 })), 'awards'))).toBe(0);
  });
});
