// The worker-thread task: runs one replication and hands its typed arrays back without copying.
// It imports only the model core (no schema, YAML or validation code), so a worker starts in a few tens of ms.
import type { MessagePort } from 'node:worker_threads';
import { move, transferableSymbol, valueSymbol } from 'piscina';
import { runReplication, type ModelOptions } from '../core/model.js';
import { transferables, type RunResult } from '../core/results.js';
import { builtinTerms } from '../core/terms.js';
import type { ResolvedPolicy, ResolvedScenario, ResolvedTerm } from '../scenario/resolve.js';

/** A resolved scenario as plain data: utility terms and policy modules travel by name, as functions cannot cross threads. */
export type PortableScenario = Omit<ResolvedScenario, 'utility' | 'input' | 'policies'> & { utility: Omit<ResolvedTerm, 'term'>[]; policies: Omit<ResolvedPolicy, 'module'>[] };

export interface ReplicationTask {
  scenario: PortableScenario;
  options: ModelOptions;
  /** Where to post the number of ticks done; the pool transfers it with the task. */
  progress?: MessagePort;
  /** Post progress every this many ticks (and after the last). */
  progressEvery: number;
}

/** Strips what cannot or need not cross to a worker: term functions (sent by name) and the scenario as written. */
export function portable(resolved: ResolvedScenario): PortableScenario {
  const { utility, input: _input, policies, ...rest } = resolved;
  return { ...rest, utility: utility.map(({ term: _term, ...t }) => t), policies: policies.map(({ module: _module, ...p }) => p) };
}

/** Gives terms and policies their functions back, from the built-in tables (policies load only when used). */
async function rehydrate(scenario: PortableScenario): Promise<ResolvedScenario> {
  const utility = scenario.utility.map((t) => ({ ...t, term: builtinTerms[t.name as keyof typeof builtinTerms] }));
  const modules = scenario.policies.length ? (await import('../policies/index.js')).builtinPolicies : {};
  const policies = scenario.policies.map((p) => ({ ...p, module: (modules as Record<string, ResolvedPolicy['module']>)[p.spec.type] }));
  return { ...scenario, utility, policies, input: undefined as never };
}

/** Piscina calls the default export once per task. */
export default async function runReplicationTask(task: ReplicationTask): Promise<unknown> {
  const { progress, progressEvery } = task;
  const onTick = progress ? (tick: number) => (tick % progressEvery === 0 ? progress.postMessage(tick) : undefined) : undefined;
  try {
    const result = runReplication(await rehydrate(task.scenario), task.options, onTick);
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
