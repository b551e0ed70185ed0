// Runs the replications of a scenario on the scheduler's threads and returns them in replication order; checks run options and picks the thread count.
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { RunResult } from '../core/results.js';
import { UsageError } from '../core/errors.js';
import { runsWhoseResultsFit } from '../core/limits.js';
import { runSettings as messages, type Message } from '../core/messages.js';
import type { ResolvedScenario } from '../scenario/resolve.js';
import type { Scenario } from '../scenario/schema.js';
import type { Posterior } from '../scenario/posterior.js';
import { runTasks, type ModelTask } from './scheduler.js';
import { chooseUncertainty, drawnReplicationTasks, ParticleScenarios, replicationDraws, uncertaintyRecord, type UncertaintyRecord } from './uncertainty.js';
import { counterfactualParticles, withoutPolicies } from './counterfactual.js';

export interface RunOptions {
  /** Replications; default: the scenario's run.runs. */
  runs?: number;
  /** Master seed; default: the scenario's run.seed. */
  seed?: number;
  /** Simulated years; default: the scenario's run.years. */
  years?: number;
  /** Persons per agent; default: the scenario's run.scale. */
  scale?: number;
  /** Worker threads; 1 runs in this thread. Default: min(runs, available CPUs). */
  threads?: number;
  /**
   * `posterior`: replication r runs with the parameter values of a particle drawn from the scenario's posterior;
   * `none`: the scenario as written. Default: posterior when the scenario names one (`posterior:`), else none.
   */
  uncertainty?: 'posterior' | 'none';
  /**
   * Also run the scenario's counterfactual — the same scenario without its policies — with the same seeds and
   * posterior draws (RunOutcome.counterfactual), so that what the policies did is a paired difference. Only for a
   * scenario with policies; doubles the runs. Default: false (`sim --scenario` turns it on; --no-counterfactual off).
   */
  counterfactual?: boolean;
  /** Called as ticks complete, summed over replications (and the counterfactual's); ends with doneTicks = totalTicks. */
  onProgress?: (doneTicks: number, totalTicks: number) => void;
  /** Aborting it stops the run at once (workers terminated, this thread's model at its next tick); the call rejects with its reason. */
  signal?: AbortSignal;
}

/** The run settings after command-line or API overrides: what run.json records. */
export interface RunSettings {
  runs: number;
  seed: number;
  years: number;
  scale: number;
  startYear: number;
  ticksPerYear: number;
}

export interface RunOutcome {
  /** One result per replication, results[i].replication === i. */
  results: RunResult[];
  settings: RunSettings;
  /** Threads actually used (1: in-process). */
  threads: number;
  wallMs: number;
  totalTicks: number;
  /** The uncertainty mode, and with a posterior each replication's particle and values (run.json records them). */
  uncertainty?: UncertaintyRecord;
  /**
   * With RunOptions.counterfactual and policies: the same scenario without its policies, replication k run with the
   * seed and the particle of replication k above (results[k].replication === k).
   */
  counterfactual?: { resolved: ResolvedScenario; results: RunResult[] };
}

/** Bounds of the overridable settings: the same as the scenario schema's `run` block, plus threads. */
export const RUN_OPTION_LIMITS = {
  runs: { min: 1, max: 10000, whole: true },
  seed: { min: 0, max: 2 ** 31 - 1, whole: true },
  years: { min: 1, max: 100, whole: true },
  scale: { min: 1, max: 100000, whole: false },
  threads: { min: 1, max: 1024, whole: true },
} as const;
export type RunOptionName = keyof typeof RUN_OPTION_LIMITS;

/** The problem with a value for a run option, or undefined if it is acceptable. */
export function runOptionProblem(name: RunOptionName, value: unknown): Message | undefined {
  const { min, max, whole } = RUN_OPTION_LIMITS[name];
  const kind = whole ? 'a whole number' : 'a number';
  if (typeof value !== 'number' || !Number.isFinite(value) || (whole && !Number.isInteger(value)) || value < min || value > max)
    return messages.outOfRange(name, value, kind, min, max);
  return undefined;
}

/** The scenario's run settings with the overrides applied; throws UsageError for an out-of-range override. */
export function runSettings(scenario: ResolvedScenario, options: Omit<RunOptions, 'threads' | 'onProgress' | 'signal' | 'counterfactual'> = {}): RunSettings {
  const { run } = scenario;
  const settings = {
    runs: options.runs ?? run.runs,
    seed: options.seed ?? run.seed,
    years: options.years ?? run.years,
    scale: options.scale ?? run.scale,
  };
  const problems = (Object.keys(settings) as (keyof typeof settings)[]).flatMap((name) => runOptionProblem(name, settings[name]) ?? []);
  if (problems.length) throw new UsageError(problems.length === 1 ? problems[0] : messages.several(problems));
  return { ...settings, startYear: run.startYear, ticksPerYear: run.ticksPerYear };
}

