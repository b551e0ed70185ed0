// Flexible hiring (report 三(二)一): the experts engaged come out of employers' priced demand, which follows Bazhong's
// platforms, and the experts' willingness; the slots only cap them, and engagements end (a quit hazard, and terms that are
// not renewed).
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Model, runReplication } from '../../src/core/model.js';
import { definePolicy } from '../../src/core/policy.js';
import type { RunResult } from '../../src/core/results.js';
import { defaultRegistry } from '../../src/scenario/registry.js';
import type { ResolvedScenario } from '../../src/scenario/resolve.js';
import { baselineInput, resolveInput } from '../support.js';
import { atEnd, baseline, home, identical, reported, sum, TickMetric, withPolicies } from './support.js';

const scale = 20;
const experts = { tiers: ['top', 'professional'] };
/** Ample demand: employers want any number at no cost to them. */
const ampleDemand = { atZeroPrice: 1_000_000, chokePrice: 1_000_000, employerShare: 0 };
/** Ample willingness: everyone who knows of it is reached each year and nearly all accept. */
const ampleWillingness = { reach: 1, acceptance: { base: 6, pay: 1.5, travelHours: -0.4, days: -0.5 } };
const flexible = (extra: Record<string, unknown> = {}) => ({ type: 'flexible-hiring', eligibility: experts, slots: 400, ...extra });
const runOnce = (policy: Record<string, unknown>, years = 3) => runReplication(withPolicies([policy]), { replication: 0, seed: 5, years, scale });
/** Without agglomeration, Bazhong's effective platforms are exactly those built: demand can be checked to the agent. */
const noAgglomeration = { agglomeration: { ...baselineInput().agglomeration, enabled: false } };
/** Bazhong's platforms at the start, summed over the industries (25 + 10 + 20 in the baseline). */
const startPlatforms = (s: ResolvedScenario) => sum(s.locations[s.homeIndex].platforms);
/** A platforms policy that builds `count` platforms in Bazhong's traditional industry at the first tick of `year`. */
const platformsBuilt = (count: number, year = 2025) => ({
  type: 'platforms',
  builds: [{ year, industry: 'traditional', count: 1, platformsEach: count, cost: 0 }],
});
/** Runs the scenario and keeps, besides the result, Bazhong's effective platforms (summed over industries) at the last tick. */
function runWithPlatforms(scenario: ResolvedScenario, years = 3) {
  const model = new Model(scenario, { replication: 0, seed: 5, years, scale });
  const result = model.run();
  return { result, platforms: sum(scenario.industries.map((_, industry) => model.env.platforms({ location: scenario.homeIndex, industry }))) };
}
/** A test module that removes a share of Bazhong's platforms in every industry at the first tick of a year: a shrinking economy. */
const closures = definePolicy({
  type: 'test-closures',
  title: 'test: platforms close',
  report: '-',
  mechanism: "Removes a share of Bazhong's platforms at the first tick of its start year.",
  params: z.strictObject({ share: z.number() }),
  metrics: [],
  create(host, p) {
    let done = false;
    return {
      environment() {
        if (done) return;
        done = true;
        host.scenario.industries.forEach((_, industry) =>
          host.env.addPlatforms({ location: host.home, industry }, -p.share * host.scenario.locations[host.home].platforms[industry]),
        );
      },
    };
  },
});

