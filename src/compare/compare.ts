// Compares scenarios run with the same seeds: per-scenario figures, paired differences against a baseline, cost per
// additional effective talent-year, and a ranking. Pure: rows in, rows out, no I/O.
import { UsageError } from '../core/errors.js';
import { experiments as messages } from '../core/messages.js';
import { summaryRunRows, SUMMARY_METRIC_NAMES, type SummaryMetric, type SummaryRunRow } from '../core/rows.js';
import { meanAndBand } from '../core/stats.js';
import type { RunResult } from '../core/results.js';
import { mean, quantileSorted, sortedAscending } from '../core/stats.js';
import type { ResolvedScenario } from '../scenario/resolve.js';
import { formatChance } from '../output/format.js';
import type { CompareRow, RankingRow, RankSwap } from './types.js';

/*
 * Definitions (also in README.md, "Compare scenarios").
 *
 * Pairing. Every scenario runs replications 0 … n − 1 with the same master seed, and each agent draws its own random
 * numbers, so run k of a scenario and run k of the baseline share their random draws: they differ only by what the
 * scenario changes. A difference is computed run by run, d_k = x_k(scenario) − x_k(baseline), and its band is the
 * 5th–95th percentile of the d_k — much narrower than the difference of two independent bands.
 *
 * Bands. Mean and 5th/95th percentiles over runs, by linear interpolation between order statistics (Hyndman & Fan
 * type 7, src/core/stats.ts), exactly as summary.csv (src/core/rows.ts `meanAndBand`); undefined values (NaN, e.g. a share of an empty
 * stock) are left out.
 *
 * Effective talent-years through year Y (one run) = Σ over simulated years y ≤ Y of the year-END effective talent
 * (`effectiveTalent`, persons in FTE). Year-end rather than the mean over the year's ticks, so that everything can be
 * recomputed from the per-run figures in runs.csv (which hold year-end values); a policy that starts in January is
 * thus counted for its whole first year, one that ends in December for none of its last.
 *
 * Additional effective talent-years through Y (one run k) = Σ_{y ≤ Y} [effectiveTalent_k,y(scenario) −
 * effectiveTalent_k,y(baseline)], paired by run.
 *
 * Additional cost through Y (one run k) = costCumulative_k,Y(scenario) − costCumulative_k,Y(baseline): the scenario's
 * cumulative policy spending when, as with baseline.yaml, the baseline has no policies; against a baseline that has
 * policies, only the money spent beyond the baseline's buys the additional talent.
 *
 * Cost per additional effective talent-year through Y = mean_k(additional cost) / mean_k(additional effective
 * talent-years), i.e. total extra cost ÷ total extra talent-years over the runs (a ratio of means: stable where a
 * single run adds close to nothing). NaN (an empty cell) when the mean additional talent-years are ≤ 0 (the money
 * buys nothing) or the mean additional cost is ≤ 0 (nothing is spent, or less than in the baseline: no price to
 * quote). Its band, in ranking.csv, is the 5th–95th percentile of the per-run ratios: a run that adds no talent-years
 * (≤ 0) but spends money counts as +Infinity (written "Inf"), so a band reaching Inf says that in at least 5 % of runs
 * the money bought nothing; runs that neither add talent nor spend are left out.
 *
 * Probabilities, run by run (each run a draw of chance and, with a posterior, of the parameters; without one they
 * reflect chance only). probAboveBaseline (compare.csv) and probBeatsBaseline (ranking.csv, of the ranking's metric
 * in the horizon year) = share of runs whose paired difference is > 0 (runs where it is undefined left out).
 * probMostCostEffective = share of runs in which the scenario's extra cost ÷ extra effective talent-years through the
 * horizon is the lowest among the scenarios that add talent-years (> 0) in that run; m scenarios tied at the lowest
 * share the run (1/m each); a run in which none adds talent-years counts for none, so the shares may sum to less than 1.
 * rankP5, rankP95 = 5th and 95th percentile of the scenario's rank by its paired effect in each run (1 = largest;
 * ties share the better rank; an undefined effect ranks last), as order statistics (the inverse of the empirical
 * distribution, Hyndman & Fan type 1), so that they are ranks. Neighbours in the ranking "swap places" in the share
 * of runs in which the lower-ranked one has the strictly larger effect.
 */

