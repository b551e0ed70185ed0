// `sim calibrate`: fits a scenario's behavioural parameters (those a targets file names, each within its declared
// range) to target moments. Two estimates, one run:
//   1. a posterior ensemble by approximate Bayesian computation with sequential Monte Carlo (ABC-SMC, abc-smc.ts):
//      each particle is one model run with its own seed, in batches on worker threads through the scheduler;
//   2. a point fit by the method of simulated moments: Nelder–Mead (optimise.ts) on the weighted distance of the mean
//      moments over `fitRuns` replications with common random numbers, started from the posterior's best particle;
//      each point's replications run on the threads through the same scheduler.
// Everything here is deterministic for a seed and does no I/O; the CLI saves the state between generations (--resume).
import { performance } from 'node:perf_hooks';
import { mean } from '../core/stats.js';
import type { RunResult } from '../core/results.js';
import { preparePoints, type ExperimentBase } from '../experiments/runner.js';
import { findFactor, withValues, type Factor } from '../experiments/paths.js';
import { chooseThreads } from '../runner/run.js';
import { scheduleTasks, type ModelTask } from '../runner/scheduler.js';
import type { Scenario } from '../scenario/schema.js';
import type { ResolvedScenario } from '../scenario/resolve.js';
import { abcSmc, posteriorSummary, weightedQuantile, type AbcSmcState, type ParameterSummary } from './abc-smc.js';
import { distance, measureValue, targetError } from './moments.js';
import { minimiseInBoxAsync } from './optimise.js';
import { lastReportedYearNeeded, type Target, type TargetsFile } from './targets.js';

/** How a calibration runs; every field has a default. */
export interface CalibrationOptions {
  /** Master seed of every model run and of the sampler. Default: the scenario's run.seed. */
  seed?: number;
  /** Persons per agent of the model runs. Default: the scenario's run.scale. */
  scale?: number;
  /** Threads for the model runs, this one included (the ABC batches and each point of the point fit). Default: the CPUs. */
  threads?: number;
  /** Particles of the posterior ensemble (at least 100 by default). */
  particles?: number;
  /** Most ABC-SMC generations. */
  generations?: number;
  /** Each generation's tolerance is this quantile of the previous generation's distances. */
  quantile?: number;
  /** Stop when a generation accepts fewer than this share of its proposals. */
  minAcceptanceRate?: number;
  /** Replications per point of the point fit (common random numbers). */
  fitRuns?: number;
  /** Most iterations of Nelder–Mead in the point fit. */
  fitIterations?: number;
  /** A saved state to go on from (resuming gives exactly what an uninterrupted run gives). */
  resume?: CalibrationState;
  /** Called with the key of this calibration before anything runs: the CLI refuses a saved state with another key. */
  stateKeyCheck?: (key: string) => void;
  /** Called at the end of every generation with the state to save. */
  onState?: (state: CalibrationState) => void | Promise<void>;
  /** Called as model runs complete: `done` so far and a phrase for what is running. */
  onProgress?: (done: number, total: number, phase: string) => void;
  signal?: AbortSignal;
}

export const CALIBRATION_DEFAULTS = {
  particles: 120,
  generations: 6,
  quantile: 0.5,
  minAcceptanceRate: 0.05,
  fitRuns: 4,
  fitIterations: 40,
} as const;

/** What a calibration needs to go on after an interruption: the sampler's state and the moments of its particles. */
export interface CalibrationState {
  version: 1;
  /** What the state belongs to: a calibration of a different scenario, targets or settings cannot resume from it. */
  key: string;
  abc: AbcSmcState;
  /** Simulated moments (one value per target) of the current generation's particles, by evaluation index. */
  moments: Record<number, number[]>;
}

