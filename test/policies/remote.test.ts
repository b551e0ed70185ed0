// Remote collaboration (report 三(二)一): experts outside Bazhong join virtual teams, adding remote FTE without moving.
import { beforeAll, describe, expect, it } from 'vitest';
import { runReplication } from '../../src/core/model.js';
import type { RunResult } from '../../src/core/results.js';
import {
  atEnd,
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
} from './support.js';

const options = { runs: 4, years: 3, scale: 20 };
const experts = { tiers: ['top', 'professional'] };
const remote = (extra: Record<string, unknown> = {}) => ({ type: 'remote', eligibility: experts, slots: 2000, ...extra });

/** A policy's yearly report column: 0 is spending (CNY), 1… its metrics (persons). */
const runOnce = (policy: Record<string, unknown>, years = 3) => runReplication(withPolicies([policy]), { replication: 0, seed: 5, years, scale: 20 });

describe('remote', () => {
  let pair: ReturnType<typeof paired>;
  beforeAll(() => {
    pair = paired(withPolicies([remote()]), options);
  });

  it("adds remote FTE, slots × fte, to Bazhong's effective talent", () => {
    const H = home(pair.scenario);
    expectIncrease(difference(pair, (r) => atEnd(r, H, TickMetric.remoteFte)));
    expectIncrease(difference(pair, (r) => atEnd(r, H, TickMetric.effective)));
    // 2,000 seats at 0.1 FTE, filled within the first months, all by the eligible top and professional experts.
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

  it('with no seats, or no budget, changes nothing', () => {
    const small = { ...options, runs: 2 };
    for (const extra of [{ slots: 0 }, { budget: 0 }]) {
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
    expect(reported(late, 'experts')[1]).toBeCloseTo(2000, -2);

    // 2.9 M CNY a year: the cloud lab (0.5 M) and at most 100 experts at 24,000 CNY.
    const capped = runOnce(remote({ budget: 2_900_000 }));
    const engagedYearOne = reported(capped, 'engaged')[0];
    expect(engagedYearOne).toBeGreaterThan(0);
    expect(engagedYearOne).toBeLessThanOrEqual(100);
    expect(reported(capped, 'experts')[0]).toBeLessThanOrEqual(100);
    expect(reported(capped, 'spending')[0]).toBeLessThanOrEqual(2_900_000);
  });
});
