// Expression terms: the restricted mathjs (what an expression may contain, what it is refused with), the length limit,
// the check of every value, and the evaluation at validation on the initial environment.
import { describe, expect, it } from 'vitest';
import { ScenarioError } from '../../src/core/errors.js';
import { LIMITS } from '../../src/core/limits.js';
import type { EnvironmentView, TermContext } from '../../src/core/scenario.js';
import { EXPRESSION_FUNCTIONS, ExpressionError, expressionTerm, nesting } from '../../src/scenario/expression.js';
import { tinyScenarioInput } from '../fixtures.js';
import { resolveInput } from '../support.js';

const ids = {
  tiers: [{ id: 'top' }, { id: 'graduate' }],
  industries: [{ id: 'emerging' }],
  familyStages: [{ id: 'single' }],
  locations: [{ id: 'bazhong' }, { id: 'chengdu' }],
};

/** A neutral environment: travel 3 hours between the two places, wage 100,000, everything else plain. */
const env = {
  wage: () => 100000,
  housingCost: () => 10000,
  service: () => 0.5,
  platforms: () => 2,
  jobChance: () => 0.8,
  travelHours: (from: number, to: number) => (from === to ? 0 : 3),
  years: 0,
} as unknown as EnvironmentView;
const scenario = {
  homeIndex: 0,
  run: { startYear: 2024 },
  familyStages: [{ serviceWeights: [0, 0.3, 0, 0.7] }],
  tiers: ids.tiers,
  industries: ids.industries,
  locations: ids.locations,
} as unknown as TermContext['scenario'];
const context = (from: number, to: number): TermContext => ({ scenario, env, agent: { tier: 1, industry: 0, native: true, family: 0, ageBand: 0 }, from, to });

/** The value of an expression for a native graduate in Chengdu scoring Bazhong. */
const valueOf = (expr: string, from = 1, to = 0) => expressionTerm('t', expr, ids).value(context(from, to), {});
/** The problem an expression is refused with at once. */
const refusal = (expr: string) => {
  try {
    expressionTerm('t', expr, ids);
  } catch (error) {
    expect(error).toBeInstanceOf(ExpressionError);
    return { message: (error as ExpressionError).message, hint: (error as ExpressionError).hint ?? '' };
  }
  throw new Error(`"${expr}" was not refused`);
};

describe('what an expression may contain', () => {
  it('arithmetic, comparisons inside arithmetic, the conditional, pi, e and the allowed functions', () => {
    expect(valueOf('2 * isHome - 0.5 * travelHours + graduate')).toBe(1.5);
    expect(valueOf('native * (travelHours <= 3)')).toBe(1);
    expect(valueOf('travelHours > 3 ? 1 : -1')).toBe(-1);
    expect(valueOf('1 < travelHours < 4 ? 7 % 4 : 0')).toBe(3);
    expect(valueOf('1 * (isHome and move or not stay)')).toBe(1);
    expect(valueOf('log(e) + cos(pi) + max(1, 2, 3) + round(1.26, 1) + log(8, 2) + -(+1)')).toBeCloseTo(1 - 1 + 3 + 1.3 + 3 - 1);
    expect(valueOf('log1p(platforms) - log(1 + platforms)')).toBeCloseTo(0);
  });

  it('every function of the allow-list can be called on numbers', () => {
    const twoArguments = new Set(['pow', 'atan2', 'mod', 'hypot', 'min', 'max']);
    for (const fn of EXPRESSION_FUNCTIONS) expect(Number.isFinite(valueOf(twoArguments.has(fn) ? `${fn}(0.5, 0.25)` : `${fn}(0.5)`)), fn).toBe(true);
  });

  it.each([
    ['import({isHome: 2})', 'the function "import" is not allowed'],
    ['createUnit("talent")', 'the function "createUnit" is not allowed'],
    ['evaluate("happiness")', 'the function "evaluate" is not allowed'],
    ['parse("1")', 'the function "parse" is not allowed'],
    ['compile("1")', 'the function "compile" is not allowed'],
    ['simplify("x")', 'the function "simplify" is not allowed'],
    ['derivative("x^2", "x")', 'the function "derivative" is not allowed'],
    ['max(range(1, 1e9))', 'the function "range" is not allowed'],
    ['sum(ones(30000, 30000))', 'the function "sum" is not allowed'],
    ['isHome = 1', 'an assignment (a = 1) is not allowed'],
    ['f(x) = x', 'a function definition (f(x) = …) is not allowed'],
    ['[1, 2]', 'a matrix or list ([1, 2]) is not allowed'],
    ['1:3', 'a range (1:10) is not allowed'],
    ['isHome.constructor', 'a property or index access (a.b, a[1]) is not allowed'],
    ['isHome[1]', 'a property or index access (a.b, a[1]) is not allowed'],
    ['{a: 1}', 'an object ({a: 1}) is not allowed'],
    ['isHome; move', 'more than one expression (a; b) is not allowed'],
    ['"abc"', 'a string ("abc") is not allowed'],
    ['true', 'the constant true is not allowed'],
    ['3!', 'the operator "!" (factorial) is not allowed'],
    ["isHome'", 'the operator "\'" (ctranspose) is not allowed'],
    ['isHome .* 2', 'the operator ".*" (dotMultiply) is not allowed'],
    ['isHome & 1', 'the operator "&" (bitAnd) is not allowed'],
    ['isHome.f(2)', 'calling something other than a named function is not allowed'],
  ])('refuses %s, saying what is allowed', (expr, words) => {
    const { message, hint } = refusal(expr);
    expect(message).toContain(words);
    expect(message).toContain('in an expression term');
    expect(hint).toMatch(/the functions (allowed: )?abs, sign, sqrt, /);
  });

  it('a unit is an unknown symbol; a misspelt function is refused with the one meant, a short unknown one without a guess', () => {
    expect(refusal('5 cm').message).toBe('unknown symbol "cm" in "5 cm"');
    expect(refusal('sqroot(platforms)').hint).toMatch(/^did you mean "sqrt"\? the functions allowed: /);
    expect(refusal('sum(platforms)').hint).toMatch(/^the functions allowed: /);
  });

  it(`refuses an expression longer than ${LIMITS.expressionLength} characters before parsing it`, () => {
    const long = 'isHome + '.repeat(200) + '0';
    expect(refusal(long)).toEqual({
      message: `the expression is 1,801 characters long, over the limit of 1,000`,
      hint: 'split it into several expression terms, or write the term in TypeScript (docs/extending.md §3)',
    });
    expect(valueOf('isHome + '.repeat(110) + '0')).toBe(110);
  });

  it(`refuses parentheses nested deeper than ${LIMITS.expressionDepth} before parsing them (490 would overflow the parser's stack)`, () => {
    const nested = (n: number) => '('.repeat(n) + 'isHome' + ')'.repeat(n);
    expect(refusal(nested(490))).toEqual({
      message: `the expression nests parentheses 490 deep, over the limit of ${LIMITS.expressionDepth}`,
      hint: 'remove redundant parentheses, or split the formula into several expression terms (they add up)',
    });
    expect(refusal(`abs(${nested(LIMITS.expressionDepth)})`).message).toContain(`nests parentheses ${LIMITS.expressionDepth + 1} deep`);
    expect(valueOf(nested(LIMITS.expressionDepth))).toBe(1);
    // Depth, not count: many parentheses side by side are fine.
    expect(valueOf(Array.from({ length: 60 }, () => '(isHome)').join(' + '))).toBe(60);
    expect(nesting('(a + [b]) * ((c))')).toBe(2);
    expect(nesting(')) (x')).toBe(1);
  });
});

