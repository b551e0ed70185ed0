// Resolves the locations: which is home, and each one's wages, prices, services, platforms, jobs and travel times.
import { SERVICE_KINDS, type ResolvedLocation } from '../../core/scenario.js';
import { consistency } from '../../core/messages.js';
import type { ResolveContext } from './context.js';

/** The index of the one location marked home (0 when there is not exactly one: that is a problem). */
export function resolveHome(ctx: ResolveContext): number {
  const homes = ctx.scenario.locations.flatMap((l, i) => (l.home ? [i] : []));
  if (homes.length !== 1) ctx.fail(['locations'], consistency.homeCount(homes.length));
  return homes[0] ?? 0;
}

/**
 * Every location with its numbers by index: wages by tier, wage factors by industry (its own industryWage, else the
 * industry's wageFactor), services in SERVICE_KINDS order, platforms by industry, and travel hours to every location
 * (given either way round: A → B may be written under A or under B).
 */
export function resolveLocations(ctx: ResolveContext): ResolvedLocation[] {
  const { scenario, tierIds, industryIds, locationIds } = ctx;
  const industryFactor = (k: number) => {
    const f = scenario.industries[k].wageFactor;
    return typeof f === 'number' ? f : f.value;
  };
  const locations = scenario.locations.map((l, i): ResolvedLocation => {
    for (const key of Object.keys(l.industryWage ?? {})) ctx.indexOf(industryIds, key, 'industry', ['locations', i, 'industryWage', key]);
    const path = ['locations', i] as const;
    const travelHours = scenario.locations.map((other, j) => {
      if (i === j) return 0;
      const own = l.travelHours[other.id];
      const back = scenario.locations[j].travelHours[l.id];
      if (own !== undefined) return ctx.value(own, [...path, 'travelHours', other.id]);
      if (back !== undefined) return typeof back === 'number' ? back : back.value;
      ctx.fail([...path, 'travelHours'], consistency.noTravelTime(l.id, other.id));
      return 0;
    });
    for (const key of Object.keys(l.travelHours)) if (key !== l.id) ctx.indexOf(locationIds, key, 'location', [...path, 'travelHours', key]);
    return {
      id: l.id,
      label: l.label,
      labelEn: l.labelEn,
      wage: ctx.byId(l.wage, tierIds, 'tier', [...path, 'wage'], true, 1),
      wageFactors: industryIds.map((ind, k) => {
        const own = l.industryWage?.[ind];
        return own === undefined ? industryFactor(k) : ctx.value(own, [...path, 'industryWage', ind]);
      }),
      wageGrowth: ctx.value(l.wageGrowth, [...path, 'wageGrowth']),
      housingCost: ctx.value(l.housingCost, [...path, 'housingCost']),
      services: SERVICE_KINDS.map((k) => ctx.value(l.services[k], [...path, 'services', k])),
      platforms: ctx.byId(l.platforms, industryIds, 'industry', [...path, 'platforms'], false),
      jobSlack: ctx.value(l.jobSlack, [...path, 'jobSlack']),
      jobGrowth: ctx.value(l.jobGrowth, [...path, 'jobGrowth']),
      talentPool: l.talentPool === undefined ? 0 : ctx.value(l.talentPool, [...path, 'talentPool']),
      travelHours,
    };
  });
  locations.forEach((l, i) =>
    l.wage.forEach((w, t) => {
      if (w <= 0) ctx.fail(['locations', i, 'wage', tierIds[t]], consistency.wageNotPositive(w));
    }),
  );
  return locations;
}
