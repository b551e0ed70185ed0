// Utility terms written as mathjs expressions in a scenario: parsed and checked once, compiled once, evaluated per agent type.
// Expressions come from scenario files, so they get a restricted mathjs: numbers only, a fixed list of scalar
// functions, and a check of the parsed tree that refuses everything else (see mathjs's "Security" page).
import { createRequire } from 'node:module';
import type * as MathJsNumber from 'mathjs/number';
import type { EvalFunction, MathNode, SymbolNode } from 'mathjs';
import { didYouMean, ScenarioError, type FieldPath } from '../core/errors.js';
import { LIMITS } from '../core/limits.js';
import { expressions as messages, type Message } from '../core/messages.js';
import { describeCase } from '../core/policy-run.js';
import type { TermContext, UtilityTerm } from '../core/terms.js';

/** The functions an expression may call: scalar functions of numbers, nothing that builds, parses or evaluates. */
export const EXPRESSION_FUNCTIONS = [
  'abs',
  'sign',
  'sqrt',
  'cbrt',
  'square',
  'cube',
  'exp',
  'expm1',
  'log',
  'log1p',
  'log2',
  'log10',
  'pow',
  'hypot',
  'min',
  'max',
  'floor',
  'ceil',
  'round',
  'fix',
  'mod',
  'sin',
  'cos',
  'tan',
  'asin',
  'acos',
  'atan',
  'atan2',
  'sinh',
  'cosh',
  'tanh',
] as const;

/** The operators an expression may use, by the name of the mathjs function behind each (what `OperatorNode.fn` holds). */
const OPERATORS = {
  add: '+',
  subtract: '-',
  multiply: '*',
  divide: '/',
  pow: '^',
  mod: '%',
  unaryMinus: '-',
  unaryPlus: '+',
  smaller: '<',
  smallerEq: '<=',
  larger: '>',
  largerEq: '>=',
  equal: '==',
  unequal: '!=',
  and: 'and',
  or: 'or',
  xor: 'xor',
  not: 'not',
} as const;

/** Constants an expression may name besides its symbols. */
const CONSTANTS = ['pi', 'e'] as const;

/** What an expression may contain, in words, for the hint of a refused construct (and docs/extending.md §2). */
export const EXPRESSION_ALLOWED =
  'numbers, the symbols and ids of the scenario, pi, e, + - * / ^ % (mod), comparisons < <= > >= == !=, and, or, xor, not, ' +
  `the conditional c ? a : b, parentheses, and the functions ${EXPRESSION_FUNCTIONS.join(', ')}`;

/**
 * The mathjs instance expressions are parsed and compiled with: only the factories of the functions and operators
 * above, on plain numbers (mathjs/number: no matrices, units, big numbers or complex numbers), and without the
 * functions that parse, evaluate or change mathjs itself. The tree check in `check` is what keeps the rest out.
 * Made on first use: mathjs takes a third of a second to load, which every command would pay, while few scenarios
 * write expressions (hence a synchronous require, which keeps resolving a scenario synchronous).
 */
let math: { parse: (expr: string) => unknown } | undefined;
function mathInstance(): { parse: (expr: string) => unknown } {
  math ??= createMath(createRequire(import.meta.url)('mathjs/number') as typeof MathJsNumber);
  return math;
}

function createMath(mathjs: typeof MathJsNumber): { parse: (expr: string) => unknown } {
  const factories = mathjs as unknown as Record<string, MathJsNumber.FactoryFunctionMap[string]>;
  const names = [...EXPRESSION_FUNCTIONS, ...Object.keys(OPERATORS), ...CONSTANTS, 'parse'];
  const instance = mathjs.create(Object.fromEntries(names.map((n) => [`${n}Dependencies`, factories[`${n}Dependencies`]])));
  const parse = instance.parse;
  const refuse = (name: string) => () => {
    throw new Error(`${name} is disabled in expression terms`);
  };
  // As mathjs's security page advises: what create() always adds cannot be reached from an expression either.
  instance.import(
    Object.fromEntries(['import', 'createUnit', 'evaluate', 'parse', 'compile', 'simplify', 'derivative', 'resolve'].map((n) => [n, refuse(n)])),
    {
      override: true,
    },
  );
  return { parse };
}

interface Ids {
  tiers: { id: string }[];
  industries: { id: string }[];
  familyStages: { id: string }[];
  locations: { id: string }[];
}

