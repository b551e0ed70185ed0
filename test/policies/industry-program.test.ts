// Industry talent programme (report 三(一)三): jobs, platforms and a fund raise emerging-industry talent in Bazhong, and nothing else;
// newcomers apply for the fund's grant by a choice that faster redemption (三(一)二) makes more attractive.
import { beforeAll, describe, expect, it } from 'vitest';
import { Model, runReplication } from '../../src/core/model.js';
import type { RunResult } from '../../src/core/results.js';
import type { ResolvedScenario } from '../../src/scenario/resolve.js';
import { moneyUtility } from '../../src/policies/common.js';
import { takeUpChance, type TakeUpParams } from '../../src/policies/take-up.js';
import { baseline, difference, expectIncrease, expectNoChange, withPolicies, reported, identical, sum } from './support.js';

const options = { runs: 5, years: 4, scale: 20, seed: 11 };
const START = 2025;
const program = (extra: Record<string, unknown> = {}) => ({
  type: 'industry-program',
  start: START,
  jobsPerYear: 800,
  platformsPerYear: 2,
  grants: { top: 200000, professional: 60000, graduate: 20000 },
  ...extra,
});

/** Paired runs that also count, at the end, home residents by industry (persons) and the home city's platforms by industry. */
function pairedByIndustry(policy: ResolvedScenario, base: ResolvedScenario = baseline(), { runs, years, scale, seed } = options) {
  const residents = new WeakMap<RunResult, number[]>();
  const platforms = new WeakMap<RunResult, number[]>();
  const run = (scenario: ResolvedScenario) =>
    Array.from({ length: runs }, (_, replication) => {
      const model = new Model(scenario, { replication, seed, years, scale });
      const result = model.run();
      const counts = scenario.industries.map(() => 0);
      const a = model.agents;
      for (let i = 0; i < a.count; i++) if (a.residence[i] === scenario.homeIndex) counts[a.industry[i]] += scale;
      residents.set(result, counts);
      platforms.set(
        result,
        scenario.industries.map((_, k) => model.env.platforms({ location: scenario.homeIndex, industry: k })),
      );
      return result;
    });
  return { base: run(base), policy: run(policy), residents: (r: RunResult) => residents.get(r)!, platforms: (r: RunResult) => platforms.get(r)! };
}