describe('the value of an expression', () => {
  /** The issue a term's value is refused with. */
  const issueOf = (expr: string, from = 1, to = 0) => {
    const term = expressionTerm('t', expr, ids, { index: 2 });
    try {
      term.value(context(from, to), {});
    } catch (error) {
      expect(error).toBeInstanceOf(ScenarioError);
      return (error as ScenarioError).issues[0];
    }
    throw new Error(`"${expr}" gave a finite number`);
  };

  it.each([
    ['log(travelHours)', 1, 1, '-Infinity', 'staying in chengdu'],
    ['0 / 0', 1, 0, 'NaN', 'moving from chengdu to bazhong'],
    ['sqrt(-1)', 1, 0, 'NaN', 'moving from chengdu to bazhong'],
    ['1 > 0', 1, 0, 'true', 'moving from chengdu to bazhong'],
  ])('%s is a problem at terms[index].expr naming the value and the case', (expr, from, to, value, where) => {
    const issue = issueOf(expr, from, to);
    expect(issue.path).toEqual(['terms', 2, 'expr']);
    expect(issue.message).toBe(`the expression term "t" (${expr}) gave ${value} for a graduate agent in emerging ${where} in 2024, not a finite number`);
    expect(issue.hint).toMatch(value === 'true' ? /^a comparison alone gives true or false/ : /^guard logarithms, roots and divisions/);
  });

  it('a function called with too few arguments is a problem at the expression, not a crash', () => {
    const issue = issueOf('pow(isHome)');
    expect(issue.path).toEqual(['terms', 2, 'expr']);
    expect(issue.message).toMatch(/^the expression term "t" \(pow\(isHome\)\) cannot be evaluated: Too few arguments/);
  });
});

describe('validation evaluates every expression on the initial environment', () => {
  const withTerms = (...exprs: string[]) => ({ ...tinyScenarioInput(), terms: exprs.map((expr, k) => ({ name: `t${k}`, expr })) });
  const problems = (...exprs: string[]) => {
    try {
      resolveInput(withTerms(...exprs));
      return [];
    } catch (error) {
      expect(error).toBeInstanceOf(ScenarioError);
      return (error as ScenarioError).issues.map((i) => [i.path, i.message]);
    }
  };

  it('accepts expressions that give a finite number in every case', () => {
    expect(problems('0.3 * culture - 0.02 * travelHours * native', 'log(wage) * isHome')).toEqual([]);
  });

  it('reports each expression that gives something else for some case, at its own expr, with the first such case', () => {
    const found = problems('isHome', 'log(travelHours)', '1 > 0');
    expect(found.map(([path]) => path)).toEqual([
      ['terms', 1, 'expr'],
      ['terms', 2, 'expr'],
    ]);
    expect(found[0][1]).toMatch(/gave -Infinity for a top agent in traditional staying in \w+ in 2024/);
    expect(found[1][1]).toMatch(/gave true for a top agent/);
  });

  it('reads the environment of the first tick: a wage near its start value passes, one past it is refused', () => {
    const top = tinyScenarioInput().locations.map((l) => (l.wage as { top: number }).top);
    const highest = Math.max(...top) * 1.1; // emerging industries' wage factor
    expect(problems(`log(${Math.ceil(highest) + 1} - wage)`)).toEqual([]);
    expect(problems(`log(${Math.floor(highest) - 1} - wage)`)).toHaveLength(1);
  });
});
