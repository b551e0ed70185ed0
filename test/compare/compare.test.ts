// The comparison's arithmetic on small hand-made examples: paired differences, talent-years, cost per additional
// effective talent-year, bands and the ranking.
import { quantileSeq } from 'mathjs';
import { describe, expect, it } from 'vitest';
import { compareRows, comparison, costPerTalentYear, costPerTalentYearBand, rankingRows, type ScenarioRuns } from '../../src/compare/compare.js';
import { runReplication } from '../../src/core/model.js';
import { summaryRunRows, type SummaryMetric, type SummaryRunRow } from '../../src/core/rows.js';
import { tinyLoaded, tinyPolicyLoaded } from '../fixtures.js';

/** Per-run rows from { metric: [[run 0 by year], [run 1 by year], …] }, years from 2024. */
function runs(scenario: string, figures: Partial<Record<SummaryMetric, number[][]>>): ScenarioRuns {
  const rows: SummaryRunRow[] = [];
  for (const [metric, byRun] of Object.entries(figures) as [SummaryMetric, number[][]][])
    byRun.forEach((years, run) => years.forEach((value, y) => rows.push({ run, year: 2024 + y, metric, value })));
  return { scenario, rows };
}

const find = (rows: ReturnType<typeof compareRows>, scenario: string, metric: string, year: number) => {
  const row = rows.find((r) => r.scenario === scenario && r.metric === metric && r.year === year);
  expect(row, `${scenario} ${metric} ${year}`).toBeDefined();
  return row!;
};

// Two runs, three years. The policy adds 10, 20, 30 effective talent in run 0 and 0, 10, 25 in run 1, and spends
// 1, 2, 3 million a year in run 0 and 1, 1, 2 million in run 1.
const base = runs('base', {
  effectiveTalent: [
    [100, 100, 100],
    [110, 105, 100],
  ],
  costCumulative: [
    [0, 0, 0],
    [0, 0, 0],
  ],
  topShare: [
    [0.1, NaN, 0.2],
    [0.1, 0.15, 0.2],
  ],
});
const policy = runs('policy', {
  effectiveTalent: [
    [110, 120, 130],
    [110, 115, 125],
  ],
  costCumulative: [
    [1e6, 3e6, 6e6],
    [1e6, 2e6, 4e6],
  ],
  topShare: [
    [0.12, 0.1, 0.3],
    [0.1, 0.2, 0.1],
  ],
});
const metrics = ['effectiveTalent', 'costCumulative', 'topShare'] as const;

