// Field paths: parsing, finding a parameter by id, name or index, did-you-mean for unknown paths, setting values.
import { describe, expect, it } from 'vitest';
import { findFactor, numericPaths, parseFieldPath, withValues } from '../../src/experiments/paths.js';
import { chooseOutcome, parseVary, planSensitivity, planSweep, rangedFactors, varyValues } from '../../src/experiments/plan.js';
import { UsageError } from '../../src/core/errors.js';
import { Scenario } from '../../src/scenario/schema.js';
import { loadScenarioSync } from '../../src/scenario/load.js';
import { resolveScenario } from '../../src/scenario/resolve.js';

const baseline = loadScenarioSync('baseline.yaml');
const subsidy = loadScenarioSync('subsidy.yaml');
/** Parameters of the baseline with a declared range (118 when this was written; the baseline grows). */
const ranged = baseline.resolved.assumptions.filter((a) => a.range).length;

describe('parseFieldPath', () => {
  it.each([
    ['utility.income.coefficient', ['utility', 'income', 'coefficient']],
    ['locations[0].wage.top', ['locations', 0, 'wage', 'top']],
    ['hazard.age.0.factor', ['hazard', 'age', 0, 'factor']],
    ['populations[talent in Bazhong].count', ['populations', 'talent in Bazhong', 'count']],
    ['populations["talent in Bazhong"].count', ['populations', 'talent in Bazhong', 'count']],
    ["entries[graduates of Bazhong's colleges].perYear", ['entries', "graduates of Bazhong's colleges", 'perYear']],
  ])('reads %s', (text, parts) => expect(parseFieldPath(text)).toEqual(parts));
  it.each(['', 'a..b', 'a.', 'a[1', 'a["x]'])('refuses %j', (text) => expect(() => parseFieldPath(text)).toThrow(UsageError));
});

describe('findFactor', () => {
  it('finds list items by id, by name and by index, with the same canonical label', () => {
    const byId = findFactor(baseline.scenario, 'locations.bazhong.wage.top');
    expect(byId).toEqual({
      label: 'locations.bazhong.wage.top',
      path: ['locations', 0, 'wage', 'top'],
      base: 220000,
      range: [160000, 300000],
      source: 'assumption',
    });
    expect(findFactor(baseline.scenario, 'locations[0].wage.top.value')).toEqual(byId);
    expect(findFactor(baseline.scenario, 'utility.income.coefficient')).toMatchObject({
      base: (baseline.scenario.utility.income.coefficient as { value: number }).value,
      range: [0.8, 2],
    });
    const byName = findFactor(baseline.scenario, 'populations[talent in Bazhong].count');
    expect(byName.path).toEqual(['populations', 0, 'count']);
    expect(findFactor(baseline.scenario, 'populations[0].count').label).toBe('populations[talent in Bazhong].count');
    expect(findFactor(baseline.scenario, 'hazard.age[0].factor')).toMatchObject({ label: 'hazard.age[0].factor', base: 1.4 });
  });

  it("finds policy parameters by the policy's name", () => {
    const f = findFactor(subsidy.scenario, 'policies[雏鹰计划 young talent].lumpSum');
    expect(f).toMatchObject({ base: 30000, range: [10000, 60000], path: ['policies', 0, 'lumpSum'] });
  });

  it('gives every assumption a label that finds it again', () => {
    for (const scenario of [baseline, subsidy]) {
      const factors = rangedFactors(scenario);
      expect(factors.length).toBe(scenario.resolved.assumptions.filter((a) => a.range).length);
      for (const f of factors) expect(findFactor(scenario.scenario, f.label).path).toEqual(f.path);
    }
  });

  it.each([
    [
      'utility.incme.coefficient',
      /unknown parameter path "utility\.incme\.coefficient": utility has no field "incme"[\s\S]*did you mean "utility\.income\.coefficient"/,
    ],
    ['locations.bazong.wage.top', /has no item "bazong"[\s\S]*did you mean "locations\.bazhong\.wage\.top"/],
    ['locations.bazhong.wage.tops', /did you mean "locations\.bazhong\.wage\.top"/],
    ['nothing.at.all', /unknown parameter path "nothing\.at\.all"[\s\S]*fix: /],
    ['locations.bazhong.wage', /names a mapping, not a number[\s\S]*locations\.bazhong\.wage\.top/],
    ['run.years', /run setting/],
  ])('refuses %s with a clear message', (text, message) => {
    expect(() => findFactor(baseline.scenario, text)).toThrow(UsageError);
    expect(() => findFactor(baseline.scenario, text)).toThrow(message);
  });

  it('suggests, inside a mapping, only what holds a number: no texts (id, label) and no switches (home)', () => {
    const hint = () => {
      try {
        findFactor(baseline.scenario, 'locations.bazhong');
      } catch (error) {
        return (error as UsageError).hint ?? '';
      }
      throw new Error('locations.bazhong was taken as a number');
    };
    const suggested = hint()
      .replace(/^name one of its numbers: /, '')
      .split(', ');
    expect(suggested).toContain('locations.bazhong.wage');
    expect(suggested).toContain('locations.bazhong.travelHours');
    const location = (baseline.scenario.locations as Record<string, unknown>[]).find((l) => l.id === 'bazhong')!;
    for (const [key, value] of Object.entries(location))
      if (typeof value === 'string' || typeof value === 'boolean') expect(suggested).not.toContain(`locations.bazhong.${key}`);
    expect(suggested).not.toContain('locations.bazhong.id');
  });

  it('lists numeric paths without run settings', () => {
    const paths = numericPaths(baseline.scenario);
    expect(paths).toContain('locations.bazhong.wage.top');
    expect(paths.some((p) => p.startsWith('run.'))).toBe(false);
  });
});

