// The first-job block: each utility term's coefficient in a first-job choice, and the search time in ticks.
import { describe, expect, it } from 'vitest';
import { defaultRegistry } from '../../../src/scenario/registry.js';
import { resolveFirstJob } from '../../../src/scenario/resolvers/first-job.js';
import { resolveUtility } from '../../../src/scenario/resolvers/utility.js';
import { assumptionPaths, contextOf } from './support.js';
import type { ScenarioInput } from '../../../src/scenario/schema.js';

const resolve = (change: (input: ScenarioInput) => void) => {
  const ctx = contextOf(change);
  const utility = resolveUtility(ctx, defaultRegistry());
  const before = ctx.assumptions.length;
  const firstJob = resolveFirstJob(ctx, utility);
  return { ctx, utility, firstJob, ranged: assumptionPaths(ctx).slice(before) };
};

describe('firstJob', () => {
  it('without the block, a first job weighs every term as a move does, and a graduate searches 3 months', () => {
    const { utility, firstJob } = resolve(() => {});
    expect(firstJob.coefficients).toEqual(utility.map((t) => t.coefficient));
    expect(firstJob.retryTicks).toBe(3);
  });

  it('a named term takes its first-job coefficient, in utility order; ranged values are assumptions', () => {
    const { utility, firstJob, ranged, ctx } = resolve((input) => {
      input.firstJob = {
        coefficients: { movingCost: { value: -0.5, range: [-1, 0], source: 'assumption' }, income: 2 },
        retryMonths: { value: 2, range: [1, 6], source: 'assumption' },
      };
    });
    expect(ctx.issues).toEqual([]);
    const expected = utility.map((t) => (t.name === 'movingCost' ? -0.5 : t.name === 'income' ? 2 : t.coefficient));
    expect(firstJob.coefficients).toEqual(expected);
    expect(firstJob.retryTicks).toBe(2);
    expect(ranged).toEqual(['firstJob.coefficients.movingCost', 'firstJob.retryMonths']);
  });

  it('search time rounds to whole ticks, at least one', () => {
    const yearly = resolve((input) => {
      input.run = { ...input.run!, ticksPerYear: 1 };
      input.firstJob = { retryMonths: 3 };
    });
    expect(yearly.firstJob.retryTicks).toBe(1);
  });

  it('a name that is no term of the scenario is a problem naming the term meant', () => {
    const { ctx } = resolve((input) => (input.firstJob = { coefficients: { movingCosts: 0 } }));
    expect(ctx.issues).toEqual([
      { path: ['firstJob', 'coefficients', 'movingCosts'], message: 'unknown utility term "movingCosts"', hint: 'did you mean "movingCost"?' },
    ]);
  });
});
