// The worker-thread task: runs one replication and hands its typed arrays back without copying.
// It imports only the model core (no schema, YAML or validation code), so a worker starts in a few tens of ms.
import type { MessagePort } from 'node:worker_threads';
import { move, transferableSymbol, valueSymbol } from 'piscina';
import { runReplication, type ModelOptions } from '../core/model.js';
import { transferables, type RunResult } from '../core/results.js';
import { builtinTerms } from '../core/terms.js';
import { PluginRunError, ScenarioError, type PluginFault, type ScenarioIssue } from '../core/errors.js';
import { pluginFiles, thrownText } from '../core/messages.js';
import type { Origin, ResolvedPolicy, ResolvedTerm } from '../core/scenario.js';
import type { ResolvedScenario } from '../scenario/resolve.js';

/** A resolved scenario as plain data: terms and modules travel by name (or expression), as functions cannot cross threads. */
export type PortableScenario = Omit<ResolvedScenario, 'utility' | 'input' | 'policies'> & {
  utility: Omit<ResolvedTerm, 'term'>[];
  policies: Omit<ResolvedPolicy, 'module'>[];
  /** Plugin files to load again in the worker. */
  plugins: string[];
};

export interface ReplicationTask {
  scenario: PortableScenario;
  options: ModelOptions;
  /** Where to post the number of ticks done; the pool transfers it with the task. */
  progress?: MessagePort;
  /** Post progress every this many ticks (and after the last). */
  progressEvery: number;
}

/** Strips what cannot or need not cross to a worker: functions (sent by name or expression) and the scenario as written. */
export function portable(resolved: ResolvedScenario): PortableScenario {
  const { utility, input, policies, ...rest } = resolved;
  return {
    ...rest,
    utility: utility.map(({ term: _term, ...t }) => t),
    policies: policies.map(({ module: _module, ...p }) => p),
    plugins: input?.plugins ?? [],
  };
}

/**
 * Gives terms and modules their functions back. The baseline needs only the built-in terms; policy modules, plugin
 * files and expression terms are imported only when the scenario uses them, so a worker starts fast.
 */
export async function rehydrate(scenario: PortableScenario): Promise<ResolvedScenario> {
  const needsRegistry = scenario.policies.length > 0 || scenario.plugins.length > 0;
  const registry = needsRegistry ? new (await import('../scenario/registry.js')).Registry() : undefined;
  if (registry && scenario.plugins.length) {
    const { loadPlugin } = await import('../scenario/plugins.js');
    for (const [k, file] of scenario.plugins.entries())
      try {
        await loadPlugin(file, registry);
      } catch (error) {
        // It loaded on the main thread, so what throws here is top-level code that differs by thread: the plugin's
        // error, placed at its line of `plugins:` as a problem found while loading would be.
        throw new ScenarioError([{ path: ['plugins', k], ...pluginFiles.reloadFailed(file, thrownText(error)) }]);
      }
  }
  const expressions = scenario.utility.some((t) => t.expr) ? (await import('../scenario/expression.js')).expressionTerm : undefined;
  // Expression terms come after the named ones, in the order of `terms`: their index there names their field.
  const firstExpression = scenario.utility.findIndex((t) => t.expr);
  const utility = scenario.utility.map((t, k) => ({
    ...t,
    term: t.expr
      ? expressions!(t.name, t.expr, scenario, { index: k - firstExpression })
      : registry
        ? (registry.term(t.name) ?? gone(scenario, t.origin, `the utility term "${t.name}"`))
        : builtinTerms[t.name as keyof typeof builtinTerms],
  }));
  const policies = scenario.policies.map((p) => ({ ...p, module: registry!.policy(p.spec.type) ?? gone(scenario, p.origin, `the policy "${p.spec.type}"`) }));
  return { ...scenario, utility, policies, input: undefined as never };
}

/** A plugin's term or module that the worker's import of the file no longer exports: the plugin's error, too. */
function gone(scenario: PortableScenario, origin: Origin, what: string): never {
  const k = typeof origin === 'object' ? scenario.plugins.indexOf(origin.plugin) : -1;
  if (k < 0) throw new Error(`${what} is unknown in a worker thread`);
  throw new ScenarioError([{ path: ['plugins', k], ...pluginFiles.reloadFailed(scenario.plugins[k], `it no longer exports ${what}`) }]);
}

/** What a task hands back when the user's scenario or plugin fails while running: the error as data. */
export type TaskFailure = { scenarioIssues: ScenarioIssue[] } | { pluginFault: PluginFault };

/** Piscina calls the default export once per task. */
export default async function runReplicationTask(task: ReplicationTask): Promise<unknown> {
  const { progress, progressEvery } = task;
  const onTick = progress ? (tick: number) => (tick % progressEvery === 0 ? progress.postMessage(tick) : undefined) : undefined;
  try {
    const result = runReplication(await rehydrate(task.scenario), task.options, onTick);
    return move(transferable(result));
  } catch (error) {
    // A scenario problem found while running (a plugin term that gives NaN, a plugin hook that throws) crosses back
    // as data, so the main thread can report it as the user's error it is; an error object would lose its class.
    if (error instanceof ScenarioError) return { scenarioIssues: error.issues } satisfies TaskFailure;
    if (error instanceof PluginRunError) return { pluginFault: error.fault } satisfies TaskFailure;
    throw error;
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
