// What the resolver tests share: the tiny scenario, changed per case, validated and put in a fresh ResolveContext.
import { ResolveContext } from '../../../src/scenario/resolvers/context.js';
import { Scenario, type ScenarioInput } from '../../../src/scenario/schema.js';
import { tinyScenarioInput } from '../../fixtures.js';

/** A fresh context over the tiny scenario after `change` has edited its input (a new copy each call). */
export function contextOf(change: (input: ScenarioInput) => void = () => {}): ResolveContext {
  const input = tinyScenarioInput();
  change(input);
  return new ResolveContext(Scenario.parse(input));
}

/** The paths of the assumptions met so far, in order, as dotted strings (easier to read in a failing diff). */
export const assumptionPaths = (ctx: ResolveContext): string[] => ctx.assumptions.map((a) => a.path.join('.'));
