// Resolves the hazards: the retirement age and age bands, the reconsideration rates and tenure bands, and the life-cycle transitions.
import type { FieldPath } from '../../core/errors.js';
import type { Param } from '../../core/params.js';
import type { Band, ResolvedScenario, Transition } from '../../core/scenario.js';
import { consistency } from '../../core/messages.js';
import type { ResolveContext } from './context.js';

/** The retirement age and the age bands, whose last band must reach it. */
export function resolveAges(ctx: ResolveContext): { retirementAge: number; age: Band[] } {
  const { scenario } = ctx;
  const retirementAge = ctx.value(scenario.lifecycle.retirementAge, ['lifecycle', 'retirementAge']);
  const age = bands(ctx, scenario.hazard.age, ['hazard', 'age']);
  if (age.length && age[age.length - 1].upTo < retirementAge)
    ctx.fail(['hazard', 'age'], consistency.lastAgeBandTooLow(age[age.length - 1].upTo, retirementAge));
  return { retirementAge, age };
}

/** The reconsideration rate of every tier (each must be given) and the tenure bands. */
export function resolveRates(ctx: ResolveContext): { perYear: number[]; tenure: Band[] } {
  return {
    perYear: ctx.byId(ctx.scenario.hazard.perYear, ctx.tierIds, 'tier', ['hazard', 'perYear'], true),
    tenure: bands(ctx, ctx.scenario.hazard.tenure, ['hazard', 'tenure']),
  };
}

/** Tier upgrades and family-stage changes, from and to by index. */
export function resolveTransitions(ctx: ResolveContext): Pick<ResolvedScenario['lifecycle'], 'upgrades' | 'family'> {
  const { lifecycle } = ctx.scenario;
  return {
    upgrades: transitions(ctx, lifecycle.upgrades, ctx.tierIds, 'tier', ['lifecycle', 'upgrades']),
    family: transitions(ctx, lifecycle.family, ctx.stageIds, 'family stage', ['lifecycle', 'family']),
  };
}

function bands(ctx: ResolveContext, list: { upTo: number; factor: Param }[], path: FieldPath): Band[] {
  return list.map((b, i) => {
    if (i > 0 && b.upTo <= list[i - 1].upTo) ctx.fail([...path, i, 'upTo'], consistency.bandsNotAscending(b.upTo, list[i - 1].upTo));
    return { upTo: b.upTo, factor: ctx.value(b.factor, [...path, i, 'factor']) };
  });
}

function transitions(
  ctx: ResolveContext,
  list: { from: string; to: string; perYear: Param }[],
  ids: readonly string[],
  what: string,
  path: FieldPath,
): Transition[] {
  return list.map((t, i) => {
    if (t.from === t.to) ctx.fail([...path, i, 'to'], consistency.changeToItself(t.from));
    return {
      from: ctx.indexOf(ids, t.from, what, [...path, i, 'from']),
      to: ctx.indexOf(ids, t.to, what, [...path, i, 'to']),
      perYear: ctx.value(t.perYear, [...path, i, 'perYear']),
    };
  });
}
