// Resolves who is modelled: the populations at the start and the streams that enter each year.
import type { FieldPath } from '../../core/errors.js';
import type { ResolvedEntry, ResolvedGroup, ResolvedPopulation } from '../../core/scenario.js';
import type { Scenario } from '../schema.js';
import { consistency } from '../../core/messages.js';
import type { ResolveContext } from './context.js';

/** The populations and entry streams, each with its location by index and its compositions as shares summing to 1. */
export function resolveGroups(ctx: ResolveContext): { populations: ResolvedPopulation[]; entries: ResolvedEntry[] } {
  const { scenario } = ctx;
  const populations = scenario.populations.map((p, i) => ({ ...group(ctx, p, ['populations', i]), count: ctx.value(p.count, ['populations', i, 'count']) }));
  const entries = scenario.entries.map((e, i) => ({
    ...group(ctx, e, ['entries', i]),
    perYear: ctx.value(e.perYear, ['entries', i, 'perYear']),
    months: [...new Set(e.months)].sort((a, b) => a - b),
    firstJob: e.firstJob,
    resident: e.resident,
  }));
  return { populations, entries };
}

/** A group (population or entry stream) whose youngest members are at or above the retirement age would retire at once. */
export function checkGroupAges(ctx: ResolveContext, retirementAge: number): void {
  for (const [kind, groups] of [
    ['populations', ctx.scenario.populations],
    ['entries', ctx.scenario.entries],
  ] as const)
    groups.forEach((g, i) => {
      if (g.age.min >= retirementAge) ctx.fail([kind, i, 'age', 'min'], consistency.groupRetiresAtOnce(g.age.min, retirementAge));
    });
}

function group(ctx: ResolveContext, g: Scenario['populations'][number] | Scenario['entries'][number], path: FieldPath): ResolvedGroup {
  return {
    name: g.name,
    location: ctx.indexOf(ctx.locationIds, g.location, 'location', [...path, 'location']),
    native: ctx.value(g.native, [...path, 'native']),
    tierShares: ctx.normalised(g.tiers, ctx.tierIds, 'tier', [...path, 'tiers']),
    industryShares: ctx.normalised(g.industries, ctx.industryIds, 'industry', [...path, 'industries']),
    familyShares: ctx.normalised(g.family, ctx.stageIds, 'family stage', [...path, 'family']),
    ageMin: g.age.min,
    ageMax: g.age.max,
  };
}
