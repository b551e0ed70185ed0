// Market recruitment (report 三(二)二): headhunters put matched Bazhong offers to top and professional talent outside it.
import { beforeAll, describe, expect, it } from 'vitest';
import { Model, runReplication } from '../../src/core/model.js';
import { HomeMetric, HOME_METRICS, type RunResult } from '../../src/core/results.js';
import { difference, expectIncrease, expectNoChange, home, paired, TickMetric, tierIndex, total, withPolicies, reported, sum, identical } from './support.js';

const options = { runs: 4, years: 3, scale: 20 };
const nonNatives = { native: false };
const market = (extra: Record<string, unknown> = {}) => ({ type: 'market-recruitment', eligibility: nonNatives, contactsPerYear: 20000, ...extra });

const runOnce = (policy: Record<string, unknown>, years = 3) => runReplication(withPolicies([policy]), { replication: 0, seed: 5, years, scale: 20 });
/** Natives who moved to Bazhong over the run, in persons. */
const nativesReturning = (r: RunResult) => {
  let n = 0;
  for (let year = 0; year < r.years; year++) n += r.home[year * HOME_METRICS.length + HomeMetric.nativesReturning];
  return n * r.scale;
};

describe('market-recruitment', () => {
  let pair: ReturnType<typeof paired>;
  beforeAll(() => {
    pair = paired(withPolicies([market()]), options);
  });

  it('raises the inflow of top and professional talent into Bazhong, by about the hires it reports', () => {
    const H = home(pair.scenario);
    const wanted = [tierIndex(pair.scenario, 'top'), tierIndex(pair.scenario, 'professional')];
    const inflow = difference(pair, (r) => total(r, H, TickMetric.inflow, { tiers: wanted }));
    expectIncrease(inflow);
    expectIncrease(difference(pair, (r) => total(r, H, TickMetric.stock, { tiers: wanted, ticks: [r.ticks - 1, r.ticks] })));
    const hires = pair.policy.map((r) => sum(reported(r, 'hires')));
    expect(Math.min(...hires)).toBeGreaterThan(0);
    // Some hires would have come anyway, and the offer can draw a candidate who was going to come later.
    const meanHires = hires.reduce((a, b) => a + b, 0) / hires.length;
    expect(inflow.mean).toBeGreaterThan(0.4 * meanHires);
    expect(inflow.mean).toBeLessThan(1.2 * meanHires);
  });

  it('does not change the inflow of skilled workers and graduates, nor the return of natives it does not look for', () => {
    const H = home(pair.scenario);
    const others = [tierIndex(pair.scenario, 'skilled'), tierIndex(pair.scenario, 'graduate')];
    expectNoChange(difference(pair, (r) => total(r, H, TickMetric.inflow, { tiers: others })));
    expectNoChange(difference(pair, nativesReturning));
  });

  it('team recruitment (以投代引) brings colleagues of top hires, with an investment per team', () => {
    const leaders = { tiers: ['top'], contactsPerYear: 40000 };
    const teams = runOnce(market({ ...leaders, teamSize: 5, investmentPerTeam: 1_000_000 }));
    const alone = runOnce(market(leaders));
    expect(sum(reported(alone, 'teamOffers'))).toBe(0);
    expect(sum(reported(teams, 'teamOffers'))).toBeGreaterThan(0);
    expect(sum(reported(teams, 'hires'))).toBeGreaterThan(sum(reported(alone, 'hires')));
    expect(sum(reported(teams, 'spending'))).toBeGreaterThan(sum(reported(alone, 'spending')));
  });

  it('with no contacts, or no budget, changes nothing', () => {
    const small = { ...options, runs: 2 };
    for (const extra of [{ contactsPerYear: 0 }, { budget: 0 }]) {
      const idle = paired(withPolicies([market(extra)]), small);
      idle.policy.forEach((r, k) => {
        expect(identical(r, idle.base[k])).toBe(true);
        expect(sum(reported(r, 'contacted'))).toBe(0);
        expect(sum(reported(r, 'spending'))).toBe(0);
      });
    }
  });

  it('spends nothing before it starts, and never more than its budget', () => {
    const late = runOnce(market({ start: 2025 }));
    expect(reported(late, 'spending')[0]).toBe(0);
    expect(reported(late, 'contacted')[0]).toBe(0);
    expect(reported(late, 'hires')[1]).toBeGreaterThan(0);

    // Fee and firm subsidy are 80,000 CNY a hire: 2.4 M CNY pays for 30 hires a year.
    const budget = 2_400_000;
    const capped = runOnce(market({ budget }));
    const free = runOnce(market());
    for (let year = 0; year < 3; year++) {
      expect(reported(capped, 'spending')[year]).toBeLessThanOrEqual(budget);
      expect(reported(capped, 'hires')[year]).toBeLessThanOrEqual(30);
    }
    expect(sum(reported(capped, 'contacted'))).toBeLessThan(sum(reported(free, 'contacted')));
    expect(sum(reported(free, 'hires'))).toBeGreaterThan(90);
  });
});

describe('market-recruitment: the pull of a team is bounded', () => {
  it('is the log-income value of a raise of teamPull, and the schema rejects a pull worth more than a 50 % raise', () => {
    const policy = { ...market({ teamSize: 5, investmentPerTeam: 1_000_000 }), eligibility: { native: false } };
    const model = new Model(withPolicies([{ ...policy, teamPull: 0.1 }]), { replication: 0, seed: 5, years: 1, scale: 20 });
    model.step();
    // A colleague's pull to follow its team is worth a 10 % raise, valued by the baseline's income coefficient.
    const income = model.scenario.utility.find((t) => t.name === 'income')!.coefficient;
    expect(Math.max(...model.policies[0].holderTable!)).toBeCloseTo(income * Math.log1p(0.1), 12);
    expect(() => withPolicies([{ ...policy, teamPull: 4 }])).toThrow(/teamPull/);
  });
});