/**
 * Runs replications 0 … runs − 1 of a loaded scenario. Each replication draws from its own seeded streams, so its
 * numbers do not depend on which thread runs it or in what order: the results, and every file written from them,
 * are byte-identical whatever the thread count.
 *
 * Workers receive the resolved scenario as plain data and rebuild its terms and modules from the built-ins, the
 * scenario's plugin files and its expressions. Terms or modules registered from code (a Registry filled by hand)
 * cannot cross, so such a scenario runs in this thread, and asking for more threads is a UsageError.
 */
export async function runScenario(
  loaded: { scenario: Scenario; resolved: ResolvedScenario; file?: string; posterior?: Posterior },
  options: RunOptions = {},
): Promise<RunOutcome> {
  const { resolved } = loaded;
  const settings = runSettings(resolved, options);
  const mode = chooseUncertainty(loaded.posterior, options.uncertainty, resolved.name);
  const draws = mode === 'posterior' ? replicationDraws(loaded.posterior!, settings.seed, settings.runs) : undefined;
  const tasks = draws ? drawnReplicationTasks(new ParticleScenarios(loaded, loaded.posterior!), draws, settings) : replicationTasks(resolved, settings);
  // The counterfactual's replications follow the scenario's on the same threads: one list of tasks, one progress.
  const counterfactual = options.counterfactual && resolved.policies.length ? withoutPolicies(loaded) : undefined;
  const counterTasks = !counterfactual
    ? []
    : draws
      ? drawnReplicationTasks(counterfactualParticles(counterfactual, loaded.posterior!, loaded.file), draws, settings)
      : replicationTasks(counterfactual.resolved, settings);
  // Every run's whole results are kept until they are written: refused now if they would not fit in memory.
  const paired = counterTasks.length > 0;
  const most = Math.floor(runsWhoseResultsFit(settings.years) / (paired ? 2 : 1));
  if (settings.runs > most) throw new UsageError(messages.resultsTooLarge(settings.runs, paired, settings.years, most));
  const threads = chooseThreads(resolved, tasks.length + counterTasks.length, options.threads);
  const started = performance.now();
  // A problem found while running (an expression's value) is placed in the file, as one found while loading is.
  const results = await runTasks([...tasks, ...counterTasks], {
    threads,
    onProgress: options.onProgress,
    signal: options.signal,
    fileOf: () => loaded.file,
  });
  const totalTicks = (tasks.length + counterTasks.length) * (resolved.run.burnInYears + settings.years) * settings.ticksPerYear;
  return {
    results: results.slice(0, tasks.length),
    settings,
    threads,
    wallMs: performance.now() - started,
    totalTicks,
    uncertainty: uncertaintyRecord(mode, loaded.posterior, draws),
    ...(counterfactual ? { counterfactual: { resolved: counterfactual.resolved, results: results.slice(tasks.length) } } : {}),
  };
}

/** Replications 0 … runs − 1 of a scenario with the given settings, as tasks for the scheduler. */
export function replicationTasks(scenario: ResolvedScenario, settings: RunSettings): ModelTask[] {
  const { seed, years, scale } = settings;
  return Array.from({ length: settings.runs }, (_, replication) => ({ scenario, options: { replication, seed, years, scale } }));
}

/**
 * The threads to use for `tasks` independent model runs: the request (checked), else as many as CPUs, never more
 * than tasks; 1 when the scenario holds terms or modules registered from code, which cannot be rebuilt in a worker.
 */
export function chooseThreads(resolved: ResolvedScenario, tasks: number, requested: number | undefined): number {
  if (requested !== undefined) {
    const problem = runOptionProblem('threads', requested);
    if (problem) throw new UsageError(problem);
  }
  // Terms and modules registered from code (not built in, not from a plugin file) cannot be rebuilt in a worker.
  const custom = [
    ...resolved.utility.filter((t) => t.origin === 'code').map((t) => `utility term ${t.name}`),
    ...resolved.policies.filter((p) => p.origin === 'code').map((p) => `policy ${p.spec.type}`),
  ];
  if (custom.length) {
    if (requested !== undefined && requested > 1) throw new UsageError(messages.codeCannotCross(custom));
    return 1;
  }
  return Math.max(1, Math.min(tasks, requested ?? availableParallelism()));
}
