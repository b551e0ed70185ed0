// A variant of a loaded scenario — some parameters set to other values — validated and resolved: what the points of a
// sweep and the particles of a posterior run. Pure: no I/O.
import { formatIssue, ScenarioError, UsageError } from '../core/errors.js';
import { experiments as messages } from '../core/messages.js';
import { pathLabel, withValues, type Factor } from './paths.js';
import { Registry } from './registry.js';
import { resolveScenario, type ResolvedScenario } from './resolve.js';
import { Scenario } from './schema.js';

/** Validates and resolves a varied scenario; a value it cannot take is a UsageError naming the values set (or `describe`). */
export function resolveVariant(
  scenario: Scenario,
  registry: Registry,
  factors: readonly Factor[],
  point: readonly number[],
  describe?: string,
): ResolvedScenario {
  const setting = factors.map((f, k) => `${f.label} = ${point[k]}`);
  const described = describe ?? (setting.length > 3 ? `${setting.slice(0, 3).join(', ')}, …` : setting.join(', '));
  const parsed = Scenario.safeParse(scenario);
  const refuse = (problems: string[]) => new UsageError(messages.cannotTake(described, problems));
  if (!parsed.success)
    throw refuse(
      parsed.error.issues.map((i) => {
        const path = (i.path as (string | number)[]).filter((part, k, all) => !(k === all.length - 1 && part === 'value'));
        return `${pathLabel(scenario, path)}: ${i.message.replace(/^Invalid input: /, '').replace(/^Too (big|small): expected number to be /, 'must be ')}`;
      }),
    );
  try {
    return resolveScenario(parsed.data, registry);
  } catch (error) {
    if (error instanceof ScenarioError) throw refuse(error.issues.map((i) => formatIssue(i)));
    throw error;
  }
}

/** A registry holding the scenario's own terms and policy modules (from plugins or code), to resolve its variants. */
export function registryOf(resolved: ResolvedScenario): Registry {
  const registry = new Registry();
  for (const t of resolved.utility)
    if (t.origin !== 'builtin' && !t.expr) registry.register(t.term, typeof t.origin === 'object' ? t.origin.plugin : undefined);
  for (const p of resolved.policies) if (p.origin !== 'builtin') registry.register(p.module, typeof p.origin === 'object' ? p.origin.plugin : undefined);
  return registry;
}

/** A copy of `base` with the values set, validated and resolved, with the notes of values outside their declared ranges. */
export function variant(
  base: Scenario,
  registry: Registry,
  factors: readonly Factor[],
  values: readonly number[],
  describe?: string,
): { resolved: ResolvedScenario; notes: string[] } {
  const { scenario, notes } = withValues(base, factors, values);
  return { resolved: resolveVariant(scenario, registry, factors, values, describe), notes };
}
