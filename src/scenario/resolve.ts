// Turns a validated scenario into the indexed, plain-number form the model runs on, checking every cross-reference.
import { z } from 'zod';
import { ScenarioError, type FieldPath, type ScenarioIssue, unknownNameHint } from './errors.js';
import { policyCommonFields, type Param, type Scenario } from './schema.js';
import { AUDIENCES, type Audience, type Eligibility } from '../core/policy.js';
import {
  SERVICE_KINDS,
  type Assumption,
  type Band,
  type Origin,
  type ResolvedGroup,
  type ResolvedLocation,
  type ResolvedPolicy,
  type ResolvedScenario as ModelScenario,
  type ResolvedTerm,
  type Transition,
} from '../core/scenario.js';
import { defaultRegistry, type Registry } from './registry.js';
import { ExpressionError, expressionTerm } from './expression.js';

export type * from '../core/scenario.js';

/** A resolved scenario that keeps the validated scenario it came from (`input`, for run.json and reports). */
export type ResolvedScenario = ModelScenario<Scenario>;

/** Resolves a validated scenario; throws ScenarioError listing every problem found. */
export function resolveScenario(scenario: Scenario, registry: Registry = defaultRegistry()): ResolvedScenario {
  const issues: ScenarioIssue[] = [];
  const assumptions: Assumption[] = [];
  const fail = (path: FieldPath, message: string, hint?: string) => issues.push({ path, message, hint });

  const value = (p: Param, path: FieldPath): number => {
    if (typeof p === 'number') return p;
    if (p.range && !assumptions.some((a) => a.path.join('.') === path.join('.'))) assumptions.push({ path, value: p.value, range: p.range, source: p.source });
    return p.value;
  };

  const tierIds = scenario.tiers.map((t) => t.id);
  const industryIds = scenario.industries.map((i) => i.id);
  const stageIds = scenario.familyStages.map((f) => f.id);
  const locationIds = scenario.locations.map((l) => l.id);

  for (const [what, ids, path] of [
    ['tier', tierIds, 'tiers'],
    ['industry', industryIds, 'industries'],
    ['family stage', stageIds, 'familyStages'],
    ['location', locationIds, 'locations'],
  ] as const) {
    ids.forEach((id, i) => {
      if (ids.indexOf(id) !== i) fail([path, i, 'id'], `${what} id "${id}" is used twice`, 'give each an id of its own');
    });
  }

  const indexOf = (ids: readonly string[], id: string, what: string, path: FieldPath): number => {
    const index = ids.indexOf(id);
    if (index < 0) fail(path, `unknown ${what} "${id}"`, unknownNameHint(id, ids, `${what} ids`));
    return index;
  };

  /** A record keyed by ids: every id must be known; with `complete`, every id must be present. */
  const byId = (record: Record<string, Param>, ids: readonly string[], what: string, path: FieldPath, complete: boolean, fallback = 0): number[] => {
    for (const key of Object.keys(record)) indexOf(ids, key, what, [...path, key]);
    return ids.map((id) => {
      if (record[id] === undefined) {
        if (complete) fail(path, `no value for ${what} "${id}"`, `add "${id}: <number>" under ${path[path.length - 1]}`);
        return fallback;
      }
      return value(record[id], [...path, id]);
    });
  };

  const normalised = (record: Record<string, Param>, ids: readonly string[], what: string, path: FieldPath): number[] => {
    const raw = byId(record, ids, what, path, false);
    const total = raw.reduce((a, b) => a + b, 0);
    if (total <= 0) {
      fail(path, `the ${what} shares add up to 0`, `give at least one ${what} a positive share`);
      return raw;
    }
    return raw.map((x) => x / total);
  };

  for (const [kind, groups] of [
    ['populations', scenario.populations],
    ['entries', scenario.entries],
  ] as const)
    groups.forEach((g, i) => {
      if (groups.findIndex((other) => other.name === g.name) !== i)
        fail([kind, i, 'name'], `the name "${g.name}" is used twice in ${kind}`, 'give each group a name of its own: an extending file finds groups by name');
    });

  const homes = scenario.locations.flatMap((l, i) => (l.home ? [i] : []));
  if (homes.length !== 1)
    fail(['locations'], `${homes.length} locations are marked home: true; exactly one must be`, 'mark the focal city (Bazhong) with home: true, and only it');

  const industryFactor = (k: number) => {
    const f = scenario.industries[k].wageFactor;
    return typeof f === 'number' ? f : f.value;
  };
  const locations: ResolvedLocation[] = scenario.locations.map((l, i) => {
    for (const key of Object.keys(l.industryWage ?? {})) indexOf(industryIds, key, 'industry', ['locations', i, 'industryWage', key]);
    const path = ['locations', i] as const;
    const travelHours = scenario.locations.map((other, j) => {
      if (i === j) return 0;
      const own = l.travelHours[other.id];
      const back = scenario.locations[j].travelHours[l.id];
      if (own !== undefined) return value(own, [...path, 'travelHours', other.id]);
      if (back !== undefined) return typeof back === 'number' ? back : back.value;
      fail(
        [...path, 'travelHours'],
        `no travel time from "${l.id}" to "${other.id}"`,
        `add "${other.id}: <hours>" here or "${l.id}: <hours>" under that location`,
      );
      return 0;
    });
    for (const key of Object.keys(l.travelHours)) if (key !== l.id) indexOf(locationIds, key, 'location', [...path, 'travelHours', key]);
    return {
      id: l.id,
      label: l.label,
      labelEn: l.labelEn,
      wage: byId(l.wage, tierIds, 'tier', [...path, 'wage'], true, 1),
      wageFactors: industryIds.map((ind, k) => {
        const own = l.industryWage?.[ind];
        return own === undefined ? industryFactor(k) : value(own, [...path, 'industryWage', ind]);
      }),
      wageGrowth: value(l.wageGrowth, [...path, 'wageGrowth']),
      housingCost: value(l.housingCost, [...path, 'housingCost']),
      services: SERVICE_KINDS.map((k) => value(l.services[k], [...path, 'services', k])),
      platforms: byId(l.platforms, industryIds, 'industry', [...path, 'platforms'], false),
      jobSlack: value(l.jobSlack, [...path, 'jobSlack']),
      jobGrowth: value(l.jobGrowth, [...path, 'jobGrowth']),
      travelHours,
    };
  });
  locations.forEach((l, i) =>
    l.wage.forEach((w, t) => {
      if (w <= 0)
        fail(['locations', i, 'wage', tierIds[t]], 'a wage must be positive (the income term takes its log)', 'give a wage in CNY per year, e.g. 80000');
    }),
  );

  const group = (g: Scenario['populations'][number] | Scenario['entries'][number], path: FieldPath): ResolvedGroup => ({
    name: g.name,
    location: indexOf(locationIds, g.location, 'location', [...path, 'location']),
    native: value(g.native, [...path, 'native']),
    tierShares: normalised(g.tiers, tierIds, 'tier', [...path, 'tiers']),
    industryShares: normalised(g.industries, industryIds, 'industry', [...path, 'industries']),
    familyShares: normalised(g.family, stageIds, 'family stage', [...path, 'family']),
    ageMin: g.age.min,
    ageMax: g.age.max,
  });

  const populations = scenario.populations.map((p, i) => ({ ...group(p, ['populations', i]), count: value(p.count, ['populations', i, 'count']) }));
  const entries = scenario.entries.map((e, i) => ({
    ...group(e, ['entries', i]),
    perYear: value(e.perYear, ['entries', i, 'perYear']),
    months: [...new Set(e.months)].sort((a, b) => a - b),
  }));

  const bands = (list: { upTo: number; factor: Param }[], path: FieldPath): Band[] =>
    list.map((b, i) => {
      if (i > 0 && b.upTo <= list[i - 1].upTo)
        fail(
          [...path, i, 'upTo'],
          `band bounds must ascend (${b.upTo} follows ${list[i - 1].upTo})`,
          'list the bands from youngest/shortest to oldest/longest',
        );
      return { upTo: b.upTo, factor: value(b.factor, [...path, i, 'factor']) };
    });

  const retirementAge = value(scenario.lifecycle.retirementAge, ['lifecycle', 'retirementAge']);
  const ageBands = bands(scenario.hazard.age, ['hazard', 'age']);
  if (ageBands.length && ageBands[ageBands.length - 1].upTo < retirementAge)
    fail(
      ['hazard', 'age'],
      `the last age band ends at ${ageBands[ageBands.length - 1].upTo}, below the retirement age ${retirementAge}`,
      `raise its upTo to at least ${retirementAge}`,
    );
  for (const [kind, groups] of [
    ['populations', scenario.populations],
    ['entries', scenario.entries],
  ] as const)
    groups.forEach((g, i) => {
      if (g.age.min >= retirementAge)
        fail(
          [kind, i, 'age', 'min'],
          `age.min ${g.age.min} is at or above the retirement age ${retirementAge}: the group would retire at once`,
          `lower age.min below ${retirementAge}`,
        );
    });

  const utility: ResolvedTerm[] = Object.entries(scenario.utility).map(([name, entry]) => {
    const path = ['utility', name];
    const term = registry.term(name);
    const coefficient = value(entry.coefficient as Param, [...path, 'coefficient']);
    const { coefficient: _omit, ...rest } = entry;
    if (!term) {
      fail(path, `unknown utility term "${name}"`, unknownNameHint(name, registry.termNames(), 'terms'));
      return { name, coefficient, params: rest, term: { name, description: '', value: () => 0 }, origin: 'builtin' as Origin };
    }
    let params: Record<string, unknown> = rest;
    collectRanges(rest, path, (p, at) => value(p, at));
    const schema = term.params ?? z.strictObject({});
    const parsed = schema.safeParse(rest);
    if (parsed.success) params = parsed.data as Record<string, unknown>;
    else
      for (const issue of parsed.error.issues)
        fail(
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
      return fail([...path, 'name'], `a utility term named "${t.name}" already exists`, 'give the expression term a name of its own');
    try {
      const term = expressionTerm(t.name, t.expr, scenario, t.description);
      utility.push({ name: t.name, coefficient: value(t.coefficient as Param, [...path, 'coefficient']), params: {}, term, expr: t.expr, origin: 'builtin' });
    } catch (error) {
      if (!(error instanceof ExpressionError)) throw error;
      fail([...path, 'expr'], error.message, error.hint);
    }
  });

  const transitions = (list: { from: string; to: string; perYear: Param }[], ids: readonly string[], what: string, path: FieldPath): Transition[] =>
    list.map((t, i) => {
      if (t.from === t.to) fail([...path, i, 'to'], `a change from "${t.from}" to itself does nothing`, 'name another id under to, or remove this line');
      return {
        from: indexOf(ids, t.from, what, [...path, i, 'from']),
        to: indexOf(ids, t.to, what, [...path, i, 'to']),
        perYear: value(t.perYear, [...path, i, 'perYear']),
      };
    });

  const ticksPerYear = scenario.run.ticksPerYear;
  // A policy without an end stays in force however long the run (the command line may ask for more years).
  const OPEN_END = 2 ** 31 - 1;
  const mask = (ids: readonly string[], chosen: string[] | undefined, what: string, path: FieldPath) => {
    const out = new Uint8Array(ids.length).fill(chosen ? 0 : 1);
    chosen?.forEach((id, k) => {
      const at = indexOf(ids, id, what, [...path, k]);
      if (at >= 0) out[at] = 1;
    });
    return out;
  };
  const tickOf = (when: number | { tick: number } | undefined, fallback: number, end: boolean) =>
    when === undefined ? fallback : typeof when === 'number' ? (when - scenario.run.startYear + (end ? 1 : 0)) * ticksPerYear : when.tick;
  const names = new Map<string, number>();
  const policies: ResolvedPolicy[] = scenario.policies
    .map((entry, index) => {
      const path = ['policies', index] as const;
      const module = registry.policy(entry.type);
      if (!module) {
        fail([...path, 'type'], `unknown policy type "${entry.type}"`, unknownNameHint(entry.type, registry.policyTypes(), 'policy types'));
        return undefined;
      }
      const schema = z.strictObject({ ...policyCommonFields, ...module.params.shape });
      const parsed = schema.safeParse(entry);
      if (!parsed.success) {
        for (const issue of parsed.error.issues) {
          const at = [...path, ...(issue.path as (string | number)[])];
          if (issue.code === 'unrecognized_keys')
            for (const key of issue.keys)
              fail([...at, key], `unknown field "${key}" for a ${entry.type} policy`, unknownNameHint(key, Object.keys(schema.shape), 'fields'));
          else fail(at, issue.message.replace(/^Invalid input: /, ''));
        }
        return undefined;
      }
      const common = parsed.data as z.output<z.ZodObject<typeof policyCommonFields>>;
      const count = (names.get(entry.type) ?? 0) + 1;
      names.set(entry.type, count);
      const name = common.name ?? (count === 1 ? entry.type : `${entry.type}#${count}`);
      const eligibility: Eligibility = {
        tiers: mask(tierIds, common.eligibility?.tiers, 'tier', [...path, 'eligibility', 'tiers']),
        industries: mask(industryIds, common.eligibility?.industries, 'industry', [...path, 'eligibility', 'industries']),
        locations: mask(locationIds, common.eligibility?.locations, 'location', [...path, 'eligibility', 'locations']),
        native: common.eligibility?.native,
        ageMin: common.eligibility?.age?.min ?? 0,
        ageMax: common.eligibility?.age?.max ?? 200,
      };
      const defaults = scenario.policyAwareness;
      const awareness = Object.fromEntries(
        AUDIENCES.map((audience) => {
          const own = common.awareness?.[audience];
          return [audience, value(own ?? defaults[audience], own === undefined ? ['policyAwareness', audience] : [...path, 'awareness', audience])];
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
      collectRanges(raw, path, (p, at) => value(p, at));
      const startTick = Math.max(0, tickOf(start, 0, false));
      const endTick = Math.min(OPEN_END, tickOf(end, OPEN_END, true));
      if (endTick <= startTick)
        fail([...path, 'end'], `the policy ends (tick ${endTick}) before it starts (tick ${startTick})`, 'check start and end: end is the last year in force');
      return {
        module,
        origin: registry.origin(module),
        spec: {
          index,
          name,
          type: entry.type,
          startTick,
          endTick,
          budget: budget === undefined ? Infinity : value(budget, [...path, 'budget']),
          eligibility,
          awareness,
          params,
        },
      };
    })
    .filter((p): p is ResolvedPolicy => p !== undefined);
  for (const [i, p] of policies.entries())
    if (policies.findIndex((q) => q.spec.name === p.spec.name) !== i)
      fail(['policies', p.spec.index, 'name'], `two policies are named "${p.spec.name}"`, 'give each a name of its own');
  const checkPolicies = (resolved: ResolvedScenario) => {
    for (const p of policies)
      for (const problem of p.module.check?.(p.spec.params as never, resolved) ?? [])
        fail(['policies', p.spec.index, ...problem.path], problem.message, problem.hint);
  };

  const resolved: ResolvedScenario = {
    name: scenario.name ?? 'scenario',
    description: scenario.description ?? '',
    run: scenario.run,
    tiers: scenario.tiers.map(({ id, label, labelEn }) => ({ id, label, labelEn })),
    industries: scenario.industries.map((ind, i) => ({
      id: ind.id,
      label: ind.label,
      labelEn: ind.labelEn,
      wageFactor: value(ind.wageFactor, ['industries', i, 'wageFactor']),
    })),
    familyStages: scenario.familyStages.map((f, i) => ({
      id: f.id,
      label: f.label,
      labelEn: f.labelEn,
      serviceWeights: SERVICE_KINDS.map((k) => value(f.serviceWeights[k], ['familyStages', i, 'serviceWeights', k])),
    })),
    locations,
    homeIndex: homes[0] ?? 0,
    populations,
    entries,
    topTiers: scenario.topTiers.map((t, i) => indexOf(tierIds, t, 'tier', ['topTiers', i])),
    recruitedTiers: scenario.recruitedTiers.map((t, i) => indexOf(tierIds, t, 'tier', ['recruitedTiers', i])),
    hazard: {
      perYear: byId(scenario.hazard.perYear, tierIds, 'tier', ['hazard', 'perYear'], true),
      age: ageBands,
      tenure: bands(scenario.hazard.tenure, ['hazard', 'tenure']),
    },
    utility,
    tasteSd: value(scenario.taste.sd, ['taste', 'sd']),
    jobMatching: {
      elasticity: value(scenario.jobMatching.elasticity, ['jobMatching', 'elasticity']),
      floor: value(scenario.jobMatching.floor, ['jobMatching', 'floor']),
      vacancyDecay: value(scenario.jobMatching.vacancyDecay, ['jobMatching', 'vacancyDecay']),
    },
    agglomeration: {
      enabled: scenario.agglomeration.enabled,
      elasticity: value(scenario.agglomeration.elasticity, ['agglomeration', 'elasticity']),
      tiers: scenario.agglomeration.tiers.map((t, i) => indexOf(tierIds, t, 'tier', ['agglomeration', 'tiers', i])),
    },
    lifecycle: {
      retirementAge,
      upgrades: transitions(scenario.lifecycle.upgrades, tierIds, 'tier', ['lifecycle', 'upgrades']),
      family: transitions(scenario.lifecycle.family, stageIds, 'family stage', ['lifecycle', 'family']),
    },
    policies,
    assumptions,
    input: scenario,
  };
  if (!issues.length) checkPolicies(resolved);
  if (issues.length) throw new ScenarioError(issues);
  return resolved;
}

/** Calls `found` for every {value, range} parameter inside a module's raw entry, to list its assumptions. */
function collectRanges(x: unknown, at: FieldPath, found: (p: Param, at: FieldPath) => void): void {
  if (typeof x !== 'object' || x === null) return;
  if (!Array.isArray(x) && typeof (x as { value?: unknown }).value === 'number' && Array.isArray((x as { range?: unknown }).range))
    return found(x as Param, at);
  for (const [k, v] of Object.entries(x)) collectRanges(v, [...at, Array.isArray(x) ? Number(k) : k], found);
}
