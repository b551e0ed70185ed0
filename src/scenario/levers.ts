// The levers of a scenario: the numbers `sim explore` shows as sliders, each checked against the scenario (its path
// names a number, its range holds the scenario's value) and given its defaults. Pure: no I/O.
import { ScenarioError, UsageError, type ScenarioIssue } from '../core/errors.js';
import { scenarioFields as messages } from '../core/messages.js';
import { findFactor, type Factor } from './paths.js';
import type { Scenario } from './schema.js';

export interface Lever {
  /** The number's canonical path (as `sim sweep --vary` names it). */
  path: string;
  factor: Factor;
  label: { zh: string; en: string };
  unit?: { zh: string; en: string };
  range: [number, number];
  step: number;
  /** The scenario's value: where the slider starts. */
  value: number;
  /** The index in `policies` of the policy it belongs to, when it is a policy's number. */
  policy?: number;
}

/** A round step for a slider over `range`: a hundredth of it, rounded down to 1, 2 or 5 × a power of ten. */
export function defaultStep(range: readonly [number, number]): number {
  const raw = (range[1] - range[0]) / 100;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [5, 2, 1].map((m) => m * power).find((s) => s <= raw) ?? power;
  return Number(step.toPrecision(1));
}

/** The scenario's levers with their defaults; every problem found is listed in one ScenarioError (at `levers[k]`). */
export function resolveLevers(scenario: Scenario): Lever[] {
  const issues: ScenarioIssue[] = [];
  const levers: Lever[] = [];
  const seen = new Set<string>();
  scenario.levers.forEach((written, k) => {
    let factor: Factor;
    try {
      factor = findFactor(scenario, written.path);
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      const problem = error.message.split('\n')[0];
      issues.push({
        path: ['levers', k, 'path'],
        message: messages.leverPath(written.path, problem).message,
        hint: error.hint ?? messages.leverPath('', '').hint,
      });
      return;
    }
    if (seen.has(factor.label)) issues.push({ path: ['levers', k, 'path'], ...messages.leverTwice(factor.label) });
    seen.add(factor.label);
    const range = written.range ?? factor.range;
    if (!range) {
      issues.push({ path: ['levers', k], ...messages.leverNoRange(factor.label) });
      return;
    }
    if (factor.base < range[0] || factor.base > range[1])
      issues.push({ path: ['levers', k, 'range'], ...messages.leverOutside(factor.label, factor.base, range) });
    levers.push({
      path: factor.label,
      factor,
      label: written.label,
      unit: written.unit,
      range: [range[0], range[1]],
      step: written.step ?? defaultStep([range[0], range[1]]),
      value: factor.base,
      policy: factor.path[0] === 'policies' ? (factor.path[1] as number) : undefined,
    });
  });
  if (issues.length) throw new ScenarioError(issues);
  return levers;
}
