// Services for talent (report 三(四), 四位一体): a service package keeps more of the eligible tier in Bazhong, and only that tier.
import { beforeAll, describe, expect, it } from 'vitest';
import { Model } from '../../src/core/model.js';
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
    pair = paired(withPolicies([services()]), options);
  });

  it('keeps more of the eligible tier in Bazhong: less outflow, more residents', () => {
    expectDecrease(difference(pair, (r) => total(r, home(s), TickMetric.outflow, { tiers: [professional] })));
    expectIncrease(difference(pair, (r) => atEnd(r, home(s), TickMetric.stock, [professional])));
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
      for (const served of reported(r, 'served')) expect(served).toBeLessThanOrEqual(4000);
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
