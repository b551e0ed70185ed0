// Small pieces the policy modules share: acceptance curves, costs over the rest of a year, ids to indices.
import { z } from 'zod';
import type { PolicyHost, PolicyProblem } from '../core/policy.js';
import type { Cell } from '../core/scenario.js';
import { unknownNameHint } from '../core/errors.js';
import { policyChecks } from '../core/messages.js';
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
    known.includes(id) ? [] : [{ path, ...policyChecks.unknownId('location', id, unknownNameHint(id, known, 'location ids')) }];
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

/** Employers' demand as a scenario gives it (demandCurve). */
export interface Demand {
  atZeroPrice: number;
  chokePrice: number;
  employerShare: number;
  platformsElasticity: number;
}

/**
 * Employers' demand for part-time experts, a straight-line demand curve: `atZeroPrice` engagements wanted if they cost
 * the employer nothing, none at `chokePrice` (what one is worth to the employer who values it most), and the employer
 * bears `employerShare` of the pay (the programme the rest). The curve is Bazhong's as the policy starts; it then moves
 * with Bazhong's platforms in the industries served, at `platformsElasticity` (platformDemand).
 */
export const demandCurve = (what: string, defaults: Demand) =>
  z
    .strictObject({
      atZeroPrice: count(`${what} Bazhong's employers would take on at no cost to them when the policy starts, in persons.`).default(defaults.atZeroPrice),
      chokePrice: cny('Price a year at which no employer wants one, CNY: its value to the employer who values it most.').default(defaults.chokePrice),
      employerShare: share('Share of the pay the employer bears; the programme pays the rest.').default(defaults.employerShare),
      platformsElasticity: policyParam(
        z.number().min(0).max(5),
        "Elasticity of demand to Bazhong's effective platforms in the industries served, against those at the policy's start (1: per platform; 0: fixed).",
      ).default(defaults.platformsElasticity),
    })
    .default(defaults)
    .describe("Bazhong employers' demand: a straight line from atZeroPrice engagements at no cost to none at chokePrice, scaled by Bazhong's platforms.");

/** Engagements employers want at a pay of `pay` a year (persons), on the curve as it stands at the policy's start. */
export function demanded(demand: Demand, pay: number): number {
  const price = demand.employerShare * pay;
  if (price <= 0) return demand.atZeroPrice;
  return demand.chokePrice > 0 ? demand.atZeroPrice * Math.max(0, 1 - price / demand.chokePrice) : 0;
}

/**
 * Employers' demand that follows Bazhong's economy (report 三(二)一: experts serve through projects with its universities,
 * institutes and firms). Engagements wanted now, in agents, capped by `slots` (agents): the curve at the pay (demanded),
 * times (P now / P at the start) ^ platformsElasticity, where P is Bazhong's effective platforms (agglomeration and what
 * policies build included) summed over the industries the policy serves (its eligible ones), and P at the start is P as
 * it stood when the policy came into force, before anything built that tick (so a platforms policy starting in the same
 * year still counts). With no such platforms at the start, demand stays on the curve. `start` goes in the module's
 * environment hook, before the platforms are updated; `wanted` in its work hook, any tick.
 */
export function platformDemand(host: PolicyHost, demand: Demand, pay: number, slots: number): { start(): void; wanted(): number } {
  const served = host.spec.eligibility.industries;
  const home = host.home;
  const platformsServed = (at: (industry: number) => number): number => {
    let n = 0;
    for (let industry = 0; industry < served.length; industry++) if (served[industry]) n += at(industry);
    return n;
  };
  const atPay = demanded(demand, pay);
  let atStart = -1;
  return {
    start() {
      if (atStart >= 0) return;
      // At the first tick the environment has not been updated yet: the scenario's platforms are what it will start from.
      atStart =
        host.tick() === 0
          ? platformsServed((industry) => host.scenario.locations[home].platforms[industry])
          : platformsServed((industry) => host.env.platforms({ location: home, industry }));
    },
    wanted() {
      if (slots <= 0 || atPay <= 0) return 0;
      const now = atStart > 0 ? platformsServed((industry) => host.env.platforms({ location: home, industry })) : 0;
      const growth = atStart > 0 ? Math.pow(now / atStart, demand.platformsElasticity) : 1;
      return Math.min(slots, Math.round((atPay * growth) / host.scale));
    },
  };
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
