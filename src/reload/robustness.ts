// `sim report` for a robustness analysis's folder: the scenarios and settings from run.json, the futures planned
// again from the recorded design and seed (and checked against futures.csv), every run's kept figures from
// robustness-runs.csv; the analysis (effects, regrets, costs, PRIM) is made again from them by the command's code.
import { join } from 'node:path';
import { UsageError } from '../core/errors.js';
import { report as messages } from '../core/messages.js';
import { RANKING_METRICS, type RankingMetric } from '../compare/compare.js';
import {
  analyseRobustness,
  KEPT,
  planFutures,
  type FuturesPlan,
  type PreparedRobustness,
  type RobustnessResult,
  type RobustnessRuns,
} from '../experiments/robustness.js';
import { csvNumber } from '../output/format.js';
import type { LoadedScenario } from '../scenario/load.js';
import { exactCell, isNumber, isObject, type FolderRecord, type Json } from './record.js';

export interface ReloadedRobustness {
  command: 'robustness';
  result: RobustnessResult;
  /** The metric and horizon the folder holds: robustness-runs.csv keeps only these, so only these can be written again. */
  outcome: { metric: string; year: number };
}

/**
 * Reads a robustness analysis's folder back. The futures from a posterior (`--futures-from posterior`) are refused:
 * their particles were drawn from a file outside the folder. The result's language and folder are placeholders that
 * writeReloaded sets.
 */
export function reloadRobustness(read: FolderRecord): ReloadedRobustness {
  const { record, field, recordShown } = read;
  const settings = read.settings();
  const isText = (v: unknown) => typeof v === 'string';
  const baseline: LoadedScenario = { file: field<string>(record.file, 'file', isText), ...read.scenario(record.input, 'input') };
  const listed = field<Json[]>(record.policies, 'policies', (v) => Array.isArray(v) && v.length > 0 && v.every((p) => isObject(p) && isText(p.file)));
  const policies: LoadedScenario[] = listed.map((p, k) => {
    const loaded = { file: p.file as string, ...read.scenario(p.input, `policies[${k}].input`) };
    field(p.name, `policies[${k}].name`, (v) => v === loaded.resolved.name);
    return loaded;
  });
  const outcome = field<{ metric: RankingMetric; year: number }>(
    record.outcome,
    'outcome',
    (v) => isObject(v) && (RANKING_METRICS as readonly unknown[]).includes(v.metric) && isNumber(v.year),
  );
  const futures = field<Json>(record.futures, 'futures', (v) => isObject(v) && isNumber(v.n) && isNumber(v.seed));
  if (futures.from === 'posterior') throw new UsageError(messages.unsupportedDesign(recordShown, 'futures drawn from a posterior (--futures-from posterior)'));
  field(futures.from, 'futures.from', (v) => v === 'ranges');
  const parameters = field<Json[]>(futures.parameters, 'futures.parameters', (v) => Array.isArray(v) && v.every((p) => isObject(p) && isText(p.parameter)));
  let plan: FuturesPlan;
  try {
    plan = planFutures(
      baseline,
      futures.n as number,
      'ranges',
      futures.seed as number,
      parameters.map((p) => p.parameter as string),
    );
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    throw new UsageError(messages.unreadableRecord(recordShown, `its futures cannot be planned again: ${error.message}`));
  }
  checkFutures(read, plan);
  const discovery = field<Json>(
    record.discovery,
    'discovery',
    (v) => isObject(v) && Array.isArray(v.policies) && isNumber(v.alpha) && isNumber(v.minSupport) && isNumber(v.threshold),
  );
  const names = policies.map((p) => p.resolved.name);
  const discover = (discovery.policies as unknown[]).map((name) =>
    field<number>(names.indexOf(name as string), 'discovery.policies', (k) => (k as number) >= 0),
  );
  const design = field<Json>(record.design, 'design', isObject);
  const prepared: PreparedRobustness = {
    baseline,
    policies,
    settings,
    plan,
    metric: outcome.metric,
    horizonYear: outcome.year,
    discover,
    prim: { alpha: discovery.alpha as number, minSupport: discovery.minSupport as number, threshold: discovery.threshold as number },
    lang: 'zh',
    dir: '',
    // Only running needs the scenarios of each future.
    variants: [],
    notes: field<string[]>(record.notes ?? [], 'notes', (v) => Array.isArray(v) && v.every(isText)),
  };
  const runs: RobustnessRuns = {
    figures: readKept(read, prepared),
    threads: isNumber(record.threads) ? record.threads : 1,
    wallMs: isNumber(record.wallMs) ? record.wallMs : 0,
    modelRuns: field<number>(design.modelRuns, 'design.modelRuns', isNumber),
  };
  return { command: 'robustness', result: analyseRobustness(prepared, runs), outcome: { metric: outcome.metric, year: outcome.year } };
}

