// What a scenario's policies did, from its runs paired with its counterfactual's: difference.csv's rows.
import { beforeAll, describe, expect, it } from 'vitest';
import { differenceRows, firstPolicyYear, type DifferenceRow } from '../../src/compare/counterfactual.js';
import { summaryRunRows, SUMMARY_METRIC_NAMES } from '../../src/core/rows.js';
import { mean } from '../../src/core/stats.js';
import { runScenario, type RunOutcome } from '../../src/runner/run.js';
import { resolveScenario } from '../../src/scenario/resolve.js';
import { Scenario } from '../../src/scenario/schema.js';
import { tinyLoaded, tinyPolicyLoaded, tinyPolicyScenarioInput } from '../fixtures.js';

const small = { runs: 4, years: 3, scale: 40, seed: 9, threads: 1, counterfactual: true } as const;

/** The tiny policy scenario with every policy starting in `year`. */
function startingIn(year: number) {
  const input = tinyPolicyScenarioInput();
  input.policies = input.policies!.map((p) => ({ ...p, start: year }));
  const scenario = Scenario.parse(input);
  return { scenario, resolved: resolveScenario(scenario) };
}

const rowsOf = (loaded: ReturnType<typeof tinyPolicyLoaded>, outcome: RunOutcome) =>
  differenceRows({ resolved: loaded.resolved, results: outcome.results, counterfactual: outcome.counterfactual! });

describe('differenceRows', () => {
  const loaded = tinyPolicyLoaded();
  let outcome: RunOutcome;
  let rows: DifferenceRow[];
  beforeAll(async () => {
    outcome = await runScenario(loaded, small);
    rows = rowsOf(loaded, outcome);
  });

  it('has every metric in every year, by year then metric', () => {
    expect(rows).toHaveLength(3 * SUMMARY_METRIC_NAMES.length);
    expect(rows.slice(0, SUMMARY_METRIC_NAMES.length).map((r) => r.metric)).toEqual(SUMMARY_METRIC_NAMES);
    expect([...new Set(rows.map((r) => r.year))]).toEqual([2024, 2025, 2026]);
  });

  it('takes the difference run by run: its mean is the mean of the per-run differences, its band within theirs', () => {
    const own = summaryRunRows(outcome.results, loaded.resolved);
    const without = summaryRunRows(outcome.counterfactual!.results, outcome.counterfactual!.resolved);
    const value = (table: typeof own, run: number, year: number, metric: string) =>
      table.find((r) => r.run === run && r.year === year && r.metric === metric)!.value;
    for (const r of rows.filter((x) => x.metric === 'effectiveTalent' || x.metric === 'costCumulative')) {
      const diffs = [0, 1, 2, 3].map((k) => value(own, k, r.year, r.metric) - value(without, k, r.year, r.metric));
      expect(r.diffMean).toBeCloseTo(mean(diffs), 6);
      expect(r.diffP5).toBeGreaterThanOrEqual(Math.min(...diffs) - 1e-9);
      expect(r.diffP95).toBeLessThanOrEqual(Math.max(...diffs) + 1e-9);
      expect(r.diffMean).toBeCloseTo(r.mean - r.counterfactualMean, 6);
      expect(r.probAbove).toBe(diffs.filter((d) => d > 0).length / diffs.length);
    }
    // The policies work for Bazhong from elsewhere and spend: a difference to measure.
    const horizon = rows.find((r) => r.year === 2026 && r.metric === 'effectiveTalent')!;
    expect(horizon.diffMean).toBeGreaterThan(0);
    // Cost per extra effective talent-year through the horizon: total extra cost ÷ total extra talent-years.
    const cost = [0, 1, 2, 3].map((k) => value(own, k, 2026, 'costCumulative') - value(without, k, 2026, 'costCumulative'));
    const talentYears = [0, 1, 2, 3].map((k) =>
      [2024, 2025, 2026].reduce((sum, y) => sum + value(own, k, y, 'effectiveTalent') - value(without, k, y, 'effectiveTalent'), 0),
    );
    expect(horizon.costPerEffectiveTalentYear).toBeCloseTo(mean(cost) / mean(talentYears), 6);
    expect(horizon.costPerEffectiveTalentYearP5).toBeLessThanOrEqual(horizon.costPerEffectiveTalentYearP95);
    // The counterfactual spends nothing.
    for (const r of rows.filter((x) => x.metric === 'costCumulative')) expect(r.counterfactualMean).toBe(0);
  });

  it('is exactly zero for policies that never act within the years run', async () => {
    const late = startingIn(2040);
    const never = rowsOf(late, await runScenario(late, small));
    for (const r of never) {
      expect([r.diffMean, r.diffP5, r.diffP95], `${r.metric} ${r.year}`).toEqual([0, 0, 0]);
      expect(r.mean, `${r.metric} ${r.year}`).toBe(r.counterfactualMean);
    }
  });

  it('is exactly zero before the first policy starts', async () => {
    const later = startingIn(2026);
    expect(firstPolicyYear(later.resolved)).toBe(2026);
    const before = rowsOf(later, await runScenario(later, small));
    for (const r of before.filter((x) => x.year < 2026)) expect([r.diffMean, r.diffP5, r.diffP95], `${r.metric} ${r.year}`).toEqual([0, 0, 0]);
    expect(before.some((r) => r.year === 2026 && r.diffMean !== 0)).toBe(true);
  });
});

describe('firstPolicyYear', () => {
  it('is the year of the earliest start, and undefined without policies', () => {
    expect(firstPolicyYear(tinyPolicyLoaded().resolved)).toBe(2024);
    expect(firstPolicyYear(startingIn(2027).resolved)).toBe(2027);
    expect(firstPolicyYear(tinyLoaded().resolved)).toBeUndefined();
  });
});
