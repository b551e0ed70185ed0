// `sim sweep` as library calls: run a scenario over a grid or a Latin hypercube sample, and make the sweep's tables,
// chart and run.json (Node only; writeSweep in src/publish.ts writes them into the result folder).
import type { TopLevelSpec } from 'vega-lite';
import { counted } from '../core/messages.js';
import { meanAndBand } from '../core/stats.js';
import type { StagedFolder, WriteOptions, WrittenFile } from '../output/folder.js';
import type { Lang } from '../output/format.js';
import { scenarioTitle } from '../output/labels.js';
import { sweepChart, type SweepChartInput } from './charts.js';
import { planSweep, pointRunsTable, pointSummaryTable, pointValues, type Outcome, type SweepPlan, type SweepPlanOptions } from './plan.js';
import { experimentRecord } from './record.js';
import { drawPointParticles, preparePoints, runPoints, type ExperimentBase, type PointRunOptions, type PointsOutcome } from './runner.js';
import { runSettings } from '../runner/run.js';
import { chartFactor, outcomeName, outcomeTitle } from './words.js';
import { chooseUncertainty, fewRunsWarning, uncertaintyNote, type UncertaintyMode } from '../runner/uncertainty.js';

export interface SweepResult {
  base: ExperimentBase;
  plan: SweepPlan;
  outcome: PointsOutcome;
  /** Points run: distinct settings (a repeated point is run once). */
  distinctPoints: number;
  /** Values outside their declared ranges, and the like. */
  notes: string[];
}

/** The files of a sweep, in the order written. */
export const SWEEP_FILES = ['sweep-summary.csv', 'sweep-runs.csv', 'sweep.vl.json', 'sweep.svg', 'sweep.png', 'report.html', 'run.json'] as const;

export interface ExperimentRunOptions extends PointRunOptions {
  /**
   * A sweep's parameter uncertainty: `posterior` (default when the scenario names one) draws replication r's parameters
   * from the posterior, the same particle at every point, a swept parameter keeping its swept value; `none` runs the
   * scenario as written. Sensitivity analyses always run it as written.
   */
  uncertainty?: UncertaintyMode;
  /** Called before anything runs with each note on the points, such as a value outside its declared range. */
  onNote?: (note: string) => void;
  /**
   * Called once every point is made into a valid scenario, before anything runs: the last check (the CLI's of the
   * output folder, which creates its parent), so that a point the scenario cannot take leaves nothing behind.
   */
  beforeRun?: () => void;
}

/**
 * Runs every point of a sweep plan (see planSweep) with the same seeds: replications on worker threads, the
 * outcome identical whatever the thread count.
 */
export async function runSweep(base: ExperimentBase, plan: SweepPlan, options: ExperimentRunOptions = {}): Promise<SweepResult> {
  const mode = chooseUncertainty(base.posterior, options.uncertainty, base.resolved.name);
  const points = preparePoints(base, plan.factors, plan.points);
  const prepared = mode === 'posterior' ? drawPointParticles({ ...base, posterior: base.posterior! }, points, runSettings(base.resolved, options)) : points;
  options.beforeRun?.();
  for (const note of prepared.notes) options.onNote?.(note);
  const outcome = await runPoints(base, prepared, options);
  return { base, plan, outcome, distinctPoints: prepared.scenarios.length, notes: prepared.notes };
}

/** Plans and runs a sweep in one call: `sweep(loaded, { vary: ['utility.income.coefficient=0.8,1.2'] }, { runs: 3 })`. */
export async function sweep(base: ExperimentBase, plan: SweepPlanOptions, options: ExperimentRunOptions = {}): Promise<SweepResult> {
  return runSweep(base, planSweep(base, { seed: options.seed, runs: options.runs, ...plan }), options);
}