/** The per-run headline figures of one scenario (SummaryRunRow: run, year, metric, value), named. */
export interface ScenarioRuns {
  scenario: string;
  rows: readonly SummaryRunRow[];
}

/** One row of runs.csv: a per-run figure of one scenario, with the master seed the run derived its streams from. */
export interface CompareRunRow {
  run: number;
  seed: number;
  scenario: string;
  year: number;
  metric: SummaryMetric;
  value: number;
}

/** The metrics a ranking may rank by: those where more is better for the home city. */
export const RANKING_METRICS = [
  'effectiveTalent',
  'talentIndex',
  'residents',
  'netRetention',
  'topShare',
  'nativesReturning',
  'recruited',
  'survivalInitial',
  'flexibleFte',
  'enclaveFte',
  'remoteFte',
] as const satisfies readonly SummaryMetric[];
export type RankingMetric = (typeof RANKING_METRICS)[number];

/**
 * The default metric of the ranking's effect: effective talent, the FTE that work for Bazhong, residents or not.
 * It is the outcome the report's policies aim at ("不求所有，但求所用"): residents alone would rank flexible hiring and
 * enclave centres, which add talent without adding residents, at zero. It is also what the cost-effectiveness ranking
 * prices, so both rankings speak of the same outcome.
 */
export const DEFAULT_RANKING_METRIC: RankingMetric = 'effectiveTalent';

/** Per-run figures indexed by metric, year and run. */
export class RunTable {
  readonly values = new Map<string, Map<number, number>>();
  readonly years: number[];
  readonly runs: number[];

  constructor(
    readonly scenario: string,
    rows: readonly SummaryRunRow[],
  ) {
    const years = new Set<number>();
    const runs = new Set<number>();
    for (const row of rows) {
      const key = RunTable.key(row.metric, row.year);
      let byRun = this.values.get(key);
      if (!byRun) this.values.set(key, (byRun = new Map()));
      if (byRun.has(row.run)) throw new Error(`scenario "${scenario}" has two rows for run ${row.run}, year ${row.year}, metric ${row.metric}`);
      byRun.set(row.run, row.value);
      years.add(row.year);
      runs.add(row.run);
    }
    this.years = [...years].sort((a, b) => a - b);
    this.runs = [...runs].sort((a, b) => a - b);
  }

  static key(metric: string, year: number): string {
    return `${metric}@${year}`;
  }

  /** The values of a metric in a year, in run order (NaN where a run lacks it). */
  series(metric: SummaryMetric, year: number): number[] {
    const byRun = this.values.get(RunTable.key(metric, year));
    return this.runs.map((run) => byRun?.get(run) ?? NaN);
  }

  /** Per run: Σ over years ≤ `through` of a metric. */
  cumulative(metric: SummaryMetric, through: number): number[] {
    const sums = this.runs.map(() => 0);
    for (const year of this.years) {
      if (year > through) break;
      this.series(metric, year).forEach((v, k) => (sums[k] += v));
    }
    return sums;
  }
}

/**
 * Tables of every scenario, checked to be pairable with the baseline (same runs and years). `sim compare` checks all
 * this before it runs (compare/run.ts), so these UsageErrors reach only a caller of comparison() from code; two rows
 * for one run (in RunTable) cannot come from runs at all, and stays an Error: a bug.
 */