export interface TargetFit {
  target: Target;
  /** Mean over `fitRuns` replications at the scenario's own values, and at the point fit. */
  before: number;
  fitted: number;
  /** Weighted 5 %, 50 % and 95 % quantiles over the posterior ensemble (one model run per particle). */
  ensemble: { p5: number; p50: number; p95: number };
  /** Scaled error at the point fit ((simulated − value) / tolerance, 0 on the good side of a one-sided target). */
  error: number;
  /** Relative error of the point fit: its distance beyond the acceptable value or band ÷ |the target's figure|. */
  relativeError: number;
  met: boolean;
}

export interface CalibrationResult {
  factors: Factor[];
  targets: Target[];
  settings: { seed: number; scale: number; years: number; particles: number; fitRuns: number; threads: number };
  abc: AbcSmcState;
  /** One row per final particle: its simulated value of each target. */
  particleMoments: number[][];
  parameters: (ParameterSummary & { factor: Factor; fitted: number })[];
  fits: TargetFit[];
  /** Weighted distance (fitted targets only) at the scenario's own values and at the point fit. */
  distanceBefore: number;
  distanceAfter: number;
  pointEvaluations: number;
  /** The scenario with the point fit's values. */
  fitted: Scenario;
  modelRuns: number;
  wallMs: number;
}

/** A key naming what a state belongs to. */
function stateKey(base: ExperimentBase, targets: TargetsFile, settings: { seed: number; scale: number; particles: number }): string {
  return JSON.stringify({ scenario: base.resolved.name, parameters: targets.parameters, targets: targets.targets.map((t) => t.name), ...settings });
}

/**
 * Calibrates `base` to `targets`: the ABC-SMC posterior ensemble, then the simulated-moments point fit from its best
 * particle, then every target at the scenario's own values, at the fit and over the ensemble.
 */
