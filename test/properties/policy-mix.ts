// Policy mixes for property tests: each built-in module's entries from its scenario file, at a point of their ranges, and at zero intensity.
import fc from 'fast-check';
import type { z } from 'zod';
import { builtinPolicies, type BuiltinPolicyType } from '../../src/policies/index.js';
import { loadScenarioSync } from '../../src/scenario/load.js';
import type { ResolvedScenario } from '../../src/scenario/resolve.js';
import { baselineInput, resolveInput } from '../support.js';

export const POLICY_TYPES = Object.keys(builtinPolicies) as BuiltinPolicyType[];

/** The scenario file (in scenarios/) whose entries of each type the mixes use. */
const SCENARIO_FILE: Record<BuiltinPolicyType, string> = {
  subsidy: 'subsidy.yaml',
  publicity: 'publicity.yaml',
  'industry-program': 'industry.yaml',
  'flexible-hiring': 'flexible.yaml',
  enclave: 'enclave.yaml',
  remote: 'remote.yaml',
  'market-recruitment': 'market.yaml',
  hometown: 'hometown.yaml',
  training: 'training.yaml',
  services: 'services.yaml',
  platforms: 'platforms.yaml',
  integration: 'integration.yaml',
  career: 'career.yaml',
};

type PolicyEntry = Record<string, unknown>;
/** A module's own parameters as a scenario may write them (plain numbers or {value, range, source}), any subset. */
type ParamsOf<K extends BuiltinPolicyType> = Partial<z.input<(typeof builtinPolicies)[K]['params']>>;

/**
 * What puts each module at zero intensity: no slots, posts, places, contacts, trainees, promotions, builds or money, and
 * no friction cut, career value, campaign or green channel; everything else (eligibility, schedule, budget, costs)
 * stays as in its scenario file. Found by reading each module: with these, none of its hooks changes an agent, the
 * environment or its spending. A new module without an entry here does not compile.
 */
export const ZERO_INTENSITY: { [K in BuiltinPolicyType]: ParamsOf<K> } = {
  subsidy: { lumpSum: 0, perYear: 0 },
  // The campaign spends nothing and the redemption service leaves payout delays as they are (its cost runs only when it speeds them).
  publicity: { spendPerYear: 0, redemptionSpeed: 1 },
  'industry-program': { jobsPerYear: 0, platformsPerYear: 0, grants: { top: 0, professional: 0, graduate: 0 } },
  'flexible-hiring': { slots: 0 },
  // The centre's rent is paid only while it has posts.
  enclave: { positions: 0 },
  remote: { slots: 0 },
  'market-recruitment': { contactsPerYear: 0 },
  // Without reach, contacts, a green channel or a grant the database is not kept, so its yearly cost is not paid.
  hometown: { reachPerYear: 0, contactsPerYear: 0, jobChanceAtHome: 0, startupGrant: 0 },
  // The college's running cost is paid only while it trains.
  training: { traineesPerYear: 0 },
  services: { places: 0 },
  // A build of no units: nothing is built and no running cost starts.
  platforms: { builds: [{ year: 2024, industry: 'emerging', count: 0, platformsEach: 6, cost: 80_000_000, runningCost: 5_000_000 }] },
  // The coordination cost, fixed and not scaled, is committed only while the cut does something.
  integration: { frictionCut: 0 },
  // The programme's running cost is paid only while it offers a career value or promotions.
  career: { careerValue: 0, promotionsPerYear: 0 },
};

const entriesByType = new Map<BuiltinPolicyType, PolicyEntry[]>();

/** The entries of one type in its scenario file (a fresh deep copy). */
export function scenarioEntries(type: BuiltinPolicyType): PolicyEntry[] {
  let entries = entriesByType.get(type);
  if (!entries) {
    const policies = loadScenarioSync(SCENARIO_FILE[type]).scenario.policies as PolicyEntry[];
    entries = policies.filter((p) => p.type === type);
    entriesByType.set(type, entries);
  }
  return structuredClone(entries);
}

/** Every uncertain number ({value, range}) set to the point `position` (0: low end, 1: high end) of its range. */
export function atPosition<T>(value: T, position: number): T {
  if (Array.isArray(value)) return value.map((v) => atPosition(v, position)) as T;
  if (value === null || typeof value !== 'object') return value;
  const object = value as Record<string, unknown>;
  const range = object.range;
  if (typeof object.value === 'number' && Array.isArray(range)) {
    const [low, high] = range as [number, number];
    return { ...object, value: low + position * (high - low) } as T;
  }
  return Object.fromEntries(Object.entries(object).map(([k, v]) => [k, atPosition(v, position)])) as T;
}

/** One module in a mix: where its uncertain parameters sit in their ranges, and whether it starts with the run (2024) instead of as written. */
export interface MixedPolicy {
  type: BuiltinPolicyType;
  position: number;
  startNow: boolean;
}

export const mixedPolicy: fc.Arbitrary<MixedPolicy> = fc.record({
  type: fc.constantFrom(...POLICY_TYPES),
  position: fc.double({ min: 0, max: 1, noNaN: true }),
  startNow: fc.boolean(),
});

/** A set of distinct modules. */
export const policyMix = (minLength: number, maxLength = POLICY_TYPES.length): fc.Arbitrary<MixedPolicy[]> =>
  fc.uniqueArray(mixedPolicy, { selector: (p) => p.type, minLength, maxLength });

/** The scenario entries of a mix, optionally at zero intensity. Publicity promotes every other policy of the mix. */
export function policyEntries(mix: readonly MixedPolicy[], options: { zero?: boolean } = {}): PolicyEntry[] {
  return mix.flatMap(({ type, position, startNow }) =>
    scenarioEntries(type).map((entry) => ({
      ...atPosition(entry, position),
      ...(type === 'publicity' ? { targets: [] } : {}),
      ...(startNow ? { start: 2024 } : {}),
      ...(options.zero ? ZERO_INTENSITY[type] : {}),
    })),
  );
}

/** The baseline with a mix of policies switched on, and a burn-in of `burnInYears` (default none). */
export function baselineWith(mix: readonly MixedPolicy[], options: { zero?: boolean; burnInYears?: number } = {}): ResolvedScenario {
  const input = baselineInput();
  return resolveInput({ ...input, run: { ...input.run, burnInYears: options.burnInYears ?? 0 }, policies: policyEntries(mix, options) });
}

/** Run settings small enough for a property: 1–3 years at 200–400 persons an agent (8,000–16,000 agents), any seed. */
export const smallRun = fc.record({
  seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
  years: fc.integer({ min: 1, max: 3 }),
  scale: fc.constantFrom(200, 300, 400),
});
