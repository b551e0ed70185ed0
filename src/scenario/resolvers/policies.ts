// Resolves the policies: each entry's module from the registry, its parameters, schedule, budget, eligibility and awareness.
import { z } from 'zod';
import { PluginRunError, unknownNameHint } from '../../core/errors.js';
import { consistency } from '../../core/messages.js';
import { AUDIENCES } from '../../core/policy.js';
import type { Audience, Eligibility, PolicyProblem, ResolvedPolicy, ResolvedScenario } from '../../core/scenario.js';
import type { Registry } from '../registry.js';
import { policyCommonFields } from '../schema.js';
import { zodIssues } from '../zod-issues.js';
import type { ResolveContext } from './context.js';

/** A policy without an end stays in force however long the run (the command line may ask for more years). */
export const OPEN_END = 2 ** 31 - 1;

/**
 * The scenario's policies in order, each with its module and resolved spec: a unique name (the type, with #2, #3 …
 * for repeats, unless named), the ticks it starts and ends, its yearly budget (Infinity without a cap), whom it is
 * for, and who knows of it at the start. An entry with an unknown type or bad parameters is a problem and is left out.
 */
export function resolvePolicies(ctx: ResolveContext, registry: Registry): ResolvedPolicy[] {
  const { scenario } = ctx;
  const { ticksPerYear, startYear } = scenario.run;
  const tickOf = (when: number | { tick: number } | undefined, fallback: number, end: boolean) =>
    when === undefined ? fallback : typeof when === 'number' ? (when - startYear + (end ? 1 : 0)) * ticksPerYear : when.tick;
  const names = new Map<string, number>();
  const policies = scenario.policies.flatMap((entry, index): ResolvedPolicy[] => {
    const path = ['policies', index] as const;
    const module = registry.policy(entry.type);
    if (!module) {
      ctx.fail([...path, 'type'], consistency.unknownPolicyType(entry.type, unknownNameHint(entry.type, registry.policyTypes(), 'policy types')));
      return [];
    }
    const schema = z.strictObject({ ...policyCommonFields, ...module.params.shape });
    const parsed = schema.safeParse(entry);
    if (!parsed.success) {
      // Translated as the scenario's own fields are: an unknown field (also inside a nested parameter) with the field
      // meant, a missing parameter as missing, and a misspelt required parameter once, as the unknown field.
      for (const issue of zodIssues(parsed.error.issues, entry, schema, path, `a ${entry.type} policy`)) ctx.fail(issue.path, issue);
      return [];
    }
    const common = parsed.data as z.output<z.ZodObject<typeof policyCommonFields>>;
    const count = (names.get(entry.type) ?? 0) + 1;
    names.set(entry.type, count);
    const name = common.name ?? (count === 1 ? entry.type : `${entry.type}#${count}`);
    const eligibility: Eligibility = {
      tiers: ctx.mask(ctx.tierIds, common.eligibility?.tiers, 'tier', [...path, 'eligibility', 'tiers']),
      industries: ctx.mask(ctx.industryIds, common.eligibility?.industries, 'industry', [...path, 'eligibility', 'industries']),
      locations: ctx.mask(ctx.locationIds, common.eligibility?.locations, 'location', [...path, 'eligibility', 'locations']),
      native: common.eligibility?.native,
      ageMin: common.eligibility?.age?.min ?? 0,
      ageMax: common.eligibility?.age?.max ?? 200,
    };
    const defaults = scenario.policyAwareness;
    const awareness = Object.fromEntries(
      AUDIENCES.map((audience) => {
        const own = common.awareness?.[audience];
        return [audience, ctx.value(own ?? defaults[audience], own === undefined ? ['policyAwareness', audience] : [...path, 'awareness', audience])];
      }),
    ) as Record<Audience, number>;
    const {
      type: _t,
      name: _n,
      description: _d,
      start,
      end,
      budget,
      eligibility: _e,
      awareness: _a,
      ...params
    } = parsed.data as Record<string, unknown> & typeof common;
    // Module parameters arrive as plain numbers (policyParam); their ranges are still the scenario's assumptions.
    const { budget: _b, awareness: _aw, ...raw } = entry as Record<string, unknown>;
    ctx.collectRanges(raw, path);
    const startTick = Math.max(0, tickOf(start, 0, false));
    const endTick = Math.min(OPEN_END, tickOf(end, OPEN_END, true));
    if (endTick <= startTick) ctx.fail([...path, 'end'], consistency.policyEndsBeforeStart(endTick, startTick));
    const spec = {
      index,
      name,
      type: entry.type,
      startTick,
      endTick,
      budget: budget === undefined ? Infinity : ctx.value(budget, [...path, 'budget']),
      eligibility,
      awareness,
      params,
    };
    return [{ module, origin: registry.origin(module), spec }];
  });
  for (const [i, p] of policies.entries())
    if (policies.findIndex((q) => q.spec.name === p.spec.name) !== i) ctx.fail(['policies', p.spec.index, 'name'], consistency.policyNameTwice(p.spec.name));
  return policies;
}

/**
 * Each module's own check of its parameters against the whole resolved scenario (e.g. that a location id exists).
 * A plugin's check() that throws is the plugin's error (PluginRunError, exit 2); a built-in one's stays a bug.
 */
export function checkPolicies(ctx: ResolveContext, resolved: ResolvedScenario): void {
  for (const p of resolved.policies) {
    let problems: PolicyProblem[];
    try {
      problems = p.module.check?.(p.spec.params as never, resolved) ?? [];
      if (!Array.isArray(problems)) throw new TypeError(`check() returned ${String(problems)}, not a list of problems`);
    } catch (error) {
      throw PluginRunError.wrap(error, p.origin, { kind: 'policy', name: p.spec.type, hook: 'check' });
    }
    for (const problem of problems) ctx.fail(['policies', p.spec.index, ...problem.path], problem);
  }
}
