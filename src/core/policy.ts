/**
 * Policy modules: the contract a module fulfils, and the host the model offers it. A module is one file exporting
 * a `PolicyModule`; the scenario switches it on under `policies:`. A module changes behaviour only through its
 * mechanism — a utility term, job capacity or platforms, a job chance, a direct action such as an upgrade or a
 * part-time engagement — and reports what it spent and did each year.
 *
 * Within a tick the model calls a policy's hooks in the phase order of model.ts:
 *   1. environment  `environment(tick)` (platforms, positions, awareness), then `utility(...)` is tabulated
 *   2. entry        `onArrive(i, tick)` for an eligible entrant into the home city
 *   3. decisions    a participant whose term is over leaves first (`onLeave`, 'term'); then `utility` for eligible
 *                   agents who know the policy (or hold its offer), `holderUtility` for its participants,
 *                   `jobChanceAtHome`; a participant who moves leaves (`onLeave`, 'move'); then `onArrive` for an
 *                   eligible mover into the home city
 *   4. life cycle   a participant who retires leaves (`onLeave`, 'exit')
 *   5. work         `work(tick)`, after the sweep over agents: part-time engagements, training, contacts, offers
 *   6. accounting   spending and activity per year; FTE of participants for effective talent
 */
import type { z } from 'zod';
import type { AgentStore } from './agents.js';
import type { Environment } from './environment.js';
import type { Uniform } from './random.js';
import type { AgentType } from './terms.js';
import type { ResolvedScenario } from '../scenario/resolve.js';

/** Where a participant's work for the home city counts in effective talent. */
export const FteComponent = { flexible: 0, enclave: 1, remote: 2 } as const;
export type FteComponent = keyof typeof FteComponent;
export const FTE_COMPONENTS = Object.keys(FteComponent) as FteComponent[];

/** Who a policy is for. Every list empty or absent means everyone. */
export interface Eligibility {
  /** Per tier index: 1 if eligible. */
  tiers: Uint8Array;
  industries: Uint8Array;
  /** Where the agent lives, per location index. */
  locations: Uint8Array;
  /** undefined: natives and others alike. */
  native: boolean | undefined;
  ageMin: number;
  ageMax: number;
}

/** A policy as the scenario sets it up, resolved: what every module gets besides its own parameters. */
export interface PolicySpec<Params = Record<string, unknown>> {
  /** Position in the scenario's `policies` list. */
  index: number;
  /** Unique name: `name` from the scenario, else the type (with #2, #3 … for repeats). Names its random stream. */
  name: string;
  type: string;
  /** First tick in force, and first tick no longer in force. */
  startTick: number;
  endTick: number;
  /** CNY a year; Infinity when the scenario sets no cap. */
  budget: number;
  eligibility: Eligibility;
  /** Share of agents who know of the policy at the start, by audience (see Audience). */
  awareness: [number, number, number];
  params: Params;
}

/** Who hears of a policy: home residents, natives living elsewhere (the diaspora), everyone else. */
export const Audience = { residents: 0, diaspora: 1, others: 2 } as const;
export type Audience = keyof typeof Audience;

