// First-job choice: graduates of a `firstJob` entry stream choose where to work by the logit of the first-job utility,
// look for a job at every destination (where they studied too), search and choose again when they find none; their
// moves are flows, natives' returns count, and the home city's cohort holds its graduates whether they stay or not.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Flag } from '../../src/core/agents.js';
import { Model } from '../../src/core/model.js';
import { cohortRemainingAt, cohortSizeAt, homeFigure, movesAt, tickFigure, type RunResult } from '../../src/core/results.js';
import { defineTerm } from '../../src/core/terms.js';
import { Registry } from '../../src/scenario/registry.js';
import type { ScenarioInput } from '../../src/scenario/schema.js';
import { tinyScenarioInput } from '../fixtures.js';
import { proportionTolerance, resolveInput } from '../support.js';

/** A term whose value for each destination is fixed by the scenario: lets a test set utilities directly. */
const fixedUtility = defineTerm({
  name: 'fixed',
  description: 'Test term: a fixed value per destination index.',
  params: z.strictObject({ values: z.array(z.number()) }),
  value: ({ to }, { values }) => values[to],
});

const [BAZHONG, CHENGDU] = [0, 1];
const GRADUATES = 40_000;

/**
 * The tiny scenario at full scale where only first jobs move people: no one reconsiders (hazard 0), no life events;
 * one stream of `GRADUATES` graduates a year enters in January at `location` and chooses a first job.
 */
function firstJobsOnly(change: (input: ScenarioInput) => void = () => {}, location = 'bazhong', native = 0.5): ScenarioInput {
  const input = tinyScenarioInput();
  input.run = { ...input.run!, scale: 1, years: 1 };
  input.entries = [
    {
      name: 'graduates',
      location,
      perYear: GRADUATES,
      months: [1],
      native,
      tiers: { professional: 1 },
      industries: { traditional: 1 },
      family: { single: 1 },
      age: { min: 21, max: 24 },
      firstJob: true,
    },
  ];
  input.hazard!.perYear = { top: 0, professional: 0, skilled: 0 };
  input.lifecycle = { ...input.lifecycle!, upgrades: [], family: [] };
  change(input);
  return input;
}

/** Fixed utilities of the four locations, no taste and a job for everyone: the choice is a plain logit. */
function fixedChoice(values: number[], firstJob: ScenarioInput['firstJob']) {
  return firstJobsOnly((input) => {
    input.utility = { fixed: { coefficient: 1, values }, movingCost: { coefficient: -3 } };
    input.taste = { sd: 0 };
    input.jobMatching = { elasticity: 4, floor: 1 };
    input.firstJob = firstJob;
  });
}

const run = (input: ScenarioInput, ticks = 1, registry?: Registry) => {
  const model = new Model(resolveInput(input, registry), { replication: 0 });
  for (let t = 0; t < ticks; t++) model.step();
  return { model, result: model.finish() };
};

/** Of the graduates who entered at `from` in tick 0, how many are at each location at its end (professional tier). */
function destinations(r: RunResult, from: number): number[] {
  const entered = tickFigure(r, 'entries', 0, from, 1);
  const out = Array.from({ length: r.locations }, (_, to) => (to === from ? 0 : movesAt(r, 0, from, to, 1)));
  out[from] = entered - tickFigure(r, 'outflow', 0, from, 1);
  return out;
}

const softmax = (u: number[]) => u.map((x) => Math.exp(x) / u.reduce((s, y) => s + Math.exp(y), 0));

