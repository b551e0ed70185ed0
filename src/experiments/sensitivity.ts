// `sim sensitivity` as library calls: one-at-a-time (tornado) and Morris screening over the declared ranges (Node only).
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { writeChartFiles } from '../charts/render.js';
import type { WrittenOutputs } from '../output/write.js';
import type { MorrisEffect, OatEffect } from './design.js';
import { morrisChart, tornadoChart } from './charts.js';
import {
  chooseOutcome,
  morrisResults,
  morrisTable,
  oatResults,
  oatTable,
  planSensitivity,
  pointMeans,
  pointRunsTable,
  sensitivityPointsTable,
  type Outcome,
  type SensitivityPlan,
  type SensitivityPlanOptions,
} from './plan.js';
import { metricUnit, unitName } from '../output/format.js';
import { experimentRecord, inputRecord } from './record.js';
import { preparePoints, runPoints, type ExperimentBase, type PointRunOptions, type PointsOutcome } from './runner.js';
import type { ExperimentWriteOptions } from './sweep.js';
import { csvText, experimentOutputDir, writeFolder, writeText } from './write.js';

export interface SensitivityResult {
  base: ExperimentBase;
  plan: SensitivityPlan;
  outcome: PointsOutcome;
  distinctPoints: number;
  notes: string[];
}

/** The effects on one outcome: one-at-a-time swings or Morris statistics, ranked. */
export type SensitivityEffects =
  { method: 'oat'; outcome: Outcome; base: number; effects: OatEffect[] } | { method: 'morris'; outcome: Outcome; effects: MorrisEffect[] };

/** Runs every point of a sensitivity plan (see planSensitivity) with the same seeds, on worker threads. */
export async function runSensitivity(base: ExperimentBase, plan: SensitivityPlan, options: PointRunOptions = {}): Promise<SensitivityResult> {
  const prepared = preparePoints(base, plan.factors, plan.points);
  const outcome = await runPoints(base, prepared, options);
  return { base, plan, outcome, distinctPoints: prepared.scenarios.length, notes: prepared.notes };
}

/** Plans and runs a sensitivity analysis in one call: `sensitivity(loaded, { method: 'morris' }, { runs: 3, years: 5 })`. */
export async function sensitivity(base: ExperimentBase, plan: SensitivityPlanOptions = {}, options: PointRunOptions = {}): Promise<SensitivityResult> {
  return runSensitivity(base, planSensitivity(base, { seed: options.seed, ...plan }), options);
}

/** The effects of the factors on an outcome (default: net retention in the last year), from the mean over runs at each point. */
export function sensitivityEffects(result: SensitivityResult, metric?: string, year?: number): SensitivityEffects {
  const chosen = chooseOutcome(result.outcome.settings, metric, year);
  const means = pointMeans(result.outcome, chosen);
  if (result.plan.method === 'oat') return { method: 'oat', outcome: chosen, base: means[0], effects: oatResults(result.plan, means) };
  return { method: 'morris', outcome: chosen, effects: morrisResults(result.plan, means) };
}

/** The files of a sensitivity analysis, in the order written. */
export const SENSITIVITY_FILES = {
  oat: ['oat.csv', 'points.csv', 'runs.csv', 'tornado.vl.json', 'tornado.svg', 'tornado.png', 'run.json'],
  morris: ['morris.csv', 'points.csv', 'runs.csv', 'morris.vl.json', 'morris.svg', 'morris.png', 'run.json'],
} as const;

/**
 * Writes oat.csv and the tornado chart (one at a time), or morris.csv and the μ*–σ chart (Morris), for the chosen
 * outcome; points.csv (every point's parameter values), runs.csv (every run's figures, all metrics, so another
 * outcome can be analysed without running again) and run.json, into `out` (default output/<scenario>-sensitivity),
 * all or nothing. `top` bars or labels are drawn (default 20 and 15); the tables list every parameter.
 */
export async function writeSensitivity(
  result: SensitivityResult,
  options: ExperimentWriteOptions & { top?: number } = {},
): Promise<WrittenOutputs & { effects: SensitivityEffects }> {
  const { base, plan, outcome } = result;
  const effects = sensitivityEffects(result, options.metric, options.year);
  const chosen = effects.outcome;
  const dir = experimentOutputDir(`${base.resolved.name}-sensitivity`, options);
  const { runs } = outcome.settings;
  const axis = `${chosen.metric} in ${chosen.year} (${unitName(metricUnit(chosen.metric), 'en')})`;
  const written = await writeFolder(dir, async (staging) => {
    const files: string[] = [];
    const table = effects.method === 'oat' ? oatTable(plan, effects.effects, chosen) : morrisTable(plan, effects.effects, chosen);
    files.push(writeText(staging, `${plan.method}.csv`, csvText(table.columns, table.rows)));
    const points = sensitivityPointsTable(plan);
    files.push(writeText(staging, 'points.csv', csvText(points.columns, points.rows)));
    const labels = plan.factors.map((f) => f.label);
    const runRows =
      plan.method === 'oat'
        ? pointRunsTable(plan.factors, plan.points, outcome, (p) => [p, plan.oat![p].factor < 0 ? '' : labels[plan.oat![p].factor], plan.oat![p].level], [
            'point',
            'parameter',
            'level',
          ])
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
    files.push(writeText(staging, 'runs.csv', csvText(runRows.columns, runRows.rows)));
    const subtitle = [
      `${base.resolved.name}: ${plan.factors.length} parameters over their declared ranges`,
      `mean over ${runs} run${runs === 1 ? '' : 's'} per point, the same seeds at every point`,
    ];
    if (effects.method === 'oat') {
      const top = [...effects.effects].sort((a, b) => a.rank - b.rank).slice(0, options.top ?? 20);
      const spec = tornadoChart({
        title: `What moves ${chosen.metric} in ${chosen.year}: one at a time${top.length < effects.effects.length ? ` (the ${top.length} largest swings of ${effects.effects.length})` : ''}`,
        subtitle,
        outcome: axis,
        base: effects.base,
        bars: top.map((e) => ({
          parameter: labels[e.factor],
          low: plan.factors[e.factor].range[0],
          high: plan.factors[e.factor].range[1],
          outcomeLow: e.outcomeLow,
          outcomeHigh: e.outcomeHigh,
        })),
      });
      files.push(...(await writeChartFiles(staging, 'tornado', spec)));
    } else {
      const design = plan.morris!;
      const spec = morrisChart({
        title: `Morris screening of ${chosen.metric} in ${chosen.year}`,
        subtitle: [...subtitle, `${design.trajectories} trajectories on a ${design.levels}-level grid; effects per full range of a parameter`],
        outcome: axis,
        labelled: options.top ?? 15,
        effects: effects.effects.map((e) => ({ parameter: labels[e.factor], muStar: e.muStar, sigma: e.sigma, rank: e.rank })),
      });
      files.push(...(await writeChartFiles(staging, 'morris', spec)));
    }
    const design =
      plan.method === 'oat'
        ? { type: 'oat', parameters: plan.factors.length, points: plan.points.length, distinctPoints: result.distinctPoints }
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
    const record = {
      ...experimentRecord('sensitivity', base, outcome, plan.factors, chosen, result.notes, design),
      ...(effects.method === 'oat' ? { baseOutcome: effects.base } : {}),
      files: Object.fromEntries(files.map((name) => [name, statSync(join(staging, name)).size])),
      input: inputRecord(base, outcome.settings),
    };
    files.push(writeText(staging, 'run.json', JSON.stringify(record, null, 2) + '\n'));
    return files;
  });
  return { ...written, effects };
}
