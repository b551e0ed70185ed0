// Runs the points of an experiment — each a variant of one scenario — with the same seeds, on the runner's scheduler (Node only).
import { performance } from 'node:perf_hooks';
import type { RunResult } from '../core/results.js';
import { SUMMARY_METRIC_NAMES, summaryRunRows } from '../core/rows.js';
import type { ResolvedScenario } from '../scenario/resolve.js';
import type { Scenario } from '../scenario/schema.js';
import { registryOf, resolveVariant } from '../scenario/variant.js';
import { chooseThreads, replicationTasks, runSettings, type RunSettings } from '../runner/run.js';
import { scheduleTasks, type ModelTask } from '../runner/scheduler.js';
import { ParticleScenarios, replicationDraws, uncertaintyRecord, type ReplicationDraw, type UncertaintyRecord } from '../runner/uncertainty.js';
import type { Posterior } from '../scenario/posterior.js';
import { withValues, type Factor } from './paths.js';
import type { PointFigures } from './plan.js';

/** A loaded scenario: what loadScenario returns (the file is optional). */
export interface ExperimentBase {
  scenario: Scenario;
  resolved: ResolvedScenario;
  file?: string;
  /** The scenario's posterior (loadScenario reads it): a sweep's runs draw their parameters from it (see drawPointParticles). */
  posterior?: Posterior;
}

export interface PointRunOptions {
  /** Replications per point; default: the scenario's run.runs. */
  runs?: number;
  /** Master seed, the same for every point (common random numbers); default: the scenario's run.seed. */
  seed?: number;
  years?: number;
  scale?: number;
  /** Worker threads, this one included; 1 runs everything here. Default: min(model runs, CPUs). */
  threads?: number;
  /** Called as ticks complete, summed over all points and replications. */
  onProgress?: (doneTicks: number, totalTicks: number) => void;
  /** Aborting it stops every run at once; the call rejects with its reason. */
  signal?: AbortSignal;
}

/** The design points made into scenarios: distinct settings are run once, repeats share the run. */
export interface PreparedPoints {
  factors: Factor[];
  /** The factor values of each design point. */
  values: number[][];
  /** For each design point, the index of its distinct scenario in `scenarios`. */
  runOf: number[];
  /** One resolved scenario per distinct point. */
  scenarios: ResolvedScenario[];
  /** A note for every value outside its declared range (once per factor and value). */
  notes: string[];
  /**
   * With parameter uncertainty: the particle replication r of every point draws, and the scenario of each distinct
   * point with each drawn particle (the point's values override the particle's for a swept parameter).
   */
  drawn?: { posterior: Posterior; draws: ReplicationDraw[]; tasks: ModelTask[][] };
}

export interface PointsOutcome extends PointFigures {
  settings: RunSettings;
  threads: number;
  wallMs: number;
  /** Model runs made: distinct points × runs. */
  modelRuns: number;
  /** The uncertainty mode, and with a posterior each replication's particle and values. */
  uncertainty?: UncertaintyRecord;
  /**
   * Bazhong's summary figures per design point: runs × years × metrics numbers (metrics in SUMMARY_METRIC_NAMES
   * order); read them with `figure` (plan.ts).
   */
  figures: Float64Array[];
}

/**
 * Makes every design point into a validated, resolved scenario (a copy of the base with the factor values set),
 * before anything runs, so that a value the scenario cannot take (a share above 1, say) is reported at once.
 * Identical points are resolved and run once.
 */
export function preparePoints(base: ExperimentBase, factors: Factor[], values: number[][]): PreparedPoints {
  const registry = registryOf(base.resolved);
  const seen = new Map<string, number>();
  const notes = new Set<string>();
  const scenarios: ResolvedScenario[] = [];
  const runOf = values.map((point) => {
    const key = point.map((v) => String(v)).join(',');
    const known = seen.get(key);
    if (known !== undefined) return known;
    const { scenario, notes: pointNotes } = withValues(base.scenario, factors, point);
    pointNotes.forEach((n) => notes.add(n));
    scenarios.push(resolveVariant(scenario, registry, factors, point));
    seen.set(key, scenarios.length - 1);
    return scenarios.length - 1;
  });
  return { factors, values, runOf, scenarios, notes: [...notes] };
}

/**
 * Draws the particle of each replication from the base's posterior (the same for every point: paired) and makes
 * every distinct point with every drawn particle into a resolved scenario, before anything runs; a swept parameter
 * keeps the point's value. Returns `prepared` with its `drawn` tasks.
 */
export function drawPointParticles(base: ExperimentBase & { posterior: Posterior }, prepared: PreparedPoints, settings: RunSettings): PreparedPoints {
  const draws = replicationDraws(base.posterior, settings.seed, settings.runs);
  const particles = new ParticleScenarios(base, base.posterior);
  const { seed, years, scale } = settings;
  const tasks = prepared.scenarios.map((_, k) => {
    const values = prepared.values[prepared.runOf.indexOf(k)];
    const fixed = { factors: prepared.factors, values, key: String(k) };
    return draws.map(({ replication, row }) => ({ scenario: particles.get(row, fixed), options: { replication, seed, years, scale } }));
  });
  return { ...prepared, notes: [...new Set([...prepared.notes, ...particles.notes])], drawn: { posterior: base.posterior, draws, tasks } };
}

/**
 * Runs replications 0 … runs − 1 of every distinct point, with the same master seed for all (so the points differ
 * only by their values, not by their random numbers), on `threads − 1` worker threads and this one. Each
 * (point, replication) is its own task and its figures depend only on it, so the outcome is identical whatever the
 * thread count. Only Bazhong's summary figures are kept; each run's full results are dropped as soon as they arrive.
 */
export async function runPoints(base: ExperimentBase, prepared: PreparedPoints, options: PointRunOptions = {}): Promise<PointsOutcome> {
  const settings = runSettings(base.resolved, options);
  const tasks = prepared.drawn ? prepared.drawn.tasks.flat() : prepared.scenarios.flatMap((scenario) => replicationTasks(scenario, settings));
  const threads = chooseThreads(base.resolved, tasks.length, options.threads);
  const M = SUMMARY_METRIC_NAMES.length;
  const distinct = prepared.scenarios.map(() => new Float64Array(settings.runs * settings.years * M));
  const keep = (task: number, result: RunResult) => {
    const point = Math.floor(task / settings.runs);
    const rows = summaryRunRows([result], prepared.scenarios[point]);
    const out = distinct[point];
    rows.forEach((row, i) => (out[result.replication * settings.years * M + i] = row.value));
  };
  const started = performance.now();
  await scheduleTasks(tasks, keep, { threads, onProgress: options.onProgress, signal: options.signal, fileOf: () => base.file });
  const uncertainty = uncertaintyRecord(prepared.drawn ? 'posterior' : 'none', prepared.drawn?.posterior, prepared.drawn?.draws);
  return { settings, threads, wallMs: performance.now() - started, modelRuns: tasks.length, figures: prepared.runOf.map((k) => distinct[k]), uncertainty };
}
