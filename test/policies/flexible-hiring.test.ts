// Flexible hiring (report 三(二)一): the experts engaged come out of employers' priced demand and the experts' willingness;
// the slots only cap them, and engagements end (a quit hazard, and terms that are not renewed).
import { describe, expect, it } from 'vitest';
import { runReplication } from '../../src/core/model.js';
import type { RunResult } from '../../src/core/results.js';
import { atEnd, baseline, home, identical, reported, sum, TickMetric, withPolicies } from './support.js';

const scale = 20;
const experts = { tiers: ['top', 'professional'] };
/** Ample demand: employers want any number at no cost to them. */
const ampleDemand = { atZeroPrice: 1_000_000, chokePrice: 1_000_000, employerShare: 0 };
/** Ample willingness: everyone who knows of it is reached each year and nearly all accept. */
const ampleWillingness = { reach: 1, acceptance: { base: 6, pay: 1.5, travelHours: -0.4, days: -0.5 } };
const flexible = (extra: Record<string, unknown> = {}) => ({ type: 'flexible-hiring', eligibility: experts, slots: 400, ...extra });
const runOnce = (policy: Record<string, unknown>, years = 3) => runReplication(withPolicies([policy]), { replication: 0, seed: 5, years, scale });

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
    const demand = { atZeroPrice: 1000, chokePrice: 120_000, employerShare: 0.4 };
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
