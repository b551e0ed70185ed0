// Subsidies (report 三(一)一) and their take-up (二(二): hard to redeem; 三(一)二: faster redemption): take-up is a choice
// that faster redemption raises; eligibility rules on newcomers are respected; the budget is a cap that binds or not.
import { describe, expect, it } from 'vitest';
import { Model, runReplication } from '../../src/core/model.js';
import type { RunResult } from '../../src/core/results.js';
import { takeUpChance } from '../../src/policies/take-up.js';
import { difference, expectIncrease, home, identical, paired, TickMetric, tierIndex, total, withPolicies } from './support.js';

const START = 2025;
const everyone = { residents: 1, diaspora: 1, others: 1 };
/** The 雏鹰计划 for young talent, known to everyone and without a budget cap unless one is given. */
const youngTalent = (extra: Record<string, unknown> = {}) => ({
  type: 'subsidy',
  name: 'youngTalent',
  start: START,
  eligibility: { tiers: ['professional', 'graduate'], age: { max: 35 } },
  awareness: everyone,
  lumpSum: 30000,
  perYear: 12000,
  years: 3,
  takeUp: 0.6,
  ...extra,
});
/** Publicity's one-stop redemption service alone (no campaign): it only speeds payouts and cuts the hassle. */
const redemption = (speed: number) => ({ type: 'publicity', start: START, targets: ['youngTalent'], spendPerYear: 0, redemptionSpeed: speed });

/** A named policy's metric summed over the run, in persons. */
function metric(r: RunResult, name: string, key: string): number {
  const p = r.policies.find((q) => q.name === name)!;
  const width = 1 + p.metrics.length;
  const column = key === 'spending' ? 0 : 1 + p.metrics.indexOf(key);
  let n = 0;
  for (let year = 0; year < r.years; year++) n += p.values[year * width + column];
  return n;
}
const sumOver = (rs: RunResult[], f: (r: RunResult) => number) => rs.reduce((a, r) => a + f(r), 0);

describe('take-up as a choice', () => {
  const p = { takeUp: 0.6, payoutDelayMonths: 6, discountRate: 0.1, hassleCny: 5000, hassleSpread: 5000 };

  it('is the take-up share at the policy’s own redemption, and rises as redemption speeds up', () => {
    expect(takeUpChance(p, 66000, 1)).toBe(0.6);
    const half = takeUpChance(p, 66000, 0.5);
    // logit 0.6 + (66,000 × (e^−0.025 − e^−0.05) + 2,500) / 5,000
    const expected = 1 / (1 + Math.exp(-(Math.log(1.5) + (66000 * (Math.exp(-0.025) - Math.exp(-0.05)) + 2500) / 5000)));
    expect(half).toBeCloseTo(expected, 12);
    expect(takeUpChance(p, 66000, 0.3)).toBeGreaterThan(half);
    expect(half).toBeGreaterThan(0.6);
    // A larger hassle saved, or a smaller spread of personal costs, raises it more.
    expect(takeUpChance({ ...p, hassleCny: 10000 }, 66000, 0.5)).toBeGreaterThan(half);
    expect(takeUpChance({ ...p, hassleSpread: 2500 }, 66000, 0.5)).toBeGreaterThan(half);
    expect(takeUpChance({ ...p, takeUp: 0 }, 66000, 0.5)).toBe(0);
    expect(takeUpChance({ ...p, takeUp: 1 }, 66000, 0.5)).toBe(1);
  });

  it('faster redemption raises take-up (grants per eligible arrival) by what the logit says, and the policy’s effect', () => {
    const options = { runs: 4, years: 4, scale: 20 };
    const slow = paired(withPolicies([youngTalent(), redemption(1)]), options);
    const fast = paired(withPolicies([youngTalent(), redemption(0.5)]), options, withPolicies([youngTalent(), redemption(1)]));
    const share = (rs: RunResult[]) => {
      const grants = sumOver(rs, (r) => metric(r, 'youngTalent', 'grants'));
      const applicants = grants + sumOver(rs, (r) => metric(r, 'youngTalent', 'notTakenUp'));
      return { share: grants / applicants, n: applicants / 20 };
    };
    const before = share(slow.policy);
    const after = share(fast.policy);
    // Binomial tolerance from the number of eligible arrivals (agents): 4 standard errors.
    const se = (q: number, n: number) => Math.sqrt((q * (1 - q)) / n);
    expect(Math.abs(before.share - 0.6)).toBeLessThan(4 * se(0.6, before.n));
    const expected = takeUpChance({ takeUp: 0.6, payoutDelayMonths: 6, discountRate: 0.1, hassleCny: 5000, hassleSpread: 5000 }, 66000, 0.5);
    expect(Math.abs(after.share - expected)).toBeLessThan(4 * se(expected, after.n));
    expect(after.share - before.share).toBeGreaterThan(4 * Math.hypot(se(before.share, before.n), se(after.share, after.n)));
    // More take up the grant and more count on it: more young talent in Bazhong at the end than with slow redemption.
    const s = fast.scenario;
    const young = [tierIndex(s, 'professional'), tierIndex(s, 'graduate')];
    expectIncrease(
      difference(fast, (r) => total(r, home(s), TickMetric.stock, { tiers: young, ticks: [r.ticks - 1, r.ticks] })),
      2,
    );
  });
});

