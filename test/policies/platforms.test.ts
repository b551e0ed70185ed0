// Platforms and parks (report 三(四)): scheduled builds raise Bazhong's platforms and its talent in their industry, within the budget.
import { beforeAll, describe, expect, it } from 'vitest';
import { Model } from '../../src/core/model.js';
import type { RunResult } from '../../src/core/results.js';
import type { ResolvedScenario } from '../../src/scenario/resolve.js';
import { baseline, difference, expectIncrease, expectNoChange, home, TickMetric, tierIndex, total, withPolicies, reported, identical } from './support.js';

// Ten runs: with the diaspora counted as talent only, the inflow of professionals a cluster draws is a few dozen persons.
const options = { runs: 16, years: 4, scale: 20, seed: 11 };
const START = 2025;
const cluster = { year: 2025, industry: 'emerging', count: 2, platformsEach: 6, cost: 50_000_000, runningCost: 3_000_000 };
const builds = (...list: Record<string, unknown>[]) => ({ type: 'platforms', start: START, builds: list });

/** Paired runs that also count, at the end, home residents by industry × tier (persons) and the home city's platforms by industry. */
function pairedByIndustry(policy: ResolvedScenario, base: ResolvedScenario = baseline(), { runs, years, scale, seed } = options) {
  const residents = new WeakMap<RunResult, number[][]>();
  const platforms = new WeakMap<RunResult, number[]>();
  const run = (scenario: ResolvedScenario) =>
    Array.from({ length: runs }, (_, replication) => {
      const model = new Model(scenario, { replication, seed, years, scale });
      const result = model.run();
      const counts = scenario.industries.map(() => scenario.tiers.map(() => 0));
      const a = model.agents;
      for (let i = 0; i < a.count; i++) if (a.residence[i] === scenario.homeIndex) counts[a.industry[i]][a.tier[i]] += scale;
      residents.set(result, counts);
      platforms.set(
        result,
        scenario.industries.map((_, k) => model.env.platforms({ location: scenario.homeIndex, industry: k })),
      );
      return result;
    });
  return { base: run(base), policy: run(policy), residents: (r: RunResult) => residents.get(r)!, platforms: (r: RunResult) => platforms.get(r)! };
}

describe('platforms', () => {
  const s = baseline();
  const emerging = s.industries.findIndex((i) => i.id === 'emerging');
  const traditional = s.industries.findIndex((i) => i.id === 'traditional');
  const professional = tierIndex(s, 'professional');
  let pair: ReturnType<typeof pairedByIndustry>;
  beforeAll(() => {
    pair = pairedByIndustry(withPolicies([builds(cluster)]));
  });

  it("raises Bazhong's platforms, its inflow of professionals and its professionals in the industry", () => {
    expectIncrease(difference(pair, (r) => pair.platforms(r)[emerging]));
    expectIncrease(difference(pair, (r) => pair.residents(r)[emerging][professional]));
    expectIncrease(difference(pair, (r) => total(r, home(s), TickMetric.inflow, { tiers: [professional] })));
  });

  it('leaves the industries it does not build for alone', () => {
    expectNoChange(difference(pair, (r) => pair.residents(r)[traditional].reduce((a, b) => a + b, 0)));
    expectNoChange(difference(pair, (r) => pair.platforms(r)[traditional]));
  });

  it('with nothing to build changes nothing', () => {
    for (const policy of [builds(), builds({ ...cluster, count: 0 })]) {
      const none = pairedByIndustry(withPolicies([policy]), baseline(), { ...options, runs: 2 });
      none.policy.forEach((r, k) => {
        expect(identical(r, none.base[k])).toBe(true);
        expect(reported(r, 'spending').every((v) => v === 0)).toBe(true);
      });
    }
  });

  it("builds on schedule, pays running costs after, and postpones what the year's budget cannot pay", () => {
    // Two units due in 2026 at 50 M CNY each plus 3 M a year to run: a 60 M budget pays for one a year.
    const budget = 60_000_000;
    const r = new Model(withPolicies([{ ...builds({ ...cluster, year: 2026 }), budget }]), { replication: 0, seed: 3, years: 4, scale: 100 }).run();
    const spending = reported(r, 'spending');
    expect(spending).toEqual([0, 0, 53_000_000, 56_000_000].map((v) => expect.closeTo(v, 3)));
    for (const year of spending) expect(year).toBeLessThanOrEqual(budget + 1e-6);
    expect(reported(r, 'built').map(Math.round)).toEqual([0, 0, 6, 6]);
    expect(reported(r, 'postponed').map(Math.round)).toEqual([0, 0, 1, 0]);
    expect(reported(r, 'platforms').map(Math.round)).toEqual([0, 0, 6, 12]);
  });
});
