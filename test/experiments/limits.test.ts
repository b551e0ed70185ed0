// The size of an experiment is checked before any point is made: a grid of a billion values is refused at once
// (it ran out of memory), with the count, the limit and how to lower it; --max-model-runs raises the limit.
import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../src/core/limits.js';
import { counted } from '../../src/core/messages.js';
import { parseVary, planSensitivity, planSweep } from '../../src/experiments/plan.js';
import { loadScenarioSync } from '../../src/scenario/load.js';

const baseline = loadScenarioSync('baseline.yaml');
const ranged = baseline.resolved.assumptions.filter((a) => a.range).length;

describe('the limit on model runs', () => {
  it('is documented as 10,000', () => expect(LIMITS.maxModelRuns).toBe(10_000));

  it('refuses a grid of a billion points at once, without making its values', () => {
    const started = performance.now();
    expect(() => planSweep(baseline, { vary: ['utility.income.coefficient=0:1:1000000000'], runs: 1 })).toThrow(
      /1,000,000,000 points × 1 run = 1,000,000,000 model runs, more than the limit of 10,000\n    fix: use fewer values .*: at most 10,000 points fit in one sweep, whatever --max-model-runs says/,
    );
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('suggests raising the limit only to a value that fits in memory', () => {
    const hint = (vary: string, runs: number, maxModelRuns?: number) => {
      try {
        planSweep(baseline, { vary: [`utility.income.coefficient=0:1:${vary}`], runs, maxModelRuns });
      } catch (error) {
        return (error as Error).message;
      }
      return 'planned';
    };
    // Within what fits: the fix names the value that would run it.
    expect(hint('5000', 10)).toMatch(/raise the limit with --max-model-runs 50000/);
    // More model runs than the ceiling, or more points than memory holds: no value is suggested.
    expect(hint('5000', 30)).toMatch(new RegExp(`at most ${LIMITS.maxModelRunsCeiling.toLocaleString('en-US')} model runs fit`));
    expect(hint('5000', 30)).not.toMatch(/--max-model-runs \d/);
    expect(hint(String(LIMITS.maxDesignPoints + 1), 1)).not.toMatch(/--max-model-runs \d/);
    // A raised limit does not let more points than memory holds through.
    expect(hint(String(LIMITS.maxDesignPoints + 1), 1, LIMITS.maxModelRunsCeiling)).toMatch(/can hold in memory .* whatever --max-model-runs says/);
  });

  it('counts a grid as the product of its counts times the runs, the runs defaulting to the scenario', () => {
    const vary = ['utility.income.coefficient=0:1:100', 'taste.sd=0.5:1:101'];
    expect(() => planSweep(baseline, { vary, runs: 1 })).toThrow(/10,100 points × 1 run = 10,100 model runs/);
    expect(planSweep(baseline, { vary: ['utility.income.coefficient=0:1:100', 'taste.sd=0.5:1:100'], runs: 1 }).points).toHaveLength(10_000);
    expect(() => planSweep(baseline, { vary: ['utility.income.coefficient=0:1:2000'] })).toThrow(
      new RegExp(`2,000 points × ${counted(baseline.resolved.run.runs, 'run')}`),
    );
  });

  it('is raised on purpose with maxModelRuns', () => {
    const plan = planSweep(baseline, { vary: ['utility.income.coefficient=0:1:10000'], runs: 2, maxModelRuns: 20_000 });
    expect(plan.points).toHaveLength(10_000);
    expect(plan.values![0][9_999]).toBe(1);
  });

  it('applies to samples and to every sensitivity method', () => {
    expect(() => planSweep(baseline, { vary: [], sample: 'lhs', n: 5001, runs: 2 })).toThrow(
      /5,001 points × 2 runs = 10,002 model runs[\s\S]*fix: sample fewer points/,
    );
    expect(() => planSensitivity(baseline, { runs: 10_000 })).toThrow(new RegExp(`${counted(2 * ranged + 1, 'point')} × 10,000 runs`));
    expect(() => planSensitivity(baseline, { method: 'morris', trajectories: 1000, runs: 1 })).toThrow(/fix: use fewer trajectories/);
    // Sobol': n (k + 2) points, counted before the design is made.
    expect(() => planSensitivity(baseline, { method: 'sobol', runs: 2 })).toThrow(
      new RegExp(
        `${counted(64 * (ranged + 2), 'point')} × 2 runs = ${(2 * 64 * (ranged + 2)).toLocaleString('en-US')} model runs[\\s\\S]*fix: use fewer base samples \\(-n\\)`,
      ),
    );
    const vary = ['utility.income.coefficient', 'taste.sd'];
    expect(planSensitivity(baseline, { method: 'sobol', vary, n: 2500, runs: 1 }).points).toHaveLength(10_000);
    expect(() => planSensitivity(baseline, { method: 'sobol', vary, n: 2501, runs: 1 })).toThrow(/10,004 model runs/);
  });
});

describe('--vary ranges', () => {
  it.each([
    ['a=1:1:5', /low and high are both 1, .*a step of 0\)\n    fix: give a single value/],
    ['a=2:1:5', /high \(1\) is below low \(2\), a negative step\n    fix: write the range low first: PATH=1:2:n/],
    ['a=0:1:Infinity', /the count n of low:high:n must be a whole number of at least 2, not Infinity/],
    ['a=0:1:1e400', /not Infinity/],
    ['a=0:1:2.5', /not 2\.5/],
    ['a=0:1:1', /not 1\n/],
    ['a=0:1:abc', /the count "abc" is not a number/],
    ['a=0:Infinity:3', /"Infinity" is not a finite number/],
  ])('refuses %s', (text, message) => expect(() => parseVary(text)).toThrow(message));
});
