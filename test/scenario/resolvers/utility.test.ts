// resolveUtility: named terms from the registry with coefficients, parameters and origin, then expression terms, and their problems.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { policyParam } from '../../../src/core/params.js';
import type { EnvironmentView, TermContext } from '../../../src/core/scenario.js';
import { builtinTerms, defineTerm } from '../../../src/core/terms.js';
import { defaultRegistry, Registry } from '../../../src/scenario/registry.js';
import { resolveUtility } from '../../../src/scenario/resolvers/utility.js';
import { assumptionPaths, contextOf } from './support.js';

/** A term with parameters of its own: travel time over a scale, capped (for parameters, origins and their problems). */
const remoteness = defineTerm({
  name: 'remoteness',
  description: 'Travel hours to the destination over a scale, capped.',
  params: z.strictObject({ scale: policyParam(z.number().positive(), 'Hours per unit.'), cap: z.number().positive().default(10) }),
  value: ({ env, from, to }, p) => Math.min(p.cap, env.travelHours(from, to) / p.scale),
});

describe('named terms', () => {
  it('gives the built-in terms in the order written, with coefficients, no parameters and origin builtin', () => {
    const ctx = contextOf();
    const utility = resolveUtility(ctx, defaultRegistry());
    const written = ctx.scenario.utility;
    expect(utility.map((u) => u.name)).toEqual(Object.keys(written));
    expect(utility.map((u) => u.coefficient)).toEqual([1.5, 1, 0.2, 1, -0.5, 1.2, -0.3, -2]);
    for (const u of utility) {
      expect(u.term).toBe(builtinTerms[u.name as keyof typeof builtinTerms]);
      expect(u).toMatchObject({ params: {}, origin: 'builtin' });
      expect(u.expr).toBeUndefined();
    }
    expect(ctx.assumptions).toEqual([{ path: ['utility', 'hometown', 'coefficient'], value: 1.2, range: [0.5, 2], source: 'assumption' }]);
    expect(ctx.issues).toEqual([]);
  });

  it('a term registered from code or a plugin has that origin, and its parameters are parsed (defaults filled, ranges read as numbers)', () => {
    const ctx = contextOf((input) => (input.utility.remoteness = { coefficient: -1, scale: { value: 4, range: [2, 6] } }));
    const [fromCode] = resolveUtility(ctx, new Registry().register(remoteness)).filter((u) => u.name === 'remoteness');
    expect(fromCode).toMatchObject({ coefficient: -1, params: { scale: 4, cap: 10 }, origin: 'code' });
    expect(fromCode.term).toBe(remoteness);
    expect(assumptionPaths(ctx)).toEqual(['utility.hometown.coefficient', 'utility.remoteness.scale']);
    const plugin = contextOf((input) => (input.utility.remoteness = { coefficient: -1, scale: 2 }));
    const [fromPlugin] = resolveUtility(plugin, new Registry().register(remoteness, 'plugins/remote.ts')).filter((u) => u.name === 'remoteness');
    expect(fromPlugin.origin).toEqual({ plugin: 'plugins/remote.ts' });
  });

  it("lists a term's ranged coefficient before its ranged parameters", () => {
    const ctx = contextOf((input) => {
      input.utility = { remoteness: { coefficient: { value: -1, range: [-2, 0] }, scale: { value: 4, range: [2, 6] } } };
    });
    resolveUtility(ctx, new Registry().register(remoteness));
    expect(assumptionPaths(ctx)).toEqual(['utility.remoteness.coefficient', 'utility.remoteness.scale']);
  });

  it('an unknown term is a problem with the term meant, and stands in as a term worth 0', () => {
    const ctx = contextOf((input) => (input.utility.incom = { coefficient: 2 }));
    const unknown = resolveUtility(ctx, defaultRegistry()).at(-1)!;
    expect(unknown).toMatchObject({ name: 'incom', coefficient: 2 });
    expect(unknown.term.value({} as TermContext, {})).toBe(0);
    expect(ctx.issues).toEqual([{ path: ['utility', 'incom'], message: 'unknown utility term "incom"', hint: 'did you mean "income"?' }]);
  });

  it('an unknown term far from every known one lists the terms of the registry it was resolved with', () => {
    const ctx = contextOf((input) => (input.utility.wellbeing = { coefficient: 1 }));
    resolveUtility(ctx, new Registry().register(remoteness));
    expect(ctx.issues).toEqual([
      {
        path: ['utility', 'wellbeing'],
        message: 'unknown utility term "wellbeing"',
        hint: `known terms: ${[...Object.keys(builtinTerms), 'remoteness'].join(', ')}`,
      },
    ]);
  });

  it('a parameter a built-in term does not take is a problem naming it, with what the term takes', () => {
    const ctx = contextOf((input) => (input.utility.income = { coefficient: 1.5, floor: 1000 }));
    resolveUtility(ctx, defaultRegistry());
    expect(ctx.issues).toHaveLength(1);
    expect(ctx.issues[0].path.slice(0, 2)).toEqual(['utility', 'income']);
    expect(ctx.issues[0].message).toContain('"floor"');
    expect(ctx.issues[0].hint).toBe('term "income" takes only: coefficient');
  });

  it("a parameter a term with a schema does not take is a problem listing the term's own parameters", () => {
    const ctx = contextOf((input) => (input.utility.remoteness = { coefficient: -1, scale: 2, scael: 3 }));
    resolveUtility(ctx, new Registry().register(remoteness));
    expect(ctx.issues).toHaveLength(1);
    expect(ctx.issues[0].message).toContain('"scael"');
    expect(ctx.issues[0].hint).toBe('term "remoteness" takes only: coefficient, scale, cap');
  });

  // As every other unknown key (scenario fields through the loader, policy fields in policies.ts): at the key itself,
  // as `unknown field "<key>"`, so that the loader points at the key's line, not the term's.
  it('an unknown parameter of a term is reported at the parameter itself', () => {
    const ctx = contextOf((input) => (input.utility.income = { coefficient: 1.5, floor: 1000, cap: 2 }));
    resolveUtility(ctx, defaultRegistry());
    expect(ctx.issues.map((i) => [i.path, i.message])).toEqual([
      [['utility', 'income', 'floor'], 'unknown field "floor" for the utility term "income"'],
      [['utility', 'income', 'cap'], 'unknown field "cap" for the utility term "income"'],
    ]);
  });

  it('a parameter out of its range is a problem at that parameter', () => {
    const ctx = contextOf((input) => (input.utility.remoteness = { coefficient: -1, scale: 2, cap: -5 }));
    resolveUtility(ctx, new Registry().register(remoteness));
    expect(ctx.issues.map((i) => i.path)).toEqual([['utility', 'remoteness', 'cap']]);
    expect(ctx.issues[0].message).toMatch(/^the utility term "remoteness": too small/i);
    expect(ctx.issues[0].hint).toMatch(/takes: coefficient, scale, cap/);
  });
});

