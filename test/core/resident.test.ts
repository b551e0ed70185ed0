// Entry streams of residents who qualify (entries[].resident, the newly certified skilled workers of the baseline):
// they join the talent stock where they live, long in their jobs, and no policy hears of them as newcomers.
import { describe, expect, it } from 'vitest';
import { Model } from '../../src/core/model.js';
import { resolveInput } from '../support.js';
import { tinyScenarioInput } from '../fixtures.js';

/** The tiny scenario with only its Bazhong entry stream, resident or not, and a subsidy every newcomer takes up. */
function scenario(resident: boolean) {
  const input = tinyScenarioInput();
  return resolveInput({
    ...input,
    entries: [{ ...input.entries![0], months: [1], perYear: 2000, resident }],
    policyAwareness: { residents: 1, diaspora: 1, others: 1 },
    policies: [{ type: 'subsidy', lumpSum: 10000, takeUp: 1 }],
  });
}

/** Runs the first tick (the entry month) and returns the entrants' tenure in ticks and the subsidy's grants. */
function firstTick(resident: boolean) {
  const model = new Model(scenario(resident), { replication: 0, seed: 3, years: 1, scale: 10 });
  const before = model.agents.count;
  model.step();
  const a = model.agents;
  const tenure: number[] = [];
  for (let i = before; i < a.count; i++) tenure.push(1 - a.arrivalTick[i]);
  const grants = model.policies[0].report[1 + model.policies[0].metrics.indexOf('grants')];
  return { tenure, grants };
}

describe('resident entrants', () => {
  it('have been in their jobs for years, and are not newcomers to the subsidy', () => {
    const newcomers = firstTick(false);
    const residents = firstTick(true);
    // 2,000 a year entering in one month at 10 persons an agent: about 200 agents.
    expect(residents.tenure.length).toBeGreaterThan(150);
    expect(newcomers.tenure.every((t) => t === 1)).toBe(true);
    // Drawn uniformly over 1–3 years since age 20 (ages 21–24): a tenure of a month or less is rare.
    expect(residents.tenure.filter((t) => t <= 1).length).toBeLessThan(0.1 * residents.tenure.length);
    expect(newcomers.grants).toBeGreaterThan(0);
    expect(residents.grants).toBe(0);
  });
});
