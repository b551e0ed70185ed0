// Property: any mix of policies at zero intensity (ZERO_INTENSITY in policy-mix.ts) gives exactly the baseline and reports nothing.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runReplication, type ModelOptions } from '../../src/core/model.js';
import type { RunResult } from '../../src/core/results.js';
import { builtinPolicies } from '../../src/policies/index.js';
import { baselineInput, resolveInput } from '../support.js';
import { baselineWith, POLICY_TYPES, policyMix, smallRun, ZERO_INTENSITY } from './policy-mix.js';

/** All 13 modules at once, each at the middle of its ranges and in force from the first tick. */
const everyModule = POLICY_TYPES.map((type) => ({ type, position: 0.5, startNow: true }));
const bits = (values: Float64Array) => Buffer.from(values.buffer, values.byteOffset, values.byteLength);
const baseline = resolveInput(baselineInput());

/** Baseline runs by settings: a property revisits the same settings while it shrinks. */
const baselineRuns = new Map<string, RunResult>();
function baselineRun(options: ModelOptions): RunResult {
  const key = JSON.stringify(options);
  if (!baselineRuns.has(key)) baselineRuns.set(key, runReplication(baseline, options));
  return baselineRuns.get(key)!;
}

describe('policies at zero intensity', () => {
  it('every built-in module has zero-intensity parameters its schema accepts', () => {
    expect(Object.keys(ZERO_INTENSITY).sort()).toEqual([...POLICY_TYPES].sort());
    for (const type of POLICY_TYPES) expect(builtinPolicies[type].params.safeParse(ZERO_INTENSITY[type]).error, type).toBeUndefined();
  });

  it('a mix of several of them gives the baseline bit for bit (stocks, flows, home counts, cohorts), and every report is zero', () => {
    fc.assert(
      fc.property(policyMix(2), smallRun, fc.integer({ min: 0, max: 9 }), (mix, run, replication) => {
        const options = { replication, ...run };
        const base = baselineRun(options);
        const result = runReplication(baselineWith(mix, { zero: true }), options);
        for (const part of ['initialStock', 'perTick', 'flows', 'home', 'cohortSize', 'cohortRemaining', 'graduates'] as const)
          expect(bits(result[part]).equals(bits(base[part])), part).toBe(true);
        expect(result.policies.length).toBeGreaterThanOrEqual(mix.length);
        for (const report of result.policies)
          expect(
            report.values.findIndex((v) => v !== 0),
            `${report.name}: first non-zero figure`,
          ).toBe(-1);
      }),
      { seed: 20240701, numRuns: 20, examples: [[everyModule, { seed: 11, years: 2, scale: 300 }, 0]] },
    );
  });

  it('the same modules at the intensity of their scenario files do change the run (the property above is not vacuous)', () => {
    const options = { replication: 0, seed: 5, years: 3, scale: 200 };
    const result = runReplication(baselineWith(everyModule), options);
    expect(bits(result.perTick).equals(bits(baselineRun(options).perTick))).toBe(false);
    // Each module, switched on at its scenario's intensity, spends or reports something.
    const active = new Set(result.policies.filter((p) => p.values.some((v) => v !== 0)).map((p) => p.type));
    expect([...active].sort()).toEqual([...POLICY_TYPES].sort());
  });
});
