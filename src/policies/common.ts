// Small pieces the policy modules share: acceptance curves, costs over the rest of a year, ids to indices.
import { z } from 'zod';
import type { PolicyHost, PolicyProblem } from '../core/policy.js';
import type { Cell } from '../core/scenario.js';
import { unknownNameHint } from '../core/errors.js';
import type { ResolvedScenario } from '../core/scenario.js';
import { policyParam } from '../core/params.js';

export const logistic = (x: number): number => 1 / (1 + Math.exp(-x));

/** The scenario's income coefficient: what one unit of log income is worth in utility (policy money is valued with it). */
export function incomeCoefficient(host: PolicyHost): number {
  return host.scenario.utility.find((t) => t.name === 'income')?.coefficient ?? 1;
}

/** Utility of extra money for an agent: the income coefficient × log(1 + extra / wage), both CNY a year. */
export function moneyUtility(host: PolicyHost, extraPerYear: number, wage: number): number {
  return extraPerYear > 0 ? incomeCoefficient(host) * Math.log1p(extraPerYear / wage) : 0;
}

/** Agent i's job cell: where it lives (or `location`), its industry and its tier. */
export function jobOf(host: PolicyHost, i: number, location: number = host.agents.residence[i]): Cell {
  return { location, industry: host.agents.industry[i], tier: host.agents.tier[i] };
}

/** Share of the year left, this tick included: what a recurring cost taken on now costs this year. */
export function restOfYear(host: PolicyHost): number {
  const tpy = host.ticksPerYear;
  return (tpy - (host.tick() % tpy)) / tpy;
}

/** A count of persons as a count of agents (at least one when the persons are not zero). */
export function agentsFor(host: PolicyHost, persons: number): number {
  return persons <= 0 ? 0 : Math.max(1, Math.round(persons / host.scale));
}

/** Problems with location ids in a module's parameters, for its `check`: a list of ids (each at its index), or one id. */
export function unknownLocations(scenario: ResolvedScenario, ids: readonly string[] | string, field: string): PolicyProblem[] {
  const known = scenario.locations.map((l) => l.id);
  const problem = (id: string, path: (string | number)[]) =>
    known.includes(id) ? [] : [{ path, message: `unknown location "${id}"`, hint: unknownNameHint(id, known, 'location ids') }];
  return typeof ids === 'string' ? problem(ids, [field]) : ids.flatMap((id, k) => problem(id, [field, k]));
}

/** Location indices of the given ids (checked when the scenario loads, with `unknownLocations`). */
export function locationIndices(host: PolicyHost, ids: readonly string[]): Uint8Array {
  const mask = new Uint8Array(host.scenario.locations.length);
  for (const id of ids) {
    const at = host.scenario.locations.findIndex((l) => l.id === id);
    if (at < 0) throw new Error(`policy ${host.spec.name}: unknown location "${id}" (known: ${host.scenario.locations.map((l) => l.id).join(', ')})`);
    mask[at] = 1;
  }
  return mask;
}

/** The tick at which a term of `years` started now ends, never after the policy itself ends. */
export function termEnd(host: PolicyHost, years: number): number {
  return Math.min(host.tick() + Math.max(1, Math.round(years * host.ticksPerYear)), host.spec.endTick);
}

/** Common parameter shapes. */
export const cny = (description: string) => policyParam(z.number().min(0), description);
export const count = (description: string) => policyParam(z.number().min(0), description);
export const share = (description: string) => policyParam(z.number().min(0).max(1), description);
export const years = (description: string) => policyParam(z.number().min(0).max(50), description);
export const coefficient = (description: string) => policyParam(z.number(), description);

/**
 * Fills up to `open` posts by approaching agents sampled from the policy's stream: a candidate must live in one of
 * `from`, take part in no policy and be eligible; it accepts with probability logistic(logOdds(i)). Each hire joins
 * until `until` and is paid its first tick. Records approached, declined and engaged; stops when `affordable`
 * (given the number engaged so far) says no, or after `approaches` samples.
 */
export function recruit(
  host: PolicyHost,
  options: {
    open: number;
    approaches: number;
    from: Uint8Array;
    until: number;
    payPerTick: number;
    affordable: (engaged: number) => boolean;
    logOdds: (i: number) => number;
  },
): void {
  const a = host.agents;
  let open = options.open;
  for (let tries = Math.ceil(options.approaches); open > 0 && tries > 0; tries--) {
    if (!options.affordable(host.participants())) break;
    const i = host.sampleAgent();
    if (i < 0 || !options.from[a.residence[i]] || host.participates(i, true) || !host.eligible(i)) continue;
    host.record('approached');
    if (host.random() >= logistic(options.logOdds(i))) {
      host.record('declined');
      continue;
    }
    host.join(i, options.until);
    host.pay(options.payPerTick);
    host.record('engaged');
    open--;
  }
}