describe('first-job choice', () => {
  const values = [0.2, 0.9, -0.4, 0.3];

  it('the share of graduates choosing each destination follows the logit of the first-job utility, with its own coefficients', () => {
    const registry = new Registry().register(fixedUtility);
    // The first-job coefficient of movingCost (0) replaces the move's (−3): leaving costs nothing.
    const free = destinations(run(fixedChoice(values, { coefficients: { movingCost: 0 } }), 1, registry).result, BAZHONG);
    // Without an override, a first job weighs the move's −3 on every place but the study location.
    const costly = destinations(run(fixedChoice(values, {}), 1, registry).result, BAZHONG);
    const cases = [
      { counts: free, expected: softmax(values) },
      { counts: costly, expected: softmax(values.map((u, to) => (to === BAZHONG ? u : u - 3))) },
    ];
    for (const { counts, expected } of cases) {
      const n = counts.reduce((s, c) => s + c, 0);
      expect(n).toBeGreaterThan(GRADUATES * 0.99);
      counts.forEach((c, to) => expect(Math.abs(c / n - expected[to]), `destination ${to}`).toBeLessThan(proportionTolerance(expected[to], n)));
    }
  });

  it('staying where one studied needs a job too; a graduate without one searches there and chooses again after retryMonths', () => {
    // Elasticity 0.1: every cell with people in it is far past the point where the chance falls to the floor, 0.3.
    const input = fixedChoice(values, { coefficients: { movingCost: 0 }, retryMonths: 3 });
    input.jobMatching = { elasticity: 0.1, floor: 0.3 };
    const model = new Model(resolveInput(input, new Registry().register(fixedUtility)), { replication: 0 });
    const searching = () => {
      let n = 0;
      for (let i = 0; i < model.agents.count; i++) if (model.agents.flags[i] & Flag.searching) n++;
      return n;
    };
    model.step();
    const entered = tickFigure(model.finish(), 'entries', 0, BAZHONG, 1);
    const first = searching();
    expect(Math.abs(first / entered - 0.7)).toBeLessThan(proportionTolerance(0.7, entered));
    // Searchers are not movers: they are still where they studied.
    expect(tickFigure(model.finish(), 'outflow', 0, BAZHONG, 1)).toBeLessThan(entered - first + 1);
    model.step();
    model.step();
    expect(searching()).toBe(first);
    model.step(); // tick 3: the search of those who entered at tick 0 is over
    expect(Math.abs(searching() / first - 0.7)).toBeLessThan(proportionTolerance(0.7, first));
  });

  it("raising the home city's wage raises the share of its graduates who stay", () => {
    const stayShare = (wageFactor: number) => {
      const input = firstJobsOnly((s) => {
        s.firstJob = { coefficients: { movingCost: 0 } };
        s.locations![BAZHONG].industryWage = { traditional: wageFactor };
      });
      const counts = destinations(run(input).result, BAZHONG);
      return { share: counts[BAZHONG] / counts.reduce((s, c) => s + c, 0), n: counts.reduce((s, c) => s + c, 0) };
    };
    const low = stayShare(1);
    const high = stayShare(1.3);
    // Not a corner: some leave at the low wage, some stay.
    expect(low.share).toBeGreaterThan(0.05);
    expect(low.share).toBeLessThan(0.95);
    expect(high.share - low.share).toBeGreaterThan(proportionTolerance(low.share, low.n));
  });

  it("the home city's graduates join its cohort whether they stay or not; leaving is an outflow", () => {
    const { result } = run(
      firstJobsOnly((s) => (s.firstJob = { coefficients: { movingCost: 0 } })),
      12,
    );
    const entered = tickFigure(result, 'entries', 0, BAZHONG, 1);
    const joined = cohortSizeAt(result, 0, 1, true) + cohortSizeAt(result, 0, 1, false);
    const remaining = cohortRemainingAt(result, 0, 1, true, 0) + cohortRemainingAt(result, 0, 1, false, 0);
    // Those who found no job at first leave later in the year, when they choose again.
    let left = 0;
    for (let tick = 0; tick < 12; tick++) left += tickFigure(result, 'outflow', tick, BAZHONG, 1);
    expect(joined).toBe(entered);
    expect(left).toBeGreaterThan(0);
    expect(remaining).toBe(entered - left);
  });

  it('natives who graduate elsewhere and take a first job at home are returning natives and join its cohort, not recruits', () => {
    const input = firstJobsOnly((s) => (s.firstJob = { coefficients: { movingCost: 0 } }), 'chengdu', 1);
    const { result } = run(input, 12);
    const returned = movesAt(result, 0, CHENGDU, BAZHONG, 1);
    expect(returned).toBeGreaterThan(0);
    expect(homeFigure(result, 'nativesReturning', 0)).toBe(returned);
    expect(cohortSizeAt(result, 0, 1, true)).toBe(returned);
    expect(homeFigure(result, 'recruited', 0)).toBe(0);
  });

  it('a firstJob block without any stream that chooses changes nothing', () => {
    const plain = tinyScenarioInput();
    const withBlock = tinyScenarioInput();
    withBlock.firstJob = { coefficients: { movingCost: 0, income: 3 }, retryMonths: 1 };
    const a = new Model(resolveInput(plain), { replication: 1 }).run();
    const b = new Model(resolveInput(withBlock), { replication: 1 }).run();
    expect(b).toEqual(a);
  });
});
