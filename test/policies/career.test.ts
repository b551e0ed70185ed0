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
import { baselineInput } from '../support.js';

const options = { runs: 4, years: 3, scale: 20 };
const talent = { tiers: ['top', 'professional'] };
const career = (extra: Record<string, unknown> = {}) => ({ type: 'career', eligibility: talent, careerValue: 0.3, promotionsPerYear: 300, ...extra });

const runOnce = (policy: Record<string, unknown>, years = 3) => runReplication(withPolicies([policy]), { replication: 0, seed: 5, years, scale: 20 });

describe('career', () => {
  let pair: ReturnType<typeof paired>;
  beforeAll(() => {
    pair = paired(withPolicies([career()]), options);
  });

  it('raises top talent in Bazhong by about the promotions it makes, and keeps more of its talent', () => {
    const s = pair.scenario;
    const H = home(s);
    const top = difference(pair, (r) => atEnd(r, H, TickMetric.stock, [tierIndex(s, 'top')]));
    expectIncrease(top);
    // Many candidates pass (1 in 20 of thousands evaluated a year): the quota of 300 a year binds; a few of the promoted leave again.
    const promoted = pair.policy.map((r) => sum(reported(r, 'promoted')));
    for (const n of promoted) expect(n).toBe(900);
    expect(top.mean).toBeGreaterThan(0.8 * 900);
    expect(top.mean).toBeLessThan(1.1 * 900);
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

  it('promotes only candidates who meet the criteria and pass: the quota binds when many do and changes nothing when few do', () => {
    const promoted = (extra: Record<string, unknown>) => sum(reported(runOnce(career(extra)), 'promoted'));
    // Many pass (the defaults): more promotions a year promote more.
    expect(promoted({ promotionsPerYear: 300 })).toBe(900);
    expect(promoted({ promotionsPerYear: 600 })).toBe(1800);
    // Few pass (1 in 500): a few dozen a year, fewer than a quota of 300 would give, and raising a quota of 3,000 (a
    // dozen a tick at this scale, more than ever pass in one tick) tenfold changes nothing at all.
    const slack = runOnce(career({ passRate: 0.002, promotionsPerYear: 3000 }));
    expect(sum(reported(slack, 'promoted'))).toBeLessThan(0.5 * 900);
    expect(sum(reported(slack, 'promoted'))).toBeGreaterThan(0);
    expect(identical(runOnce(career({ passRate: 0.002, promotionsPerYear: 30000 })), slack)).toBe(true);
    // No one has served 40 years in Bazhong: no promotions, whatever the quota.
    expect(promoted({ minTenureYears: 40, promotionsPerYear: 3000 })).toBe(0);
  });

  it('awardees leave Bazhong less than comparable promoted talent without the award', () => {
    // The same promotions (same criteria, evaluation and quota), with and without the utility of holding the award: paired
    // runs with the same seeds. Other cities pay top talent twice the baseline's wage, so that enough awardees weigh leaving.
    const input = baselineInput();
    const rich = {
      locations: input.locations.map((l) => (l.id === 'bazhong' ? l : { ...l, wage: { ...l.wage, top: 2 * valueOf(l.wage.top) } })),
    };
    const promote = { careerValue: 0, promotionsPerYear: 30_000, passRate: 0.5, minTenureYears: 2, awardYears: 5 };
    const left = (awardUtility: number) =>
      [0, 1, 2, 3]
        .map((replication) => runReplication(withPolicies([career({ ...promote, awardUtility })], rich), { replication, seed: 5, years: 5, scale: 20 }))
        .map((r) => ({ left: sum(reported(r, 'awardeesLeft')) / r.scale, promoted: sum(reported(r, 'promoted')) / r.scale }));
    const without = left(0);
    const holding = left(1);
    const n0 = sum(without.map((r) => r.left));
    const n1 = sum(holding.map((r) => r.left));
    // About as many are promoted either way (the runs part only as agents decide differently).
    expect(Math.abs(sum(holding.map((r) => r.promoted)) - sum(without.map((r) => r.promoted)))).toBeLessThan(0.05 * sum(without.map((r) => r.promoted)));
    // Counts of leavers, near-Poisson: fewer leave by more than three standard deviations of the difference.
    expect(n0 - n1).toBeGreaterThan(3 * Math.sqrt(n0 + n1));
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

/** A number as a scenario writes it: plain, or the value of a {value, range, source} form. */
function valueOf(n: number | { value: number }): number {
  return typeof n === 'number' ? n : n.value;
}
