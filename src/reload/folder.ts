// `sim report`: a sweep's, sensitivity analysis's, robustness analysis's, comparison's or calibration's result folder read back into the result its command wrote it from
// (run.json for the scenario, settings and design; the raw runs file for every run's figures), so that the command's
// own writer (src/publish.ts) makes its tables, charts and report.html again without running the model.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../core/errors.js';
import { report as messages } from '../core/messages.js';
import { SUMMARY_METRIC_NAMES } from '../core/rows.js';
import { planSensitivity, planSweep, type SensitivityMethod } from '../experiments/plan.js';
import type { ExperimentBase, PointsOutcome } from '../experiments/runner.js';
import type { SensitivityResult } from '../experiments/sensitivity.js';
import type { SweepResult } from '../experiments/sweep.js';
import { packageInfo } from '../output/record.js';
import type { RunSettings } from '../runner/run.js';
import type { UncertaintyRecord } from '../runner/uncertainty.js';
import { exactCell, folderRecord, isNumber, isObject, type FolderRecord, type Json } from './record.js';
import { reloadCalibration, type ReloadedCalibration } from './calibrate.js';
import { reloadComparison, type ReloadedComparison } from './compare.js';
import { reloadRobustness, type ReloadedRobustness } from './robustness.js';

/** A result folder read back: the command that wrote it and the result its writer takes, and the outcome it charted. */
export type ReloadedFolder =
  | { command: 'sweep'; result: SweepResult; outcome: { metric: string; year: number } }
  | { command: 'sensitivity'; result: SensitivityResult; outcome: { metric: string; year: number } }
  | ReloadedRobustness
  | ReloadedComparison
  | ReloadedCalibration;

/** The commands whose folders reloadFolder reads. */
export const RELOADABLE = ['sweep', 'sensitivity', 'robustness', 'compare', 'calibrate'] as const;

/**
 * Reads the result folder `dir` back: its run.json (the same package version, a sweep or a sensitivity analysis) and
 * its raw runs file (sweep-runs.csv or runs.csv, every run's figures at full precision). The design is planned again
 * from run.json with the same code and checked against the points of the runs file. `shown` names the folder in
 * messages. Every problem is a UsageError that names the file and the fix.
 */
export function reloadFolder(dir: string, shown = dir): ReloadedFolder {
  const recordFile = join(dir, 'run.json');
  const recordShown = join(shown, 'run.json');
  if (!existsSync(dir)) throw new UsageError(messages.notFound(shown));
  if (!statSync(dir).isDirectory()) throw new UsageError(messages.notAFolder(shown));
  if (!existsSync(recordFile)) throw new UsageError(messages.noRecord(shown));
  let record: Json;
  try {
    record = JSON.parse(readFileSync(recordFile, 'utf8')) as Json;
    if (!record || typeof record !== 'object' || Array.isArray(record)) throw new Error('it does not hold a JSON object');
  } catch (error) {
    throw new UsageError(messages.unreadableRecord(recordShown, error instanceof Error ? error.message : String(error)));
  }
  const field = <T>(value: unknown, name: string, ok: (v: unknown) => boolean): T => {
    if (!ok(value)) throw new UsageError(messages.missingField(recordShown, name));
    return value as T;
  };
  const command = field<string>(record.command, 'command', (v) => typeof v === 'string');
  const pkg = field<Json>(record.package, 'package', isObject);
  const current = packageInfo();
  if (pkg.name !== current.name || pkg.version !== current.version)
    throw new UsageError(messages.otherVersion(recordShown, `${String(pkg.name)} ${String(pkg.version)}`, `${current.name} ${current.version}`));
  if (!(RELOADABLE as readonly string[]).includes(command)) throw new UsageError(messages.unsupported(recordShown, command));

  const read = folderRecord(dir, shown, record);
  if (command === 'robustness') return reloadRobustness(read);
  if (command === 'compare') return reloadComparison(read);
  if (command === 'calibrate') return reloadCalibration(read);
  const settings = read.settings();
  const base: ExperimentBase = { ...read.scenario(record.input, 'input'), ...(typeof record.file === 'string' ? { file: record.file } : {}) };
  const design = field<Json>(record.design, 'design', isObject);
  const factors = field<Json[]>(record.factors, 'factors', (v) => Array.isArray(v) && v.every((f) => isObject(f) && typeof (f as Json).parameter === 'string'));
  const outcome = field<{ metric: string; year: number }>(
    record.outcome,
    'outcome',
    (v) => isObject(v) && typeof (v as Json).metric === 'string' && isNumber((v as Json).year),
  );
  const notes = field<string[]>(record.notes ?? [], 'notes', (v) => Array.isArray(v) && v.every((n) => typeof n === 'string'));
  const size = { runs: settings.runs, maxModelRuns: Infinity };

  const figuresOf = (file: string, lead: string[], points: unknown[][]) => readFigures(read, file, lead, points, settings);
  const pointsOutcome = (figures: Float64Array[]): PointsOutcome => {
    const uncertainty = isObject(record.uncertainty) ? ({ ...(record.uncertainty as Json) } as Json) : undefined;
    if (uncertainty) delete uncertainty.note;
    return {
      settings,
      threads: isNumber(record.threads) ? (record.threads as number) : 1,
      wallMs: isNumber(record.wallMs) ? (record.wallMs as number) : 0,
      modelRuns: field<number>(design.modelRuns, 'design.modelRuns', isNumber),
      ...(uncertainty ? { uncertainty: uncertainty as unknown as UncertaintyRecord } : {}),
      figures,
    };
  };
  const distinctPoints = field<number>(design.distinctPoints, 'design.distinctPoints', isNumber);

  if (command === 'sweep') {
    const type = design.type;
    const plan =
      type === 'grid'
        ? planSweep(base, {
            ...size,
            sample: 'grid',
            seed: settings.seed,
            vary: factors.map((f) => ({
              path: f.parameter as string,
              values: field<number[]>(f.values, 'factors[].values', (v) => Array.isArray(v) && v.every(isNumber)),
            })),
          })
        : type === 'lhs'
          ? planSweep(base, {
              ...size,
              sample: 'lhs',
              n: field<number>(design.n, 'design.n', isNumber),
              seed: field<number>(design.seed, 'design.seed', isNumber),
              vary: factors.map((f) => f.parameter as string),
            })
          : field<never>(type, 'design.type', () => false);
    const figures = figuresOf(
      'sweep-runs.csv',
      ['point', ...plan.factors.map((f) => f.label)],
      plan.points.map((values, p) => [p, ...values]),
    );
    return { command, outcome, result: { base, plan, outcome: pointsOutcome(figures), distinctPoints, notes } };
  }

  const method = field<SensitivityMethod>(design.type, 'design.type', (v) => v === 'oat' || v === 'morris' || v === 'sobol');
  if (design.posterior !== undefined) throw new UsageError(messages.unsupportedDesign(recordShown, "Sobol' indices over a posterior (--ranges posterior)"));
  const plan = planSensitivity(base, {
    ...size,
    method,
    seed: method === 'oat' ? settings.seed : field<number>(design.seed, 'design.seed', isNumber),
    vary: factors.map((f) => ({
      path: f.parameter as string,
      values: field<number[]>(f.range, 'factors[].range', (v) => Array.isArray(v) && v.length === 2 && v.every(isNumber)),
    })),
    ...(method === 'morris'
      ? { trajectories: field<number>(design.trajectories, 'design.trajectories', isNumber), levels: field<number>(design.levels, 'design.levels', isNumber) }
      : {}),
    ...(method === 'sobol' ? { n: field<number>(design.baseSamples, 'design.baseSamples', isNumber) } : {}),
  });
  const labels = plan.factors.map((f) => f.label);
  const lead =
    method === 'oat'
      ? { columns: ['point', 'parameter', 'level'], values: plan.oat!.map((o, p) => [p, o.factor < 0 ? '' : labels[o.factor], o.level]) }
      : method === 'sobol'
        ? {
            columns: ['point', 'sample', 'matrix', 'parameter'],
            values: plan.sobol!.design.steps.map((s, p) => [p, s.sample, s.matrix, s.factor < 0 ? '' : labels[s.factor]]),
          }
        : {
            columns: ['point', 'trajectory', 'step', 'parameter'],
            values: plan.morris!.steps.map((s, p) => [p, s.trajectory, s.step, s.factor < 0 ? '' : labels[s.factor]]),
          };
  const figures = figuresOf('runs.csv', lead.columns, lead.values);
  return { command: 'sensitivity', outcome, result: { base, plan, outcome: pointsOutcome(figures), distinctPoints, notes } };
}

