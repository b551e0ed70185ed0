// Remote collaboration (report 三(二)一): experts outside Bazhong join virtual teams, adding remote FTE without moving;
// how many the projects want follows Bazhong's platforms.
import { beforeAll, describe, expect, it } from 'vitest';
import { Model, runReplication } from '../../src/core/model.js';
import type { RunResult } from '../../src/core/results.js';
import {
  atEnd,
  baseline,
  difference,
  expectIncrease,
  expectNoChange,
  home,
  moves,
  paired,
  TickMetric,
  tierIndex,
  total,
  withPolicies,
  reported,
  identical,
  sum,
} from './support.js';
import { baselineInput } from '../support.js';

const options = { runs: 4, years: 3, scale: 20 };
const experts = { tiers: ['top', 'professional'] };
/** Ample demand: projects want any number at no cost to them. */
const ampleDemand = { atZeroPrice: 1_000_000, chokePrice: 1_000_000, employerShare: 0 };
/** Ample willingness: everyone who knows of it is reached each year and nearly all accept. */
const ampleWillingness = { reach: 1, acceptance: { base: 6, pay: 1.5, days: -0.5 } };
const remote = (extra: Record<string, unknown> = {}) => ({
  type: 'remote',
  eligibility: experts,
  slots: 2000,
  demand: ampleDemand,
  ...ampleWillingness,
  ...extra,
});

/** A policy's yearly report column: 0 is spending (CNY), 1… its metrics (persons). */
const runOnce = (policy: Record<string, unknown>, years = 3) => runReplication(withPolicies([policy]), { replication: 0, seed: 5, years, scale: 20 });
/** A platforms policy that builds `count` platforms in Bazhong's traditional industry at the first tick of 2025. */
const platformsBuilt = (count: number) => ({ type: 'platforms', builds: [{ year: 2025, industry: 'traditional', count: 1, platformsEach: count, cost: 0 }] });

