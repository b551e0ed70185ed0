// What every policy shares: zero intensity changes nothing, budgets cap new grants, eligibility and schedules hold,
// and flexible, enclave and subsidy modules move the outcomes their mechanisms imply, and only those.
import { describe, expect, it } from 'vitest';
import { Model, runReplication } from '../../src/core/model.js';
import { Flag } from '../../src/core/agents.js';
import { perTickIndex, type RunResult } from '../../src/core/results.js';
import {
  atEnd,
  baseline,
  difference,
  expectDecrease,
  expectIncrease,
  expectNoChange,
  home,
  locationIndex,
  moves,
  paired,
  tierIndex,
  TickMetric,
  total,
  withPolicies,
} from './support.js';

const same = (a: RunResult, b: RunResult) =>
  Buffer.from(a.perTick.buffer).equals(Buffer.from(b.perTick.buffer)) && Buffer.from(a.flows.buffer).equals(Buffer.from(b.flows.buffer));
const options = { replication: 0, seed: 11, years: 3, scale: 40 };
const spending = (r: RunResult, k: number, year: number) => r.policies[k].values[year * (1 + r.policies[k].metrics.length)];
const metric = (r: RunResult, k: number, year: number, name: string) =>
  r.policies[k].values[year * (1 + r.policies[k].metrics.length) + 1 + r.policies[k].metrics.indexOf(name)];

describe('a policy at zero intensity gives exactly the baseline', () => {
  const base = runReplication(baseline(), options);
  it.each([
    ['flexible hiring with no slots', { type: 'flexible-hiring', slots: 0 }],
    ['an enclave with no posts', { type: 'enclave', positions: 0, rent: 0 }],
    ['a subsidy of nothing', { type: 'subsidy', lumpSum: 0, perYear: 0 }],
    ['a subsidy with no budget', { type: 'subsidy', lumpSum: 50000, budget: 0 }],
  ])('%s', (_name, policy) => {
    const result = runReplication(withPolicies([policy]), options);
    expect(same(result, base)).toBe(true);
    expect(result.policies[0].values.every((v) => v === 0)).toBe(true);
  });
});

describe('budgets, eligibility and schedules', () => {
  it('a budget cap stops new grants within the year: spending never exceeds it and later applicants are refused', () => {
    // At 40 persons an agent, one grant of 100,000 CNY costs 4 M: the cap allows five a year.
    const budget = 20_000_000;
    const r = runReplication(withPolicies([{ type: 'subsidy', lumpSum: 100000, takeUp: 1, budget, eligibility: { tiers: ['graduate'] } }]), options);
    let refused = 0;
    for (let year = 0; year < r.years; year++) {
      expect(spending(r, 0, year)).toBeGreaterThan(0);
      expect(spending(r, 0, year)).toBeLessThanOrEqual(budget);
      expect(metric(r, 0, year, 'grants')).toBeLessThanOrEqual((budget / 100000 / 40) * 40);
      refused += metric(r, 0, year, 'overBudget');
    }
    // Applicants who arrive while the policy is still open but the money is gone (a July cohort) are refused; once
    // the year's money is spent the policy closes, and later arrivals no longer apply.
    expect(refused).toBeGreaterThan(0);
  });

  it('without a cap the same programme grants more', () => {
    const capped = runReplication(
      withPolicies([{ type: 'subsidy', lumpSum: 100000, takeUp: 1, budget: 20_000_000, eligibility: { tiers: ['graduate'] } }]),
      options,
    );
    const open = runReplication(withPolicies([{ type: 'subsidy', lumpSum: 100000, takeUp: 1, eligibility: { tiers: ['graduate'] } }]), options);
    expect(metric(open, 0, 1, 'grants')).toBeGreaterThan(metric(capped, 0, 1, 'grants'));
  });

  it('eligibility is respected: only eligible agents take part', () => {
    const scenario = withPolicies([
      { type: 'subsidy', lumpSum: 50000, takeUp: 1, eligibility: { native: false, tiers: ['graduate'], age: { max: 30 } } },
      // A reach of everyone who knows of it each year, so that a few hundred eligible agents among 80,000 are surely reached.
      { type: 'enclave', positions: 400, location: 'chongqing', reach: 1, eligibility: { tiers: ['professional'], native: true } },
    ]);
    const model = new Model(scenario, { replication: 0, seed: 3, years: 2, scale: 40 });
    const chongqing = locationIndex(scenario, 'chongqing');
    let subsidised = 0,
      enclaveStaff = 0;
    while (model.tick < model.ticks) {
      model.step();
      const a = model.agents;
      for (let i = 0; i < a.count; i++) {
        if (a.policy[i] === 1) {
          subsidised++;
          expect(a.flags[i] & Flag.native).toBe(0);
          expect(a.residence[i]).toBe(home(scenario));
          expect(model.tick - model.agents.birthTick[i]).toBeLessThan(31 * 12 + 24);
        } else if (a.policy[i] === 2) {
          enclaveStaff++;
          expect(a.flags[i] & Flag.native).toBe(Flag.native);
          expect(a.residence[i]).toBe(chongqing);
          expect(a.employer[i]).toBe(home(scenario));
        }
      }
    }
    expect(subsidised).toBeGreaterThan(0);
    expect(enclaveStaff).toBeGreaterThan(0);
  });

  it('a schedule starts and stops the policy on the stated ticks', () => {
    const scenario = withPolicies([{ type: 'enclave', positions: 300, start: 2025, end: 2025, termYears: 5 }]);
    const r = runReplication(scenario, { ...options, years: 3 });
    const staff = (tick: number) =>
      r.perTick[perTickIndex(r, tick, home(scenario), tierIndex(scenario, 'professional'), TickMetric.enclaveFte)] +
      r.perTick[perTickIndex(r, tick, home(scenario), tierIndex(scenario, 'top'), TickMetric.enclaveFte)];
    for (let tick = 0; tick < 12; tick++) expect(staff(tick)).toBe(0);
    // Hiring starts in 2025: posts are filled as the centre reaches candidates month by month (reach), so staff
    // appear during the year, not all in its first tick.
    expect(Math.max(...Array.from({ length: 12 }, (_, k) => staff(12 + k)))).toBeGreaterThan(0);
    expect(staff(23)).toBeGreaterThan(0);
    for (let tick = 24; tick < 36; tick++) expect(staff(tick)).toBe(0);
    expect(spending(r, 0, 0)).toBe(0);
    expect(spending(r, 0, 1)).toBeGreaterThan(0);
    expect(spending(r, 0, 2)).toBe(0);
  });
});