describe('industry-program', () => {
  const s = baseline();
  const emerging = s.industries.findIndex((i) => i.id === 'emerging');
  const traditional = s.industries.findIndex((i) => i.id === 'traditional');
  let pair: ReturnType<typeof pairedByIndustry>;
  beforeAll(() => {
    pair = pairedByIndustry(withPolicies([program()]));
  });

  it('raises emerging-industry talent and platforms in Bazhong', () => {
    expectIncrease(difference(pair, (r) => pair.residents(r)[emerging]));
    expectIncrease(difference(pair, (r) => pair.platforms(r)[emerging]));
  });

  it('leaves the industries it does not target alone', () => {
    expectNoChange(difference(pair, (r) => pair.residents(r)[traditional]));
  });

  it('each lever alone works: jobs, platforms, the fund', () => {
    const small = { ...options, runs: 4 };
    const jobs = pairedByIndustry(withPolicies([program({ platformsPerYear: 0, grants: {}, jobsPerYear: 8000, budget: 1_000_000_000 })]), baseline(), small);
    expectIncrease(difference(jobs, (r) => jobs.residents(r)[emerging]));
    const fund = pairedByIndustry(
      withPolicies([program({ platformsPerYear: 0, jobsPerYear: 0, awareness: { residents: 1, diaspora: 1, others: 1 } })]),
      baseline(),
      { ...options, runs: 6 },
    );
    expectIncrease(difference(fund, (r) => fund.residents(r)[emerging]));
    expect(reported(fund.policy[0], 'fundGrants').reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  });

  it('at zero intensity changes nothing', () => {
    const none = pairedByIndustry(withPolicies([program({ jobsPerYear: 0, platformsPerYear: 0, grants: {} })]), baseline(), { ...options, runs: 2 });
    none.policy.forEach((r, k) => {
      expect(identical(r, none.base[k])).toBe(true);
      expect(reported(r, 'spending').every((v) => v === 0)).toBe(true);
    });
  });

  it('spends nothing before it starts, and within its budget each year; jobs and platforms as scheduled when the budget allows', () => {
    for (const r of pair.policy) {
      const spending = reported(r, 'spending');
      expect(spending[0]).toBe(0);
      expect(reported(r, 'jobs')[1]).toBeCloseTo(800, 6);
      expect(reported(r, 'platforms')[1]).toBeCloseTo(2, 9);
    }
    const budget = 20_000_000;
    const tight = new Model(withPolicies([program({ budget })]), { replication: 0, seed: 3, years: 3, scale: 50 }).run();
    const spending = reported(tight, 'spending');
    expect(spending[0]).toBe(0);
    for (const year of spending.slice(1)) expect(year).toBeLessThanOrEqual(budget + 1e-6);
    // Platforms come first at the start of the year (6 M CNY), then jobs each month until the budget runs out.
    expect(reported(tight, 'platforms')[1]).toBeCloseTo(2, 9);
    expect(reported(tight, 'jobs')[1]).toBeLessThan(800);
    expect(reported(tight, 'jobs')[1]).toBeGreaterThan(0);
  });
});

describe('industry-program: take-up of the fund’s grant as a choice', () => {
  /** The module's defaults for the choice to apply. */
  const defaults: TakeUpParams = { takeUp: 0.8, payoutDelayMonths: 6, discountRate: 0.1, hassleCny: 5_000, hassleSpread: 5_000 };
  /**
   * The fund alone, named, known to everyone and without a budget cap (every applicant gets the grant). The take-up
   * checks serve every industry with one grant for professionals and graduates, so that enough newcomers decide.
   */
  const fund = (extra: Record<string, unknown> = {}) =>
    program({ name: 'fund', jobsPerYear: 0, platformsPerYear: 0, awareness: { residents: 1, diaspora: 1, others: 1 }, ...extra });
  const broad = { industries: ['traditional', 'emerging', 'public'], grants: { professional: 60_000, graduate: 60_000 } };
  /** Publicity's one-stop redemption service alone (no campaign): it only speeds payouts and cuts the hassle. */
  const redemption = (speed: number) => ({ type: 'publicity', start: START, targets: ['fund'], spendPerYear: 0, redemptionSpeed: speed });

  it('the chance to apply is takeUp at the fund’s own redemption and rises with faster redemption, more for a larger grant', () => {
    expect(takeUpChance(defaults, 60_000, 1)).toBe(0.8);
    expect(takeUpChance(defaults, 200_000, 1)).toBe(0.8);
    // logit 0.8 + (60,000 × (e^−0.025 − e^−0.05) + 5,000 × 0.5) / 5,000
    const half = takeUpChance(defaults, 60_000, 0.5);
    expect(half).toBeCloseTo(1 / (1 + Math.exp(-(Math.log(4) + (60_000 * (Math.exp(-0.025) - Math.exp(-0.05)) + 2_500) / 5_000))), 12);
    expect(half).toBeGreaterThan(0.85);
    expect(takeUpChance(defaults, 200_000, 0.5)).toBeGreaterThan(half);
  });

  it('a newcomer counts on the grant with the chance it will face: the host’s payout speed moves both', () => {
    const model = new Model(withPolicies([fund()]), { replication: 0, seed: 3, years: 1, scale: 200 });
    const run = model.policies[0];
    const s = model.scenario;
    const emerging = s.industries.findIndex((i) => i.id === 'emerging');
    const chengdu = s.locations.findIndex((l) => l.id === 'chengdu');
    for (const [tier, grant] of [
      ['top', 200_000],
      ['professional', 60_000],
      ['graduate', 20_000],
    ] as const) {
      const t = s.tiers.findIndex((x) => x.id === tier);
      const agent = { tier: t, industry: emerging, native: false, family: 0, ageBand: 0 };
      const wage = run.env.wage({ location: s.homeIndex, industry: emerging, tier: t });
      for (const speed of [1, 0.5]) {
        run.setPayoutSpeed(0, speed);
        const expected = moneyUtility(run, (takeUpChance(defaults, grant, speed) * grant) / 3, wage);
        expect(run.runtime.utility!(agent, chengdu, s.homeIndex, false)).toBe(expected);
      }
      // At speed 1 exactly the fixed share of before.
      run.setPayoutSpeed(0, 1);
      expect(run.runtime.utility!(agent, chengdu, s.homeIndex, false)).toBe(moneyUtility(run, (0.8 * grant) / 3, wage));
    }
  });

  it('faster redemption raises the share of eligible newcomers who apply by what the logit says; at speed 1 it is takeUp', () => {
    const settings = { seed: 5, years: 4, scale: 10 };
    const runs = (policies: Record<string, unknown>[]) =>
      Array.from({ length: 3 }, (_, replication) => runReplication(withPolicies(policies), { ...settings, replication }));
    /** Applicants (granted or refused for money) over all who decided, and the number who decided, in agents. */
    const share = (rs: RunResult[]) => {
      const applied = sum(rs.map((r) => sum(reported(r, 'fundGrants')) + sum(reported(r, 'overBudget'))));
      const decided = applied + sum(rs.map((r) => sum(reported(r, 'notTakenUp'))));
      return { share: applied / decided, n: decided / settings.scale };
    };
    const slow = share(runs([fund(broad)]));
    const fast = share(runs([fund(broad), redemption(0.5)]));
    // Binomial tolerance from the number of newcomers who decided: 4 standard errors.
    const se = (q: number, n: number) => Math.sqrt((q * (1 - q)) / n);
    expect(slow.n).toBeGreaterThan(4000);
    expect(Math.abs(slow.share - 0.8)).toBeLessThan(4 * se(0.8, slow.n));
    const expected = takeUpChance(defaults, 60_000, 0.5);
    expect(Math.abs(fast.share - expected)).toBeLessThan(4 * se(expected, fast.n));
    expect(fast.share - slow.share).toBeGreaterThan(4 * Math.hypot(se(slow.share, slow.n), se(fast.share, fast.n)));
  });

  it('a redemption service at speed 1 changes nothing, and one for a programme with nothing to give changes nothing', () => {
    const options = { replication: 0, seed: 3, years: 3, scale: 20 };
    const alone = runReplication(withPolicies([fund()]), options);
    const idleService = runReplication(withPolicies([fund(), redemption(1)]), options);
    expect(identical(idleService, alone)).toBe(true);
    expect(reported(idleService, 'fundGrants')).toEqual(reported(alone, 'fundGrants'));
    const nothingGiven = runReplication(withPolicies([fund({ grants: {} }), redemption(0.5)]), options);
    expect(identical(nothingGiven, runReplication(withPolicies([]), options))).toBe(true);
  });
});