describe('compareRows', () => {
  const rows = compareRows([base, policy], 'base', { metrics });

  it('has one row per scenario, metric and year, the baseline first', () => {
    expect(rows).toHaveLength(2 * 3 * 3);
    expect(rows.slice(0, 9).every((r) => r.scenario === 'base')).toBe(true);
  });

  it('gives the level and the paired difference with their bands', () => {
    const row = find(rows, 'policy', 'effectiveTalent', 2026);
    expect(row.mean).toBe(127.5);
    expect(row.p5).toBeCloseTo(125 + 0.05 * 5, 12);
    expect(row.p95).toBeCloseTo(125 + 0.95 * 5, 12);
    // Paired differences 30 and 25: not the difference of the two scenarios' bands.
    expect(row.diffMean).toBe(27.5);
    expect(row.diffP5).toBeCloseTo(25.25, 12);
    expect(row.diffP95).toBeCloseTo(29.75, 12);
  });

  it('the baseline against itself: exactly 0 in every row, even where a value is undefined', () => {
    for (const row of rows.filter((r) => r.scenario === 'base')) {
      expect([row.diffMean, row.diffP5, row.diffP95]).toEqual([0, 0, 0]);
      expect(row.costPerEffectiveTalentYear).toBeNaN();
    }
  });

  it('leaves undefined values out of the paired differences', () => {
    // topShare 2025: run 0 undefined in the baseline, so only run 1's difference 0.2 − 0.15 counts.
    expect(find(rows, 'policy', 'topShare', 2025).diffMean).toBeCloseTo(0.05, 12);
  });

  it('cost per additional effective talent-year: cumulative cost / cumulative extra talent-years, by hand', () => {
    // Through 2024: extra talent-years 10 and 0 (mean 5), cost 1 M and 1 M (mean 1 M).
    expect(find(rows, 'policy', 'effectiveTalent', 2024).costPerEffectiveTalentYear).toBe(1e6 / 5);
    // Through 2025: extra 10 + 20 = 30 and 0 + 10 = 10 (mean 20), cost 3 M and 2 M (mean 2.5 M).
    expect(find(rows, 'policy', 'effectiveTalent', 2025).costPerEffectiveTalentYear).toBe(2.5e6 / 20);
    // Through 2026: extra 60 and 35 (mean 47.5), cost 6 M and 4 M (mean 5 M).
    expect(find(rows, 'policy', 'effectiveTalent', 2026).costPerEffectiveTalentYear).toBeCloseTo(5e6 / 47.5, 6);
    expect(find(rows, 'policy', 'effectiveTalent', 2026).costCumulative).toBe(5e6);
    // The same figure on every metric's row of that scenario and year.
    expect(find(rows, 'policy', 'topShare', 2026).costPerEffectiveTalentYear).toBe(find(rows, 'policy', 'effectiveTalent', 2026).costPerEffectiveTalentYear);
  });

  it('no price when the scenario adds no talent-years or spends nothing beyond the baseline', () => {
    const worse = runs('worse', {
      effectiveTalent: [
        [90, 90, 90],
        [100, 100, 100],
      ],
      costCumulative: [
        [1e6, 2e6, 3e6],
        [1e6, 2e6, 3e6],
      ],
      topShare: [
        [0.1, 0.1, 0.1],
        [0.1, 0.1, 0.1],
      ],
    });
    const free = runs('free', {
      effectiveTalent: [
        [120, 120, 120],
        [120, 120, 120],
      ],
      costCumulative: [
        [0, 0, 0],
        [0, 0, 0],
      ],
      topShare: [
        [0.1, 0.1, 0.1],
        [0.1, 0.1, 0.1],
      ],
    });
    const all = compareRows([base, worse, free], 'base', { metrics });
    for (const year of [2024, 2025, 2026]) {
      expect(find(all, 'worse', 'effectiveTalent', year).costPerEffectiveTalentYear).toBeNaN();
      expect(find(all, 'free', 'effectiveTalent', year).costPerEffectiveTalentYear).toBeNaN();
    }
  });

  it('prices only the spending beyond a baseline that spends', () => {
    const spending = runs('spending', {
      effectiveTalent: [
        [100, 100, 100],
        [110, 105, 100],
      ],
      costCumulative: [
        [1e6, 1e6, 1e6],
        [0, 0, 0],
      ],
    });
    const on = runs('on', {
      effectiveTalent: [
        [110, 120, 130],
        [110, 115, 125],
      ],
      costCumulative: [
        [2e6, 4e6, 7e6],
        [1e6, 2e6, 4e6],
      ],
    });
    const all = compareRows([spending, on], 'spending', { metrics: ['effectiveTalent'] });
    // Through 2026: extra cost 6 M and 4 M (mean 5 M), extra talent-years 60 and 35 (mean 47.5).
    expect(find(all, 'on', 'effectiveTalent', 2026).costPerEffectiveTalentYear).toBeCloseTo(5e6 / 47.5, 6);
    expect(find(all, 'on', 'effectiveTalent', 2026).costCumulative).toBe(5.5e6);
  });

  it('refuses scenarios that cannot be paired with the baseline', () => {
    const short = runs('short', { effectiveTalent: [[1, 2, 3]], costCumulative: [[0, 0, 0]] });
    expect(() => compareRows([base, short], 'base')).toThrow(/cannot be paired/);
    expect(() => compareRows([policy], 'base')).toThrow(/baseline "base" is not among/);
    expect(() => compareRows([base, base], 'base')).toThrow(/given twice/);
  });
});

describe('costPerTalentYear and its band', () => {
  it('is the ratio of the means', () => {
    expect(costPerTalentYear([6e6, 4e6], [60, 35])).toBeCloseTo(5e6 / 47.5, 6);
    expect(costPerTalentYear([6e6, 4e6], [60, -60])).toBeNaN();
    expect(costPerTalentYear([0, 0], [60, 35])).toBeNaN();
  });

  it('the band: percentiles of the per-run ratios, +Infinity for a run that spends and adds nothing', () => {
    const band = costPerTalentYearBand([6e6, 4e6, 5e6], [60, 40, 0]);
    const [p5, p95] = quantileSeq([1e5, 1e5, Infinity], [0.05, 0.95]) as number[];
    expect(band).toEqual({ p5, p95 });
    expect(band.p5).toBe(1e5);
    expect(band.p95).toBe(Infinity);
    const two = costPerTalentYearBand([6e6, 4e6], [60, 35]);
    expect(two.p5).toBeCloseTo(1e5 + 0.05 * (4e6 / 35 - 1e5), 6);
    expect(two.p95).toBeCloseTo(1e5 + 0.95 * (4e6 / 35 - 1e5), 6);
    expect(costPerTalentYearBand([0, 0], [60, 35])).toEqual({ p5: NaN, p95: NaN });
  });
});

