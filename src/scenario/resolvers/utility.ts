// Resolves the utility: each named term from the registry with its coefficient and parameters, then the expression terms.
import { z } from 'zod';
import { Environment } from '../../core/environment.js';
import { ScenarioError, unknownNameHint } from '../../core/errors.js';
import type { Param } from '../../core/params.js';
import { cellIndex, type ResolvedScenario, type ResolvedTerm, type TermContext } from '../../core/scenario.js';
import { consistency, plugins as termMessages } from '../../core/messages.js';
import { ExpressionError, expressionTerm } from '../expression.js';
import type { Registry } from '../registry.js';
import type { ResolveContext } from './context.js';

/**
 * The scenario's utility terms in order: those under `utility` (built in, or from a plugin or code through the
 * registry; their parameters checked against the term's schema), then the expression terms under `terms`.
 */
export function resolveUtility(ctx: ResolveContext, registry: Registry): ResolvedTerm[] {
  const { scenario } = ctx;
  const utility: ResolvedTerm[] = Object.entries(scenario.utility).map(([name, entry]) => {
    const path = ['utility', name];
    const term = registry.term(name);
    const coefficient = ctx.value(entry.coefficient as Param, [...path, 'coefficient']);
    const { coefficient: _omit, ...rest } = entry;
    if (!term) {
      ctx.fail(path, consistency.unknownTerm(name, unknownNameHint(name, registry.termNames(), 'terms')));
      return { name, coefficient, params: rest, term: { name, description: '', value: () => 0 }, origin: 'builtin' };
    }
    let params: Record<string, unknown> = rest;
    ctx.collectRanges(rest, path);
    const schema = term.params ?? z.strictObject({});
    const parsed = schema.safeParse(rest);
    if (parsed.success) params = parsed.data as Record<string, unknown>;
    else
      for (const issue of parsed.error.issues) {
        const at = [...path, ...(issue.path as (string | number)[])];
        // An unknown parameter is reported at the key itself, as every other unknown field is, so the line is its own.
        const takes = ['coefficient', ...Object.keys((term.params as z.ZodObject | undefined)?.shape ?? {})];
        if (issue.code === 'unrecognized_keys') for (const key of issue.keys) ctx.fail([...at, key], termMessages.unknownParameter(name, key, takes));
        else ctx.fail(at, consistency.termParameter(name, issue.message, takes));
      }
    return { name, coefficient, params, term, origin: registry.origin(term) };
  });
  scenario.terms.forEach((t, k) => {
    const path = ['terms', k];
    if (utility.some((u) => u.name === t.name)) return ctx.fail([...path, 'name'], consistency.termNameTaken(t.name));
    try {
      const term = expressionTerm(t.name, t.expr, scenario, { description: t.description, index: k });
      utility.push({
        name: t.name,
        coefficient: ctx.value(t.coefficient as Param, [...path, 'coefficient']),
        params: {},
        term,
        expr: t.expr,
        origin: 'builtin',
      });
    } catch (error) {
      if (!(error instanceof ExpressionError)) throw error;
      ctx.fail([...path, 'expr'], error);
    }
  });
  return utility;
}

/**
 * Evaluates every expression term on the run's initial environment (tick 0, with the starting population expected
 * in each job cell) for every agent type, origin and destination — all that the model tabulates at its first tick,
 * so at most one tick's work — and records each term that gives anything but a finite number as a problem at its
 * `expr`: `sim validate` finds it instead of the run. Values that go bad later (as wages grow) are caught as they
 * arise, with the same message.
 */
export function checkExpressionTerms(ctx: ResolveContext, resolved: ResolvedScenario): void {
  const terms = resolved.utility.filter((t) => t.expr !== undefined);
  if (!terms.length) return;
  const agent = { tier: 0, industry: 0, native: false, family: 0, ageBand: 0 };
  const context: TermContext = { scenario: resolved, env: initialEnvironment(resolved), agent, from: 0, to: 0 };
  const L = resolved.locations.length;
  for (const term of terms)
    try {
      for (agent.industry = 0; agent.industry < resolved.industries.length; agent.industry++)
        for (agent.tier = 0; agent.tier < resolved.tiers.length; agent.tier++)
          for (const native of [false, true])
            for (agent.family = 0; agent.family < resolved.familyStages.length; agent.family++)
              for (agent.ageBand = 0; agent.ageBand < resolved.hazard.age.length; agent.ageBand++)
                for (context.from = 0; context.from < L; context.from++)
                  for (context.to = 0; context.to < L; context.to++) {
                    agent.native = native;
                    term.term.value(context, term.params);
                  }
    } catch (error) {
      if (!(error instanceof ScenarioError)) throw error;
      for (const issue of error.issues) ctx.fail(issue.path, issue);
    }
}

/** The environment of tick 0, calibrated on the starting populations spread over their tiers and industries. */
function initialEnvironment(resolved: ResolvedScenario): Environment {
  const { industries: I, tiers: T } = { industries: resolved.industries.length, tiers: resolved.tiers.length };
  const stock = new Int32Array(resolved.locations.length * I * T);
  for (const group of resolved.populations)
    for (let i = 0; i < I; i++)
      for (let t = 0; t < T; t++)
        stock[cellIndex(I, T, group.location, i, t)] += Math.round((group.count / resolved.run.scale) * group.industryShares[i] * group.tierShares[t]);
  const env = new Environment(resolved);
  env.calibrate(stock, resolved.run.scale);
  env.update(0, stock);
  return env;
}
