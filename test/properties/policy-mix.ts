// Policy mixes for property tests: each built-in module's entries from its scenario file, at a point of their ranges.
import fc from 'fast-check';
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

/** The scenario entries of a mix. Publicity promotes every other policy of the mix. */
export function policyEntries(mix: readonly MixedPolicy[]): PolicyEntry[] {
  return mix.flatMap(({ type, position, startNow }) =>
    scenarioEntries(type).map((entry) => ({
      ...atPosition(entry, position),
      ...(type === 'publicity' ? { targets: [] } : {}),
      ...(startNow ? { start: 2024 } : {}),
    })),
  );
}

/** The baseline with a mix of policies switched on. */
export function baselineWith(mix: readonly MixedPolicy[]): ResolvedScenario {
  return resolveInput({ ...baselineInput(), policies: policyEntries(mix) });
}

/** Run settings small enough for a property: 1–3 years at 200–400 persons an agent (8,000–16,000 agents), any seed. */
export const smallRun = fc.record({
  seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
  years: fc.integer({ min: 1, max: 3 }),
  scale: fc.constantFrom(200, 300, 400),
});
