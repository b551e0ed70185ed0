// Where a batch of model runs goes: the local scheduler by default, or an executor installed around a command, which
// records the batch instead (sim plan) or hands back results computed elsewhere (sim merge).
import { AsyncLocalStorage } from 'node:async_hooks';
import type { ModelOptions } from '../core/model.js';
import type { RunResult } from '../core/results.js';
import type { ResolvedScenario } from '../scenario/resolve.js';

/**
 * Takes a batch as scheduleTasks would: the tasks in order, and `onResult` to call with each task's index and result.
 * It may also throw to stop the command (a plan stops it once the batch is recorded).
 */
export type Executor = (
  tasks: readonly { scenario: ResolvedScenario; options: ModelOptions }[],
  onResult: (index: number, result: RunResult) => void,
  progress?: (doneTicks: number, totalTicks: number) => void,
  /** The scenario file each task was loaded from (ScheduleOptions.fileOf): where a problem found running it is placed. */
  fileOf?: (index: number) => string | undefined,
) => Promise<void>;

const installed = new AsyncLocalStorage<Executor>();

/** Runs `work` with every batch it schedules, however deep, handed to `executor` instead of being run here. */
export function withExecutor<T>(executor: Executor, work: () => Promise<T>): Promise<T> {
  return installed.run(executor, work);
}

/** The executor installed around the code running now, if any. */
export function currentExecutor(): Executor | undefined {
  return installed.getStore();
}
