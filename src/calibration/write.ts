// The files of a calibration: the posterior ensemble, the fit of every target, the parameters, the generations, the
// fitted scenario (the input file with the fitted values set, comments kept), and what to chart (Node only:
// writeCalibration in src/publish.ts writes them into the result folder).
import { readFileSync } from 'node:fs';
import { isMap, isScalar, parseDocument } from 'yaml';
import { formatPath } from '../core/errors.js';
import type { StagedFolder } from '../output/folder.js';
import type { CalibrationResult } from './calibrate.js';
import type { Target } from './targets.js';

/** A target's figure in words: "700–800", "≤ 0.03", "≥ 0.5", "152000". */
export function targetFigure(target: Target, format: (x: number) => string = String): string {
  if (target.kind === 'within' && target.range) return `${format(target.range[0])}–${format(target.range[1])}`;
  const value = format(target.value ?? NaN);
  return target.kind === 'atMost' ? `≤ ${value}` : target.kind === 'atLeast' ? `≥ ${value}` : value;
}

/**
 * posterior.csv (one row per particle: its weight, distance and every fitted parameter), fit.csv (every target
 * before and after, with its band over the ensemble), parameters.csv (prior, fit and posterior of each parameter,
 * and whether the targets identify it) and generations.csv (the ABC-SMC tolerance schedule).
 */
export function writeCalibrationTables(folder: StagedFolder, result: CalibrationResult): void {
  // One column per parameter, named by its path in the scenario (`locations.bazhong.jobSlack`).
  const labels = result.factors.map((f) => f.label);
  folder.csv(
    'posterior.csv',
    ['particle', 'weight', 'distance', ...labels],
    result.abc.particles.map((p, k) => ({ particle: k, weight: p.weight, distance: p.distance, ...Object.fromEntries(labels.map((l, j) => [l, p.theta[j]])) })),
  );
  folder.csv(
    'fit.csv',
    [
      'target',
      'label',
      'kind',
      'value',
      'tolerance',
      'heldOut',
      'before',
      'fitted',
      'ensembleP5',
      'ensembleP50',
      'ensembleP95',
      'error',
      'relativeError',
      'met',
      'source',
    ],
    result.fits.map((f) => ({
      target: f.target.name,
      label: f.target.label,
      kind: f.target.kind,
      value: f.target.value ?? '',
      low: f.target.range?.[0] ?? '',
      high: f.target.range?.[1] ?? '',
      tolerance: f.target.tolerance,
      heldOut: f.target.heldOut,
      before: f.before,
      fitted: f.fitted,
      ensembleP5: f.ensemble.p5,
      ensembleP50: f.ensemble.p50,
      ensembleP95: f.ensemble.p95,
      error: f.error,
      relativeError: f.relativeError,
      met: f.met,
      source: f.target.source,
    })),
  );
  folder.csv(
    'parameters.csv',
    ['parameter', 'priorLow', 'priorHigh', 'before', 'fitted', 'posteriorMean', 'posteriorSd', 'p5', 'p50', 'p95', 'sdRatio', 'identified', 'source'],
    result.parameters.map((p) => ({
      parameter: p.factor.label,
      priorLow: p.factor.range![0],
      priorHigh: p.factor.range![1],
      before: p.factor.base,
      fitted: p.fitted,
      posteriorMean: p.mean,
      posteriorSd: p.sd,
      p5: p.q05,
      p50: p.q50,
      p95: p.q95,
      sdRatio: p.sdRatio,
      identified: identified(p.sdRatio),
      source: p.factor.source ?? '',
    })),
  );
  folder.csv(
    'generations.csv',
    ['generation', 'epsilon', 'accepted', 'simulations', 'acceptanceRate', 'ess', 'complete'],
    result.abc.history.map((g) => ({ ...g })),
  );
  // The ensemble at full precision (posterior.csv rounds): what `sim report` reads back, with each particle's
  // evaluation index and its simulated value of every target.
  const targetColumns = result.targets.map((t) => simulatedColumn(t.name));
  folder.csv(
    'particles.csv',
    particlesColumns(result),
    result.abc.particles.map((p, k) => ({
      particle: k,
      index: p.index,
      weight: p.weight,
      distance: p.distance,
      ...Object.fromEntries(labels.map((l, j) => [l, p.theta[j]])),
      ...Object.fromEntries(targetColumns.map((c, t) => [c, result.particleMoments[k][t]])),
    })),
    { exact: true },
  );
}

