// What a scenario's policies did: its runs paired with its counterfactual's (the same scenario without its policies,
// the same seeds), as difference.csv and the headline figures the summary and report.html open with. Pure: no I/O.
import type { RunResult } from '../core/results.js';
import { SUMMARY_METRIC_NAMES, type SummaryMetric } from '../core/rows.js';
import type { ResolvedScenario } from '../scenario/resolve.js';
import { additionalThrough, compareRows, costPerTalentYearBand, RunTable, scenarioRuns } from './compare.js';

/**
 * One row of difference.csv: a headline metric in a year, with the policies and without them. The difference is
 * taken run by run (run k with its policies − run k without, the same seed and posterior draw), so its band is that of
 * the paired differences; definitions as in compare.csv (src/compare/compare.ts).
 */
export interface DifferenceRow {
  year: number;
  metric: SummaryMetric;
  /** Mean over runs with the policies, and without them (the counterfactual). */
  mean: number;
  counterfactualMean: number;
  /** Mean, 5th and 95th percentile of the paired differences (with − without). */
  diffMean: number;
  diffP5: number;
  diffP95: number;
  /** Share of runs whose paired difference is above 0. */
  probAbove: number;
  /** The policies' spending from the first year through this one, CNY (mean over runs). */
  costCumulative: number;
  /**
   * Through this year: total extra cost ÷ total extra effective talent-years over the runs (the ratio of means); empty
   * (NaN) when the policies add no talent-years or spend nothing. Its band is the 5th–95th percentile of the per-run
   * ratios (Inf for a run that spends but adds no talent-years).
   */
  costPerEffectiveTalentYear: number;
  costPerEffectiveTalentYearP5: number;
  costPerEffectiveTalentYearP95: number;
}

export const DIFFERENCE_COLUMNS = [
  'year',
  'metric',
  'mean',
  'counterfactualMean',
  'diffMean',
  'diffP5',
  'diffP95',
  'probAbove',
  'costCumulative',
  'costPerEffectiveTalentYear',
  'costPerEffectiveTalentYearP5',
  'costPerEffectiveTalentYearP95',
] as const satisfies readonly (keyof DifferenceRow)[];

/** A run's results and the counterfactual's, as RunOutcome holds them. */
export interface PairedResults {
  resolved: ResolvedScenario;
  results: readonly RunResult[];
  counterfactual: { resolved: ResolvedScenario; results: readonly RunResult[] };
}

/**
 * difference.csv: every headline metric (in SUMMARY_METRICS order) in every year (by year, then metric), the paired
 * difference with its band, and the cost per extra effective talent-year so far (the same on every metric's row).
 * The rows before the first policy acts are exactly 0 (with the same seeds, nothing differs yet).
 */
export function differenceRows(paired: PairedResults): DifferenceRow[] {
  const own = scenarioRuns(paired.resolved.name, paired.results, paired.resolved);
  const without = scenarioRuns(paired.counterfactual.resolved.name, paired.counterfactual.results, paired.counterfactual.resolved);
  const compared = compareRows([without, own], without.scenario);
  const tables = { own: new RunTable(own.scenario, own.rows), without: new RunTable(without.scenario, without.rows) };
  const level = new Map(compared.map((r) => [`${r.scenario}|${r.metric}|${r.year}`, r]));
  const bands = new Map(
    tables.own.years.map((year) => {
      const through = (t: RunTable) => ({ cost: t.series('costCumulative', year), talentYears: t.cumulative('effectiveTalent', year) });
      const extra = additionalThrough(through(tables.own), through(tables.without));
      return [year, costPerTalentYearBand(extra.cost, extra.talentYears)];
    }),
  );
  return tables.own.years.flatMap((year) =>
    SUMMARY_METRIC_NAMES.map((metric) => {
      const r = level.get(`${own.scenario}|${metric}|${year}`)!;
      const base = level.get(`${without.scenario}|${metric}|${year}`)!;
      const band = bands.get(year)!;
      return {
        year,
        metric,
        mean: r.mean,
        counterfactualMean: base.mean,
        diffMean: r.diffMean,
        diffP5: r.diffP5,
        diffP95: r.diffP95,
        probAbove: r.probAboveBaseline,
        costCumulative: r.costCumulative,
        costPerEffectiveTalentYear: r.costPerEffectiveTalentYear,
        costPerEffectiveTalentYearP5: band.p5,
        costPerEffectiveTalentYearP95: band.p95,
      };
    }),
  );
}

/** The calendar year in which the scenario's first policy starts (its start tick's year), or undefined without policies. */
export function firstPolicyYear(resolved: ResolvedScenario): number | undefined {
  if (!resolved.policies.length) return undefined;
  const { startYear, ticksPerYear } = resolved.run;
  return startYear + Math.floor(Math.min(...resolved.policies.map((p) => p.spec.startTick)) / ticksPerYear);
}

/** The metrics a summary of what policies did opens with, in order: the talent that works for the home city first. */
export const HEADLINE_DIFFERENCES = ['effectiveTalent', 'residents', 'netRetention', 'recruited'] as const satisfies readonly SummaryMetric[];