describe('rankingRows', () => {
  /** Effective talent 100 + the extra of each run and year; the cost each year (cumulative: 1×, 2×). */
  const scenario = (name: string, extra: [number[], number[]], cost: number) =>
    runs(name, {
      effectiveTalent: extra.map((byYear) => byYear.map((e) => 100 + e)),
      costCumulative: extra.map(() => [cost, 2 * cost]),
    });
  const flat = scenario(
    'flat',
    [
      [0, 0],
      [0, 0],
    ],
    0,
  );
  const scenarios = [
    flat,
    scenario(
      'small',
      [
        [5, 10],
        [5, 12],
      ],
      1e6,
    ),
    scenario(
      'large',
      [
        [10, 40],
        [10, 42],
      ],
      1e7,
    ),
    scenario(
      'none',
      [
        [0, 0],
        [0, 0],
      ],
      1e6,
    ),
    scenario(
      'tie',
      [
        [5, 10],
        [5, 12],
      ],
      1e5,
    ),
    scenario(
      'worse',
      [
        [-5, -10],
        [-5, -10],
      ],
      1e6,
    ),
  ];

  it('orders the scenarios by effect at the horizon, largest first, equal effects sharing a rank', () => {
    const ranking = rankingRows(scenarios, 'flat');
    expect(ranking.map((r) => r.scenario)).toEqual(['large', 'small', 'tie', 'none', 'worse']);
    expect(ranking.map((r) => r.rankByEffect)).toEqual([1, 2, 2, 4, 5]);
    expect(ranking.every((r) => r.horizonYear === 2025 && r.metric === 'effectiveTalent')).toBe(true);
    const large = ranking[0];
    // Paired differences in 2025: 40 and 42.
    expect(large.effectMean).toBe(41);
    expect(large.effectP5).toBeCloseTo(40.1, 12);
    expect(large.effectP95).toBeCloseTo(41.9, 12);
  });

  it('ranks by cost per additional talent-year, cheapest first, none for scenarios that add nothing', () => {
    const byName = Object.fromEntries(rankingRows(scenarios, 'flat').map((r) => [r.scenario, r]));
    // Through 2025: extra talent-years 15 and 17 for small and tie (mean 16), 50 and 52 for large (mean 51).
    expect(byName.tie.costPerEffectiveTalentYear).toBe(2e5 / 16);
    expect(byName.small.costPerEffectiveTalentYear).toBe(2e6 / 16);
    expect(byName.large.costPerEffectiveTalentYear).toBeCloseTo(2e7 / 51, 6);
    expect([byName.tie.rankByCost, byName.small.rankByCost, byName.large.rankByCost]).toEqual([1, 2, 3]);
    expect(byName.none.rankByCost).toBeNaN();
    expect(byName.worse.rankByCost).toBeNaN();
    expect(byName.none.costPerEffectiveTalentYearP95).toBe(Infinity);
  });

  it('ranks at a chosen horizon and by a chosen metric', () => {
    // In 2024 "large" leads alone; "small" and "tie" add 5 each.
    const ranking = rankingRows(scenarios, 'flat', { horizonYear: 2024 });
    expect(ranking.map((r) => r.scenario).slice(0, 3)).toEqual(['large', 'small', 'tie']);
    expect(ranking.every((r) => r.horizonYear === 2024)).toBe(true);
    expect(() => rankingRows(scenarios, 'flat', { horizonYear: 2030 })).toThrow(/not a simulated year/);
    const topShare = rankingRows([runs('a', { topShare: [[0.1]] }), runs('b', { topShare: [[0.3]] }), runs('c', { topShare: [[0.2]] })], 'a', {
      metric: 'topShare',
    });
    expect(topShare.map((r) => r.scenario)).toEqual(['b', 'c']);
  });

  it('leaves the baseline out', () => {
    expect(rankingRows([flat], 'flat')).toEqual([]);
  });
});

describe('comparison of real replications', () => {
  it('pairs run k of each scenario and agrees with the per-run rows', () => {
    const tiny = tinyLoaded().resolved;
    const withPolicies = tinyPolicyLoaded().resolved;
    const replications = (resolved: typeof tiny) =>
      Array.from({ length: 3 }, (_, replication) => runReplication(resolved, { replication, seed: 5, years: 2, scale: 10 }));
    const results = { tiny: replications(tiny), policies: replications(withPolicies) };
    const { rows, ranking, runRows } = comparison(
      [
        { resolved: tiny, results: results.tiny },
        { resolved: withPolicies, results: results.policies },
      ],
      'tiny',
    );
    const perRun = { tiny: summaryRunRows(results.tiny, tiny), policies: summaryRunRows(results.policies, withPolicies) };
    expect(runRows).toHaveLength(perRun.tiny.length + perRun.policies.length);
    expect(runRows.every((r) => r.seed === 5)).toBe(true);
    const value = (rowsOf: SummaryRunRow[], run: number, year: number, metric: string) =>
      rowsOf.find((r) => r.run === run && r.year === year && r.metric === metric)!.value;
    const row = rows.find((r) => r.scenario === 'tiny-policies' && r.metric === 'effectiveTalent' && r.year === 2025)!;
    const diffs = [0, 1, 2].map((k) => value(perRun.policies, k, 2025, 'effectiveTalent') - value(perRun.tiny, k, 2025, 'effectiveTalent'));
    expect(row.diffMean).toBeCloseTo(diffs.reduce((a, b) => a + b, 0) / 3, 9);
    // The enclave and flexible hiring add effective talent working from elsewhere.
    expect(row.diffMean).toBeGreaterThan(0);
    expect(ranking).toHaveLength(1);
    expect(ranking[0].effectMean).toBe(row.diffMean);
  });
});
