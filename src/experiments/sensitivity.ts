// `sim sensitivity` as library calls: one-at-a-time (tornado) and Morris screening over the declared ranges, and the
// analysis's tables, chart and run.json (Node only; writeSensitivity in src/publish.ts writes them into the folder).
import type { TopLevelSpec } from 'vega-lite';
import { counted } from '../core/messages.js';
import type { StagedFolder, WrittenFile } from '../output/folder.js';
import type { Lang } from '../output/format.js';
import { scenarioTitle } from '../output/labels.js';
import type { MorrisEffect, OatEffect } from './design.js';
import { morrisChart, sobolChart, tornadoChart } from './charts.js';
import type { SobolIndices } from './sobol.js';
import {
  chooseOutcome,
  morrisResults,
  morrisTable,
  oatResults,
  oatTable,
  planSensitivity,
  pointMeans,
  SOBOL_STREAMS,
  sobolResults,
  sobolTable,
  pointRunsTable,
  sensitivityPointsTable,
  type Outcome,
  type SensitivityPlan,
  type SensitivityPlanOptions,
} from './plan.js';
import { experimentRecord } from './record.js';
import { preparePoints, runPoints, type ExperimentBase, type PointsOutcome } from './runner.js';
import type { ExperimentRunOptions } from './sweep.js';
import { chartFactor, outcomeName, outcomeTitle } from './words.js';

export interface SensitivityResult {
  base: ExperimentBase;
  plan: SensitivityPlan;
  outcome: PointsOutcome;
  distinctPoints: number;
  notes: string[];
}

/** The effects on one outcome: one-at-a-time swings, Morris statistics or Sobol' indices, ranked. */
export type SensitivityEffects =
  | { method: 'oat'; outcome: Outcome; base: number; effects: OatEffect[] }
  | { method: 'morris'; outcome: Outcome; effects: MorrisEffect[] }
  | { method: 'sobol'; outcome: Outcome; effects: SobolIndices['indices']; sobol: SobolIndices };

/** Runs every point of a sensitivity plan (see planSensitivity) with the same seeds, on worker threads. */
export async function runSensitivity(base: ExperimentBase, plan: SensitivityPlan, options: ExperimentRunOptions = {}): Promise<SensitivityResult> {
  const prepared = preparePoints(base, plan.factors, plan.points);
  options.beforeRun?.();
  for (const note of prepared.notes) options.onNote?.(note);
  const outcome = await runPoints(base, prepared, options);
  return { base, plan, outcome, distinctPoints: prepared.scenarios.length, notes: prepared.notes };
}

/** Plans and runs a sensitivity analysis in one call: `sensitivity(loaded, { method: 'morris' }, { runs: 3, years: 5 })`. */
export async function sensitivity(base: ExperimentBase, plan: SensitivityPlanOptions = {}, options: ExperimentRunOptions = {}): Promise<SensitivityResult> {
  return runSensitivity(base, planSensitivity(base, { seed: options.seed, runs: options.runs, ...plan }), options);
}

/** The effects of the factors on an outcome (default: net retention in the last year), from the mean over runs at each point. */
export function sensitivityEffects(result: SensitivityResult, metric?: string, horizon?: number): SensitivityEffects {
  const chosen = chooseOutcome(result.outcome.settings, metric, horizon);
  const means = pointMeans(result.outcome, chosen);
  if (result.plan.method === 'oat') return { method: 'oat', outcome: chosen, base: means[0], effects: oatResults(result.plan, means) };
  if (result.plan.method === 'sobol') {
    const sobol = sobolResults(result.plan, means);
    return { method: 'sobol', outcome: chosen, effects: sobol.indices, sobol };
  }
  return { method: 'morris', outcome: chosen, effects: morrisResults(result.plan, means) };
}

/** The files of a sensitivity analysis, in the order written. */
export const SENSITIVITY_FILES = {
  oat: ['oat.csv', 'points.csv', 'runs.csv', 'tornado.vl.json', 'tornado.svg', 'tornado.png', 'report.html', 'run.json'],
  morris: ['morris.csv', 'points.csv', 'runs.csv', 'morris.vl.json', 'morris.svg', 'morris.png', 'report.html', 'run.json'],
  sobol: ['sobol.csv', 'points.csv', 'runs.csv', 'sobol.vl.json', 'sobol.svg', 'sobol.png', 'report.html', 'run.json'],
} as const;