describe('expression terms', () => {
  const nearHome = { name: 'nearHome', expr: '2 * isHome - 0.5 * travelHours + emerging', coefficient: { value: 0.7, range: [0.2, 1] as [number, number] } };

  it('come after the named terms, with their expression, coefficient and origin builtin; a ranged coefficient comes after theirs', () => {
    const ctx = contextOf((input) => (input.terms = [nearHome]));
    const utility = resolveUtility(ctx, defaultRegistry());
    expect(utility.map((u) => u.name)).toEqual([...Object.keys(ctx.scenario.utility), 'nearHome']);
    expect(utility.at(-1)).toMatchObject({ name: 'nearHome', coefficient: 0.7, params: {}, expr: nearHome.expr, origin: 'builtin' });
    expect(assumptionPaths(ctx)).toEqual(['utility.hometown.coefficient', 'terms.0.coefficient']);
    expect(ctx.issues).toEqual([]);
  });

  it("evaluate their expression with the scenario's ids as 0/1 symbols", () => {
    const ctx = contextOf((input) => (input.terms = [nearHome]));
    const term = resolveUtility(ctx, defaultRegistry()).at(-1)!.term;
    // Only travelHours and isHome matter here; the other symbols read a neutral environment.
    const hours = [
      [0, 3],
      [3, 0],
    ];
    const env = {
      wage: () => 100000,
      housingCost: () => 10000,
      service: () => 0.5,
      platforms: () => 0,
      jobChance: () => 1,
      travelHours: (from: number, to: number) => hours[from][to],
    } as unknown as EnvironmentView;
    const scenario = { homeIndex: 0, familyStages: [{ serviceWeights: [0, 0.3, 0, 0.7] }] } as unknown as TermContext['scenario'];
    const value = (industry: number, from: number, to: number) =>
      term.value({ scenario, env, agent: { tier: 0, industry, native: true, family: 0, ageBand: 0 }, from, to }, {});
    // An emerging-industry agent in Chengdu (1) scoring Bazhong (0, home): 2 × 1 − 0.5 × 3 + 1.
    expect(value(1, 1, 0)).toBe(1.5);
    // The same agent staying: 2 × 0 − 0.5 × 0 + 1; a traditional-industry agent moving home: 2 − 1.5 + 0.
    expect(value(1, 1, 1)).toBe(1);
    expect(value(0, 1, 0)).toBe(0.5);
  });

  it('without a coefficient, weigh 1', () => {
    const ctx = contextOf((input) => (input.terms = [{ name: 'bonus', expr: 'isHome' }]));
    expect(resolveUtility(ctx, defaultRegistry()).at(-1)).toMatchObject({ name: 'bonus', coefficient: 1 });
  });

  it('a name already used by a named term, or by an earlier expression term, is a problem, and the term is left out', () => {
    const ctx = contextOf((input) => {
      input.terms = [
        { name: 'income', expr: 'logWage' },
        { name: 'bonus', expr: 'isHome' },
        { name: 'bonus', expr: '2 * isHome' },
      ];
    });
    const utility = resolveUtility(ctx, defaultRegistry());
    expect(utility.filter((u) => u.expr !== undefined).map((u) => [u.name, u.expr])).toEqual([['bonus', 'isHome']]);
    expect(ctx.issues).toEqual([
      { path: ['terms', 0, 'name'], message: 'a utility term named "income" already exists', hint: 'give the expression term a name of its own' },
      { path: ['terms', 2, 'name'], message: 'a utility term named "bonus" already exists', hint: 'give the expression term a name of its own' },
    ]);
  });

  it('an expression that does not parse is a problem at its expr', () => {
    const ctx = contextOf(
      (input) =>
        (input.terms = [
          { name: 'ok', expr: 'isHome' },
          { name: 'broken', expr: '2 * (isHome' },
        ]),
    );
    const utility = resolveUtility(ctx, defaultRegistry());
    expect(utility.map((u) => u.name)).not.toContain('broken');
    expect(ctx.issues).toHaveLength(1);
    expect(ctx.issues[0]).toMatchObject({ path: ['terms', 1, 'expr'], hint: 'check the operators and parentheses' });
    expect(ctx.issues[0].message).toMatch(/^cannot parse "2 \* \(isHome": /);
  });

  it('an unknown symbol is a problem at its expr, suggesting the symbol meant, or listing the symbols and ids', () => {
    const ctx = contextOf(
      (input) =>
        (input.terms = [
          { name: 'typo', expr: '0.2 * isHom' },
          { name: 'far', expr: 'happiness' },
        ]),
    );
    resolveUtility(ctx, defaultRegistry());
    expect(ctx.issues.map((i) => [i.path, i.message])).toEqual([
      [['terms', 0, 'expr'], 'unknown symbol "isHom" in "0.2 * isHom"'],
      [['terms', 1, 'expr'], 'unknown symbol "happiness" in "happiness"'],
    ]);
    expect(ctx.issues[0].hint).toBe('did you mean "isHome"?');
    // The far one lists what an expression may use: the symbols and the scenario's ids.
    expect(ctx.issues[1].hint).toMatch(/^symbols: wage, logWage, /);
    for (const id of [...ctx.tierIds, ...ctx.industryIds, ...ctx.stageIds, ...ctx.locationIds]) expect(ctx.issues[1].hint).toContain(id);
  });
});