/** The symbols an expression may use, with what each means (also the table in docs/extending.md). */
export const EXPRESSION_SYMBOLS = {
  wage: "annual wage at the destination for the agent's tier and industry, CNY",
  logWage: 'natural log of wage',
  housingCost: 'housing price at the destination, CNY per m²',
  schools: 'schools index at the destination, 0–1',
  healthcare: 'healthcare index at the destination, 0–1',
  elderlyCare: 'elderly-care index at the destination, 0–1',
  culture: 'culture index at the destination, 0–1',
  services: "the four indices weighted by the agent's family stage",
  platforms: "effective platforms in the agent's industry at the destination",
  jobChance: 'chance of finding a job at the destination (1 for staying)',
  travelHours: 'travel time from where the agent lives to the destination (0 for staying)',
  isHome: '1 if the destination is the home city',
  fromHome: '1 if the agent lives in the home city',
  stay: '1 if the destination is where the agent lives',
  move: '1 if it is not',
  native: '1 for natives of the home city',
  tier: "index of the agent's tier (0 = first listed)",
  industry: "index of the agent's industry",
  family: "index of the agent's family stage",
  ageBand: "index of the agent's age band (hazard.age)",
} as const;

/** A problem with an expression, for the scenario loader to place. */
export class ExpressionError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
  static of({ message, hint }: Message): ExpressionError {
    return new ExpressionError(message, hint);
  }
}

export interface ExpressionTermOptions {
  description?: string;
  /** The term's index under `terms`, for the field path of a value that is not a finite number. */
  index?: number;
}

/**
 * Builds a utility term from an expression. Besides the symbols above, every tier, industry and family-stage id is
 * 1 when it is the agent's, and every location id is 1 when it is the destination (e.g. `0.3 * emerging * isHome`).
 * Throws ExpressionError for an expression that is too long, does not parse, or uses anything not allowed; the
 * term throws ScenarioError (at terms[index].expr) when it gives anything but a finite number.
 */
export function expressionTerm(name: string, expr: string, ids: Ids, options: ExpressionTermOptions = {}): UtilityTerm {
  const idSymbols = [...ids.tiers, ...ids.industries, ...ids.familyStages, ...ids.locations].map((x) => x.id);
  const clash = idSymbols.find((id) => id in EXPRESSION_SYMBOLS);
  if (clash) throw ExpressionError.of(messages.idClash(clash));
  const known = new Set([...Object.keys(EXPRESSION_SYMBOLS), ...idSymbols]);
  const compiled = compile(expr, known);
  const path: FieldPath = ['terms', options.index ?? 0, 'expr'];

  // One scope, refilled for each evaluation: tabulating allocates nothing per agent type.
  const scope: Record<string, number> = Object.fromEntries([...known].map((k) => [k, 0]));
  const evaluate = ({ scenario, env, agent, from, to }: TermContext): number => {
    const cell = { location: to, industry: agent.industry, tier: agent.tier };
    const wage = env.wage(cell);
    const weights = scenario.familyStages[agent.family].serviceWeights;
    let services = 0;
    for (let k = 0; k < weights.length; k++) services += weights[k] * env.service(to, k);
    scope.wage = wage;
    scope.logWage = Math.log(wage);
    scope.housingCost = env.housingCost(to);
    scope.schools = env.service(to, 0);
    scope.healthcare = env.service(to, 1);
    scope.elderlyCare = env.service(to, 2);
    scope.culture = env.service(to, 3);
    scope.services = services;
    scope.platforms = env.platforms(cell);
    scope.jobChance = from === to ? 1 : env.jobChance(cell);
    scope.travelHours = env.travelHours(from, to);
    scope.isHome = to === scenario.homeIndex ? 1 : 0;
    scope.fromHome = from === scenario.homeIndex ? 1 : 0;
    scope.stay = from === to ? 1 : 0;
    scope.move = from === to ? 0 : 1;
    scope.native = agent.native ? 1 : 0;
    scope.tier = agent.tier;
    scope.industry = agent.industry;
    scope.family = agent.family;
    scope.ageBand = agent.ageBand;
    ids.tiers.forEach((t, k) => (scope[t.id] = k === agent.tier ? 1 : 0));
    ids.industries.forEach((t, k) => (scope[t.id] = k === agent.industry ? 1 : 0));
    ids.familyStages.forEach((t, k) => (scope[t.id] = k === agent.family ? 1 : 0));
    ids.locations.forEach((t, k) => (scope[t.id] = k === to ? 1 : 0));
    let value: unknown;
    try {
      value = compiled.evaluate(scope);
    } catch (error) {
      // mathjs's own complaints (a function called with too few arguments): the expression's fault, not a bug.
      throw new ScenarioError([{ path, ...messages.cannotEvaluate(name, expr, (error as Error).message, EXPRESSION_ALLOWED) }]);
    }
    if (typeof value === 'number' && Number.isFinite(value)) return value;
    const when = `in ${scenario.run.startYear + Math.floor(env.years)}`;
    throw new ScenarioError([{ path, ...messages.notANumber(name, expr, value, `${describeCase(scenario, agent, from, to)} ${when}`) }]);
  };
  return { name, description: options.description ?? `Expression term: ${expr}`, value: evaluate };
}