function tables(scenarios: readonly ScenarioRuns[], baseline: string): { base: RunTable; all: RunTable[] } {
  const names = new Set<string>();
  for (const s of scenarios) {
    if (names.has(s.scenario)) throw new UsageError(messages.scenarioGivenTwice(s.scenario));
    names.add(s.scenario);
  }
  const all = scenarios.map((s) => new RunTable(s.scenario, s.rows));
  const base = all.find((t) => t.scenario === baseline);
  if (!base) throw new UsageError(messages.baselineMissing(baseline, [...names]));
  for (const t of all)
    if (t.runs.join() !== base.runs.join() || t.years.join() !== base.years.join())
      throw new UsageError(messages.notPairable(t.scenario, t.runs.join(', '), t.years.join(', '), baseline, base.runs.join(', '), base.years.join(', ')));
  return { base, all };
}

/** Paired differences scenario − baseline, run by run; exactly 0 for the baseline itself. */
function pairedDifferences(t: RunTable, base: RunTable, metric: SummaryMetric, year: number): number[] {
  if (t === base) return t.runs.map(() => 0);
  const b = base.series(metric, year);
  return t.series(metric, year).map((v, k) => v - b[k]);
}

/** Per run: additional cost and additional effective talent-years through `year` against the baseline (see the definitions above). */
export function additionalThrough(
  t: { cost: number[]; talentYears: number[] },
  base: { cost: number[]; talentYears: number[] },
): { cost: number[]; talentYears: number[] } {
  return { cost: t.cost.map((c, k) => c - base.cost[k]), talentYears: t.talentYears.map((ty, k) => ty - base.talentYears[k]) };
}

function costAndTalentYears(t: RunTable, year: number): { cost: number[]; talentYears: number[] } {
  return { cost: t.series('costCumulative', year), talentYears: t.cumulative('effectiveTalent', year) };
}

/**
 * Cost per additional effective talent-year from per-run additional costs and talent-years: the ratio of the means,
 * NaN when the mean additional talent-years or the mean additional cost is ≤ 0.
 */
export function costPerTalentYear(additionalCost: readonly number[], additionalTalentYears: readonly number[]): number {
  const pairs = additionalCost.map((c, k) => [c, additionalTalentYears[k]]).filter(([c, ty]) => Number.isFinite(c) && Number.isFinite(ty));
  if (pairs.length === 0) return NaN;
  const cost = mean(pairs.map(([c]) => c));
  const talentYears = mean(pairs.map(([, ty]) => ty));
  return cost > 0 && talentYears > 0 ? cost / talentYears : NaN;
}

/**
 * The 5th and 95th percentiles of the per-run cost per additional talent-year: cost / talent-years where a run adds
 * some, +Infinity where it adds none (≤ 0) but spends, left out where it neither adds nor spends. NaN when the
 * scenario spends nothing beyond the baseline on average.
 */
export function costPerTalentYearBand(additionalCost: readonly number[], additionalTalentYears: readonly number[]): { p5: number; p95: number } {
  const finite = additionalCost.map((c, k) => [c, additionalTalentYears[k]]).filter(([c, ty]) => Number.isFinite(c) && Number.isFinite(ty));
  if (finite.length === 0 || !(mean(finite.map(([c]) => c)) > 0)) return { p5: NaN, p95: NaN };
  const ratios = finite.flatMap(([c, ty]) => (ty > 0 ? [c / ty] : c > 0 ? [Infinity] : []));
  if (ratios.length === 0) return { p5: NaN, p95: NaN };
  const sorted = sortedAscending(ratios);
  return { p5: quantileSorted(sorted, 0.05), p95: quantileSorted(sorted, 0.95) };
}

/**
 * compare.csv: one row per scenario (in the order given), metric (in `metrics` order; default every summary metric)
 * and year. See CompareRow and the definitions at the top of this file. The baseline's differences are exactly 0.
 */
