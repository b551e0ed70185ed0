// `sim report` for a calibration's folder: the scenario, settings, parameters, targets, fit and generations from
// run.json (its numbers at full precision), the posterior ensemble from particles.csv (full precision) and the fitted
// scenario file as it was written, read back into what writeCalibration takes, so that it makes the tables, charts,
// report.html and run.json again.
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { UsageError } from '../core/errors.js';
import { report as messages } from '../core/messages.js';
import type { AbcSmcState, GenerationSummary, Particle } from '../calibration/abc-smc.js';
import { posteriorSummary } from '../calibration/abc-smc.js';
import type { CalibrationResult, TargetFit } from '../calibration/calibrate.js';
import { MEASURE_KINDS, TARGET_KINDS, type Target } from '../calibration/targets.js';
import { particlesColumns } from '../calibration/write.js';
import { findFactor, withValues } from '../experiments/paths.js';
import type { ExperimentBase } from '../experiments/runner.js';
import { exactCell, isNumber, isObject, type FolderRecord, type Json } from './record.js';

export interface ReloadedCalibration {
  command: 'calibrate';
  /** The scenario calibrated, as run (its file as run.json records it). */
  base: ExperimentBase;
  result: CalibrationResult;
  /** The targets file's name, as run.json records it. */
  targetsFile: string;
  /** The fitted scenario file as the folder holds it (the original file, which it was made from, may have changed). */
  fittedText?: string;
}

/** A number of run.json's fits and history: JSON writes NaN and the infinities as null, read back as NaN. */
const figure = (v: unknown) => (v === null ? NaN : v);
const isFigure = (v: unknown) => v === null || isNumber(v);

/** A target as run.json records it (a checked Target of src/calibration/targets.ts). */
function isTarget(v: unknown): boolean {
  if (!isObject(v) || !isObject(v.measure)) return false;
  const text = (k: string) => typeof v[k] === 'string';
  return (
    text('name') &&
    text('label') &&
    text('source') &&
    (TARGET_KINDS as readonly unknown[]).includes(v.kind) &&
    (MEASURE_KINDS as readonly unknown[]).includes(v.measure.kind) &&
    isNumber(v.tolerance) &&
    typeof v.heldOut === 'boolean' &&
    (v.kind === 'within' ? Array.isArray(v.range) && v.range.length === 2 && v.range.every(isNumber) : isNumber(v.value))
  );
}

/**
 * Reads a calibration's folder back. Every problem is a UsageError that names the file, the line or field, and the
 * fix.
 */
