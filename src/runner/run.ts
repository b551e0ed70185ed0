// Runs the replications of a scenario, in-process or on a pool of worker threads, and returns them in replication order.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { MessageChannel } from 'node:worker_threads';
import { Piscina } from 'piscina';
import { Model, runReplication, type ModelOptions } from '../core/model.js';
import type { RunResult } from '../core/results.js';
import { ScenarioError, UsageError, type ScenarioIssue } from '../scenario/errors.js';
import type { ResolvedScenario } from '../scenario/resolve.js';
import type { Scenario } from '../scenario/schema.js';
import { portable, type ReplicationTask } from './worker.js';

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
  /** Called as ticks complete, summed over replications; ends with doneTicks = totalTicks. */
  onProgress?: (doneTicks: number, totalTicks: number) => void;
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
export function runOptionProblem(name: RunOptionName, value: unknown): string | undefined {
  const { min, max, whole } = RUN_OPTION_LIMITS[name];
  const kind = whole ? 'a whole number' : 'a number';
  if (typeof value !== 'number' || !Number.isFinite(value) || (whole && !Number.isInteger(value)) || value < min || value > max)
    return `${name} must be ${kind} from ${min} to ${max}, not ${typeof value === 'string' ? JSON.stringify(value) : String(value)}`;
  return undefined;
}

/** The scenario's run settings with the overrides applied; throws UsageError for an out-of-range override. */
export function runSettings(scenario: ResolvedScenario, options: Omit<RunOptions, 'threads' | 'onProgress'> = {}): RunSettings {
  const { run } = scenario;
  const settings = {
    runs: options.runs ?? run.runs,
    seed: options.seed ?? run.seed,
    years: options.years ?? run.years,
    scale: options.scale ?? run.scale,
  };
  const problems = (Object.keys(settings) as (keyof typeof settings)[]).flatMap((name) => runOptionProblem(name, settings[name]) ?? []);
  if (problems.length) throw new UsageError(problems.join('\n'));
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
export async function runScenario(loaded: { scenario: Scenario; resolved: ResolvedScenario }, options: RunOptions = {}): Promise<RunOutcome> {
  const { resolved } = loaded;
  const settings = runSettings(resolved, options);
  const threads = chooseThreads(resolved, settings.runs, options.threads);
  const ticksPerRun = settings.years * settings.ticksPerYear;
  const totalTicks = ticksPerRun * settings.runs;
  const progress = progressCounter(settings.runs, totalTicks, options.onProgress);
  const modelOptions = (replication: number): ModelOptions => ({ replication, seed: settings.seed, years: settings.years, scale: settings.scale });

  const started = performance.now();
  const results =
    threads === 1
      ? runHere(resolved, settings.runs, modelOptions, progress)
      : await runShared(resolved, settings.runs, threads, modelOptions, ticksPerRun, progress);
  return { results, settings, threads, wallMs: performance.now() - started, totalTicks };
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
    if (requested !== undefined && requested > 1)
      throw new UsageError(
        `${custom.join(', ')}, registered in code, cannot be sent to worker threads\n    fix: run with threads: 1 (--threads 1), or put it in a plugin file the scenario lists`,
      );
    return 1;
  }
  return Math.max(1, Math.min(tasks, requested ?? availableParallelism()));
}

/** Per-replication tick counts, summed; reports only advances, so late or repeated messages do no harm. */
function progressCounter(runs: number, totalTicks: number, onProgress: RunOptions['onProgress']) {
  const done = new Float64Array(runs);
  let sum = 0;
  return (replication: number, ticks: number) => {
    if (ticks <= done[replication]) return;
    sum += ticks - done[replication];
    done[replication] = ticks;
    onProgress?.(sum, totalTicks);
  };
}

function runHere(
  resolved: ResolvedScenario,
  runs: number,
  modelOptions: (replication: number) => ModelOptions,
  progress: (replication: number, ticks: number) => void,
): RunResult[] {
  const results: RunResult[] = [];
  for (let replication = 0; replication < runs; replication++)
    results.push(runReplication(resolved, modelOptions(replication), (tick) => progress(replication, tick)));
  return results;
}

/**
 * Runs replications on `threads − 1` pool workers and on this thread at once, each taking the next replication
 * as it finishes one. This thread steps its model one tick at a time and yields between ticks, so the pool's
 * messages (task hand-outs, progress, results) flow while it computes, and no worker start-up delays it.
 */
async function runShared(
  resolved: ResolvedScenario,
  runs: number,
  threads: number,
  modelOptions: (replication: number) => ModelOptions,
  ticksPerRun: number,
  progress: (replication: number, ticks: number) => void,
): Promise<RunResult[]> {
  const workers = threads - 1;
  const pool = new Piscina<ReplicationTask, RunResult | { scenarioIssues: ScenarioIssue[] }>({
    filename: workerFile(),
    minThreads: workers,
    maxThreads: workers,
    idleTimeout: 1000,
  });
  // About 50 progress messages a replication: smooth enough for a bar, negligible next to a tick.
  const progressEvery = Math.max(1, Math.floor(ticksPerRun / 50));
  const results: RunResult[] = new Array(runs);
  const shared = portable(resolved);
  let next = 0;

  const onPool = async (): Promise<void> => {
    for (let replication = next++; replication < runs; replication = next++) {
      const channel = new MessageChannel();
      channel.port1.on('message', (tick: number) => progress(replication, tick));
      try {
        const task: ReplicationTask = { scenario: shared, options: modelOptions(replication), progress: channel.port2, progressEvery };
        const answer = await pool.run(task, { transferList: [channel.port2] });
        if ('scenarioIssues' in answer) throw new ScenarioError(answer.scenarioIssues);
        results[replication] = answer;
        // The last progress message may still be in flight; the finished run counts in full either way.
        progress(replication, ticksPerRun);
      } finally {
        channel.port1.close();
      }
    }
  };
  const onThisThread = async (): Promise<void> => {
    for (let replication = next++; replication < runs; replication = next++) {
      const model = new Model(resolved, modelOptions(replication));
      while (model.tick < model.ticks) {
        model.step();
        progress(replication, model.tick);
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
      results[replication] = model.finish();
    }
  };
  try {
    await Promise.all([...Array.from({ length: workers }, onPool), onThisThread()]);
    return results;
  } finally {
    await pool.destroy();
  }
}

/**
 * The compiled worker. Workers load plain JavaScript, so they always run from dist/ — also when this file runs
 * from source under vitest, which is why `npm test` builds first.
 */
export function workerFile(): string {
  const here = fileURLToPath(import.meta.url);
  const file = here.endsWith('.js') ? join(dirname(here), 'worker.js') : fileURLToPath(new URL('../../dist/runner/worker.js', import.meta.url));
  if (!existsSync(file)) throw new Error(`the worker script ${file} is missing\n    fix: run "npm run build" first`);
  return file;
}
