// resolveAges, resolveRates and resolveTransitions: the retirement age and age bands, reconsideration rates and tenure bands, life-cycle changes.
import { describe, expect, it } from 'vitest';
import { resolveAges, resolveRates, resolveTransitions } from '../../../src/scenario/resolvers/hazards.js';
import { assumptionPaths, contextOf } from './support.js';

describe('resolveAges', () => {
  it('gives the retirement age and the age bands as written', () => {
    const ctx = contextOf();
    expect(resolveAges(ctx)).toEqual({
      retirementAge: 60,
      age: [
        { upTo: 30, factor: 1.5 },
        { upTo: 45, factor: 1 },
        { upTo: 70, factor: 0.5 },
      ],
    });
    expect(ctx.issues).toEqual([]);
  });

  it('lists a ranged retirement age before the ranged band factors', () => {
    const ctx = contextOf((input) => {
      input.hazard.age[2].factor = { value: 0.5, range: [0.3, 0.7] };
      input.lifecycle.retirementAge = { value: 62, range: [60, 65] };
    });
    expect(resolveAges(ctx).retirementAge).toBe(62);
    expect(assumptionPaths(ctx)).toEqual(['lifecycle.retirementAge', 'hazard.age.2.factor']);
  });

  it('band bounds must ascend: a repeat or a step back is a problem at that band', () => {
    const ctx = contextOf((input) => {
      input.hazard.age = [
        { upTo: 30, factor: 1.5 },
        { upTo: 30, factor: 1 },
        { upTo: 25, factor: 1 },
        { upTo: 70, factor: 0.5 },
      ];
    });
    resolveAges(ctx);
    const hint = 'list the bands from youngest/shortest to oldest/longest';
    expect(ctx.issues).toEqual([
      { path: ['hazard', 'age', 1, 'upTo'], message: 'band bounds must ascend (30 follows 30)', hint },
      { path: ['hazard', 'age', 2, 'upTo'], message: 'band bounds must ascend (25 follows 30)', hint },
    ]);
  });

  it('a last band that ends below the retirement age is a problem; one that ends at it is not', () => {
    const below = contextOf((input) => (input.hazard.age[2].upTo = 59));
    resolveAges(below);
    expect(below.issues).toEqual([
      { path: ['hazard', 'age'], message: 'the last age band ends at 59, below the retirement age 60', hint: 'raise its upTo to at least 60' },
    ]);
    const at = contextOf((input) => (input.hazard.age[2].upTo = 60));
    resolveAges(at);
    expect(at.issues).toEqual([]);
  });

  it('compares with the value of a ranged retirement age', () => {
    const ctx = contextOf((input) => {
      input.lifecycle.retirementAge = { value: 65, range: [60, 70] };
      input.hazard.age[2].upTo = 63;
    });
    resolveAges(ctx);
    expect(ctx.issues.map((i) => i.message)).toEqual(['the last age band ends at 63, below the retirement age 65']);
  });
});

