// Services for talent (report 三(四), 四位一体): a service package keeps more of the eligible tier in Bazhong, and only that tier.
import { beforeAll, describe, expect, it } from 'vitest';
import { Model, runReplication } from '../../src/core/model.js';
import type { RunResult } from '../../src/core/results.js';
import {
  atEnd,
  baseline,
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
  identical,
} from './support.js';

const options = { runs: 5, years: 4, scale: 20 };
const START = 2025;
const increments = { schools: 0.2, healthcare: 0.15, elderlyCare: 0.15, culture: 0.1 };
const services = (extra: Record<string, unknown> = {}) => ({
  type: 'services',
  start: START,
  eligibility: { tiers: ['professional'] },
  increments,
  housingCut: 0.3,
  places: 4000,
  costPerPlace: 30000,
  ...extra,
});

describe('services', () => {
  const s = baseline();
  const professional = tierIndex(s, 'professional');
  const skilled = tierIndex(s, 'skilled');
  let pair: ReturnType<typeof paired>;
  beforeAll(() => {
    // Many places, each worth up to a 30 % raise: only holders are kept, so the effect is small; ten runs measure it.
    pair = paired(withPolicies([services({ places: 8000, worthAtMost: 0.3 })]), { ...options, runs: 10 });
  });

  it('keeps more of the eligible tier in Bazhong: less outflow, more residents', () => {
    expectDecrease(
      difference(pair, (r) => total(r, home(s), TickMetric.outflow, { tiers: [professional] })),
      2,
    );
    expectIncrease(
      difference(pair, (r) => atEnd(r, home(s), TickMetric.stock, [professional])),
      2,
    );
  });

  it('does not change the outflow of a tier it does not serve', () => {
    expectNoChange(difference(pair, (r) => total(r, home(s), TickMetric.outflow, { tiers: [skilled] })));
  });

  it('with nothing offered, or no places, changes nothing', () => {
    const zero = { schools: 0, healthcare: 0, elderlyCare: 0, culture: 0 };
    for (const policy of [services({ increments: zero, housingCut: 0 }), services({ places: 0 })]) {
      const none = paired(withPolicies([policy]), { ...options, runs: 2 });
      none.policy.forEach((r, k) => {
        expect(identical(r, none.base[k])).toBe(true);
        expect(reported(r, 'spending').every((v) => v === 0)).toBe(true);
      });
    }
  });

  it('fills no more places than offered, spends nothing before it starts and stays within its budget', () => {
    for (const r of pair.policy) {
      expect(reported(r, 'spending')[0]).toBe(0);
      for (const served of reported(r, 'served')) expect(served).toBeLessThanOrEqual(8000);
      expect(reported(r, 'served')[1]).toBeGreaterThan(0);
    }
    const budget = 30_000_000;
    const model = new Model(withPolicies([services({ budget })]), { replication: 0, seed: 3, years: 4, scale: 50 });
    const r = model.run();
    const spending = reported(r, 'spending');
    expect(spending[0]).toBe(0);
    for (const year of spending.slice(1)) {
      expect(year).toBeGreaterThan(0);
      expect(year).toBeLessThanOrEqual(budget + 1e-6);
    }
    // The budget keeps at most 1,000 places (30 M CNY at 30,000 a place), fewer than the 4,000 offered.
    for (const served of reported(r, 'served')) expect(served).toBeLessThanOrEqual(1000);
  });
});

describe('services: places are rationed', () => {
  const s = baseline();
  const options = { replication: 0, seed: 4, years: 3, scale: 20 };
  const served = (r: RunResult) => reported(r, 'served');

  it('only holders get the bonus, and it is worth at most a raise of worthAtMost', () => {
    const model = new Model(withPolicies([services({ worthAtMost: 0.15 })]), options);
    const run = model.policies[0];
    // Nobody counts on a place before holding one: the module has no utility for non-holders.
    expect(run.runtime.utility).toBeUndefined();
    for (let tick = 0; tick < 13; tick++) model.step();
    const table = run.holderTable!;
    const cap = model.scenario.utility.find((t) => t.name === 'income')!.coefficient * Math.log1p(0.15);
    expect(Math.max(...table)).toBeGreaterThan(0);
    expect(Math.max(...table)).toBeLessThanOrEqual(cap + 1e-12);
  });

  it('the number of holders never exceeds the places offered', () => {
    const places = 200; // 10 agents at 20 persons an agent
    const model = new Model(withPolicies([services({ places })]), options);
    let most = 0;
    for (let tick = 0; tick < model.ticks; tick++) {
      model.step();
      let holders = 0;
      for (let i = 0; i < model.agents.count; i++) if (model.agents.policy[i] === 1) holders++;
      expect(holders).toBeLessThanOrEqual(places / 20);
      most = Math.max(most, holders);
    }
    expect(most).toBe(places / 20);
  });

  it('with places scarce, a larger bonus does not raise the number of holders', () => {
    const big = { schools: 0.4, healthcare: 0.3, elderlyCare: 0.3, culture: 0.2 };
    const small = runReplication(withPolicies([services({ places: 200, worthAtMost: 0.05 })]), options);
    const large = runReplication(withPolicies([services({ places: 200, increments: big, housingCut: 0.5, worthAtMost: 0.3 })]), options);
    // Both fill every place by the last year, and never more.
    expect(served(small)[2]).toBe(200);
    expect(served(large)[2]).toBe(200);
    for (const n of [...served(small), ...served(large)]) expect(n).toBeLessThanOrEqual(200);
  });

  it('places bind with ample demand (more places, more holders) and not with little (the run is the same)', () => {
    const few = runReplication(withPolicies([services({ places: 1000 })]), options);
    const more = runReplication(withPolicies([services({ places: 2000 })]), options);
    expect(served(more)[2]).toBeGreaterThan(1.5 * served(few)[2]);
    // Few know of it: the aware eligible residents and arrivals are fewer than either number of places.
    const aware = { residents: 0.01, diaspora: 0.01, others: 0.01 };
    // (Enough places that the residents approached each tick are capped by the sampled share, not by the free places.)
    const slack = runReplication(withPolicies([services({ places: 20000, awareness: aware })]), options);
    const slack2 = runReplication(withPolicies([services({ places: 40000, awareness: aware })]), options);
    expect(served(slack)[2]).toBeGreaterThan(0);
    expect(served(slack)[2]).toBeLessThan(20000);
    expect(identical(slack, slack2)).toBe(true);
    expect(slack.policies[0].values).toEqual(slack2.policies[0].values);
  });
});