/** Parses an expression, checks every node of it against what is allowed, and compiles it; throws ExpressionError. */
function compile(expr: string, known: ReadonlySet<string>): EvalFunction {
  if (expr.length > LIMITS.expressionLength) throw ExpressionError.of(messages.tooLong(expr.length, LIMITS.expressionLength));
  const depth = nesting(expr);
  if (depth > LIMITS.expressionDepth) throw ExpressionError.of(messages.tooDeep(depth, LIMITS.expressionDepth));
  let node: MathNode;
  try {
    node = mathInstance().parse(expr) as unknown as MathNode;
  } catch (error) {
    throw ExpressionError.of(messages.cannotParse(expr, (error as Error).message));
  }
  const problem = refusal(node, expr, known);
  if (problem) throw ExpressionError.of(problem);
  return node.compile();
}

/** The deepest nesting of parentheses, brackets and braces in an expression, counted on the text before mathjs parses it (and would overflow the stack). */
export function nesting(expr: string): number {
  let depth = 0;
  let deepest = 0;
  for (const ch of expr) {
    if (ch === '(' || ch === '[' || ch === '{') deepest = Math.max(deepest, ++depth);
    else if (ch === ')' || ch === ']' || ch === '}') depth = Math.max(0, depth - 1);
  }
  return deepest;
}

/** The first thing in the tree that an expression may not contain, as a message; undefined if all is allowed. */
function refusal(root: MathNode, expr: string, known: ReadonlySet<string>): Message | undefined {
  let found: Message | undefined;
  const refuse = (what: string) => (found ??= messages.refusedConstruct(what, expr, EXPRESSION_ALLOWED));
  root.traverse((node, path, parent) => {
    if (found) return;
    switch (node.type) {
      case 'ConstantNode': {
        const value = (node as unknown as { value: unknown }).value;
        if (typeof value !== 'number') refuse(typeof value === 'string' ? `a string (${JSON.stringify(value)})` : `the constant ${String(value)}`);
        return;
      }
      case 'SymbolNode': {
        const name = (node as SymbolNode).name;
        if (parent?.type === 'FunctionNode' && path === 'fn') {
          if (!(EXPRESSION_FUNCTIONS as readonly string[]).includes(name))
            // Three letters are too few to guess from ("sum" is not a misspelt "sin").
            found = messages.refusedFunction(name, expr, EXPRESSION_FUNCTIONS, name.length > 3 ? didYouMean(name, EXPRESSION_FUNCTIONS) : undefined);
          return;
        }
        if (known.has(name) || (CONSTANTS as readonly string[]).includes(name)) return;
        const suggestion = didYouMean(name, [...known]);
        found = messages.unknownSymbol(name, expr, suggestion ? `did you mean "${suggestion}"?` : `symbols: ${[...known].join(', ')}`);
        return;
      }
      case 'OperatorNode': {
        const { fn, op } = node as unknown as { fn: string; op: string };
        if (!(fn in OPERATORS)) refuse(`the operator "${op}" (${fn})`);
        return;
      }
      case 'FunctionNode':
        if ((node as unknown as { fn: MathNode }).fn.type !== 'SymbolNode') refuse('calling something other than a named function');
        return;
      case 'ParenthesisNode':
      case 'ConditionalNode':
      case 'RelationalNode':
        return;
      default:
        refuse(CONSTRUCTS[node.type] ?? `a ${node.type}`);
    }
  });
  return found;
}

/** The constructs refused, in the words of the message. */
const CONSTRUCTS: Record<string, string> = {
  AccessorNode: 'a property or index access (a.b, a[1])',
  IndexNode: 'an index (a[1])',
  ArrayNode: 'a matrix or list ([1, 2])',
  ObjectNode: 'an object ({a: 1})',
  AssignmentNode: 'an assignment (a = 1)',
  FunctionAssignmentNode: 'a function definition (f(x) = …)',
  BlockNode: 'more than one expression (a; b)',
  RangeNode: 'a range (1:10)',
};
