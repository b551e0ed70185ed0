// A run paired with its counterfactual: the same scenario without its policies, the same seeds and posterior draws, on
// the one scheduler. Threads need `npm run build` (workers run dist/).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/core/errors.js';
import { counterfactualName, withoutPolicies } from '../../src/runner/counterfactual.js';
import { runScenario } from '../../src/runner/run.js';
import { parsePosterior } from '../../src/scenario/posterior.js';
import { resolveScenario } from '../../src/scenario/resolve.js';
import { Scenario } from '../../src/scenario/schema.js';
import { tinyLoaded, tinyPolicyLoaded, tinyPolicyScenarioInput, tinyScenario } from '../fixtures.js';
import { resultBytes } from './support.js';

const small = { runs: 3, years: 2, scale: 40, seed: 5, threads: 1 } as const;

/** The tiny policy scenario with its policies removed, built from its input rather than by withoutPolicies. */
function removedByHand() {
  const scenario = Scenario.parse({ ...tinyPolicyScenarioInput(), policies: [] });
  return { scenario, resolved: resolveScenario(scenario) };
}

describe('withoutPolicies', () => {
  it('is the scenario with no policies, under a name and title of its own, everything else as it was', () => {
    const loaded = tinyPolicyLoaded();
    const counterfactual = withoutPolicies(loaded);
    expect(counterfactual.resolved.policies).toEqual([]);
    expect(counterfactual.resolved.name).toBe(counterfactualName('tiny-policies'));
    expect(counterfactual.resolved.title.en).toMatch(/without its policies$/);
    expect(counterfactual.resolved.title.zh).toMatch(/（不含政策）$/);
    const { name: _a, title: _b, policies: _c, ...rest } = counterfactual.scenario;
    const { name: _d, title: _e, policies: _f, ...original } = loaded.scenario;
    expect(rest).toEqual(original);
  });
});

describe('runScenario with counterfactual', () => {
  it('runs the counterfactual exactly as the scenario with its policies removed, run on its own', async () => {
    const paired = await runScenario(tinyPolicyLoaded(), { ...small, counterfactual: true });
    const alone = await runScenario(removedByHand(), small);
    const own = await runScenario(tinyPolicyLoaded(), small);
    expect(paired.counterfactual!.results.map((r) => r.replication)).toEqual([0, 1, 2]);
    paired.counterfactual!.results.forEach((r, k) => expect(resultBytes(r).equals(resultBytes(alone.results[k])), `run ${k}`).toBe(true));
    // The scenario's own runs are those of a run without the counterfactual.
    paired.results.forEach((r, k) => expect(resultBytes(r).equals(resultBytes(own.results[k])), `run ${k}`).toBe(true));
    // The policies do act here, so the pairing above is not of two equal runs.
    expect(resultBytes(paired.results[0]).equals(resultBytes(alone.results[0]))).toBe(false);
    // Progress counts both: twice the ticks of the runs alone.
    expect(paired.totalTicks).toBe(2 * own.totalTicks);
  });

  it('gives the same results on two threads as on one', async () => {
    const one = await runScenario(tinyPolicyLoaded(), { ...small, counterfactual: true });
    const two = await runScenario(tinyPolicyLoaded(), { ...small, threads: 2, counterfactual: true });
    expect(two.threads).toBe(2);
    two.results.forEach((r, k) => expect(resultBytes(r).equals(resultBytes(one.results[k]))).toBe(true));
    two.counterfactual!.results.forEach((r, k) => expect(resultBytes(r).equals(resultBytes(one.counterfactual!.results[k]))).toBe(true));
  });

  it('runs a scenario without policies alone, and none when not asked', async () => {
    expect((await runScenario(tinyLoaded(), { ...small, counterfactual: true })).counterfactual).toBeUndefined();
    expect((await runScenario(tinyPolicyLoaded(), small)).counterfactual).toBeUndefined();
  });

  it('draws the same posterior particle in run k of both', async () => {
    const file = fileURLToPath(new URL('../fixtures/posterior.csv', import.meta.url));
    const posterior = parsePosterior(readFileSync(file, 'utf8'), file, tinyScenario());
    const runs = { ...small, runs: 6, years: 1 };
    const paired = await runScenario({ ...tinyPolicyLoaded(), posterior }, { ...runs, counterfactual: true });
    const alone = await runScenario({ ...removedByHand(), posterior }, runs);
    expect(paired.uncertainty).toEqual(alone.uncertainty);
    expect(new Set(paired.uncertainty!.draws!.map((d) => d.row)).size).toBeGreaterThan(1);
    paired.counterfactual!.results.forEach((r, k) => expect(resultBytes(r).equals(resultBytes(alone.results[k])), `run ${k}`).toBe(true));
  });

  it('refuses, before running, a posterior over a parameter of a policy: the counterfactual has none to set', async () => {
    const input = tinyPolicyScenarioInput();
    input.policies![0] = { ...input.policies![0], perYear: { value: 12000, range: [6000, 20000], source: 'assumption' } };
    const scenario = Scenario.parse(input);
    const loaded = { scenario, resolved: resolveScenario(scenario) };
    const text = 'particle,weight,distance,policies[subsidy].perYear\n0,1,0,15000\n';
    const posterior = parsePosterior(text, '/fitted/posterior.csv', loaded.scenario);
    const attempt = runScenario({ ...loaded, posterior }, { ...small, counterfactual: true });
    await expect(attempt).rejects.toThrow(UsageError);
    await expect(runScenario({ ...loaded, posterior }, { ...small, counterfactual: true })).rejects.toThrow(
      /the counterfactual of the scenario \(the scenario without its policies\) cannot take its posterior \/fitted\/posterior\.csv: .*\n {4}fix: .*--no-counterfactual/,
    );
  });
});
