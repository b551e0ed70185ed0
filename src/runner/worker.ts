// The worker-thread task: runs one replication from the plain scenario and hands its typed arrays back without copying.
import type { MessagePort } from 'node:worker_threads';
import { move, transferableSymbol, valueSymbol } from 'piscina';
import { runReplication, type ModelOptions } from '../core/model.js';
import { transferables, type RunResult } from '../core/results.js';
import { resolveScenario } from '../scenario/resolve.js';
import type { Scenario } from '../scenario/schema.js';

export interface ReplicationTask {
  /** The validated scenario as plain data: a resolved one holds functions (utility terms) and cannot cross threads. */
  scenario: Scenario;
  options: ModelOptions;
  /** Where to post the number of ticks done; the pool transfers it with the task. */
  progress?: MessagePort;
  /** Post progress every this many ticks (and after the last). */
  progressEvery: number;
}

/** Piscina calls the default export once per task. */
export default function runReplicationTask(task: ReplicationTask): unknown {
  // Resolving again here costs far less than a tick and yields the same ResolvedScenario as on the main thread,
  // so a replication gives the same numbers whichever thread runs it.
  const resolved = resolveScenario(task.scenario);
  const { progress, progressEvery } = task;
  const onTick = progress ? (tick: number) => (tick % progressEvery === 0 ? progress.postMessage(tick) : undefined) : undefined;
  try {
    const result = runReplication(resolved, task.options, onTick);
    return move(transferable(result));
  } finally {
    progress?.close();
  }
}

/** Wraps a result so that piscina transfers its buffers instead of cloning them. */
function transferable(result: RunResult) {
  return {
    get [transferableSymbol]() {
      return transferables(result);
    },
    get [valueSymbol]() {
      return result;
    },
  };
}