export function compareRows(scenarios: readonly ScenarioRuns[], baseline: string, options: { metrics?: readonly SummaryMetric[] } = {}): CompareRow[] {
  const { base, all } = tables(scenarios, baseline);
  const metrics = options.metrics ?? SUMMARY_METRIC_NAMES;
  const rows: CompareRow[] = [];
  for (const t of all) {
    // Cost figures per year do not depend on the metric: compute them once per scenario.
    const costs = new Map<number, { costCumulative: number; costPerEffectiveTalentYear: number }>();
    for (const year of t.years) {
      const own = costAndTalentYears(t, year);
      const extra =
        t === base ? { cost: own.cost.map(() => 0), talentYears: own.talentYears.map(() => 0) } : additionalThrough(own, costAndTalentYears(base, year));
      costs.set(year, { costCumulative: meanAndBand(own.cost).mean, costPerEffectiveTalentYear: costPerTalentYear(extra.cost, extra.talentYears) });
    }
    for (const metric of metrics)
      for (const year of t.years) {
        const level = meanAndBand(t.series(metric, year));
        const diff = meanAndBand(pairedDifferences(t, base, metric, year));
        rows.push({
          scenario: t.scenario,
          metric,
          year,
          ...level,
          diffMean: diff.mean,
          diffP5: diff.p5,
          diffP95: diff.p95,
          probAboveBaseline: t === base ? NaN : shareAbove(pairedDifferences(t, base, metric, year), 0),
          ...costs.get(year)!,
        });
      }
  }
  return rows;
}

/**
 * ranking.csv: every scenario but the baseline at `horizonYear` (default: the last year), ordered by effect.
 *
 * Effect = the paired difference scenario − baseline of `metric` (default effectiveTalent) in the horizon year:
 * its mean and 5–95 % band. rankByEffect: 1 for the largest mean increase; equal means share a rank (1, 2, 2, 4).
 * rankByCost: by cost per additional effective talent-year through the horizon, 1 = cheapest; NaN (empty) for a
 * scenario where it is undefined (adds no effective talent-years, or spends nothing beyond the baseline). The bands
 * are shown beside each rank so that ranks whose bands overlap are read as what they are: not clearly different.
 */
export function rankingRows(
  scenarios: readonly ScenarioRuns[],
  baseline: string,
  options: { horizonYear?: number; metric?: RankingMetric } = {},
): RankingRow[] {
  const { base, all } = tables(scenarios, baseline);
  const metric = options.metric ?? DEFAULT_RANKING_METRIC;
  const horizonYear = options.horizonYear ?? base.years[base.years.length - 1];
  if (!base.years.includes(horizonYear)) throw new UsageError(messages.horizonNotInRuns(horizonYear, base.years[0], base.years[base.years.length - 1]));
  const policies = all.filter((t) => t !== base);
  const perRun = runByRun(policies, base, metric, horizonYear);
  const rows = policies.map((t, j) => {
    const effect = meanAndBand(perRun.effects[j]);
    const extra = perRun.extra[j];
    const own = costAndTalentYears(t, horizonYear);
    const band = costPerTalentYearBand(extra.cost, extra.talentYears);
    return {
      scenario: t.scenario,
      horizonYear,
      metric,
      rankByEffect: NaN,
      rankByCost: NaN,
      effectMean: effect.mean,
      effectP5: effect.p5,
      effectP95: effect.p95,
      costCumulative: meanAndBand(own.cost).mean,
      costPerEffectiveTalentYear: costPerTalentYear(extra.cost, extra.talentYears),
      costPerEffectiveTalentYearP5: band.p5,
      costPerEffectiveTalentYearP95: band.p95,
      probBeatsBaseline: shareAbove(perRun.effects[j], 0),
      probMostCostEffective: perRun.cheapest[j],
      rankP5: orderStatistic(perRun.ranks[j], 0.05),
      rankP95: orderStatistic(perRun.ranks[j], 0.95),
    } satisfies RankingRow;
  });
  rank(
    rows,
    (r) => r.effectMean,
    'descending',
    (r, k) => (r.rankByEffect = k),
  );
  rank(
    rows,
    (r) => r.costPerEffectiveTalentYear,
    'ascending',
    (r, k) => (r.rankByCost = k),
  );
  // Stable: scenarios with equal (or undefined) effects keep the order given.
  return rows
    .map((r, k) => ({ r, k }))
    .sort((a, b) => order(a.r.rankByEffect) - order(b.r.rankByEffect) || a.k - b.k)
    .map(({ r }) => r);
}

