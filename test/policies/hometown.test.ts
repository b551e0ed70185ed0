// Hometown recruitment (report 三(二)五): a diaspora database, contacts, a green channel and return-startup grants for natives abroad,
// which returnees apply for by a choice that faster redemption (三(一)二) makes more attractive.
import { beforeAll, describe, expect, it } from 'vitest';
import { Model, runReplication } from '../../src/core/model.js';
import { HomeMetric, HOME_METRICS, type RunResult } from '../../src/core/results.js';
import { moneyUtility } from '../../src/policies/common.js';
import { takeUpChance, type TakeUpParams } from '../../src/policies/take-up.js';
import { difference, expectIncrease, home, paired, TickMetric, total, withPolicies, reported, sum, identical } from './support.js';
import { baselineInput } from '../support.js';

const options = { runs: 4, years: 3, scale: 20 };
const hometown = (extra: Record<string, unknown> = {}) => ({ type: 'hometown', contactsPerYear: 20000, startupGrant: 100_000, ...extra });
const nothing = { reachPerYear: 0, contactsPerYear: 0, jobChanceAtHome: 0, startupGrant: 0 };

const runOnce = (policy: Record<string, unknown>, years = 3) => runReplication(withPolicies([policy]), { replication: 0, seed: 5, years, scale: 20 });
/** Natives who moved to Bazhong over the run, in persons. */
const nativesReturning = (r: RunResult) => {
  let n = 0;
  for (let year = 0; year < r.years; year++) n += r.home[year * HOME_METRICS.length + HomeMetric.nativesReturning];
  return n * r.scale;
};

describe('hometown', () => {
  let pair: ReturnType<typeof paired>;
  beforeAll(() => {
    pair = paired(withPolicies([hometown()]), options);
  });

  it('brings more natives home', () => {
    expectIncrease(difference(pair, nativesReturning));
    expectIncrease(difference(pair, (r) => total(r, home(pair.scenario), TickMetric.stock, { ticks: [r.ticks - 1, r.ticks] })));
    for (const r of pair.policy) {
      expect(sum(reported(r, 'returned'))).toBeGreaterThan(0);
      expect(sum(reported(r, 'grants'))).toBeGreaterThan(0);
      expect(sum(reported(r, 'grants'))).toBeLessThan(sum(reported(r, 'returned')));
    }
  });

  it('does not bring more non-natives, whom it does not reach (it may crowd a few out of the jobs returnees take)', () => {
    const H = home(pair.scenario);
    const others = difference(pair, (r) => total(r, H, TickMetric.inflow) - nativesReturning(r));
    expect(others.mean, `difference ${others.mean} (se ${others.se})`).toBeLessThanOrEqual(3 * others.se);
  });

  it('each part works alone: the green channel (where jobs are scarce), the contacts and the grant', () => {
    // A green channel helps only a native who knows of it and might find no job in Bazhong: with Bazhong's usual
    // slack and the diaspora's usual awareness (15 %) that is a handful, so it is tried where Bazhong has few
    // vacancies and every native knows. The grant alone reaches only the natives who know of it without the
    // database: a small effect, so more runs.
    const input = baselineInput();
    const scarce = {
      locations: input.locations.map((l) => (l.id === 'bazhong' ? { ...l, jobSlack: 0.01 } : l)),
      policyAwareness: { ...input.policyAwareness, diaspora: 1 },
    };
    const parts = [
      { part: { ...nothing, jobChanceAtHome: 0.95 }, runs: 12, overrides: scarce },
      { part: { ...nothing, contactsPerYear: 20000, jobChanceAtHome: 0.9 }, runs: 4, overrides: {} },
      { part: { ...nothing, startupGrant: 200_000, takeUp: 0.5 }, runs: 12, overrides: {} },
    ];
    for (const { part, runs, overrides } of parts)
      expectIncrease(
        difference(paired(withPolicies([hometown(part)], overrides), { ...options, runs, years: 2 }, withPolicies([], overrides)), nativesReturning),
      );
  });

  it('the database spreads word of it through the diaspora, and never to non-natives abroad', () => {
    const model = new Model(withPolicies([hometown({ reachPerYear: 0.2 })]), { replication: 0, seed: 5, years: 3, scale: 200 });
    const run = model.policies[0];
    const before = run.awareness(0, 'diaspora');
    model.run();
    // Three years at 20 % of the unreached a year.
    expect(run.awareness(0, 'diaspora')).toBeCloseTo(1 - (1 - before) * 0.8 ** 3, 10);
    expect(run.awareness(0, 'others')).toBe(0);
  });

  it('at zero intensity changes nothing', () => {
    const idle = paired(withPolicies([hometown(nothing)]), { ...options, runs: 2 });
    idle.policy.forEach((r, k) => {
      expect(identical(r, idle.base[k])).toBe(true);
      expect(sum(reported(r, 'spending'))).toBe(0);
    });
  });

  it('spends nothing before it starts, and a small budget caps its grants and contacts', () => {
    const late = runOnce(hometown({ start: 2025 }));
    expect(reported(late, 'spending')[0]).toBe(0);
    expect(reported(late, 'contacted')[0]).toBe(0);
    expect(reported(late, 'grants')[0]).toBe(0);
    expect(reported(late, 'grants')[1]).toBeGreaterThan(0);

    // The database (0.5 M CNY) is owed; 4.5 M CNY is left for contacts (300 CNY each) and grants (100,000 CNY each).
    const budget = 5_000_000;
    const capped = runOnce(hometown({ budget }));
    const free = runOnce(hometown());
    for (let year = 0; year < 3; year++) {
      expect(reported(capped, 'spending')[year]).toBeLessThanOrEqual(budget);
      expect(reported(capped, 'grants')[year]).toBeLessThanOrEqual(45);
    }
    expect(sum(reported(capped, 'grants'))).toBeLessThan(sum(reported(free, 'grants')));
  });
});

