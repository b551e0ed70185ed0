// Resolves the utility: each named term from the registry with its coefficient and parameters, then the expression terms.
import { z } from 'zod';
import { unknownNameHint } from '../../core/errors.js';
import type { Param } from '../../core/params.js';
import type { ResolvedTerm } from '../../core/scenario.js';
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
      ctx.fail(path, `unknown utility term "${name}"`, unknownNameHint(name, registry.termNames(), 'terms'));
      return { name, coefficient, params: rest, term: { name, description: '', value: () => 0 }, origin: 'builtin' };
    }
    let params: Record<string, unknown> = rest;
    ctx.collectRanges(rest, path);
    const schema = term.params ?? z.strictObject({});
    const parsed = schema.safeParse(rest);
    if (parsed.success) params = parsed.data as Record<string, unknown>;
    else
      for (const issue of parsed.error.issues)
        ctx.fail(
          [...path, ...(issue.path as (string | number)[])],
          issue.message,
          issue.code === 'unrecognized_keys'
            ? `term "${name}" takes only: coefficient${term.params ? ', ' + Object.keys((term.params as z.ZodObject).shape ?? {}).join(', ') : ''}`
            : undefined,
        );
    return { name, coefficient, params, term, origin: registry.origin(term) };
  });
  scenario.terms.forEach((t, k) => {
    const path = ['terms', k];
    if (utility.some((u) => u.name === t.name))
      return ctx.fail([...path, 'name'], `a utility term named "${t.name}" already exists`, 'give the expression term a name of its own');
    try {
      const term = expressionTerm(t.name, t.expr, scenario, t.description);
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
      ctx.fail([...path, 'expr'], error.message, error.hint);
    }
  });
  return utility;
}