describe('withValues', () => {
  const factors = [
    findFactor(baseline.scenario, 'locations.bazhong.wage.top'),
    findFactor(baseline.scenario, 'utility.income.coefficient'),
    findFactor(baseline.scenario, 'hazard.age[1].factor'),
  ];
  it('sets values in a copy, keeping ranges and sources, and the copy resolves', () => {
    const { scenario, notes } = withValues(baseline.scenario, factors, [250000, 1.5, 1.2]);
    expect(notes).toEqual([]);
    expect(scenario.locations[0].wage.top).toEqual({ value: 250000, range: [160000, 300000], source: 'assumption' });
    expect(scenario.hazard.age[1].factor).toBe(1.2);
    expect(baseline.scenario.locations[0].wage.top).toMatchObject({ value: 220000 });
    const resolved = resolveScenario(Scenario.parse(scenario));
    expect(resolved.locations[0].wage[0]).toBe(250000);
    expect(resolved.utility.find((t) => t.name === 'income')!.coefficient).toBe(1.5);
  });
  it('allows a value outside the declared range, drops the range and notes it', () => {
    const { scenario, notes } = withValues(baseline.scenario, factors, [320000, 1.2, 1]);
    expect(notes).toEqual(['locations.bazhong.wage.top = 320000 lies outside its declared range [160000, 300000]']);
    expect(Scenario.safeParse(scenario).success).toBe(true);
  });
});

describe('plans', () => {
  it('reads --vary values, ranges and bare paths', () => {
    expect(parseVary('a.b=1,2.5,-3')).toEqual({ path: 'a.b', values: [1, 2.5, -3] });
    expect(parseVary('a.b=0:1:5')).toEqual({ path: 'a.b', steps: { low: 0, high: 1, count: 5 } });
    expect(varyValues(parseVary('a.b=0:1:5'))).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(parseVary('a.b')).toEqual({ path: 'a.b' });
    expect(() => parseVary('a.b=1,x')).toThrow(/"x" is not a number/);
    expect(() => parseVary('a.b=')).toThrow(/no values/);
  });

  it('plans a grid of the product of the value counts, and a bare path over low, value, high', () => {
    const plan = planSweep(baseline, { vary: ['utility.income.coefficient=0.8,1.2,1.6', 'taste.sd'] });
    expect(plan.points).toHaveLength(3 * 3);
    expect(plan.values).toEqual([
      [0.8, 1.2, 1.6],
      [0.3, 0.8, 1.5],
    ]);
    expect(() => planSweep(baseline, { vary: ['taste.sd=1', 'taste.sd.value=2'] })).toThrow(/named twice/);
    expect(() => planSweep(baseline, { vary: [] })).toThrow(/needs at least one parameter/);
  });

  it('samples every declared range with a Latin hypercube, or only the named ones', () => {
    const all = planSweep(baseline, { vary: [], sample: 'lhs', n: 12, seed: 3 });
    expect(all.factors).toHaveLength(ranged);
    expect(ranged).toBeGreaterThan(100);
    expect(all.points).toHaveLength(12);
    all.factors.forEach((f, j) => {
      const strata = all.points.map((p) => Math.min(11, Math.floor(((p[j] - f.range![0]) / (f.range![1] - f.range![0])) * 12))).sort((a, b) => a - b);
      expect(strata).toEqual(Array.from({ length: 12 }, (_, i) => i));
    });
    const two = planSweep(baseline, { vary: ['taste.sd', 'utility.hometown.coefficient'], sample: 'lhs', n: 5, seed: 3 });
    expect(two.factors.map((f) => f.label)).toEqual(['taste.sd', 'utility.hometown.coefficient']);
    expect(() => planSweep(baseline, { vary: ['taste.sd=1,2'], sample: 'lhs' })).toThrow(/without values/);
    expect(() => planSweep(baseline, { vary: ['hazard.age[1].factor'], sample: 'lhs' })).toThrow(/declares no range/);
  });

  it('plans OAT with 2k + 1 points and Morris with r (k + 1)', () => {
    expect(planSensitivity(baseline).points).toHaveLength(2 * ranged + 1);
    expect(planSensitivity(baseline, { method: 'morris', trajectories: 3 }).points).toHaveLength(3 * (ranged + 1));
    const custom = planSensitivity(baseline, { vary: ['hazard.age[1].factor=0.8,1.2'] });
    expect(custom.factors[0].range).toEqual([0.8, 1.2]);
    expect(() => planSensitivity(baseline, { method: 'morris', levels: 5 })).toThrow(/even/);
  });

  it('checks the outcome and its year', () => {
    const settings = { runs: 2, seed: 1, years: 5, startYear: 2024 };
    expect(chooseOutcome(settings)).toEqual({ metric: 'netRetention', year: 2028 });
    expect(chooseOutcome(settings, 'recruited', 2025)).toEqual({ metric: 'recruited', year: 2025 });
    expect(() => chooseOutcome(settings, 'netRetension')).toThrow(/did you mean "netRetention"/);
    expect(() => chooseOutcome(settings, 'residents', 2030)).toThrow(/2024–2028/);
  });
});
