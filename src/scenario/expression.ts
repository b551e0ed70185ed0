// Utility terms written as mathjs expressions in a scenario: parsed and checked once, compiled once, evaluated per agent type.
import { all, create, type EvalFunction, type MathNode, type SymbolNode } from 'mathjs';
import type { TermContext, UtilityTerm } from '../core/terms.js';
import { didYouMean } from '../core/errors.js';

const math = create(all);

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
}

/**
 * Builds a utility term from an expression. Besides the symbols above, every tier, industry and family-stage id is
 * 1 when it is the agent's, and every location id is 1 when it is the destination (e.g. `0.3 * emerging * isHome`).
 */
export function expressionTerm(name: string, expr: string, ids: Ids, description?: string): UtilityTerm {
  const idSymbols = [...ids.tiers, ...ids.industries, ...ids.familyStages, ...ids.locations].map((x) => x.id);
  const clash = idSymbols.find((id) => id in EXPRESSION_SYMBOLS);
  if (clash) throw new ExpressionError(`the id "${clash}" is also the name of an expression symbol`, 'rename that tier, industry, family stage or location');
  const known = new Set([...Object.keys(EXPRESSION_SYMBOLS), ...idSymbols]);

  let node: MathNode;
  try {
    node = math.parse(expr);
  } catch (error) {
    throw new ExpressionError(`cannot parse "${expr}": ${(error as Error).message}`, 'check the operators and parentheses');
  }
  const functionNames = new Set(node.filter((n) => n.type === 'FunctionNode').map((n) => (n as unknown as { fn: SymbolNode }).fn?.name ?? ''));
  for (const symbol of node.filter((n) => n.type === 'SymbolNode') as SymbolNode[]) {
    if (
      known.has(symbol.name) ||
      (functionNames.has(symbol.name) && typeof (math as unknown as Record<string, unknown>)[symbol.name] === 'function') ||
      ['pi', 'e'].includes(symbol.name)
    )
      continue;
    const suggestion = didYouMean(symbol.name, [...known]);
    throw new ExpressionError(
      `unknown symbol "${symbol.name}" in "${expr}"`,
      suggestion ? `did you mean "${suggestion}"?` : `symbols: ${[...known].join(', ')}`,
    );
  }
  const compiled: EvalFunction = node.compile();

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
    const value = compiled.evaluate(scope);
    if (typeof value !== 'number' || !Number.isFinite(value))
      throw new ExpressionError(`the term "${name}" (${expr}) gave ${String(value)}, not a finite number`, 'guard logs and divisions, e.g. log(1 + platforms)');
    return value;
  };
  return { name, description: description ?? `Expression term: ${expr}`, value: evaluate };
}