describe('remote', () => {
  let pair: ReturnType<typeof paired>;
  beforeAll(() => {
    pair = paired(withPolicies([remote()]), options);
  });

  it("with ample demand and willingness, adds remote FTE, slots × fte, to Bazhong's effective talent", () => {
    const H = home(pair.scenario);
    expectIncrease(difference(pair, (r) => atEnd(r, H, TickMetric.remoteFte)));
    expectIncrease(difference(pair, (r) => atEnd(r, H, TickMetric.effective)));
    // 2,000 seats at 0.1 FTE, demand and willingness ample: filled within the first months, all by the eligible top and
    // professional experts.
    const experts = [tierIndex(pair.scenario, 'top'), tierIndex(pair.scenario, 'professional')];
    for (const r of pair.policy) {
      expect(atEnd(r, H, TickMetric.remoteFte)).toBeGreaterThan(190);
      expect(atEnd(r, H, TickMetric.remoteFte)).toBeLessThanOrEqual(200 + 1e-9);
      expect(atEnd(r, H, TickMetric.remoteFte, experts)).toBeGreaterThan(190);
    }
  });

  it('counts only its participants: no remote FTE in tiers it does not engage, at any tick', () => {
    const H = home(pair.scenario);
    const lower = [tierIndex(pair.scenario, 'skilled'), tierIndex(pair.scenario, 'graduate')];
    for (const r of pair.policy)
      for (let tick = 0; tick < r.ticks; tick++) expect(total(r, H, TickMetric.remoteFte, { tiers: lower, ticks: [tick, tick + 1] })).toBe(0);
  });

  it("moves no one: Bazhong's residents and the flows out of it do not change", () => {
    const H = home(pair.scenario);
    expectNoChange(difference(pair, (r) => atEnd(r, H, TickMetric.stock)));
    const others = pair.scenario.locations.map((_, l) => l).filter((l) => l !== H);
    expectNoChange(difference(pair, (r) => others.reduce((n, l) => n + moves(r, H, l) + moves(r, l, H), 0)));
  });

  it('with no seats, no budget or no demand, changes nothing', () => {
    const small = { ...options, runs: 2 };
    for (const extra of [{ slots: 0 }, { budget: 0 }, { demand: { atZeroPrice: 0, chokePrice: 60_000, employerShare: 0.3 } }]) {
      const idle = paired(withPolicies([remote(extra)]), small);
      idle.policy.forEach((r, k) => {
        expect(identical(r, idle.base[k])).toBe(true);
        expect(reported(r, 'engaged').every((n) => n === 0)).toBe(true);
      });
    }
    // Without seats there is no cloud lab to pay for either.
    expect(reported(runOnce(remote({ slots: 0 })), 'spending')).toEqual([0, 0, 0]);
  });

  it('spends nothing before it starts, and a small budget caps the experts it engages', () => {
    const late = runOnce(remote({ start: 2025 }));
    expect(reported(late, 'spending')[0]).toBe(0);
    expect(reported(late, 'approached')[0]).toBe(0);
    expect(reported(late, 'spending')[1]).toBeGreaterThan(0);
    expect(reported(late, 'experts')[1]).toBe(2000);

    // 2.9 M CNY a year: the cloud lab (0.5 M) and at most 100 experts at 24,000 CNY.
    const capped = runOnce(remote({ budget: 2_900_000 }));
    const engagedYearOne = reported(capped, 'engaged')[0];
    expect(engagedYearOne).toBeGreaterThan(0);
    // Those who quit are replaced: the budget caps the experts serving at once.
    expect(engagedYearOne).toBeLessThanOrEqual(100 + reported(capped, 'quit')[0]);
    expect(reported(capped, 'experts')[0]).toBeLessThanOrEqual(100);
    expect(reported(capped, 'spending')[0]).toBeLessThanOrEqual(2_900_000);
  });

  it('binding versus slack: with low demand or low willingness, more seats change nothing', () => {
    // Ample demand and willingness: the seats bind.
    expect(reported(runOnce(remote({ slots: 1000 })), 'experts')[2]).toBe(1000);
    // Demand binds: projects want 200 (400 at no cost, none at 24,000 a year; they pay half of 24,000, 12,000).
    const lowDemand = { atZeroPrice: 400, chokePrice: 24_000, employerShare: 0.5 };
    const capped = [1000, 2000].map((slots) => runOnce(remote({ slots, demand: lowDemand })));
    expect(identical(capped[0], capped[1])).toBe(true);
    expect(reported(capped[0], 'demand')[2]).toBe(200);
    expect(reported(capped[0], 'experts')[2]).toBe(200);
    // Willingness binds: hardly anyone accepts, and the seats stay far from full.
    const reluctant = { reach: 0.2, acceptance: { base: -8, pay: 1.5, days: -0.5 } };
    const unfilled = [1000, 2000].map((slots) => runOnce(remote({ slots, ...reluctant })));
    expect(identical(unfilled[0], unfilled[1])).toBe(true);
    expect(reported(unfilled[0], 'experts')[2]).toBeLessThan(1000 / 4);
  });

  it("projects' demand follows Bazhong's platforms: twice the platforms, twice the seats wanted and the remote FTE", () => {
    // Without agglomeration Bazhong's platforms are exactly those built: 55 at the start, 110 once a platforms policy
    // builds 55 more in 2025. Projects want 200 at the fee with 55 (400 at no cost, they pay half of 24,000 against a
    // choke price of 24,000); the seats (2,000) are ample.
    const lowDemand = { atZeroPrice: 400, chokePrice: 24_000, employerShare: 0.5 };
    const H = home(baseline());
    const doubled = platformsBuilt(sum(baseline().locations[H].platforms));
    const stay = { termYears: 10, quitPerYear: 0, demand: lowDemand };
    const noAgglomeration = { agglomeration: { ...baselineInput().agglomeration, enabled: false } };
    const run = (policies: Record<string, unknown>[]) =>
      runReplication(withPolicies(policies, noAgglomeration), { replication: 0, seed: 5, years: 3, scale: 20 });
    const alone = run([remote(stay)]);
    const withBuilds = run([remote(stay), doubled]);
    expect(reported(alone, 'demand')).toEqual([200, 200, 200]);
    expect(reported(withBuilds, 'demand')).toEqual([200, 400, 400]);
    expect(reported(withBuilds, 'experts')).toEqual([200, 400, 400]);
    expect(atEnd(withBuilds, H, TickMetric.remoteFte)).toBeCloseTo(2 * atEnd(alone, H, TickMetric.remoteFte), 9);
    // At elasticity 0 the curve is fixed whatever is built.
    const fixed = run([remote({ ...stay, demand: { ...lowDemand, platformsElasticity: 0 } }), doubled]);
    expect(reported(fixed, 'demand')).toEqual([200, 200, 200]);
  });

  it("with agglomeration, projects' demand is the curve times Bazhong's effective platforms against those at the start", () => {
    const scenario = withPolicies([remote({ demand: { atZeroPrice: 400, chokePrice: 60_000, employerShare: 0.3 } })]);
    const model = new Model(scenario, { replication: 0, seed: 5, years: 3, scale: 20 });
    const r = model.run();
    const platforms = (at: (industry: number) => number) => sum(scenario.industries.map((_, industry) => at(industry)));
    const now = platforms((industry) => model.env.platforms({ location: scenario.homeIndex, industry }));
    const atStart = platforms((industry) => scenario.locations[scenario.homeIndex].platforms[industry]);
    // 352 at the fee (400 × (1 − 7,200 / 60,000)), times the platforms' growth, in whole agents of 20 persons.
    expect(reported(r, 'demand')[2]).toBe(Math.round((352 * now) / atStart / 20) * 20);
    expect(reported(r, 'experts')[2]).toBe(reported(r, 'demand')[2]);
  });

  it('engagements end: with a quit hazard fewer experts serve than were engaged; without one, none quit', () => {
    const quitting = runOnce(remote({ termYears: 10, quitPerYear: 0.5 }));
    expect(sum(reported(quitting, 'quit'))).toBeGreaterThan(0);
    expect(sum(reported(quitting, 'engaged'))).toBeGreaterThan(reported(quitting, 'experts')[2] + sum(reported(quitting, 'quit')) - 1e-9);
    expect(sum(reported(runOnce(remote({ termYears: 10, quitPerYear: 0 })), 'quit'))).toBe(0);
  });

  it("the programme pays the fee less the projects' share", () => {
    // Projects pay half the fee, a price far below their choke price: they want 2,000. A full year costs at most the
    // cloud lab and half of every fee.
    const demand = { atZeroPrice: 2000, chokePrice: 1_000_000_000, employerShare: 0.5 };
    const r = runOnce(remote({ demand }));
    expect(reported(r, 'experts')[2]).toBe(2000);
    expect(reported(r, 'spending')[2]).toBeLessThanOrEqual(500_000 + 2000 * 12_000 + 1e-6);
    expect(reported(r, 'spending')[2]).toBeGreaterThan(500_000 + 0.9 * 2000 * 12_000);
  });
});
