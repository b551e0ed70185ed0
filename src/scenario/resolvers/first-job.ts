// Resolves the first-job choice: each utility term's coefficient when a graduate chooses where to take its first job.
import { unknownNameHint } from '../../core/errors.js';
import { consistency } from '../../core/messages.js';
import type { Param } from '../../core/params.js';
import type { FirstJob, ResolvedTerm } from '../../core/scenario.js';
import type { ResolveContext } from './context.js';

/**
 * The coefficients of a first-job choice, in the order of the resolved utility: a term named under
 * `firstJob.coefficients` takes that value, every other keeps its own; a name that is no utility term is an error.
 */
export function resolveFirstJob(ctx: ResolveContext, utility: readonly ResolvedTerm[]): FirstJob {
  const { coefficients: overrides, retryMonths } = ctx.scenario.firstJob;
  const names = utility.map((t) => t.name);
  const coefficients = utility.map((t) => t.coefficient);
  for (const [name, coefficient] of Object.entries(overrides)) {
    const path = ['firstJob', 'coefficients', name];
    const value = ctx.value(coefficient as Param, path);
    const k = names.indexOf(name);
    if (k < 0) ctx.fail(path, consistency.unknownTerm(name, unknownNameHint(name, names, 'terms of this scenario')));
    else coefficients[k] = value;
  }
  const months = ctx.value(retryMonths as Param, ['firstJob', 'retryMonths']);
  return { coefficients, retryTicks: Math.max(1, Math.round((months * ctx.scenario.run.ticksPerYear) / 12)) };
}