/**
 * Writes oat.csv (one at a time) or morris.csv (Morris) for the chosen outcome, points.csv (every point's parameter
 * values) and runs.csv (every run's figures, all metrics, at full precision, so another outcome can be analysed without running
 * again: `sim report`)
 * into a folder being written. The tables list every parameter.
 */
export function writeSensitivityTables(folder: StagedFolder, result: SensitivityResult, effects: SensitivityEffects): void {
  const { plan, outcome } = result;
  const chosen = effects.outcome;
  const table =
    effects.method === 'oat'
      ? oatTable(plan, effects.effects, chosen)
      : effects.method === 'morris'
        ? morrisTable(plan, effects.effects, chosen)
        : sobolTable(plan, effects.sobol, chosen);
  folder.csv(`${plan.method}.csv`, table.columns, table.rows);
  const points = sensitivityPointsTable(plan);
  folder.csv('points.csv', points.columns, points.rows);
  const labels = plan.factors.map((f) => f.label);
  const runRows =
    plan.method === 'oat'
      ? pointRunsTable(plan.factors, plan.points, outcome, (p) => [p, plan.oat![p].factor < 0 ? '' : labels[plan.oat![p].factor], plan.oat![p].level], [
          'point',
          'parameter',
          'level',
        ])
      : plan.method === 'sobol'
        ? pointRunsTable(
            plan.factors,
            plan.points,
            outcome,
            (p) => {
              const s = plan.sobol!.design.steps[p];
              return [p, s.sample, s.matrix, s.factor < 0 ? '' : labels[s.factor]];
            },
            ['point', 'sample', 'matrix', 'parameter'],
          )
        : pointRunsTable(
            plan.factors,
            plan.points,
            outcome,
            (p) => {
              const s = plan.morris!.steps[p];
              return [p, s.trajectory, s.step, s.factor < 0 ? '' : labels[s.factor]];
            },
            ['point', 'trajectory', 'step', 'parameter'],
          );
  folder.csv('runs.csv', runRows.columns, runRows.rows, { exact: true });
}

/**
 * The analysis's chart in `lang`: a tornado of the `top` largest swings (default 20), or the Morris μ*–σ plot with the
 * `top` most influential parameters labelled (default 15); parameters named in words.
 */
export function sensitivityChart(
  result: SensitivityResult,
  effects: SensitivityEffects,
  top?: number,
  lang: Lang = 'zh',
): { name: string; spec: TopLevelSpec } {
  const { base, plan, outcome } = result;
  const chosen = effects.outcome;
  const { runs } = outcome.settings;
  const zh = lang === 'zh';
  const axis = outcomeTitle(chosen, lang);
  const what = outcomeName(chosen, lang);
  const scenario = scenarioTitle(base.resolved, lang);
  const k = plan.factors.length;
  const subtitle = zh
    ? [`${scenario}：${k} 个参数在各自声明的区间内变动`, `每个点为 ${runs} 次重复的均值，各点使用相同的随机种子`]
    : [`${scenario}: ${counted(k, 'parameter')} over their declared ranges`, `mean over ${counted(runs, 'run')} per point, the same seeds at every point`];
  if (effects.method === 'oat') {
    const bars = [...effects.effects].sort((a, b) => a.rank - b.rank).slice(0, top ?? 20);
    const shown = bars.length < effects.effects.length;
    const title = zh
      ? `哪些假设影响${what}：逐一变动${shown ? `（${effects.effects.length} 个参数中摆幅最大的 ${bars.length} 个）` : ''}`
      : `What moves ${what}: one at a time${shown ? ` (the ${bars.length} largest swings of ${effects.effects.length})` : ''}`;
    const spec = tornadoChart({
      lang,
      title,
      subtitle,
      outcome: axis,
      base: effects.base,
      bars: bars.map((e) => ({
        parameter: chartFactor(plan.factors[e.factor], lang, base.scenario),
        low: plan.factors[e.factor].range[0],
        high: plan.factors[e.factor].range[1],
        outcomeLow: e.outcomeLow,
        outcomeHigh: e.outcomeHigh,
      })),
    });
    return { name: 'tornado', spec };
  }
  if (effects.method === 'sobol') {
    const { samples, confidence } = effects.sobol;
    const bars = [...effects.effects].sort((a, b) => a.rank - b.rank).slice(0, top ?? 20);
    const shown = bars.length < effects.effects.length;
    const title = zh
      ? `${what}的方差来自哪些假设：Sobol 指数${shown ? `（${effects.effects.length} 个参数中总指数最大的 ${bars.length} 个）` : ''}`
      : `Where the variance of ${what} comes from: Sobol' indices${shown ? ` (the ${bars.length} largest ST of ${effects.effects.length})` : ''}`;
    const posterior = plan.sobol!.ranges === 'posterior';
    const spec = sobolChart({
      lang,
      title,
      subtitle: [
        zh
          ? `${scenario}：${k} 个参数${posterior ? '从后验分布的边缘分布中' : '在各自声明的区间内'}独立抽样，${samples} 个基样本 × ${k + 2} 个点`
          : `${scenario}: ${counted(k, 'parameter')} sampled independently ${posterior ? 'from the marginals of the posterior' : 'over their declared ranges'}, ${counted(samples, 'base sample')} × ${k + 2} points`,
        subtitle[1],
        zh
          ? `误差线为 ${Math.round(confidence * 100)} % 自助法置信区间（对基样本重抽样）`
          : `whiskers: ${Math.round(confidence * 100)} % bootstrap intervals (base samples resampled)`,
      ],
      outcome: axis,
      confidence,
      bars: bars.map((e) => ({
        parameter: chartFactor(plan.factors[e.factor], lang, base.scenario),
        S1: e.S1,
        S1_conf: e.S1_conf,
        ST: e.ST,
        ST_conf: e.ST_conf,
      })),
    });
    return { name: 'sobol', spec };
  }
  const design = plan.morris!;
  const title = zh ? `${what}的 Morris 筛选` : `Morris screening of ${what}`;
  const spec = morrisChart({
    lang,
    title,
    subtitle: [
      ...subtitle,
      zh
        ? `${design.trajectories} 条轨迹，${design.levels} 级网格；效应按参数的整个区间计`
        : `${design.trajectories} trajectories on a ${design.levels}-level grid; effects per full range of a parameter`,
    ],
    outcome: axis,
    labelled: top ?? 15,
    effects: effects.effects.map((e) => ({
      parameter: chartFactor(plan.factors[e.factor], lang, base.scenario),
      muStar: e.muStar,
      sigma: e.sigma,
      rank: e.rank,
    })),
  });
  return { name: 'morris', spec };
}