describe('subsidy eligibility: newcomers versus residents', () => {
  const options = { replication: 0, seed: 7, years: 3, scale: 20 };

  /** Steps a run and classifies each new holder by where it lived the tick before: elsewhere, home, or not yet in the model. */
  function newHolders(policy: Record<string, unknown>) {
    const model = new Model(withPolicies([policy]), options);
    const a = model.agents;
    const H = model.policies[0].home;
    const counts = { movedIn: 0, resident: 0, entrant: 0 };
    let held = new Set<number>();
    for (let tick = 0; tick < model.ticks; tick++) {
      const before = new Map<number, number>();
      for (let i = 0; i < a.count; i++) before.set(a.seed[i], a.residence[i]);
      model.step();
      const now = new Set<number>();
      for (let i = 0; i < a.count; i++) {
        if (a.policy[i] !== 1) continue;
        now.add(a.seed[i]);
        if (held.has(a.seed[i])) continue;
        const was = before.get(a.seed[i]);
        if (was === undefined) counts.entrant++;
        else if (was === H) counts.resident++;
        else counts.movedIn++;
      }
      held = now;
    }
    return counts;
  }

  it('newcomers only, without local starters: only movers from elsewhere get a grant, never a resident of Bazhong', () => {
    const movers = newHolders(youngTalent({ newcomersOnly: true, localStarters: false }));
    expect(movers.resident).toBe(0);
    expect(movers.movedIn).toBeGreaterThan(0);
    // Entrants who study elsewhere and take a first job in Bazhong the tick they enter are movers; Bazhong's own are not.
    const starters = newHolders(youngTalent({ newcomersOnly: true, localStarters: true }));
    expect(movers.entrant).toBeLessThan(starters.entrant / 4);
    // With local starters, Bazhong's graduates count (those who take a first job on entry, or later after a search there).
    expect(starters.entrant + starters.resident).toBeGreaterThan(2 * (movers.entrant + movers.resident));
  });

  it('open to all: residents already there apply too', () => {
    const starters = newHolders(youngTalent({ newcomersOnly: true, localStarters: true }));
    const all = newHolders(youngTalent({ newcomersOnly: false }));
    expect(all.resident).toBeGreaterThan(2 * starters.resident + 20);
    expect(all.movedIn).toBeGreaterThan(0);
  });
});

describe('the budget is a cap that binds or not', () => {
  const options = { replication: 0, seed: 9, years: 3, scale: 20 };
  const run = (extra: Record<string, unknown>) => runReplication(withPolicies([youngTalent(extra)]), options);

  it('with ample willingness (everyone aware, everyone applies), more budget buys more grants', () => {
    const small = run({ takeUp: 1, budget: 10_000_000 });
    const large = run({ takeUp: 1, budget: 20_000_000 });
    expect(metric(small, 'youngTalent', 'overBudget')).toBeGreaterThan(0);
    expect(metric(large, 'youngTalent', 'grants')).toBeGreaterThan(1.3 * metric(small, 'youngTalent', 'grants'));
  });

  it('with low willingness, raising the budget changes nothing: the run is the same', () => {
    // Few apply (take-up 2 %): the spending stays far below either budget.
    const low = { takeUp: 0.02 };
    const small = run({ ...low, budget: 10_000_000 });
    const large = run({ ...low, budget: 20_000_000 });
    expect(metric(small, 'youngTalent', 'grants')).toBeGreaterThan(0);
    expect(metric(small, 'youngTalent', 'spending')).toBeLessThan(0.5 * 10_000_000 * 3);
    expect(identical(small, large)).toBe(true);
    expect(small.policies[0].values).toEqual(large.policies[0].values);
  });
});