describe('mechanisms: paired runs against the baseline', () => {
  const all = [0, 1, 2, 3];

  it('flexible hiring raises effective talent much more than residents', () => {
    const pair = paired(withPolicies([{ type: 'flexible-hiring', slots: 2000, budget: 500_000_000, eligibility: { tiers: ['top', 'professional'] } }]));
    const effective = difference(pair, (r) => atEnd(r, 0, TickMetric.effective));
    const residents = difference(pair, (r) => atEnd(r, 0, TickMetric.stock));
    expectIncrease(effective);
    expect(effective.mean).toBeGreaterThan(5 * Math.abs(residents.mean) + 3 * residents.se);
    expectIncrease(difference(pair, (r) => atEnd(r, 0, TickMetric.flexibleFte)));
  });

  it("an enclave's staff count for Bazhong while they live in Chengdu", () => {
    const scenario = withPolicies([{ type: 'enclave', positions: 500, location: 'chengdu', budget: 500_000_000 }]);
    const chengdu = locationIndex(scenario, 'chengdu');
    // Leakage (residents who take a post move to Chengdu) and the jobs that follow them make the effect on Bazhong's
    // effective talent noisy: 12 pairs.
    const pair = paired(scenario, { runs: 12 });
    const fte = difference(pair, (r) => atEnd(r, home(scenario), TickMetric.enclaveFte));
    expectIncrease(fte);
    // Bazhong gains the FTE; Chengdu's effective talent falls by as much, though its residents stay.
    const chengduGap = pair.policy.map((r) => atEnd(r, chengdu, TickMetric.stock) - atEnd(r, chengdu, TickMetric.effective));
    pair.policy.forEach((r, k) => expect(chengduGap[k]).toBeCloseTo(atEnd(r, home(scenario), TickMetric.enclaveFte), 6));
    expectIncrease(difference(pair, (r) => atEnd(r, home(scenario), TickMetric.effective)));
  });

  it('a subsidy for young graduates lowers their outflow from Bazhong; other tiers change far less', () => {
    // Without agglomeration, other tiers feel the subsidy only through job chances, a small spill-over.
    const scenario = withPolicies(
      [
        {
          type: 'subsidy',
          lumpSum: 60000,
          perYear: 24000,
          years: 3,
          takeUp: 0.9,
          eligibility: { tiers: ['graduate'], age: { max: 30 } },
          awareness: { residents: 1, diaspora: 1, others: 1 },
        },
      ],
      { agglomeration: { enabled: false, elasticity: 0, tiers: ['top'] } },
    );
    const base = withPolicies([], { agglomeration: { enabled: false, elasticity: 0, tiers: ['top'] } });
    const pair = paired(scenario, { runs: 5, years: 4 }, base);
    const h = home(scenario);
    const relative = (tier: number) => {
      const diff = difference(pair, (r) => total(r, h, TickMetric.outflow, { tiers: [tier] }));
      const level = pair.base.reduce((n, r) => n + total(r, h, TickMetric.outflow, { tiers: [tier] }), 0) / pair.base.length;
      return { diff, relative: diff.mean / level };
    };
    const graduates = relative(tierIndex(scenario, 'graduate'));
    expectDecrease(graduates.diff);
    for (const other of ['skilled', 'top']) expect(Math.abs(relative(tierIndex(scenario, other)).relative)).toBeLessThan(Math.abs(graduates.relative) / 5);
    // Retirement is not something a subsidy for the young changes: exits from Bazhong stay within noise.
    expectNoChange(difference(pair, (r) => total(r, h, TickMetric.exits, { ticks: [0, 12] })));
    expectIncrease(difference(pair, (r) => all.reduce((n, from) => n + (from === h ? 0 : moves(r, from, h, [tierIndex(scenario, 'graduate')])), 0)));
  });
});
