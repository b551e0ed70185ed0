// A scenario's counterfactual: the same scenario with its policies removed, run beside it with the same seeds (and the
// same posterior draws), so that what the policies did is the difference of paired runs.
import { UsageError } from '../core/errors.js';
import { posterior as messages } from '../core/messages.js';
import type { Posterior } from '../scenario/posterior.js';
import { resolveScenario, type ResolvedScenario } from '../scenario/resolve.js';
import type { Scenario } from '../scenario/schema.js';
import { registryOf } from '../scenario/variant.js';
import { ParticleScenarios } from './uncertainty.js';

/** A scenario as the runner takes it. */
export interface RunnableScenario {
  scenario: Scenario;
  resolved: ResolvedScenario;
  file?: string;
  posterior?: Posterior;
}

/** The counterfactual's name beside its scenario's (run.json, tables): `<name>-without-policies`. */
export const counterfactualName = (name: string): string => `${name}-without-policies`;

/**
 * The scenario with `policies: []` and nothing else changed: its own terms and plugins, its posterior, its run block.
 * Every random stream is seeded from (seed, replication, stream name), and a policy draws only from its own streams,
 * so replication k of the two shares every draw the policies do not touch: they differ only by what the policies do.
 */
export function withoutPolicies(loaded: RunnableScenario): RunnableScenario {
  const { scenario, resolved } = loaded;
  const { title } = resolved;
  const counterfactual: Scenario = {
    ...scenario,
    name: counterfactualName(resolved.name),
    title: { zh: `${title.zh}（不含政策）`, en: `${title.en} without its policies` },
    policies: [],
  };
  return { ...loaded, scenario: counterfactual, resolved: resolveScenario(counterfactual, registryOf(resolved)) };
}

/**
 * The particle scenarios of the counterfactual for a posterior: a posterior over a policy's parameter has nothing to
 * set in it, a UsageError that says so before anything runs.
 */
export function counterfactualParticles(counterfactual: RunnableScenario, posterior: Posterior, file?: string): ParticleScenarios {
  try {
    return new ParticleScenarios(counterfactual, posterior);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    throw new UsageError(messages.counterfactualLacks(file, posterior.file, error.message.split('\n    fix: ')[0]));
  }
}
