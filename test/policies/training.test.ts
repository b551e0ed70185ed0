// Training (report 三(三)): Bazhong residents trained up a tier, some to order for a target industry, optionally bonded to stay.
import { beforeAll, describe, expect, it } from 'vitest';
import { runReplication } from '../../src/core/model.js';
import type { RunResult } from '../../src/core/results.js';
import {
  atEnd,
  difference,
  expectDecrease,
  expectIncrease,
  expectNoChange,
  home,
  locationIndex,
  paired,
  TickMetric,
  tierIndex,
  total,
  withPolicies,
  reported,
  sum,
  identical,
} from './support.js';
import { baselineInput } from '../support.js';

const options = { runs: 4, years: 3, scale: 20 };
const training = (extra: Record<string, unknown> = {}) => ({ type: 'training', traineesPerYear: 5000, ...extra });

const runOnce = (policy: Record<string, unknown>, years = 3) => runReplication(withPolicies([policy]), { replication: 0, seed: 5, years, scale: 20 });

describe('training', () => {
  let pair: ReturnType<typeof paired>;
  beforeAll(() => {
    pair = paired(withPolicies([training()]), options);
  });

  it("raises Bazhong's professional stock and lowers its skilled and graduate stocks", () => {
    const s = pair.scenario;
    const H = home(s);
    const upgraded = difference(pair, (r) => atEnd(r, H, TickMetric.stock, [tierIndex(s, 'professional')]));
    expectIncrease(upgraded);
    expectDecrease(difference(pair, (r) => atEnd(r, H, TickMetric.stock, [tierIndex(s, 'skilled')])));
    expectDecrease(difference(pair, (r) => atEnd(r, H, TickMetric.stock, [tierIndex(s, 'graduate')])));
    // Upgrades by training show as moves between tiers within Bazhong.
    expectIncrease(difference(pair, (r) => total(r, H, TickMetric.tierIn, { tiers: [tierIndex(s, 'professional')] })));
    // Most of those it reports upgraded are still there, as professionals.
    const reportedUpgrades = pair.policy.map((r) => sum(reported(r, 'upgraded')));
    // Each trainee passes with chance 0.6: a binomial count of agents, four standard deviations wide.
    const scale = pair.policy[0].scale;
    pair.policy.forEach((r, k) => {
      const trainees = sum(reported(r, 'trained')) / scale;
      expect(Math.abs(reportedUpgrades[k] / scale - trainees * 0.6)).toBeLessThan(4 * Math.sqrt(trainees * 0.6 * 0.4));
    });
    expect(upgraded.mean).toBeGreaterThan(0.6 * (reportedUpgrades.reduce((a, b) => a + b, 0) / reportedUpgrades.length));
  });

  it('changes top talent only through the paths every professional has: agglomeration and the upgrade to top', () => {
    // More professionals in Bazhong make its platforms more attractive to everyone, the top tier included
    // (agglomeration), and professionals become top talent at the lifecycle's rate: without those two, training has
    // no path to top talent.
    const input = baselineInput();
    const off = {
      agglomeration: { ...input.agglomeration, enabled: false },
      lifecycle: { ...input.lifecycle, upgrades: input.lifecycle.upgrades.filter((u) => u.to !== 'top') },
    };
    const alone = paired(withPolicies([training()], off), options, withPolicies([], off));
    const s = alone.scenario;
    const top = [tierIndex(s, 'top')];
    for (const l of s.locations.keys()) expectNoChange(difference(alone, (r) => atEnd(r, l, TickMetric.stock, top)));
    expectNoChange(difference(alone, (r) => total(r, locationIndex(s, 'chengdu'), TickMetric.outflow, { tiers: top })));
  });

  it('moves trainees trained to order into the target industry', () => {
    for (const r of pair.policy) {
      const trained = sum(reported(r, 'trained'));
      const reoriented = sum(reported(r, 'reoriented'));
      // 30 % of trainees are trained to order; those already in emerging industry do not move.
      expect(reoriented).toBeGreaterThan(0.2 * trained);
      expect(reoriented).toBeLessThan(0.32 * trained);
    }
    expect(sum(reported(runOnce(training({ orderShare: 0 })), 'reoriented'))).toBe(0);
  });

  it('a retention bond keeps more of the trained professionals in Bazhong', () => {
    // The bond also changes who enrols (it costs most those who would leave), so the two runs train different residents:
    // their professional stocks differ by that as well as by who stays, and the outflow of professionals is the sharper measure.
    const bonded = paired(withPolicies([training({ bondYears: 3, bondUtility: 1 })]), { ...options, runs: 16 }, withPolicies([training()]));
    const s = bonded.scenario;
    const professional = [tierIndex(s, 'professional')];
    expectDecrease(difference(bonded, (r) => total(r, home(s), TickMetric.outflow, { tiers: professional })));
    // The stock of professionals also holds who enrolled, which the bond changes too: over 16 pairs it is not lower (its
    // mean is more than −2 standard errors), but its rise is too small against that noise to require.
    const stock = difference(bonded, (r) => atEnd(r, home(s), TickMetric.stock, professional));
    expect(stock.mean).toBeGreaterThan(-2 * stock.se);
  });

  it('fills its places only with the willing: the quota binds when many would enrol and changes nothing when few would', () => {
    const trained = (extra: Record<string, unknown>) => sum(reported(runOnce(training(extra)), 'trained'));
    // Ample willingness (the defaults): a quarter of those who consider it enrol, more than 5,000 a year; more places train more.
    const few = trained({ traineesPerYear: 2000 });
    const more = trained({ traineesPerYear: 6000 });
    expect(few).toBeCloseTo(3 * 2000, -2);
    expect(more).toBeCloseTo(3 * 6000, -2);
    // Low willingness (log-odds −9 at no gain): a few hundred enrol a year, and raising the places from 2,000 to 8,000 changes nothing at all.
    const low = { enrolIntercept: -9 };
    const slack = runOnce(training({ ...low, traineesPerYear: 2000 }));
    expect(sum(reported(slack, 'trained'))).toBeLessThan(0.5 * 3 * 2000);
    expect(sum(reported(slack, 'trained'))).toBeGreaterThan(0);
    expect(identical(runOnce(training({ ...low, traineesPerYear: 8000 })), slack)).toBe(true);
  });

  it('fewer enrol when the next tier is worth less: a lower professional wage in Bazhong', () => {
    // Places for all (50,000 a year): enrolment is what residents choose. Professionals in Bazhong paid 62,000 CNY
    // instead of 86,000 (barely above a skilled wage of 60,000) gain only from the chance of a better-paid move.
    const input = baselineInput();
    const lowWage = { locations: input.locations.map((l) => (l.id === 'bazhong' ? { ...l, wage: { ...l.wage, professional: 62_000 } } : l)) };
    for (const replication of [0, 1]) {
      const enrolled = (overrides: Record<string, unknown>) =>
        sum(
          reported(runReplication(withPolicies([training({ traineesPerYear: 50_000 })], overrides), { replication, seed: 5, years: 2, scale: 20 }), 'trained'),
        ) / 20;
      const usual = enrolled({});
      const lower = enrolled(lowWage);
      // Counts of agents, each near-Poisson: the drop must exceed four standard deviations of their difference.
      expect(usual - lower).toBeGreaterThan(4 * Math.sqrt(usual + lower));
    }
  });

  it('trained workers leave more than they would have before upgrading when other cities pay their new tier more', () => {
    // Nothing holds an upgraded worker (no bond): its ordinary decisions weigh its new tier's wages everywhere. With
    // Chengdu, Chongqing and elsewhere paying professionals twice the baseline's wage, Bazhong's outflow rises with
    // training (the upgraded leave at the professional rate, not the skilled one), and by more than at the baseline's wages.
    const input = baselineInput();
    const rich = {
      locations: input.locations.map((l) => (l.id === 'bazhong' ? l : { ...l, wage: { ...l.wage, professional: 2 * valueOf(l.wage.professional) } })),
    };
    const skilledOnly = [training({ traineesPerYear: 15_000, upgrades: { skilled: 'professional' } })];
    const settings = { runs: 6, years: 4, scale: 20 };
    const atRich = paired(withPolicies(skilledOnly, rich), settings, withPolicies([], rich));
    const atUsual = paired(withPolicies(skilledOnly), settings);
    const outflow = (r: RunResult) => total(r, home(atRich.scenario), TickMetric.outflow);
    expectIncrease(difference(atRich, outflow));
    const extra = atRich.policy.map((r, k) => outflow(r) - outflow(atRich.base[k]) - (outflow(atUsual.policy[k]) - outflow(atUsual.base[k])));
    expectIncrease(meanAndSe(extra));
  });

  it('with no trainees, or no budget, changes nothing', () => {
    for (const extra of [{ traineesPerYear: 0 }, { budget: 0 }]) {
      const idle = paired(withPolicies([training({ programmeCost: 1_000_000, ...extra })]), { ...options, runs: 2 });
      idle.policy.forEach((r, k) => {
        expect(identical(r, idle.base[k])).toBe(true);
        expect(sum(reported(r, 'trained'))).toBe(0);
      });
    }
  });

  it('spends nothing before it starts, and trains no more than its budget pays for', () => {
    const late = runOnce(training({ start: 2025 }));
    expect(reported(late, 'spending')[0]).toBe(0);
    expect(reported(late, 'trained')[0]).toBe(0);
    expect(reported(late, 'trained')[1]).toBeCloseTo(5000, -2);

    // 10,000 CNY a trainee: 6 M CNY trains 600 a year.
    const budget = 6_000_000;
    const capped = runOnce(training({ budget }));
    for (let year = 0; year < 3; year++) {
      expect(reported(capped, 'spending')[year]).toBeLessThanOrEqual(budget);
      expect(reported(capped, 'trained')[year]).toBe(600);
    }
  });
});

/** A number as a scenario writes it: plain, or the value of a {value, range, source} form. */
function valueOf(n: number | { value: number }): number {
  return typeof n === 'number' ? n : n.value;
}

/** Mean and standard error of paired differences. */
function meanAndSe(values: number[]): { mean: number; se: number } {
  const mean = sum(values) / values.length;
  const sd = Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (values.length - 1));
  return { mean, se: sd / Math.sqrt(values.length) };
}