/** A sensitivity analysis's run.json: the scenario, settings, design and parameters that produced the files beside it. */
export function sensitivityJson(result: SensitivityResult, effects: SensitivityEffects, files: readonly WrittenFile[]) {
  const { base, plan, outcome } = result;
  const sobol = effects.method === 'sobol' ? effects.sobol : undefined;
  const design =
    plan.method === 'oat'
      ? { type: 'oat', parameters: plan.factors.length, points: plan.points.length, distinctPoints: result.distinctPoints }
      : sobol && plan.sobol
        ? {
            type: 'sobol',
            sampling: 'Saltelli (2002, 2010): matrices A, B and A_B^(i), plain Monte Carlo from a seeded stream',
            estimators: 'S1: Saltelli et al. (2010) Table 2 (b), f_B centred; ST: Jansen (1999), Table 2 (f)',
            parameters: plan.factors.length,
            baseSamples: plan.sobol.design.samples,
            samplesUsed: sobol.samples,
            samplesDropped: sobol.dropped,
            points: plan.points.length,
            distinctPoints: result.distinctPoints,
            ranges: plan.sobol.ranges,
            ...(plan.sobol.posterior ? { posterior: plan.sobol.posterior } : {}),
            seed: plan.seed,
            stream: `${plan.seed}/0/${SOBOL_STREAMS.design}`,
            bootstrap: { resamples: sobol.resamples, confidence: sobol.confidence, stream: `${plan.seed}/0/${SOBOL_STREAMS.bootstrap}` },
            outcomeMean: sobol.mean,
            outcomeVariance: sobol.variance,
          }
        : {
            type: 'morris',
            parameters: plan.factors.length,
            trajectories: plan.morris!.trajectories,
            levels: plan.morris!.levels,
            delta: plan.morris!.delta,
            points: plan.points.length,
            distinctPoints: result.distinctPoints,
            seed: plan.seed,
            stream: `${plan.seed}/0/sensitivity-morris`,
            effects: 'Elementary effects are per full range of a parameter: Δoutcome / Δu with u = (x − low) / (high − low).',
          };
  const extra = effects.method === 'oat' ? { baseOutcome: effects.base } : {};
  return experimentRecord('sensitivity', base, outcome, plan.factors, effects.outcome, result.notes, design, extra, files);
}
