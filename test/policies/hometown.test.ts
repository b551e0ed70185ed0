// Hometown recruitment (report 三(二)五): a diaspora database, contacts, a green channel and return-startup grants for natives abroad.
import { beforeAll, describe, expect, it } from 'vitest';
import { Model, runReplication } from '../../src/core/model.js';
import { HomeMetric, HOME_METRICS, type RunResult } from '../../src/core/results.js';
import { difference, expectIncrease, home, paired, TickMetric, total, withPolicies, reported, sum, identical } from './support.js';
import { baselineInput } from '../support.js';

const options = { runs: 4, years: 3, scale: 20 };
const hometown = (extra: Record<string, unknown> = {}) => ({ type: 'hometown', contactsPerYear: 20000, startupGrant: 100_000, ...extra });
const nothing = { reachPerYear: 0, contactsPerYear: 0, jobChanceAtHome: 0, startupGrant: 0 };

const runOnce = (policy: Record<string, unknown>, years = 3) => runReplication(withPolicies([policy]), { replication: 0, seed: 5, years, scale: 20 });
/** Natives who moved to Bazhong over the run, in persons. */
const nativesReturning = (r: RunResult) => {
  let n = 0;
  for (let year = 0; year < r.years; year++) n += r.home[year * HOME_METRICS.length + HomeMetric.nativesReturning];
  return n * r.scale;
};

describe('hometown', () => {
  let pair: ReturnType<typeof paired>;
  beforeAll(() => {
    pair = paired(withPolicies([hometown()]), options);
  });

  it('brings more natives home', () => {
    expectIncrease(difference(pair, nativesReturning));
    expectIncrease(difference(pair, (r) => total(r, home(pair.scenario), TickMetric.stock, { ticks: [r.ticks - 1, r.ticks] })));
    for (const r of pair.policy) {
      expect(sum(reported(r, 'returned'))).toBeGreaterThan(0);
      expect(sum(reported(r, 'grants'))).toBeGreaterThan(0);
      expect(sum(reported(r, 'grants'))).toBeLessThan(sum(reported(r, 'returned')));
    }
  });

  it('does not bring more non-natives, whom it does not reach (it may crowd a few out of the jobs returnees take)', () => {
    const H = home(pair.scenario);
    const others = difference(pair, (r) => total(r, H, TickMetric.inflow) - nativesReturning(r));
    expect(others.mean, `difference ${others.mean} (se ${others.se})`).toBeLessThanOrEqual(3 * others.se);
  });

  it('each part works alone: the green channel (where jobs are scarce), the contacts and the grant', () => {
    // A green channel helps only a native who knows of it and might find no job in Bazhong: with Bazhong's usual
    // slack and the diaspora's usual awareness (15 %) that is a handful, so it is tried where Bazhong has few
    // vacancies and every native knows. The grant alone reaches only the natives who know of it without the
    // database: a small effect, so more runs.
    const input = baselineInput();
    const scarce = {
      locations: input.locations.map((l) => (l.id === 'bazhong' ? { ...l, jobSlack: 0.01 } : l)),
      policyAwareness: { ...input.policyAwareness, diaspora: 1 },
    };
    const parts = [
      { part: { ...nothing, jobChanceAtHome: 0.95 }, runs: 12, overrides: scarce },
      { part: { ...nothing, contactsPerYear: 20000, jobChanceAtHome: 0.9 }, runs: 4, overrides: {} },
      { part: { ...nothing, startupGrant: 200_000, takeUp: 0.5 }, runs: 12, overrides: {} },
    ];
    for (const { part, runs, overrides } of parts)
      expectIncrease(
        difference(paired(withPolicies([hometown(part)], overrides), { ...options, runs, years: 2 }, withPolicies([], overrides)), nativesReturning),
      );
  });

  it('the database spreads word of it through the diaspora, and never to non-natives abroad', () => {
    const model = new Model(withPolicies([hometown({ reachPerYear: 0.2 })]), { replication: 0, seed: 5, years: 3, scale: 200 });
    const run = model.policies[0];
    const before = run.awareness(0, 'diaspora');
    model.run();
    // Three years at 20 % of the unreached a year.
    expect(run.awareness(0, 'diaspora')).toBeCloseTo(1 - (1 - before) * 0.8 ** 3, 10);
    expect(run.awareness(0, 'others')).toBe(0);
  });

  it('at zero intensity changes nothing', () => {
    const idle = paired(withPolicies([hometown(nothing)]), { ...options, runs: 2 });
    idle.policy.forEach((r, k) => {
      expect(identical(r, idle.base[k])).toBe(true);
      expect(sum(reported(r, 'spending'))).toBe(0);
    });
  });

  it('spends nothing before it starts, and a small budget caps its grants and contacts', () => {
    const late = runOnce(hometown({ start: 2025 }));
    expect(reported(late, 'spending')[0]).toBe(0);
    expect(reported(late, 'contacted')[0]).toBe(0);
    expect(reported(late, 'grants')[0]).toBe(0);
    expect(reported(late, 'grants')[1]).toBeGreaterThan(0);

    // The database (0.5 M CNY) is owed; 4.5 M CNY is left for contacts (300 CNY each) and grants (100,000 CNY each).
    const budget = 5_000_000;
    const capped = runOnce(hometown({ budget }));
    const free = runOnce(hometown());
    for (let year = 0; year < 3; year++) {
      expect(reported(capped, 'spending')[year]).toBeLessThanOrEqual(budget);
      expect(reported(capped, 'grants')[year]).toBeLessThanOrEqual(45);
    }
    expect(sum(reported(capped, 'grants'))).toBeLessThan(sum(reported(free, 'grants')));
  });
});
