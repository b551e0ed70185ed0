// The one scheduler of model runs: a list of tasks on a pool of worker threads and this thread, with progress, stopping at the first failure.
// Its one exception is the explorer's page (src/explore/page.ts), which runs in a browser without Node's worker threads
// and so schedules its replications on a pool of Web Workers of its own.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MessageChannel } from 'node:worker_threads';
import { Piscina } from 'piscina';
import { Model, type ModelOptions } from '../core/model.js';
import type { RunResult } from '../core/results.js';
import { PluginRunError, ScenarioError, UsageError } from '../core/errors.js';
import { runSettings as messages } from '../core/messages.js';
import type { ResolvedScenario } from '../scenario/resolve.js';
import { locateInScenario } from '../scenario/load.js';
import { portable, type PortableScenario, type ReplicationTask, type TaskFailure } from './worker.js';
import { currentExecutor } from './executor.js';

/** One model run: a resolved scenario and the replication (with its settings) to run. */
export interface ModelTask {
  scenario: ResolvedScenario;
  options: ModelOptions;
}

export interface ScheduleOptions {
  /** Threads, this one included; 1 runs every task here. Choose it with chooseThreads: it is not checked again. */
  threads: number;
  /** Called as ticks complete, summed over all tasks; only rises, and ends with doneTicks = totalTicks. */
  onProgress?: (doneTicks: number, totalTicks: number) => void;
  /** Aborting it stops the run as a failure would, and the call rejects with the signal's reason. */
  signal?: AbortSignal;
  /**
   * Run here even under an installed executor (sim plan, sim merge): for a chain of small batches, each chosen from
   * the last, which as rounds on a cluster would be a job array each (the calibration's point fit).
   */
  local?: boolean;
  /**
   * The scenario file task `index` was loaded from, if any: a scenario error found while running it (an expression
   * term's value) is placed there, at the field's file, line and column, as one found while loading is.
   */
  fileOf?: (index: number) => string | undefined;
}

/** The ticks a task runs: what its progress counts up to. */
export function taskTicks(task: ModelTask): number {
  return ((task.options.years ?? task.scenario.run.years) + task.scenario.run.burnInYears) * task.scenario.run.ticksPerYear;
}

/** Runs the tasks (see scheduleTasks) and returns their results in task order. */
export async function runTasks(tasks: readonly ModelTask[], options: ScheduleOptions): Promise<RunResult[]> {
  const results: RunResult[] = new Array(tasks.length);
  await scheduleTasks(tasks, (index, result) => (results[index] = result), options);
  return results;
}

/**
 * Runs every task on `threads − 1` pool workers and on this thread at once, each thread taking the next task as it
 * finishes one, and hands each result to `onResult` as it arrives (in no fixed order), so a caller that keeps only
 * a few figures of each run can drop the rest at once. A task's result depends only on the task, never on the
 * thread that ran it or on what ran before, so results are identical whatever the thread count.
 *
 * This thread steps its model one tick at a time and yields between ticks, so the pool's messages (hand-outs,
 * progress, results, failures) flow while it computes, and no worker start-up delays it.
 *
 * The first failure — a task that throws here or on a worker, a throwing `onResult`, an aborted `signal` — stops
 * everything: no task starts after it, this thread's model stops at its next tick, the workers are terminated
 * mid-run, and the call rejects with that first error once they have stopped. A scenario error or a plugin's
 * throw found on a worker arrives as the ScenarioError or PluginRunError it is.
 */
