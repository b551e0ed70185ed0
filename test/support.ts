// Shared test helpers: the baseline scenario as data, and ways to derive small variants of it.
import { loadScenarioSync } from '../src/scenario/load.js';
import { resolveScenario, type ResolvedScenario } from '../src/scenario/resolve.js';
import { Scenario } from '../src/scenario/schema.js';
import type { Registry } from '../src/scenario/registry.js';

/** The validated baseline scenario input (a fresh deep copy each call, safe to modify); without its burn-in unless asked. */
export function baselineInput(options: { burnIn?: boolean } = {}): Scenario {
  const input = structuredClone(loadScenarioSync('baseline.yaml').scenario);
  // Mechanism tests step the model from its set-up and read the first ticks: without the burn-in (tested on its own,
  // test/core/burn-in.test.ts) tick 0 is the first reported tick.
  if (!options.burnIn) input.run.burnInYears = 0;
  return input;
}

/** Validates and resolves a modified scenario input. */
export function resolveInput(input: unknown, registry?: Registry): ResolvedScenario {
  return resolveScenario(Scenario.parse(input), registry);
}

/** A 95 %-style tolerance for a proportion estimated from n draws: z standard errors. */
export function proportionTolerance(p: number, n: number, z = 4): number {
  return z * Math.sqrt((p * (1 - p)) / n);
}