describe('resolveRates', () => {
  it('gives the rates in tier order and the tenure bands', () => {
    const ctx = contextOf((input) => (input.hazard.perYear = { skilled: 0.12, top: 0.1, professional: 0.15 }));
    expect(resolveRates(ctx)).toEqual({
      perYear: [0.1, 0.15, 0.12],
      tenure: [
        { upTo: 2, factor: 1.3 },
        { upTo: 100, factor: 0.8 },
      ],
    });
    expect(ctx.issues).toEqual([]);
  });

  it('every tier needs a rate: a missing one is a problem and its rate is 0', () => {
    const ctx = contextOf((input) => delete input.hazard.perYear.professional);
    expect(resolveRates(ctx).perYear).toEqual([0.1, 0, 0.12]);
    expect(ctx.issues).toEqual([
      { path: ['hazard', 'perYear'], message: 'no value for tier "professional"', hint: 'add "professional: <number>" under perYear' },
    ]);
  });

  it('a rate for an unknown tier is a problem at its key', () => {
    const ctx = contextOf((input) => (input.hazard.perYear.expert = 0.2));
    expect(resolveRates(ctx).perYear).toEqual([0.1, 0.15, 0.12]);
    expect(ctx.issues).toEqual([
      { path: ['hazard', 'perYear', 'expert'], message: 'unknown tier "expert"', hint: 'known tier ids: top, professional, skilled' },
    ]);
  });

  it('tenure bands must ascend too; ranged rates and factors are assumptions, rates first', () => {
    const ctx = contextOf((input) => {
      input.hazard.tenure = [
        { upTo: 5, factor: { value: 1.3, range: [1, 1.6] } },
        { upTo: 2, factor: 0.8 },
      ];
      input.hazard.perYear.skilled = { value: 0.12, range: [0.08, 0.16] };
    });
    expect(resolveRates(ctx).tenure).toEqual([
      { upTo: 5, factor: 1.3 },
      { upTo: 2, factor: 0.8 },
    ]);
    expect(ctx.issues).toEqual([
      {
        path: ['hazard', 'tenure', 1, 'upTo'],
        message: 'band bounds must ascend (2 follows 5)',
        hint: 'list the bands from youngest/shortest to oldest/longest',
      },
    ]);
    expect(assumptionPaths(ctx)).toEqual(['hazard.perYear.skilled', 'hazard.tenure.0.factor']);
  });
});

describe('resolveTransitions', () => {
  it('gives tier upgrades and family changes by index', () => {
    const ctx = contextOf();
    // skilled → professional and professional → top; single → children.
    expect(resolveTransitions(ctx)).toEqual({
      upgrades: [
        { from: 2, to: 1, perYear: 0.03 },
        { from: 1, to: 0, perYear: 0.01 },
      ],
      family: [{ from: 0, to: 1, perYear: 0.15 }],
    });
    expect(ctx.issues).toEqual([]);
  });

  it('a change to itself is a problem at its `to`', () => {
    const ctx = contextOf((input) => (input.lifecycle.family = [{ from: 'children', to: 'children', perYear: 0.1 }]));
    expect(resolveTransitions(ctx).family).toEqual([{ from: 1, to: 1, perYear: 0.1 }]);
    expect(ctx.issues).toEqual([
      {
        path: ['lifecycle', 'family', 0, 'to'],
        message: 'a change from "children" to itself does nothing',
        hint: 'name another id under to, or remove this line',
      },
    ]);
  });

  it('unknown ids are problems at `from` or `to`, with -1 for the index; tiers for upgrades, family stages for family', () => {
    const ctx = contextOf((input) => {
      input.lifecycle.upgrades[1].from = 'profesional';
      input.lifecycle.family[0].to = 'retired';
    });
    const { upgrades, family } = resolveTransitions(ctx);
    expect(upgrades[1]).toEqual({ from: -1, to: 0, perYear: 0.01 });
    expect(family[0]).toEqual({ from: 0, to: -1, perYear: 0.15 });
    expect(ctx.issues).toEqual([
      { path: ['lifecycle', 'upgrades', 1, 'from'], message: 'unknown tier "profesional"', hint: 'did you mean "professional"?' },
      { path: ['lifecycle', 'family', 0, 'to'], message: 'unknown family stage "retired"', hint: 'known family stage ids: single, children' },
    ]);
  });

  it('lists ranged yearly probabilities, upgrades before family changes', () => {
    const ctx = contextOf((input) => {
      input.lifecycle.family[0].perYear = { value: 0.15, range: [0.1, 0.2] };
      input.lifecycle.upgrades[0].perYear = { value: 0.03, range: [0.01, 0.05] };
    });
    expect(resolveTransitions(ctx).upgrades[0].perYear).toBe(0.03);
    expect(assumptionPaths(ctx)).toEqual(['lifecycle.upgrades.0.perYear', 'lifecycle.family.0.perYear']);
  });
});