/** What the model offers a policy's runtime. Indices `i` are agent indices, valid within the current call. */
export interface PolicyHost {
  readonly scenario: ResolvedScenario;
  readonly agents: AgentStore;
  readonly env: Environment;
  /** Persons per agent: divide a count of persons by it, multiply an agent count by it. */
  readonly scale: number;
  readonly ticksPerYear: number;
  readonly home: number;
  readonly spec: PolicySpec;
  /** This policy's own random stream: drawing from it never shifts another module's numbers. */
  readonly random: Uniform;
  /** The current tick. */
  tick(): number;
  /** In force this tick (between start and end). */
  active(): boolean;
  /** Books a new commitment of `cny` against this year's budget; false (and nothing booked) when it would overrun. */
  commit(cny: number): boolean;
  /** Books spending that is already owed (running costs, instalments), budget or not. */
  pay(cny: number): void;
  /** What is left of this year's budget (Infinity without a cap). */
  remaining(): number;
  /** Adds to one of the module's activity counts for this year (in persons: agents × scale are counted for you). */
  record(metric: string, agents?: number): void;
  /** Whether agent i meets the eligibility rules now (tier, industry, native, age, where it lives). */
  eligible(i: number): boolean;
  /** Whether agent i knows of this policy (awareness rises with publicity). */
  knows(i: number): boolean;
  /** A uniformly random agent index (from this policy's stream); -1 if there are no agents. */
  sampleAgent(): number;
  /** Agent i takes part in this policy until `untilTick`; with `employer`, it works for that location meanwhile. */
  join(i: number, untilTick: number, employer?: number): void;
  /** Ends agent i's part in this policy now. */
  leave(i: number): void;
  /** Whether agent i takes part in this policy; in any policy with `any`. */
  participates(i: number, any?: boolean): boolean;
  /** Agents taking part in this policy now. */
  participants(): number;
  /** Agent i reconsiders at the next tick with this policy's offer: its utility and home job chance apply, known or not. */
  offer(i: number): void;
  /** Upgrades agent i to another tier where it is (stocks, positions and counts follow). */
  upgrade(i: number, tier: number): void;
  /** Moves agent i to another industry where it is. */
  changeIndustry(i: number, industry: number): void;
  /** Share of an audience who know of policy k (by index), and setting it (publicity). */
  awareness(k: number, audience: number): number;
  setAwareness(k: number, audience: number, share: number): void;
  /** Every policy of the scenario, for modules that act on others (publicity). */
  readonly policies: readonly PolicySpec[];
  /** Speeds up or slows down payouts of policy k: its delay is multiplied by this factor (publicity). */
  setPayoutSpeed(k: number, factor: number): void;
  payoutSpeed(): number;
}

/** The per-run behaviour of one policy, built by its module for one replication. */
export interface PolicyRuntime {
  /** For modules whose participants work for the home city without living there. */
  participation?: { component: FteComponent; fte: number };
  /** Phase 1: change platforms, job positions or awareness. */
  environment?(tick: number): void;
  /** Whether the policy takes new people now (budget left, slots free); its utility applies only while open. */
  open?(): boolean;
  /** Phase 1, tabulated per agent type: utility added for eligible agents who know of the policy. */
  utility?(agent: AgentType, from: number, to: number): number;
  /** Utility added for its participants (e.g. a subsidy lost by leaving). */
  holderUtility?(agent: AgentType, from: number, to: number): number;
  /** Structural policies (regional integration) reach everyone eligible, known or not. */
  everyoneKnows?: boolean;
  /** Private offers (headhunters): its utility, job chance and arrivals count only for agents holding its offer. */
  onlyOffered?: boolean;
  /** Job chance in the home city for eligible movers who know of it (a green channel); the higher chance wins. */
  jobChanceAtHome?: number;
  /** An eligible agent who knows of the policy (or holds its offer) arrived in the home city, while the policy is open. */
  onArrive?(i: number, tick: number): void;
  /** A participant leaves: it moved, retired or reached the end of its term. */
  onLeave?(i: number, reason: 'move' | 'exit' | 'term'): void;
  /** Phase 4: direct actions. */
  work?(tick: number): void;
}

/** A policy module: one file, one recommendation of the report. */
export interface PolicyModule<Schema extends z.ZodObject = z.ZodObject> {
  /** The `type` a scenario names, e.g. "flexible-hiring". */
  type: string;
  /** Chinese and English title. */
  title: string;
  /** Section of the report (part 三) it models, e.g. "三(二)一". */
  report: string;
  /** The mechanism in a sentence, for the docs and the editor schema. */
  mechanism: string;
  /** Its own parameters (strict: unknown keys are errors); start, end, eligibility, budget and awareness are common. */
  params: Schema;
  /** Activity it reports each year besides spending (e.g. grants, slotsFilled, reached). */
  metrics: readonly string[];
  /** Checks its parameters against the whole scenario before the run (e.g. that a location id exists). */
  check?(params: z.output<Schema>, scenario: ResolvedScenario): PolicyProblem[];
  create(host: PolicyHost, params: z.output<Schema>): PolicyRuntime;
}

/** A problem `check` found: the field path inside the policy entry, what is wrong, and how to fix it. */
export interface PolicyProblem {
  path: (string | number)[];
  message: string;
  hint?: string;
}

/** Builds a module with its parameter type inferred from its schema. */
export function definePolicy<Schema extends z.ZodObject>(module: PolicyModule<Schema>): PolicyModule<Schema> {
  return module;
}
