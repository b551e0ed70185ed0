// Turns a validated scenario into the indexed, plain-number form the model runs on, checking every cross-reference.
import { ScenarioError } from '../core/errors.js';
import { SERVICE_KINDS, type ResolvedScenario as ModelScenario } from '../core/scenario.js';
import { defaultRegistry, type Registry } from './registry.js';
import { checkNames, ResolveContext } from './resolvers/context.js';
import { checkGroupAges, resolveGroups } from './resolvers/groups.js';
import { resolveAges, resolveRates, resolveTransitions } from './resolvers/hazards.js';
import { resolveHome, resolveLocations } from './resolvers/locations.js';
import { checkPolicies, resolvePolicies } from './resolvers/policies.js';
import { checkExpressionTerms, resolveUtility } from './resolvers/utility.js';
import { resolveFirstJob } from './resolvers/first-job.js';
import type { Scenario } from './schema.js';

/** A resolved scenario that keeps the validated scenario it came from (`input`, for run.json and reports). */
export type ResolvedScenario = ModelScenario<Scenario>;

/**
 * Resolves a validated scenario; throws ScenarioError listing every problem found. Each part has its resolver in
 * resolvers/; they run in an order that lists the assumptions (numbers given with a range) as they always have been,
 * since experiments take their factors in that order.
 */
export function resolveScenario(scenario: Scenario, registry: Registry = defaultRegistry()): ResolvedScenario {
  const ctx = new ResolveContext(scenario);
  checkNames(ctx);
  const homeIndex = resolveHome(ctx);
  const locations = resolveLocations(ctx);
  const { populations, entries } = resolveGroups(ctx);
  const { retirementAge, age } = resolveAges(ctx);
  checkGroupAges(ctx, retirementAge);
  const utility = resolveUtility(ctx, registry);
  const policies = resolvePolicies(ctx, registry);
  // After the policies, so that the assumptions listed before this block keep their order (experiments' factors).
  const firstJob = resolveFirstJob(ctx, utility);
  const { tierIds } = ctx;

  const resolved: ResolvedScenario = {
    name: scenario.name ?? 'scenario',
    title: bilingual(scenario.title, scenario.name ?? 'scenario'),
    summary: bilingual(scenario.summary, ''),
    description: scenario.description ?? '',
    run: scenario.run,
    tiers: scenario.tiers.map(({ id, label, labelEn }) => ({ id, label, labelEn })),
    industries: scenario.industries.map((ind, i) => ({
      id: ind.id,
      label: ind.label,
      labelEn: ind.labelEn,
      wageFactor: ctx.value(ind.wageFactor, ['industries', i, 'wageFactor']),
    })),
    familyStages: scenario.familyStages.map((f, i) => ({
      id: f.id,
      label: f.label,
      labelEn: f.labelEn,
      serviceWeights: SERVICE_KINDS.map((k) => ctx.value(f.serviceWeights[k], ['familyStages', i, 'serviceWeights', k])),
    })),
    locations,
    homeIndex,
    populations,
    entries,
    topTiers: scenario.topTiers.map((t, i) => ctx.indexOf(tierIds, t, 'tier', ['topTiers', i])),
    recruitedTiers: scenario.recruitedTiers.map((t, i) => ctx.indexOf(tierIds, t, 'tier', ['recruitedTiers', i])),
    hazard: resolveHazard(ctx, age),
    utility,
    firstJob,
    tasteSd: ctx.value(scenario.taste.sd, ['taste', 'sd']),
    jobMatching: {
      elasticity: ctx.value(scenario.jobMatching.elasticity, ['jobMatching', 'elasticity']),
      floor: ctx.value(scenario.jobMatching.floor, ['jobMatching', 'floor']),
      vacancyDecay: ctx.value(scenario.jobMatching.vacancyDecay, ['jobMatching', 'vacancyDecay']),
      jobsPerArrival: ctx.value(scenario.jobMatching.jobsPerArrival, ['jobMatching', 'jobsPerArrival']),
    },
    agglomeration: {
      enabled: scenario.agglomeration.enabled,
      elasticity: ctx.value(scenario.agglomeration.elasticity, ['agglomeration', 'elasticity']),
      tiers: scenario.agglomeration.tiers.map((t, i) => ctx.indexOf(tierIds, t, 'tier', ['agglomeration', 'tiers', i])),
    },
    lifecycle: { retirementAge, ...resolveTransitions(ctx) },
    policies,
    assumptions: ctx.assumptions,
    input: scenario,
  };
  if (!ctx.issues.length) checkPolicies(ctx, resolved);
  if (!ctx.issues.length) checkExpressionTerms(ctx, resolved);
  if (ctx.issues.length) throw new ScenarioError(ctx.issues);
  return resolved;
}

/** The hazard in its usual key order: the tiers' rates, the age bands (resolved earlier), the tenure bands. */
function resolveHazard(ctx: ResolveContext, age: ResolvedScenario['hazard']['age']): ResolvedScenario['hazard'] {
  const { perYear, tenure } = resolveRates(ctx);
  return { perYear, age, tenure };
}

/** A text given once for both languages, or per language. */
function bilingual(text: string | { zh: string; en: string } | undefined, otherwise: string): { zh: string; en: string } {
  if (text === undefined) return { zh: otherwise, en: otherwise };
  return typeof text === 'string' ? { zh: text, en: text } : { zh: text.zh, en: text.en };
}