export async function calibrate(base: ExperimentBase, targets: TargetsFile, options: CalibrationOptions = {}): Promise<CalibrationResult> {
  const started = performance.now();
  const seed = options.seed ?? base.resolved.run.seed;
  const scale = options.scale ?? base.resolved.run.scale;
  const particles = options.particles ?? CALIBRATION_DEFAULTS.particles;
  const fitRuns = options.fitRuns ?? CALIBRATION_DEFAULTS.fitRuns;
  const years = lastReportedYearNeeded(targets.targets) - base.resolved.run.startYear + 1;
  const factors = targets.parameters.map((name) => findFactor(base.scenario, name));
  const bounds = factors.map((f) => f.range!);
  const fittedTargets = targets.targets;
  const threads = chooseThreads(base.resolved, particles, options.threads);
  const key = stateKey(base, targets, { seed, scale, particles });
  options.stateKeyCheck?.(key);
  let modelRuns = 0;

  const momentsOfRun = (scenario: ResolvedScenario, r: RunResult) => fittedTargets.map((t) => measureValue(t, scenario, r));

  // ---- the posterior ensemble ---------------------------------------------------------------------------------
  let moments = new Map<number, number[]>(options.resume ? Object.entries(options.resume.moments).map(([k, v]) => [Number(k), v]) : []);
  const evaluate = async ({ thetas, indices }: { thetas: number[][]; indices: number[] }) => {
    const prepared = preparePoints(base, factors, thetas);
    const tasks: ModelTask[] = thetas.map((_, k) => ({
      scenario: prepared.scenarios[prepared.runOf[k]],
      options: { replication: indices[k], seed, years, scale },
    }));
    const distances = new Array<number>(thetas.length);
    await scheduleTasks(
      tasks,
      (k, result) => {
        const m = momentsOfRun(tasks[k].scenario, result);
        moments.set(indices[k], m);
        distances[k] = distance(fittedTargets, m);
      },
      { threads: Math.min(threads, tasks.length), signal: options.signal, fileOf: () => base.file },
    );
    modelRuns += tasks.length;
    options.onProgress?.(modelRuns, 0, 'ABC-SMC');
    return distances;
  };
  const abc = await abcSmc(
    bounds,
    evaluate,
    {
      particles,
      maxGenerations: options.generations ?? CALIBRATION_DEFAULTS.generations,
      quantile: options.quantile ?? CALIBRATION_DEFAULTS.quantile,
      minAcceptanceRate: options.minAcceptanceRate ?? CALIBRATION_DEFAULTS.minAcceptanceRate,
      // Batches name the sampler's random streams: their size depends on nothing the thread count changes.
      batchSize: particles,
      seed,
    },
    {
      resume: options.resume?.abc,
      signal: options.signal,
      onGeneration: async (state) => {
        // Only the current generation's moments are needed later: the rest are dropped, and the state stays small.
        const kept = new Map<number, number[]>();
        for (const p of state.particles) kept.set(p.index, moments.get(p.index)!);
        moments = kept;
        await options.onState?.({ version: 1, key, abc: state, moments: Object.fromEntries(kept) });
      },
    },
  );
  const particleMoments = abc.particles.map((p) => moments.get(p.index)!);
  const summary = posteriorSummary(abc, bounds);

  // ---- the point fit: simulated moments, common random numbers, each point's runs through the scheduler ----------
  const meanMoments = async (theta: readonly number[]) => {
    const [scenario] = preparePoints(base, factors, [[...theta]]).scenarios;
    const tasks: ModelTask[] = Array.from({ length: fitRuns }, (_, replication) => ({ scenario, options: { replication, seed, years, scale } }));
    const runs = new Array<number[]>(fitRuns);
    await scheduleTasks(tasks, (k, result) => (runs[k] = momentsOfRun(scenario, result)), {
      threads: Math.min(threads, fitRuns),
      signal: options.signal,
      fileOf: () => base.file,
      // On a cluster the point fit runs in the last merge, not as a round per point (docs/cluster.md).
      local: true,
    });
    modelRuns += fitRuns;
    options.onProgress?.(modelRuns, 0, 'point fit');
    return fittedTargets.map((_, k) => mean(runs.map((m) => m[k])));
  };
  const best = abc.particles.reduce((a, b) => (b.distance < a.distance ? b : a));
  const baseValues = factors.map((f) => f.base);
  const beforeMeans = await meanMoments(baseValues);
  const optimum = await minimiseInBoxAsync(async (theta) => distance(fittedTargets, await meanMoments(theta)), best.theta, bounds, {
    maxIterations: options.fitIterations ?? CALIBRATION_DEFAULTS.fitIterations,
  });
  const fittedMeans = await meanMoments(optimum.x);

  // ---- every target: before, after, over the ensemble ---------------------------------------------------------
  const weights = abc.particles.map((p) => p.weight);
  const fits = fittedTargets.map((target, k): TargetFit => {
    const values = particleMoments.map((m) => m[k]);
    const error = targetError(target, fittedMeans[k]);
    const reference = target.value ?? (target.range ? (target.range[0] + target.range[1]) / 2 : NaN);
    return {
      target,
      before: beforeMeans[k],
      fitted: fittedMeans[k],
      ensemble: { p5: weightedQuantile(values, weights, 0.05), p50: weightedQuantile(values, weights, 0.5), p95: weightedQuantile(values, weights, 0.95) },
      error,
      // The error beyond the acceptable value or band, relative to the target's figure (its band's middle).
      relativeError: reference === 0 ? error * target.tolerance : (error * target.tolerance) / Math.abs(reference),
      met: Math.abs(error) <= 1,
    };
  });
  return {
    factors,
    targets: fittedTargets,
    settings: { seed, scale, years, particles, fitRuns, threads },
    abc,
    particleMoments,
    parameters: summary.map((s, j) => ({ ...s, factor: factors[j], fitted: optimum.x[j] })),
    fits,
    distanceBefore: distance(fittedTargets, beforeMeans),
    distanceAfter: distance(fittedTargets, fittedMeans),
    pointEvaluations: optimum.evaluations,
    fitted: withValues(base.scenario, factors, optimum.x).scenario,
    modelRuns,
    wallMs: performance.now() - started,
  };
}