export interface ExperimentWriteOptions extends WriteOptions {
  /** The outcome charted (and ranked by, for sensitivity): a summary metric; default netRetention. */
  metric?: string;
  /** Its calendar year; default the last simulated year (the horizon). */
  horizon?: number;
  /** @deprecated The old name of `horizon` (the CLI's --year), still read when `horizon` is not given. */
  year?: number;
  /** Language of the chart and report.html: Chinese (default) or English. */
  lang?: Lang;
}

/**
 * Writes sweep-summary.csv (mean and 5–95 % band over runs per point, year and metric) and sweep-runs.csv (every
 * run's figures, at full precision: `sim report` makes the other files from them) into a folder being written. Every row carries its point's parameter values, and the run (or
 * runs) and seed.
 */
export function writeSweepTables(folder: StagedFolder, result: SweepResult): void {
  const { plan, outcome } = result;
  const summary = pointSummaryTable(plan.factors, plan.points, outcome);
  folder.csv('sweep-summary.csv', summary.columns, summary.rows);
  const runs = pointRunsTable(plan.factors, plan.points, outcome);
  folder.csv('sweep-runs.csv', runs.columns, runs.rows, { exact: true });
}

/** The sweep's chart: the chosen outcome over the swept values, in `lang`. */
export function sweepChartSpec(result: SweepResult, chosen: Outcome, lang: Lang = 'zh'): { name: string; spec: TopLevelSpec } {
  return { name: 'sweep', spec: sweepChart(sweepChartInput(result, chosen, lang)) };
}

/** A sweep's run.json: the scenario, settings, design and parameters that produced the files beside it. */
export function sweepJson(result: SweepResult, chosen: Outcome, files: readonly WrittenFile[]) {
  const { base, plan, outcome } = result;
  return experimentRecord(
    'sweep',
    base,
    outcome,
    plan.factors.map((f, k) => ({ ...f, values: plan.values?.[k] })),
    chosen,
    result.notes,
    {
      type: plan.design,
      points: plan.points.length,
      distinctPoints: result.distinctPoints,
      ...(plan.design === 'lhs' ? { n: plan.points.length, seed: plan.seed, stream: `${plan.seed}/0/sweep-lhs` } : {}),
    },
    {
      uncertainty: { ...(outcome.uncertainty ?? { mode: 'none' }), note: uncertaintyNote(outcome.uncertainty ?? { mode: 'none' }) },
      ...(fewRunsWarning(outcome.settings.runs) ? { warnings: [fewRunsWarning(outcome.settings.runs)] } : {}),
    },
    files,
  );
}

/** The chart's data and words: the chosen outcome's mean and band over runs at each point, parameters named in words. */
export function sweepChartInput(result: SweepResult, chosen: Outcome, lang: Lang = 'zh'): SweepChartInput {
  const { base, plan, outcome } = result;
  const { runs } = outcome.settings;
  const n = plan.points.length;
  const banded = runs > 1 && plan.design === 'grid' && plan.factors.length <= 4;
  const scenario = scenarioTitle(base.resolved, lang);
  const zh = lang === 'zh';
  const what = zh
    ? plan.design === 'grid'
      ? `${n} 个网格点`
      : `拉丁超立方抽样 ${n} 个点`
    : plan.design === 'grid'
      ? `a grid of ${counted(n, 'point')}`
      : `a Latin hypercube sample of ${counted(n, 'point')}`;
  return {
    lang,
    title: zh ? `${scenario}：${outcomeName(chosen, lang)}随参数的变化` : `${scenario}: ${outcomeName(chosen, lang)} over the swept values`,
    subtitle: zh
      ? `每个点为 ${runs} 次重复的均值${banded ? '，阴影为 5–95 % 区间' : ''}；${what}`
      : `mean over ${counted(runs, 'run')} per point${banded ? ' with the 5–95 % band' : ''}; ${what}`,
    outcome: outcomeTitle(chosen, lang),
    factors: plan.factors.map((f) => chartFactor(f, lang, base.scenario)),
    design: plan.design,
    points: plan.points.map((values, p) => ({ values, ...meanAndBand(pointValues(outcome, p, chosen.metric, chosen.year)) })),
  };
}