/**
 * Every run's figures from a raw runs file (pointRunsTable's layout: the lead columns, run, seed, year, metric,
 * value), as runs × years × metrics numbers per point; each row is checked against the planned point, run, year and
 * metric it must be, so an edited or cut file is refused rather than read into other figures.
 */
function readFigures(read: FolderRecord, file: string, leadColumns: string[], leads: unknown[][], settings: RunSettings): Float64Array[] {
  const shown = join(read.shown, file);
  const rows = read.table(file);
  const columns = [...leadColumns, 'run', 'seed', 'year', 'metric', 'value'];
  if (rows[0]?.join(',') !== columns.join(',')) throw new UsageError(messages.badTable(shown, 1, `the columns are not ${columns.join(',')}`));
  const { runs, years, startYear, seed } = settings;
  const M = SUMMARY_METRIC_NAMES.length;
  const expected = leads.length * runs * years * M;
  if (rows.length - 1 !== expected) throw new UsageError(messages.badTable(shown, 0, `${rows.length - 1} rows where the run's design makes ${expected}`));
  const cell = (x: unknown) => (typeof x === 'number' ? String(x + 0) : String(x));
  const figures = leads.map(() => new Float64Array(runs * years * M));
  let line = 1;
  leads.forEach((lead, p) => {
    for (let run = 0; run < runs; run++)
      for (let y = 0; y < years; y++)
        for (const [m, metric] of SUMMARY_METRIC_NAMES.entries()) {
          const row = rows[line++];
          const want = [...lead, run, seed, startYear + y, metric];
          const leadCells = row.slice(0, want.length);
          // A point's values are read as numbers (a value written 0.1 reads back as the planned 0.1).
          const same = want.every((w, k) => (typeof w === 'number' ? Number(leadCells[k]) === w : leadCells[k] === cell(w)));
          if (!same)
            throw new UsageError(messages.badTable(shown, line, `expected ${want.map(cell).join(',')} before the value, found ${leadCells.join(',')}`));
          const text = row[want.length];
          const value = exactCell(text);
          if (value === undefined) throw new UsageError(messages.badTable(shown, line, `the value "${text}" is not a number`));
          figures[p][(run * years + y) * M + m] = value;
        }
  });
  return figures;
}