const order = (rank: number) => (Number.isFinite(rank) ? rank : Infinity);

/** Share of the defined (not NaN) values above `threshold`; NaN when none is defined. */
export function shareAbove(values: readonly number[], threshold: number): number {
  const defined = values.filter((v) => !Number.isNaN(v));
  return defined.length ? defined.filter((v) => v > threshold).length / defined.length : NaN;
}

/** The p-quantile of values as an order statistic (Hyndman & Fan type 1: the smallest x with a share ≥ p at or below it); NaN when empty. */
export function orderStatistic(values: readonly number[], p: number): number {
  const sorted = sortedAscending(values.filter((v) => !Number.isNaN(v)));
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length - 1e-9) - 1))];
}

/**
 * The policies' figures run by run at the horizon: paired effects, extra cost and talent-years, the rank by effect
 * in each run, and each one's share of the runs in which it is the most cost-effective (see the definitions above).
 */
export function runByRun(policies: readonly RunTable[], base: RunTable, metric: SummaryMetric, horizonYear: number) {
  const effects = policies.map((t) => pairedDifferences(t, base, metric, horizonYear));
  const baseCosts = costAndTalentYears(base, horizonYear);
  const extra = policies.map((t) => additionalThrough(costAndTalentYears(t, horizonYear), baseCosts));
  const runs = base.runs.length;
  const ranks = policies.map(() => new Array<number>(runs).fill(NaN));
  const cheapest = policies.map(() => 0);
  for (let k = 0; k < runs; k++) {
    runRanks(effects.map((e) => e[k])).forEach((r, j) => (ranks[j][k] = r));
    const ratios = extra.map((x) => (x.talentYears[k] > 0 && Number.isFinite(x.cost[k]) ? x.cost[k] / x.talentYears[k] : NaN));
    const lowest = Math.min(...ratios.filter((r) => !Number.isNaN(r)));
    const winners = ratios.flatMap((r, j) => (r === lowest ? [j] : []));
    for (const j of winners) cheapest[j] += 1 / winners.length;
  }
  return { effects, extra, ranks, cheapest: cheapest.map((c) => (runs ? c / runs : NaN)) };
}

/** Competition ranks (1 = largest) of one run's effects; an undefined effect ranks last (the number of scenarios). */
export function runRanks(effects: readonly number[]): number[] {
  return effects.map((e) => (Number.isNaN(e) ? effects.length : 1 + effects.filter((other) => !Number.isNaN(other) && other > e).length));
}

/**
 * Each pair of neighbours in a ranking (ordered by mean effect) and the share of runs in which the lower-ranked one
 * has the strictly larger effect: a ranking is robust where these shares are small.
 */
export function rankSwaps(scenarios: readonly ScenarioRuns[], baseline: string, ranking: readonly RankingRow[]): RankSwap[] {
  if (ranking.length < 2) return [];
  const { base, all } = tables(scenarios, baseline);
  const { horizonYear, metric } = ranking[0];
  const effect = (name: string) =>
    pairedDifferences(
      all.find((t) => t.scenario === name)!,
      base,
      metric as SummaryMetric,
      horizonYear,
    );
  return ranking.slice(1).map((below, k) => {
    const above = ranking[k];
    const a = effect(above.scenario);
    const b = effect(below.scenario);
    const pairs = a.flatMap((x, i) => (Number.isNaN(x) || Number.isNaN(b[i]) ? [] : [[x, b[i]]]));
    return { above: above.scenario, below: below.scenario, share: pairs.length ? pairs.filter(([x, y]) => y > x).length / pairs.length : NaN };
  });
}

/** Neighbours that swap places in at least this share of runs make a ranking "not robust". */
export const SWAP_SHARE = 0.1;

/**
 * Whether the order of a ranking holds run by run, in words: each pair of neighbours that swap places in at least
 * SWAP_SHARE of the runs ("hometown and platforms swap places in 35 % of runs"), or that the order holds.
 */