/** The columns of particles.csv: the particle, its evaluation index, weight and distance, each parameter, each target's simulated value. */
export function particlesColumns(result: Pick<CalibrationResult, 'factors' | 'targets'>): string[] {
  return ['particle', 'index', 'weight', 'distance', ...result.factors.map((f) => f.label), ...result.targets.map((t) => simulatedColumn(t.name))];
}

/** The column of particles.csv that holds a target's simulated value. */
const simulatedColumn = (target: string) => `simulated ${target}`;

/**
 * Whether the targets identify a parameter: its posterior is narrower than 70 % of its prior's spread (standard
 * deviations). A posterior as wide as the prior means the targets say little about it.
 */
export function identified(sdRatio: number): boolean {
  return sdRatio < 0.7;
}

/**
 * The scenario file with the point fit's values set: each fitted parameter's `value` (or bare number) replaced where
 * it is written, and its source noted as calibrated; every other character of the file (comments, layout) kept. A
 * parameter the file does not write (inherited with `extends`) is added, and then the file is printed anew. `file` is
 * the scenario file the calibration loaded.
 */
export function fittedScenarioText(file: string, result: CalibrationResult, targetsName: string): string {
  const text = readFileSync(file, 'utf8');
  const doc = parseDocument(text);
  const note = `calibrated by sim calibrate to ${targetsName}`;
  // Replacements in the text, by the character range of the node they replace; applied from the end.
  const edits: { from: number; to: number; text: string }[] = [];
  let missing = false;
  result.factors.forEach((factor, j) => {
    const value = Number(result.parameters[j].fitted.toPrecision(4));
    const node = doc.getIn(factor.path, true);
    const scalar = isMap(node) ? node.get('value', true) : node;
    if (!isScalar(scalar) || !scalar.range) {
      missing = true;
      doc.setIn(factor.path, value);
      return;
    }
    edits.push({ from: scalar.range[0], to: scalar.range[1], text: String(value) });
    const source = isMap(node) ? node.get('source', true) : undefined;
    if (isScalar(source) && source.range && typeof source.value === 'string' && !source.value.includes(note))
      edits.push({ from: source.range[0], to: source.range[1], text: JSON.stringify(`${source.value}; ${note}`) });
  });
  if (missing) return doc.toString({ lineWidth: 0 });
  let out = text;
  for (const e of edits.sort((x, y) => y.from - x.from)) out = out.slice(0, e.from) + e.text + out.slice(e.to);
  return out;
}

/** What run.json records of a calibration besides the common fields. */
export function calibrationRecord(result: CalibrationResult) {
  return {
    kind: 'calibration',
    method:
      'ABC-SMC with an adaptive tolerance (Beaumont et al. 2009; Del Moral et al. 2012) for the posterior ensemble, one model run per particle; then the method of simulated moments: Nelder–Mead (fmin) on the mean over fitRuns replications with common random numbers, from the best particle',
    settings: result.settings,
    parameters: result.factors.map((f, j) => ({
      parameter: f.label,
      path: formatPath(f.path),
      range: f.range,
      before: f.base,
      fitted: result.parameters[j].fitted,
    })),
    distance: { before: result.distanceBefore, after: result.distanceAfter },
    generations: result.abc.history.length,
    particles: result.abc.particles.length,
    pointEvaluations: result.pointEvaluations,
    modelRuns: result.modelRuns,
    // At full precision, for `sim report` (fit.csv and generations.csv round): each target as defined and its fit,
    // the sampler's last state without its particles (particles.csv holds them) and every generation.
    fits: result.fits,
    sampler: { generation: result.abc.generation, simulations: result.abc.simulations, done: result.abc.done, stopReason: result.abc.stopReason },
    history: result.abc.history,
  };
}