export function reloadCalibration(read: FolderRecord): ReloadedCalibration {
  const { record, field, recordShown } = read;
  const loaded = read.scenario(record.input, 'input');
  const file = record.file === undefined ? undefined : field<string>(record.file, 'file', (v) => typeof v === 'string');
  const targetsFile = field<string>(record.targets, 'targets', (v) => typeof v === 'string');
  const settings = field<CalibrationResult['settings']>(
    record.settings,
    'settings',
    (v) => isObject(v) && ['seed', 'scale', 'years', 'particles', 'fitRuns', 'threads'].every((k) => isNumber(v[k])),
  );
  const listed = field<Json[]>(
    record.parameters,
    'parameters',
    (v) => Array.isArray(v) && v.length > 0 && v.every((p) => isObject(p) && typeof p.parameter === 'string' && isNumber(p.fitted)),
  );
  const fitsListed = field<Json[]>(
    record.fits,
    'fits',
    (v) =>
      Array.isArray(v) &&
      v.length > 0 &&
      v.every(
        (f) =>
          isObject(f) &&
          isObject(f.target) &&
          ['before', 'fitted', 'error', 'relativeError'].every((k) => isFigure(f[k])) &&
          isObject(f.ensemble) &&
          ['p5', 'p50', 'p95'].every((k) => isFigure((f.ensemble as Json)[k])) &&
          typeof f.met === 'boolean',
      ),
  );
  // The parameters found again in the scenario as run; the targets as checked when sim calibrate read them.
  const factors = listed.map((p, j) => {
    try {
      const factor = findFactor(loaded.scenario, p.parameter as string);
      if (factor.range) return factor;
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
    }
    throw new UsageError(messages.missingField(recordShown, `parameters[${j}].parameter`));
  });
  const targets = fitsListed.map((f, k) => field<Target>(f.target, `fits[${k}].target`, isTarget));
  const fits: TargetFit[] = fitsListed.map((f, k) => {
    const ensemble = f.ensemble as Json;
    return {
      target: targets[k],
      before: figure(f.before) as number,
      fitted: figure(f.fitted) as number,
      ensemble: { p5: figure(ensemble.p5) as number, p50: figure(ensemble.p50) as number, p95: figure(ensemble.p95) as number },
      error: figure(f.error) as number,
      relativeError: figure(f.relativeError) as number,
      met: f.met as boolean,
    };
  });
  const history = field<GenerationSummary[]>(
    record.history,
    'history',
    (v) =>
      Array.isArray(v) &&
      v.length > 0 &&
      v.every(
        (g) =>
          isObject(g) &&
          ['generation', 'epsilon', 'accepted', 'simulations', 'acceptanceRate', 'ess'].every((k) => isFigure(g[k])) &&
          typeof g.complete === 'boolean',
      ),
  ).map((g) => ({ ...g, epsilon: figure(g.epsilon) as number, acceptanceRate: figure(g.acceptanceRate) as number, ess: figure(g.ess) as number }));
  const sampler = field<Json>(
    record.sampler,
    'sampler',
    (v) =>
      isObject(v) &&
      isNumber(v.generation) &&
      isNumber(v.simulations) &&
      typeof v.done === 'boolean' &&
      (v.stopReason === undefined || typeof v.stopReason === 'string'),
  );
  const distance = field<Json>(record.distance, 'distance', (v) => isObject(v) && isFigure(v.before) && isFigure(v.after));
  const count = (name: string) => field<number>(record[name], name, isNumber);

  const { particles, moments } = readParticles(read, { factors, targets }, field<number>(record.particles, 'particles', isNumber));
  const abc: AbcSmcState = {
    generation: sampler.generation as number,
    particles,
    history,
    simulations: sampler.simulations as number,
    done: sampler.done as boolean,
    ...(sampler.stopReason !== undefined ? { stopReason: sampler.stopReason as AbcSmcState['stopReason'] } : {}),
  };
  const fitted = listed.map((p) => p.fitted as number);
  const summary = posteriorSummary(
    abc,
    factors.map((f) => f.range!),
  );
  const result: CalibrationResult = {
    factors,
    targets,
    settings,
    abc,
    particleMoments: moments,
    parameters: summary.map((s, j) => ({ ...s, factor: factors[j], fitted: fitted[j] })),
    fits,
    distanceBefore: figure(distance.before) as number,
    distanceAfter: figure(distance.after) as number,
    pointEvaluations: count('pointEvaluations'),
    fitted: withValues(loaded.scenario, factors, fitted).scenario,
    modelRuns: count('modelRuns'),
    wallMs: isNumber(record.wallMs) ? record.wallMs : 0,
  };
  // The fitted scenario file sim calibrate wrote beside its tables (only for a scenario from a file).
  let fittedText: string | undefined;
  if (file !== undefined) {
    const path = join(read.dir, basename(file));
    if (!existsSync(path)) throw new UsageError(messages.badTable(join(read.shown, basename(file)), 0, 'the file is missing'));
    fittedText = readFileSync(path, 'utf8');
  }
  return {
    command: 'calibrate',
    base: file !== undefined ? { ...loaded, file } : loaded,
    result,
    targetsFile,
    ...(fittedText !== undefined ? { fittedText } : {}),
  };
}

/** particles.csv (particlesColumns's layout, full precision): the ensemble's particles and each one's simulated value of every target. */
function readParticles(
  read: FolderRecord,
  result: Pick<CalibrationResult, 'factors' | 'targets'>,
  expected: number,
): { particles: Particle[]; moments: number[][] } {
  const file = 'particles.csv';
  const shown = join(read.shown, file);
  const rows = read.table(file);
  const columns = particlesColumns(result);
  if (rows[0]?.join(',') !== columns.join(',')) throw new UsageError(messages.badTable(shown, 1, `the columns are not ${columns.join(',')}`));
  if (rows.length - 1 !== expected) throw new UsageError(messages.badTable(shown, 0, `${rows.length - 1} particles where run.json records ${expected}`));
  const P = result.factors.length;
  const particles: Particle[] = [];
  const moments: number[][] = [];
  rows.slice(1).forEach((row, k) => {
    const line = k + 2;
    const numbers = row.map((text, c) => {
      const value = exactCell(text);
      if (value === undefined) throw new UsageError(messages.badTable(shown, line, `the ${columns[c]} "${text}" is not a number`));
      return value;
    });
    if (numbers[0] !== k) throw new UsageError(messages.badTable(shown, line, `expected particle ${k}, found ${row[0]}`));
    particles.push({ theta: numbers.slice(4, 4 + P), weight: numbers[2], distance: numbers[3], index: numbers[1] });
    moments.push(numbers.slice(4 + P));
  });
  return { particles, moments };
}