export async function scheduleTasks(
  tasks: readonly ModelTask[],
  onResult: (index: number, result: RunResult) => void,
  options: ScheduleOptions,
): Promise<void> {
  const { signal } = options;
  signal?.throwIfAborted();
  // Under sim plan or sim merge the batch is recorded, or answered from a cluster's results (src/runner/executor.ts).
  const executor = options.local ? undefined : currentExecutor();
  if (executor) return executor(tasks, onResult, options.onProgress, options.fileOf);
  const ticks = tasks.map(taskTicks);
  const progress = progressCounter(ticks, options.onProgress);

  let next = 0;
  let failure: { error: unknown } | undefined;
  /** The next task to start, or −1 when none is left or something failed. */
  const claim = () => (failure || next >= tasks.length ? -1 : next++);
  const finish = (index: number, result: RunResult) => {
    // The last progress message of a worker may still be in flight; the finished task counts in full either way.
    progress(index, ticks[index]);
    onResult(index, result);
  };

  const workers = Math.max(0, Math.min(options.threads, tasks.length) - 1);
  const pool =
    workers > 0
      ? new Piscina<ReplicationTask, RunResult | TaskFailure>({
          filename: workerFile(),
          minThreads: workers,
          maxThreads: workers,
          idleTimeout: 1000,
        })
      : undefined;
  let destroyed: Promise<void> | undefined;
  const destroyPool = () => (destroyed ??= pool?.destroy() ?? Promise.resolve());
  const fail = (error: unknown, index?: number) => {
    if (failure) return;
    if (index !== undefined) error = placed(error, options.fileOf?.(index));
    failure = { error };
    progress.stop();
    // Terminates the running workers now; their tasks reject with a termination error, which the first failure outranks.
    void destroyPool();
  };
  const onAbort = () => fail(signal!.reason);
  signal?.addEventListener('abort', onAbort, { once: true });
  // A worker that dies between tasks is reported here rather than through a task; unheard, it would crash the process.
  pool?.on('error', fail);

  const portables = new Map<ResolvedScenario, PortableScenario>();
  const portableOf = (scenario: ResolvedScenario) => portables.get(scenario) ?? portables.set(scenario, portable(scenario)).get(scenario)!;

  const onPool = async (): Promise<void> => {
    for (let index = claim(); index >= 0; index = claim()) {
      const channel = new MessageChannel();
      channel.port1.on('message', (tick: number) => progress(index, tick));
      try {
        const task: ReplicationTask = {
          scenario: portableOf(tasks[index].scenario),
          options: tasks[index].options,
          progress: channel.port2,
          // About 50 progress messages a task: smooth enough for a bar, negligible next to a tick.
          progressEvery: Math.max(1, Math.floor(ticks[index] / 50)),
        };
        const answer = await pool!.run(task, { transferList: [channel.port2] });
        if ('scenarioIssues' in answer) throw new ScenarioError(answer.scenarioIssues);
        if ('pluginFault' in answer) throw new PluginRunError(answer.pluginFault);
        finish(index, answer);
      } catch (error) {
        fail(error, index);
      } finally {
        channel.port1.close();
      }
    }
  };
  const onThisThread = async (): Promise<void> => {
    let index = -1;
    try {
      for (index = claim(); index >= 0; index = claim()) {
        const model = new Model(tasks[index].scenario, tasks[index].options);
        while (model.tick < model.ticks) {
          if (failure) return;
          model.step();
          progress(index, model.tick);
          await new Promise<void>((resolve) => setImmediate(resolve));
        }
        finish(index, model.finish());
      }
    } catch (error) {
      fail(error, index);
    }
  };

  try {
    // The lanes catch their own errors, so this waits until every one has stopped, also after a failure.
    await Promise.all([...Array.from({ length: workers }, onPool), onThisThread()]);
  } finally {
    signal?.removeEventListener('abort', onAbort);
    await destroyPool();
  }
  if (failure) throw failure.error;
}

/** A scenario error found while running a task, placed in the task's scenario file (and the files it extends). */
function placed(error: unknown, file: string | undefined): unknown {
  return error instanceof ScenarioError && file ? new ScenarioError(locateInScenario(file, error.issues)) : error;
}

/** Per-task tick counts, summed; reports only advances, so late or repeated messages do no harm. */
function progressCounter(ticks: number[], onProgress: ScheduleOptions['onProgress']) {
  const totalTicks = ticks.reduce((a, b) => a + b, 0);
  const done = new Float64Array(ticks.length);
  let sum = 0;
  let stopped = false;
  const report = (index: number, tick: number) => {
    if (stopped || tick <= done[index]) return;
    sum += tick - done[index];
    done[index] = tick;
    onProgress?.(sum, totalTicks);
  };
  // After a failure the bar should freeze where it is, not creep on with messages still in flight.
  return Object.assign(report, { stop: () => (stopped = true) });
}

/**
 * The compiled worker. Workers load plain JavaScript, so they always run from dist/ — also when this file runs
 * from source under vitest, which is why `npm test` builds first.
 */
export function workerFile(): string {
  const here = fileURLToPath(import.meta.url);
  const file = here.endsWith('.js') ? join(dirname(here), 'worker.js') : fileURLToPath(new URL('../../dist/runner/worker.js', import.meta.url));
  if (!existsSync(file)) throw new UsageError(messages.workerMissing(file));
  return file;
}
