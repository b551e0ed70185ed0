// The rows a comparison of scenarios produces: what compare.csv, ranking.csv and the comparison charts are made of.
import type { RunResult } from '../core/results.js';
import type { SummaryRunRow } from '../core/rows.js';
import type { RunSettings } from '../runner/run.js';
import type { LoadedScenario } from '../scenario/load.js';

/**
 * One scenario, metric and year of a comparison. Statistics are over replications; the difference is against the
 * baseline run with the same seed (paired), so its band is that of the paired differences.
 */
export interface CompareRow {
  scenario: string;
  metric: string;
  year: number;
  mean: number;
  p5: number;
  p95: number;
  /** Mean, 5th and 95th percentile of (scenario run k − baseline run k); exactly 0 for the baseline itself. */
  diffMean: number;
  diffP5: number;
  diffP95: number;
  /** Share of runs whose paired difference is above 0 (NaN, an empty cell, for the baseline itself). */
  probAboveBaseline: number;
  /** Policy spending from the first year through this one, CNY (mean over runs). */
  costCumulative: number;
  /**
   * Cumulative cost / cumulative additional effective talent-years against the baseline, through this year (mean of
   * the per-run ratios' numerator and denominator: total cost ÷ total extra talent-years). Empty (NaN) when the
   * scenario adds no effective talent-years or costs nothing.
   */
  costPerEffectiveTalentYear: number;
}

/** A scenario's place among the recommendations at a horizon year, by effect and by cost-effectiveness. */
export interface RankingRow {
  scenario: string;
  horizonYear: number;
  metric: string;
  /** Rank by effect (1 = largest increase of the metric against the baseline). */
  rankByEffect: number;
  /** Rank by cost per additional effective talent-year (1 = cheapest); empty for scenarios that add none. */
  rankByCost: number;
  effectMean: number;
  effectP5: number;
  effectP95: number;
  costCumulative: number;
  costPerEffectiveTalentYear: number;
  costPerEffectiveTalentYearP5: number;
  costPerEffectiveTalentYearP95: number;
  /** Share of runs in which the paired effect in the horizon year is above 0: the probability that the scenario beats the baseline. */
  probBeatsBaseline: number;
  /**
   * Share of runs in which its cost per additional effective talent-year through the horizon (that run's extra cost ÷
   * extra talent-years) is the lowest among the scenarios that add talent-years in that run (ties share the run).
   */
  probMostCostEffective: number;
  /** 5th and 95th percentile of its rank by effect run by run (1 = largest paired effect in that run). */
  rankP5: number;
  rankP95: number;
}

/** Two scenarios next to each other in the ranking, and the share of runs in which the lower one has the larger effect. */
export interface RankSwap {
  above: string;
  below: string;
  share: number;
}

/** What the probabilities of a comparison rest on: parameter uncertainty from a posterior, or chance only. */
export interface ComparisonUncertainty {
  mode: 'posterior' | 'none';
  /** The posterior file, with mode posterior. */
  posterior?: string;
}

/**
 * One scenario of a comparison and what its tables, charts, report and run.json draw on: computed once from its runs
 * (comparedScenario, src/charts/compare-extras.ts), or read back from the folder's runs.csv, flows-tiers.csv and
 * run.json by `sim report` (src/reload/compare.ts). Nothing downstream reads the runs themselves.
 */
export interface ComparedScenario {
  loaded: LoadedScenario;
  /** Every run's headline figures (by run, year, metric): the scenario's rows of runs.csv. */
  runRows: readonly SummaryRunRow[];
  /** Mean persons a year moving from each place to each other (over runs and years, all tiers; pairs with moves only). */
  flows: readonly { origin: string; destination: string; moves: number }[];
  /** The home city's stock of each tier at each year end: mean and 5–95 % band over runs (persons; by year, then tier). */
  tierStocks: readonly { year: number; tier: string; mean: number; p5: number; p95: number }[];
  /** For run.json: each run's agent count, the threads of the comparison, and the time until its last run finished (ms). */
  agents: readonly RunResult['agents'][];
  threads: number;
  wallMs: number;
}

/** Everything the comparison's charts and report may draw on. */
export interface ComparisonData {
  /** Output folder being written (a temporary folder, renamed when complete). */
  dir: string;
  lang: 'zh' | 'en';
  baseline: string;
  /** Every scenario, the baseline first, in the order given. */
  scenarios: ComparedScenario[];
  /** The settings every scenario ran with (run k of each: seed `settings.seed`, replication k). */
  settings: RunSettings;
  rows: CompareRow[];
  ranking: RankingRow[];
  /** Neighbours in the ranking and how often they swap places run by run. */
  swaps?: RankSwap[];
  /** Whether the runs drew their parameters from a posterior (default: none). */
  uncertainty?: ComparisonUncertainty;
  /** Seeds and versions that produced it (for the report's footer). */
  seed: number;
  version: string;
}
