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

// ---- Engagements that come from choices (flexible hiring, remote collaboration, enclave centres) ------------------------------------

/**
 * Employers' demand for part-time experts, a straight-line demand curve: `atZeroPrice` engagements wanted if they cost
 * the employer nothing, none at `chokePrice` (what one is worth to the employer who values it most), and the employer
 * bears `employerShare` of the pay (the programme the rest).
 */
export const demandCurve = (what: string, defaults: { atZeroPrice: number; chokePrice: number; employerShare: number }) =>
  z
    .strictObject({
      atZeroPrice: count(`${what} Bazhong's employers would take on if they paid nothing for them, in persons.`).default(defaults.atZeroPrice),
      chokePrice: cny('Price a year at which no employer wants one, CNY: its value to the employer who values it most.').default(defaults.chokePrice),
      employerShare: share('Share of the pay the employer bears; the programme pays the rest.').default(defaults.employerShare),
    })
    .default(defaults)
    .describe("Bazhong employers' demand: a straight line from atZeroPrice engagements at no cost to none at chokePrice.");

/** Engagements employers want at a pay of `pay` a year (persons): the demand curve at the employer's price. */
export function demanded(demand: { atZeroPrice: number; chokePrice: number; employerShare: number }, pay: number): number {
  const price = demand.employerShare * pay;
  if (price <= 0) return demand.atZeroPrice;
  return demand.chokePrice > 0 ? demand.atZeroPrice * Math.max(0, 1 - price / demand.chokePrice) : 0;
}

/**
 * How many agents a programme samples this tick so that a share `reachPerYear` of any group is reached in a year
 * (the caller keeps the sampled agents who qualify): what it can reach does not grow with its open posts.
 */
export function contactsThisTick(host: PolicyHost, reachPerYear: number): number {
  return Math.round((host.agents.count * reachPerYear) / host.ticksPerYear);
}

/**
 * When an engagement taken on now ends: at its term, or earlier when the participant quits at a constant hazard of
 * `quitPerYear` (an exponential time drawn from the policy's stream). `quits`: it ends before its term.
 */
export function engagementEnd(host: PolicyHost, termYears: number, quitPerYear: number): { until: number; quits: boolean } {
  const term = termEnd(host, termYears);
  if (quitPerYear <= 0) return { until: term, quits: false };
  const quitTick = host.tick() + Math.max(1, Math.ceil((-Math.log(1 - host.random()) * host.ticksPerYear) / quitPerYear));
  return quitTick < term ? { until: quitTick, quits: true } : { until: term, quits: false };
}

/**
 * Part-time engagements by choice: samples the agents this tick's `reach` gives (contactsThisTick) while `vacancies`
 * are open; a candidate must live in one of `from`, know of the policy, take part in no policy and be eligible; it
 * accepts with probability logistic(logOdds(i)). A hire joins until its engagement ends (engagementEnd: the term or
 * a quit) and is paid its first tick; the seeds of those who will quit are added to `quitters`. Records approached,
 * declined and engaged; stops when `affordable` (given the number engaged so far) says no.
 */
export function engage(
  host: PolicyHost,
  options: {
    vacancies: number;
    reach: number;
    from: Uint8Array;
    termYears: number;
    quitPerYear: number;
    payPerTick: number;
    affordable: (engaged: number) => boolean;
    logOdds: (i: number) => number;
    quitters: Set<number>;
  },
): void {
  const a = host.agents;
  let open = options.vacancies;
  for (let tries = open > 0 ? contactsThisTick(host, options.reach) : 0; open > 0 && tries > 0; tries--) {
    if (!options.affordable(host.participants())) break;
    const i = host.sampleAgent();
    if (i < 0 || !options.from[a.residence[i]] || host.participates(i, true) || !host.eligible(i) || !host.knows(i)) continue;
    host.record('approached');
    if (host.random() >= logistic(options.logOdds(i))) {
      host.record('declined');
      continue;
    }
    const end = engagementEnd(host, options.termYears, options.quitPerYear);
    host.join(i, end.until);
    if (end.quits) options.quitters.add(a.seed[i]);
    host.pay(options.payPerTick);
    host.record('engaged');
    open--;
  }
}