/** futures.csv's future numbers and parameter values must be the futures planned again (as the file writes them). */
function checkFutures(read: FolderRecord, plan: FuturesPlan): void {
  const shown = join(read.shown, 'futures.csv');
  const rows = read.table('futures.csv');
  const labels = plan.factors.map((f) => f.label);
  const head = ['future', ...labels];
  if (rows[0]?.slice(0, head.length).join(',') !== head.join(','))
    throw new UsageError(messages.badTable(shown, 1, `the columns do not start with ${head.join(',')}, the parameters run.json records`));
  if (rows.length - 1 !== plan.values.length)
    throw new UsageError(messages.badTable(shown, 0, `${rows.length - 1} futures where run.json records ${plan.values.length}`));
  plan.values.forEach((values, f) => {
    const want = [String(f), ...values.map(csvNumber)];
    const found = rows[f + 1].slice(0, want.length);
    if (found.join(',') !== want.join(','))
      throw new UsageError(
        messages.badTable(shown, f + 2, `expected the future planned again from run.json's seed, ${want.join(',')}, found ${found.join(',')}`),
      );
  });
}

/** robustness-runs.csv (scenario, future, run, seed, year, then KEPT) as figures[s][f]: runs × KEPT numbers; each row checked against the run it must be. */
function readKept(read: FolderRecord, prepared: PreparedRobustness): Float64Array[][] {
  const file = 'robustness-runs.csv';
  const shown = join(read.shown, file);
  const rows = read.table(file);
  const columns = ['scenario', 'future', 'run', 'seed', 'year', ...KEPT.map((k) => (k === 'metric' ? prepared.metric : k))];
  if (rows[0]?.join(',') !== columns.join(',')) throw new UsageError(messages.badTable(shown, 1, `the columns are not ${columns.join(',')}`));
  const names = [prepared.baseline, ...prepared.policies].map((p) => p.resolved.name);
  const { runs, seed } = prepared.settings;
  const futures = prepared.plan.values.length;
  const expected = names.length * futures * runs;
  if (rows.length - 1 !== expected) throw new UsageError(messages.badTable(shown, 0, `${rows.length - 1} rows where the run's design makes ${expected}`));
  let line = 1;
  return names.map((name) =>
    Array.from({ length: futures }, (_, f) => {
      const figures = new Float64Array(runs * KEPT.length);
      for (let r = 0; r < runs; r++) {
        const row = rows[line++];
        const want = [name, String(f), String(r), String(seed), String(prepared.horizonYear)];
        if (row.slice(0, want.length).join(',') !== want.join(','))
          throw new UsageError(messages.badTable(shown, line, `expected ${want.join(',')} before the figures, found ${row.slice(0, want.length).join(',')}`));
        KEPT.forEach((_, k) => {
          const value = exactCell(row[want.length + k]);
          if (value === undefined) throw new UsageError(messages.badTable(shown, line, `the value "${row[want.length + k]}" is not a number`));
          figures[r * KEPT.length + k] = value;
        });
      }
      return figures;
    }),
  );
}