describe('flexible-hiring', () => {
  const H = home(baseline());
  const flexibleFte = (r: RunResult) => atEnd(r, H, TickMetric.flexibleFte);

  it('binding versus slack: with ample demand and willingness the experts follow the slots; with low demand or low willingness more slots change nothing', () => {
    // Slack demand and willingness: the slots bind, and doubling them doubles the experts (filled within a tick or two).
    const small = runOnce(flexible({ slots: 200, demand: ampleDemand, ...ampleWillingness }));
    const large = runOnce(flexible({ slots: 400, demand: ampleDemand, ...ampleWillingness }));
    expect(reported(small, 'experts')[2]).toBe(200);
    expect(reported(large, 'experts')[2]).toBe(400);
    expect(flexibleFte(large)).toBeCloseTo(2 * flexibleFte(small), 6);

    // Demand binds: employers want 100 whatever the slots, and the runs are the same to the last bit.
    const lowDemand = { atZeroPrice: 100, chokePrice: 1_000_000, employerShare: 0 };
    const capped = [400, 800].map((slots) => runOnce(flexible({ slots, demand: lowDemand, ...ampleWillingness })));
    expect(identical(capped[0], capped[1])).toBe(true);
    expect(reported(capped[0], 'experts')[2]).toBe(100);
    expect(reported(capped[0], 'demand')[2]).toBe(100);

    // Willingness binds: hardly anyone accepts, the slots stay far from full, and more slots change nothing.
    const reluctant = { reach: 0.2, acceptance: { base: -7, pay: 1.5, travelHours: -0.4, days: -0.5 } };
    const unfilled = [400, 800].map((slots) => runOnce(flexible({ slots, demand: ampleDemand, ...reluctant })));
    expect(identical(unfilled[0], unfilled[1])).toBe(true);
    expect(reported(unfilled[0], 'experts')[2]).toBeLessThan(400 / 4);
  });

  it("employers' demand is priced: the employer's share of the pay lowers the experts wanted, along the demand curve", () => {
    // 1,000 wanted at no cost, none at 120,000 a year: at 40 % of 60,000 (24,000) they want 800, 40 agents at 20 persons each.
    // The curve alone: demand does not follow the platforms here (elasticity 0), so agglomeration's drift does not move it.
    const demand = { atZeroPrice: 1000, chokePrice: 120_000, employerShare: 0.4, platformsElasticity: 0 };
    const r = runOnce(flexible({ slots: 2000, pay: 60_000, demand, ...ampleWillingness }));
    expect(reported(r, 'demand')).toEqual([800, 800, 800]);
    expect(reported(r, 'experts')[2]).toBe(800);
    // The programme pays the rest of the fee: 60 % of 60,000 a year per expert, for a full year of 800 experts at most.
    expect(reported(r, 'spending')[2]).toBeLessThanOrEqual(800 * 36_000 + 1e-6);
    expect(reported(r, 'spending')[2]).toBeGreaterThan(0.9 * 800 * 36_000);
    // At a price above the choke price no employer wants anyone: nothing happens at all.
    const priced = runOnce(flexible({ slots: 2000, pay: 60_000, demand: { ...demand, chokePrice: 20_000 } }));
    expect(identical(priced, runOnce(flexible({ slots: 0 })))).toBe(true);
    expect(reported(priced, 'engaged').every((n) => n === 0)).toBe(true);
  });

  it("employers' demand follows Bazhong's platforms in the industries served: per platform at elasticity 1, and experts follow demand", () => {
    // Without agglomeration the platforms are exactly those built. Employers want 100 at the pay (5 agents) with Bazhong's
    // 55 platforms; a platforms policy that builds 55 more in 2025 doubles them, and demand with them, from 2025 on.
    const lowDemand = { atZeroPrice: 100, chokePrice: 1_000_000, employerShare: 0 };
    const stay = { termYears: 10, quitPerYear: 0, slots: 800, ...ampleWillingness };
    const doubled = platformsBuilt(startPlatforms(baseline()));
    const run = (policies: Record<string, unknown>[]) => runReplication(withPolicies(policies, noAgglomeration), { replication: 0, seed: 5, years: 3, scale });
    const alone = run([flexible({ ...stay, demand: lowDemand })]);
    const withBuilds = run([flexible({ ...stay, demand: lowDemand }), doubled]);
    expect(reported(alone, 'demand')).toEqual([100, 100, 100]);
    expect(reported(withBuilds, 'demand')).toEqual([100, 200, 200]);
    // Slots are ample (800): the experts serving follow demand, and so does the FTE delivered.
    expect(reported(withBuilds, 'experts')).toEqual([100, 200, 200]);
    expect(flexibleFte(withBuilds)).toBeCloseTo(2 * flexibleFte(alone), 9);
    // At elasticity 0.5 demand grows with the square root: 100 × √2 = 141 persons, 7 agents.
    const half = run([flexible({ ...stay, demand: { ...lowDemand, platformsElasticity: 0.5 } }), doubled]);
    expect(reported(half, 'demand')).toEqual([100, 140, 140]);
    // Only the industries served count: experts in the emerging industry do not serve the traditional platforms built.
    const emerging = run([flexible({ ...stay, demand: lowDemand, eligibility: { ...experts, industries: ['emerging'] } }), doubled]);
    expect(reported(emerging, 'demand')).toEqual([100, 100, 100]);
  });

  it("with agglomeration, demand is the curve times Bazhong's effective platforms against those at the start, so a platforms policy raises it", () => {
    const demand = { atZeroPrice: 500, chokePrice: 150_000, employerShare: 0.3 };
    const policy = flexible({ slots: 5000, demand, ...ampleWillingness });
    const alone = runWithPlatforms(withPolicies([policy]));
    const withBuilds = runWithPlatforms(withPolicies([policy, platformsBuilt(startPlatforms(baseline()))]));
    // At year end: 440 on the curve, times (effective platforms now / 55) at elasticity 1, in whole agents of 20 persons.
    const expected = (platforms: number) => Math.round((440 * platforms) / startPlatforms(baseline()) / scale) * scale;
    expect(reported(alone.result, 'demand')[2]).toBe(expected(alone.platforms));
    expect(reported(withBuilds.result, 'demand')[2]).toBe(expected(withBuilds.platforms));
    // Twice the platforms built; agglomeration adds a little on top as the platforms draw talent. Demand and the FTE
    // delivered rise about in proportion to the platforms (within the rounding to agents, 20 persons in 440).
    const platformRatio = withBuilds.platforms / alone.platforms;
    expect(platformRatio).toBeGreaterThan(1.95);
    expect(platformRatio).toBeLessThan(2.2);
    const demandRatio = reported(withBuilds.result, 'demand')[2] / reported(alone.result, 'demand')[2];
    expect(Math.abs(demandRatio - platformRatio)).toBeLessThan(0.1);
    expect(reported(withBuilds.result, 'experts')[2]).toBe(reported(withBuilds.result, 'demand')[2]);
    expect(Math.abs(flexibleFte(withBuilds.result) / flexibleFte(alone.result) - platformRatio)).toBeLessThan(0.1);
  });

  it('a shrinking Bazhong lowers demand; engagements in place are not cut, and no new ones are made while they exceed it', () => {
    const registry = defaultRegistry().register(closures);
    const scenario = resolveInput(
      {
        ...baselineInput(),
        ...noAgglomeration,
        policies: [
          flexible({ slots: 800, termYears: 10, quitPerYear: 0, demand: { atZeroPrice: 200, chokePrice: 1_000_000, employerShare: 0 }, ...ampleWillingness }),
          { type: 'test-closures', start: 2025, share: 0.5 },
        ],
      },
      registry,
    );
    const r = runReplication(scenario, { replication: 0, seed: 5, years: 3, scale });
    // Half the platforms close at the start of 2025: employers want half as many from then on.
    expect(reported(r, 'demand')).toEqual([200, 100, 100]);
    // The 200 engaged in 2024 keep serving (ten-year terms, no quits) less the few who move or retire; no one is engaged.
    expect(reported(r, 'experts')[2]).toBeGreaterThan(150);
    expect(reported(r, 'engaged').slice(1)).toEqual([0, 0]);
  });

  it('zero slots beside a platforms policy give exactly the platforms policy alone', () => {
    const builds = platformsBuilt(20);
    const alone = runReplication(withPolicies([builds]), { replication: 0, seed: 5, years: 3, scale });
    const idle = runReplication(withPolicies([builds, flexible({ slots: 0 })]), { replication: 0, seed: 5, years: 3, scale });
    expect(identical(alone, idle)).toBe(true);
  });

  it('pay raises willingness: where willingness binds, higher pay engages more experts', () => {
    const reluctant = { reach: 1, demand: ampleDemand, acceptance: { base: -4, pay: 1.5, travelHours: -0.4, days: -0.5 } };
    const low = sum(reported(runOnce(flexible({ slots: 5000, pay: 60_000, ...reluctant })), 'engaged'));
    const high = sum(reported(runOnce(flexible({ slots: 5000, pay: 120_000, ...reluctant })), 'engaged'));
    // logistic(−4.36) ≈ 0.013 against logistic(−3.32) ≈ 0.035 of the same approaches: about 2.7 times as many.
    expect(low).toBeGreaterThan(0);
    expect(high).toBeGreaterThan(1.8 * low);
  });

  it('engagements end: with a quit hazard the stock of experts stays below the engagements made, at about the hazard', () => {
    // Terms of ten years: within three years every ending is a quit, a move or a retirement.
    const quitting = runOnce(flexible({ slots: 2000, termYears: 10, quitPerYear: 0.5, demand: ampleDemand, ...ampleWillingness }));
    const engaged = sum(reported(quitting, 'engaged'));
    const quits = sum(reported(quitting, 'quit'));
    expect(reported(quitting, 'experts')[2]).toBe(2000);
    expect(engaged).toBeGreaterThan(reported(quitting, 'experts')[2] + quits - 1e-9);
    // A full stock of 100 agents quitting at 0.5 a year for the two later years: about 100 agents, Poisson-like
    // (sd 10), plus the first year's (half a year on average): 4 sd either side.
    const agents = quits / scale;
    expect(agents).toBeGreaterThan(125 - 4 * Math.sqrt(125));
    expect(agents).toBeLessThan(125 + 4 * Math.sqrt(125));
    // Without the hazard, no one quits: the stock is the engagements less the few who moved or retired.
    const staying = runOnce(flexible({ slots: 2000, termYears: 10, quitPerYear: 0, demand: ampleDemand, ...ampleWillingness }));
    expect(sum(reported(staying, 'quit'))).toBe(0);
    const gap = (r: RunResult) => sum(reported(r, 'engaged')) - reported(r, 'experts')[2];
    expect(gap(staying)).toBeLessThan(gap(quitting) / 4);
  });

  it('terms are not renewed: at the end of a term the experts leave, and are engaged again only by new offers', () => {
    const r = runOnce(flexible({ slots: 400, termYears: 1, quitPerYear: 0, demand: ampleDemand, ...ampleWillingness }));
    // Each year the whole stock ends its term and is replaced: engagements each year are about the slots.
    for (const n of reported(r, 'engaged')) expect(n).toBeGreaterThanOrEqual(400);
  });

  it('with no demand, no slots or no budget, changes nothing', () => {
    const base = runReplication(baseline(), { replication: 0, seed: 5, years: 3, scale });
    for (const extra of [{ slots: 0 }, { budget: 0 }, { demand: { atZeroPrice: 0, chokePrice: 100_000, employerShare: 0.3 } }]) {
      const r = runOnce(flexible(extra));
      expect(identical(r, base)).toBe(true);
      expect(r.policies[0].values.every((v) => v === 0)).toBe(true);
    }
  });
});
