// Industry talent programme (report 三(一)三): jobs, platforms and a fund raise emerging-industry talent in Bazhong, and nothing else.
import { beforeAll, describe, expect, it } from 'vitest';
import { Model } from '../../src/core/model.js';
import type { RunResult } from '../../src/core/results.js';
import type { ResolvedScenario } from '../../src/scenario/resolve.js';
import { baseline, difference, expectIncrease, expectNoChange, withPolicies, reported, identical } from './support.js';

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
