// Enclave centres (report 三(二)一): posts filled by those who choose them, Bazhong's residents too, who move to the
// centre's city for the post (leakage); the centre's results reach Bazhong (成果落地) as positions and platforms there.
import { describe, expect, it } from 'vitest';
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
  identical,
  locationIndex,
  moves,
  paired,
  reported,
  sum,
  TickMetric,
  total,
  withPolicies,
} from './support.js';

const scale = 20;
const noLanding = { positionsPerStaffYear: 0, platformsPerStaffYear: 0 };
/** Only Chengdu's residents may apply: Bazhong's cannot leak. */
const chengduOnly = { tiers: ['top', 'professional'], locations: ['chengdu'] };
const everywhere = { tiers: ['top', 'professional'] };
const enclave = (extra: Record<string, unknown> = {}) => ({ type: 'enclave', location: 'chengdu', positions: 200, eligibility: everywhere, ...extra });
const runOnce = (policy: Record<string, unknown>, years = 3) => runReplication(withPolicies([policy]), { replication: 0, seed: 5, years, scale });
const H = home(baseline());
const chengdu = locationIndex(baseline(), 'chengdu');
const staffFte = (r: RunResult) => atEnd(r, H, TickMetric.enclaveFte);

describe('enclave', () => {
  it('binding versus slack: with ample willingness the staff follow the posts; with low willingness more posts change nothing', () => {
    const eager = { reach: 1, acceptance: { base: 6, wage: 8, native: 0.8 }, eligibility: chengduOnly, landing: noLanding };
    const small = runOnce(enclave({ positions: 100, ...eager }));
    const large = runOnce(enclave({ positions: 200, ...eager }));
    expect(reported(small, 'staff')[2]).toBe(100);
    expect(reported(large, 'staff')[2]).toBe(200);
    expect(staffFte(large)).toBeCloseTo(2 * staffFte(small), 6);

    // Hardly anyone in Chengdu accepts: the posts stay far from full, and more posts change nothing at all.
    const reluctant = { reach: 0.2, acceptance: { base: -9, wage: 8, native: 0.8 }, eligibility: chengduOnly };
    const unfilled = [200, 400].map((positions) => runOnce(enclave({ positions, ...reluctant })));
    expect(identical(unfilled[0], unfilled[1])).toBe(true);
    expect(reported(unfilled[0], 'staff')[2]).toBeLessThan(200 / 4);
  });

  it("leakage: Bazhong's residents who take a post move to the centre's city, a real move out of Bazhong; none when they are not eligible", () => {
    const options = { runs: 4, years: 3, scale };
    const leaking = paired(withPolicies([enclave({ landing: noLanding })]), options);
    for (const r of leaking.policy) expect(sum(reported(r, 'leaked'))).toBeGreaterThan(0);
    // Those who leak are among the moves from Bazhong to Chengdu, and Bazhong's residents fall.
    const leaked = leaking.policy.map((r) => sum(reported(r, 'leaked')));
    const extraMoves = difference(leaking, (r) => moves(r, H, chengdu));
    expectIncrease(extraMoves);
    expect(extraMoves.mean).toBeGreaterThan(0.5 * (leaked.reduce((a, b) => a + b, 0) / leaked.length));
    expectDecrease(difference(leaking, (r) => atEnd(r, H, TickMetric.stock)));

    const sealed = paired(withPolicies([enclave({ landing: noLanding, eligibility: chengduOnly })]), options);
    for (const r of sealed.policy) {
      expect(reported(r, 'leaked').every((n) => n === 0)).toBe(true);
      expect(sum(reported(r, 'hired'))).toBeGreaterThan(0);
    }
    expectNoChange(difference(sealed, (r) => moves(r, H, chengdu)));
  });

  it('a leaked hire lives in the centre’s city and works for Bazhong', () => {
    const scenario = withPolicies([enclave({ landing: noLanding, eligibility: { ...everywhere, locations: ['bazhong'] } })]);
    const model = new Model(scenario, { replication: 0, seed: 3, years: 2, scale });
    let seen = 0;
    while (model.tick < model.ticks) {
      model.step();
      const a = model.agents;
      for (let i = 0; i < a.count; i++)
        if (a.policy[i] === 1) {
          expect(a.residence[i]).toBe(chengdu);
          expect(a.employer[i]).toBe(H);
          seen++;
        }
    }
    expect(seen).toBeGreaterThan(0);
  });

  it('成果落地: the positions landed in Bazhong are the staff-years times the rate, and raise its job capacity and platforms', () => {
    const landing = { positionsPerStaffYear: 2, platformsPerStaffYear: 0.05 };
    const r = runOnce(enclave({ landing }));
    // The staff working for Bazhong at the end of each tick land their share of a year's results in the next tick.
    const tiers = Array.from({ length: r.tiers }, (_, t) => t);
    for (let year = 0; year < r.years; year++) {
      let staffYears = 0;
      for (let tick = Math.max(0, 12 * year - 1); tick < 12 * year + 11; tick++)
        staffYears += total(r, H, TickMetric.enclaveFte, { tiers, ticks: [tick, tick + 1] }) / 12;
      expect(staffYears).toBeGreaterThan(0);
      expect(reported(r, 'landedPositions')[year]).toBeCloseTo(2 * staffYears, 6);
      expect(reported(r, 'landedPlatforms')[year]).toBeCloseTo(0.05 * staffYears, 6);
    }

    // The same run with and without the channel: Bazhong's job capacity and platforms are higher with it.
    const measure = (policy: Record<string, unknown>) => {
      const scenario = withPolicies([policy]);
      const model = new Model(scenario, { replication: 0, seed: 5, years: 2, scale });
      while (model.tick < model.ticks) model.step();
      let capacity = 0;
      let platforms = 0;
      for (let industry = 0; industry < scenario.industries.length; industry++) {
        platforms += model.env.platforms({ location: H, industry });
        for (let tier = 0; tier < scenario.tiers.length; tier++) capacity += model.env.capacity({ location: H, industry, tier });
      }
      return { capacity, platforms };
    };
    const without = measure(enclave({ landing: noLanding }));
    const withLanding = measure(enclave({ landing }));
    expect(withLanding.capacity).toBeGreaterThan(without.capacity);
    expect(withLanding.platforms).toBeGreaterThan(without.platforms);
  });

  it('more staff-years land more: the positions landed grow with the posts filled', () => {
    const eager = {
      reach: 1,
      acceptance: { base: 6, wage: 8, native: 0.8 },
      eligibility: chengduOnly,
      landing: { positionsPerStaffYear: 1, platformsPerStaffYear: 0 },
    };
    const small = sum(reported(runOnce(enclave({ positions: 100, ...eager })), 'landedPositions'));
    const large = sum(reported(runOnce(enclave({ positions: 300, ...eager })), 'landedPositions'));
    expect(small).toBeGreaterThan(0);
    expect(large).toBeGreaterThan(2.5 * small);
  });

  it('with no posts, changes nothing, whoever is eligible', () => {
    const base = runReplication(baseline(), { replication: 0, seed: 5, years: 3, scale });
    const r = runOnce(enclave({ positions: 0, rent: 0 }));
    expect(identical(r, base)).toBe(true);
    expect(r.policies[0].values.every((v) => v === 0)).toBe(true);
  });
});
