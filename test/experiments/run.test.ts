// Running the points of an experiment: the same figures for any thread count, repeats run once, bad values refused.
// Needs `npm run build` (workers run dist/).
import { describe, expect, it } from 'vitest';
import { summaryRunRows, SUMMARY_METRIC_NAMES } from '../../src/core/rows.js';
import { findFactor, withValues } from '../../src/experiments/paths.js';
import { figure, pointMeans } from '../../src/experiments/plan.js';
import { preparePoints, runPoints } from '../../src/experiments/runner.js';
import { runScenario } from '../../src/runner/run.js';
import { UsageError } from '../../src/core/errors.js';
import { resolveScenario } from '../../src/scenario/resolve.js';
import { Scenario } from '../../src/scenario/schema.js';
import { tinyLoaded } from '../fixtures.js';

const loaded = tinyLoaded();
const hometown = findFactor(loaded.scenario, 'utility.hometown.coefficient');
const growth = findFactor(loaded.scenario, 'locations.bazhong.wageGrowth');

describe('runPoints', () => {
  const points = [
    [0.5, 0.03],
    [2, 0.07],
    [0.5, 0.03],
  ];

  it('gives identical figures on one thread and on two, and runs a repeated point once', async () => {
    const prepared = preparePoints(loaded, [hometown, growth], points);
    expect(prepared.scenarios).toHaveLength(2);
    expect(prepared.runOf).toEqual([0, 1, 0]);
    const calls: number[] = [];
    const one = await runPoints(loaded, prepared, { runs: 2, years: 2, threads: 1, onProgress: (done) => calls.push(done) });
    const two = await runPoints(loaded, prepared, { runs: 2, years: 2, threads: 2 });
    expect(one.threads).toBe(1);
    expect(two.threads).toBe(2);
    expect(one.modelRuns).toBe(4);
    expect(calls[calls.length - 1]).toBe(4 * 24);
    for (let p = 0; p < points.length; p++) expect(Array.from(two.figures[p])).toEqual(Array.from(one.figures[p]));
    expect(Array.from(one.figures[2])).toEqual(Array.from(one.figures[0]));
    // The hometown pull changes the outcome: the points differ.
    expect(pointMeans(one, { metric: 'residents', year: 2025 })[1]).not.toBe(pointMeans(one, { metric: 'residents', year: 2025 })[0]);
  });

  it('gives each point the figures of a plain run of the scenario with its values set', async () => {
    const prepared = preparePoints(loaded, [hometown], [[1.7]]);
    const outcome = await runPoints(loaded, prepared, { runs: 2, years: 2, threads: 1 });
    const { scenario } = withValues(loaded.scenario, [hometown], [1.7]);
    const resolved = resolveScenario(Scenario.parse(scenario));
    const plain = await runScenario({ scenario, resolved }, { runs: 2, years: 2, threads: 1 });
    const rows = summaryRunRows(plain.results, resolved);
    for (const row of rows) {
      const value = figure(outcome, 0, row.run, row.year - 2024, row.metric);
      if (Number.isNaN(row.value)) expect(value).toBeNaN();
      else expect(value).toBe(row.value);
    }
    expect(rows).toHaveLength(2 * 2 * SUMMARY_METRIC_NAMES.length);
  });

  it('refuses, before running, a value the scenario cannot take', () => {
    const schools = findFactor(loaded.scenario, 'locations.bazhong.services.schools');
    expect(() => preparePoints(loaded, [schools], [[0.5], [1.2]])).toThrow(UsageError);
    expect(() => preparePoints(loaded, [schools], [[1.2]])).toThrow(/cannot take locations\.bazhong\.services\.schools = 1\.2[\s\S]*at most 1|<=1/);
  });
});

describe('the library calls', () => {
  it('plan, run and read a sweep and a sensitivity analysis from code', async () => {
    const { sweep, sensitivity, sensitivityEffects, pointMeans: means } = await import('../../src/index.js');
    const swept = await sweep(loaded, { vary: ['utility.hometown.coefficient=0.5,2'] }, { runs: 2, years: 2, threads: 1 });
    expect(swept.plan.points).toEqual([[0.5], [2]]);
    // A stronger hometown pull keeps more talent in Bazhong.
    const residents = means(swept.outcome, { metric: 'residents', year: 2025 });
    expect(residents[1]).toBeGreaterThan(residents[0]);
    const analysed = await sensitivity(loaded, { method: 'oat' }, { runs: 1, years: 1, threads: 1 });
    const effects = sensitivityEffects(analysed, 'residents');
    expect(effects.method).toBe('oat');
    expect(effects.effects.map((e) => e.rank).sort()).toEqual([1, 2]);
    if (effects.method === 'oat') expect(effects.base).toBe(means(analysed.outcome, { metric: 'residents', year: 2024 })[0]);
  });
});