export function robustnessText(swaps: readonly RankSwap[], lang: 'zh' | 'en' = 'en'): string {
  if (swaps.length === 0) return '';
  const unstable = swaps.filter((w) => w.share >= SWAP_SHARE);
  if (unstable.length === 0)
    return lang === 'zh'
      ? `排名次序稳健：相邻情景在至少${Math.round((1 - SWAP_SHARE) * 100)}%的重复中保持先后。`
      : `The order is robust: every pair of neighbours keeps its order in at least ${Math.round((1 - SWAP_SHARE) * 100)} % of runs.`;
  const pairs = unstable.map((w) =>
    lang === 'zh'
      ? `${w.above}与${w.below}在${formatChance(w.share).replace(' ', '')}的重复中互换位置`
      : `${w.above} and ${w.below} swap places in ${formatChance(w.share)} of runs`,
  );
  return lang === 'zh' ? `排名次序并不稳健：${pairs.join('；')}。` : `The order is not robust: ${pairs.join('; ')}.`;
}

/** What the probabilities rest on: parameter uncertainty from a posterior and chance, or chance only. */
export function probabilityBasis(uncertainty: { mode: 'posterior' | 'none'; posterior?: string } | undefined, lang: 'zh' | 'en' = 'en'): string {
  if (uncertainty?.mode === 'posterior')
    return lang === 'zh'
      ? `概率按重复计算，每次重复从后验 ${uncertainty.posterior} 抽取参数（所有情景相同）：既含随机性，也含参数不确定性。`
      : `Probabilities are shares of runs, each drawing its parameters from the posterior ${uncertainty.posterior} (the same draw for every scenario): they hold chance and parameter uncertainty.`;
  return lang === 'zh'
    ? '概率按重复计算，未使用后验：只反映随机性，不含参数不确定性。'
    : 'Probabilities are shares of runs without a posterior: they reflect chance only, not the uncertainty of the parameters.';
}

/** Competition ranking (1, 2, 2, 4) of the rows with a finite key; the others get NaN. */
function rank<T>(rows: T[], key: (row: T) => number, direction: 'ascending' | 'descending', set: (row: T, rank: number) => void): void {
  const sign = direction === 'ascending' ? 1 : -1;
  const ranked = rows.filter((r) => Number.isFinite(key(r))).sort((a, b) => sign * (key(a) - key(b)));
  let current = 0;
  ranked.forEach((r, k) => {
    if (k === 0 || key(r) !== key(ranked[k - 1])) current = k + 1;
    set(r, current);
  });
}

/** runs.csv: every scenario's per-run figures (by scenario, run, year, metric), with the master seed. */
export function compareRunRows(scenarios: readonly ScenarioRuns[], seed: number): CompareRunRow[] {
  return scenarios.flatMap((s) => s.rows.map((row) => ({ run: row.run, seed, scenario: s.scenario, year: row.year, metric: row.metric, value: row.value })));
}

/** The per-run figures of a scenario's replications: what compareRows and rankingRows take. */
export function scenarioRuns(scenario: string, results: readonly RunResult[], resolved: ResolvedScenario): ScenarioRuns {
  return { scenario, rows: summaryRunRows(results, resolved) };
}

/** All the rows of a comparison from the scenarios' replications (the baseline among them). */
export function comparison(
  runs: readonly { resolved: ResolvedScenario; results: readonly RunResult[] }[],
  baseline: string,
  options: { horizonYear?: number; metric?: RankingMetric; seed?: number } = {},
): { rows: CompareRow[]; ranking: RankingRow[]; runRows: CompareRunRow[]; swaps: RankSwap[] } {
  const scenarios = runs.map((r) => scenarioRuns(r.resolved.name, r.results, r.resolved));
  const seed = options.seed ?? runs[0]?.results[0]?.seed ?? NaN;
  const ranking = rankingRows(scenarios, baseline, options);
  return { rows: compareRows(scenarios, baseline), ranking, runRows: compareRunRows(scenarios, seed), swaps: rankSwaps(scenarios, baseline, ranking) };
}