describe('hometown: take-up of the return-startup grant as a choice', () => {
  /** The module's defaults for the choice to apply. */
  const defaults: TakeUpParams = { takeUp: 0.3, payoutDelayMonths: 12, discountRate: 0.1, hassleCny: 10_000, hassleSpread: 20_000 };
  /** The programme, named, known to every native abroad and without a budget cap, so every applicant gets the grant. */
  const programme = (extra: Record<string, unknown> = {}) => hometown({ name: 'home', awareness: { residents: 0.4, diaspora: 1, others: 0 }, ...extra });
  /** Publicity's one-stop redemption service alone (no campaign): it only speeds payouts and cuts the hassle. */
  const redemption = (speed: number) => ({ type: 'publicity', targets: ['home'], spendPerYear: 0, redemptionSpeed: speed });

  it('the chance to apply is takeUp at the programme’s own redemption and rises with faster redemption', () => {
    expect(takeUpChance(defaults, 100_000, 1)).toBe(0.3);
    // logit 0.3 + (100,000 × (e^−0.05 − e^−0.1) + 10,000 × 0.5) / 20,000
    const half = takeUpChance(defaults, 100_000, 0.5);
    expect(half).toBeCloseTo(1 / (1 + Math.exp(-(Math.log(0.3 / 0.7) + (100_000 * (Math.exp(-0.05) - Math.exp(-0.1)) + 5_000) / 20_000))), 12);
    expect(half).toBeGreaterThan(0.4);
  });

  it('a returnee counts on the grant with the chance it will face: the host’s payout speed moves both', () => {
    const model = new Model(withPolicies([programme()]), { replication: 0, seed: 5, years: 1, scale: 200 });
    const run = model.policies[0];
    const s = model.scenario;
    const professional = s.tiers.findIndex((t) => t.id === 'professional');
    const agent = { tier: professional, industry: 0, native: true, family: 0, ageBand: 0 };
    const elsewhere = s.locations.findIndex((l) => l.id === 'chengdu');
    const wage = run.env.wage({ location: s.homeIndex, industry: 0, tier: professional });
    for (const speed of [1, 0.5, 0.25]) {
      run.setPayoutSpeed(0, speed);
      run.runtime.environment!(0);
      const expected = moneyUtility(run, (takeUpChance(defaults, 100_000, speed) * 100_000) / 3, wage);
      expect(run.runtime.utility!(agent, elsewhere, s.homeIndex, false)).toBe(expected);
    }
    // At speed 1 exactly the fixed share of before.
    run.setPayoutSpeed(0, 1);
    expect(run.runtime.utility!(agent, elsewhere, s.homeIndex, false)).toBe(moneyUtility(run, (0.3 * 100_000) / 3, wage));
  });

  it('faster redemption raises the share of returnees who apply by what the logit says; at speed 1 it is takeUp', () => {
    const options = { seed: 5, years: 4, scale: 10 };
    const runs = (policies: Record<string, unknown>[]) =>
      Array.from({ length: 4 }, (_, replication) => runReplication(withPolicies(policies), { ...options, replication }));
    /** Grants over all who decided (grants and those who did not apply), and the number who decided, in agents. */
    const share = (rs: RunResult[]) => {
      const grants = sum(rs.map((r) => sum(reported(r, 'grants'))));
      const decided = grants + sum(rs.map((r) => sum(reported(r, 'notTakenUp'))));
      return { share: grants / decided, n: decided / options.scale };
    };
    const slow = share(runs([programme()]));
    const fast = share(runs([programme(), redemption(0.5)]));
    // Binomial tolerance from the number of returnees who decided: 4 standard errors.
    const se = (q: number, n: number) => Math.sqrt((q * (1 - q)) / n);
    expect(slow.n).toBeGreaterThan(800);
    expect(Math.abs(slow.share - 0.3)).toBeLessThan(4 * se(0.3, slow.n));
    const expected = takeUpChance(defaults, 100_000, 0.5);
    expect(Math.abs(fast.share - expected)).toBeLessThan(4 * se(expected, fast.n));
    expect(fast.share - slow.share).toBeGreaterThan(4 * Math.hypot(se(slow.share, slow.n), se(fast.share, fast.n)));
  });

  it('a redemption service at speed 1 changes nothing, and one for a programme with nothing to offer changes nothing', () => {
    const options = { replication: 0, seed: 5, years: 3, scale: 20 };
    const alone = runReplication(withPolicies([programme()]), options);
    const idleService = runReplication(withPolicies([programme(), redemption(1)]), options);
    expect(identical(idleService, alone)).toBe(true);
    expect(reported(idleService, 'grants')).toEqual(reported(alone, 'grants'));
    const nothingOffered = runReplication(withPolicies([programme(nothing), redemption(0.5)]), options);
    expect(identical(nothingOffered, runReplication(withPolicies([]), options))).toBe(true);
  });
});
