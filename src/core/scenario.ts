// What the model runs: a scenario resolved to indices and plain numbers, and the contracts of the pieces it names
// (utility terms, policy modules). The scenario layer builds it from a file; the core owns these types, so the model
// depends on nothing above it. They refer to each other (a term reads the scenario that lists it), so they share a file.
import type { z } from 'zod';
import type { AgentStore } from './agents.js';
import type { FieldPath } from './errors.js';
import type { Uniform } from './random.js';

/** The public services a location offers and a family stage weighs, in the order of every services array. */
export const SERVICE_KINDS = ['schools', 'healthcare', 'elderlyCare', 'culture'] as const;
export type ServiceKind = (typeof SERVICE_KINDS)[number];

/** Where a term or module comes from: built in, a plugin file (its path), or code that registered it directly. */
export type Origin = 'builtin' | 'code' | { plugin: string };

/** A scenario's `run` block: the settings every field of which the command line may override. */
export interface RunSettingsBlock {
  startYear: number;
  years: number;
  /** Years simulated before startYear and not reported (the model settles); policies act from startYear. */
  burnInYears: number;
  ticksPerYear: number;
  runs: number;
  seed: number;
  scale: number;
}

/** The validated scenario as written, kept for provenance (run.json); the model never reads it. */
export interface ScenarioRecord {
  readonly run: RunSettingsBlock;
  readonly plugins?: readonly string[];
  readonly [field: string]: unknown;
}

export interface Assumption {
  /** Field path in the scenario, e.g. "locations[0].wage.top". */
  path: FieldPath;
  value: number;
  range?: [number, number];
  source?: string;
}

export interface Labelled {
  id: string;
  label: string;
  labelEn?: string;
}

export interface ResolvedLocation extends Labelled {
  /** Wage by tier, CNY per year, at the start. */
  wage: number[];
  /** Wage multiplier by industry at this location (its industryWage, else the industry's wageFactor). */
  wageFactors: number[];
  wageGrowth: number;
  housingCost: number;
  /** Service indices in SERVICE_KINDS order. */
  services: number[];
  /** Platforms by industry at the start. */
  platforms: number[];
  jobSlack: number;
  jobGrowth: number;
  /**
   * The whole city's talent in persons when the scenario models a sample of it (0: the modelled agents are all of
   * it): the unmodelled rest is a fixed background that dilutes the agglomeration and job-chance effects of flows.
   */
  talentPool: number;
  /** Travel hours to each location, by location index (0 to itself). */
  travelHours: number[];
}

export interface ResolvedGroup {
  name: string;
  location: number;
  native: number;
  tierShares: number[];
  industryShares: number[];
  familyShares: number[];
  ageMin: number;
  ageMax: number;
}

export interface ResolvedPopulation extends ResolvedGroup {
  count: number;
}

export interface ResolvedEntry extends ResolvedGroup {
  perYear: number;
  /** Months 1–12 in which entrants arrive. */
  months: number[];
  /** Graduates who choose where to take their first job on entry (FirstJob), from the location where they studied. */
  firstJob: boolean;
  /**
   * People already living and working at the location who join the talent stock by qualifying: their tenure is
   * drawn as for the starting population, and they do not arrive (no policy hears of them as newcomers).
   */
  resident: boolean;
}

/**
 * How graduates of the `firstJob` entry streams choose a first job: the same random utility as a move, scored from
 * where they studied, with the job-finding step at every destination (the study location too).
 */
export interface FirstJob {
  /** The coefficient of each utility term (in `utility` order) in a first-job choice: the scenario's override, else the term's own. */
  coefficients: number[];
  /** Ticks a graduate who found no job at the place it chose searches, where it studied, before it chooses again. */
  retryTicks: number;
}

export interface Band {
  upTo: number;
  factor: number;
}

export interface ResolvedTerm {
  name: string;
  coefficient: number;
  params: Record<string, unknown>;
  term: UtilityTerm;
  /** For a term written as an expression in the scenario: the expression (workers compile it again). */
  expr?: string;
  /** Where the term comes from: built in, a plugin file, or code (a registry filled by hand). */
  origin: Origin;
}

export interface Transition {
  from: number;
  to: number;
  perYear: number;
}

export interface ResolvedPolicy {
  spec: PolicySpec;
  module: PolicyModule;
  origin: Origin;
}

/** A text in Chinese and in English. */
export interface Bilingual {
  zh: string;
  en: string;
}

/** `Input` is the type of the scenario as written; the scenario layer fills it in, the model never reads it. */
export interface ResolvedScenario<Input extends ScenarioRecord = ScenarioRecord> {
  name: string;
  /** Display name in Chinese and English (the name when the scenario gives none). */
  title: Bilingual;
  /** One short sentence per language on what the scenario does (the description, or empty, when it gives none). */
  summary: Bilingual;
  description: string;
  run: RunSettingsBlock;
  tiers: Labelled[];
  industries: (Labelled & { wageFactor: number })[];
  familyStages: (Labelled & { serviceWeights: number[] })[];
  locations: ResolvedLocation[];
  homeIndex: number;
  populations: ResolvedPopulation[];
  entries: ResolvedEntry[];
  topTiers: number[];
  recruitedTiers: number[];
  hazard: { perYear: number[]; age: Band[]; tenure: Band[] };
  utility: ResolvedTerm[];
  firstJob: FirstJob;
  tasteSd: number;
  /** jobsPerArrival: talent positions a location opens per talent who moves there (jobs follow people). */
  jobMatching: { elasticity: number; floor: number; vacancyDecay: number; jobsPerArrival: number };
  agglomeration: { enabled: boolean; elasticity: number; tiers: number[] };
  lifecycle: { retirementAge: number; upgrades: Transition[]; family: Transition[] };
  policies: ResolvedPolicy[];
  /** Every number given with an uncertainty range (an assumption): what sensitivity analysis may sweep. */
  assumptions: Assumption[];
  /** The validated scenario as written (after `extends`), for run.json: opaque to the model. */
  input: Input;
}

// ---- where an agent works: one index order everywhere -----------------------------------------------------------

/**
 * A job cell: a location, an industry and a tier, by index. Every accessor of a cell takes it by name, so a call
 * with two indices swapped does not compile; arrays over cells are laid out location, then industry, then tier.
 */
export interface Cell {
  location: number;
  industry: number;
  tier: number;
}

/** The index of a job cell in an array over cells (location, then industry, then tier), given the numbers of industries and tiers. */
export function cellIndex(industries: number, tiers: number, location: number, industry: number, tier: number): number {
  return (location * industries + industry) * tiers + tier;
}

/** The conditions of every location this tick, as utility terms and policies see them (the model's Environment). */
export interface EnvironmentView {
  /** Simulated years since the start (fractional). */
  readonly years: number;
  /** Annual wage, CNY, in a cell. */
  wage(cell: Cell): number;
  /** Chance that a mover finds a job in a cell. */
  jobChance(cell: Cell): number;
  /** Job capacity (agents) in a cell this tick. */
  capacity(cell: Cell): number;
  /** Platforms in an industry at a location, scaled by the agglomeration feedback. */
  platforms(where: Omit<Cell, 'tier'>): number;
  /** Housing price at a location, CNY per m². */
  housingCost(location: number): number;
  /** Service index (SERVICE_KINDS order) at a location, 0–1. */
  service(location: number, kind: number): number;
  travelHours(from: number, to: number): number;
  /** A policy creates (or, negative, removes) job positions in a cell; they stay open while vacant. */
  addPositions(cell: Cell, agents: number): void;
  /** A policy builds platforms in an industry at a location; they count from the next update on. */
  addPlatforms(where: Omit<Cell, 'tier'>, count: number): void;
}

// ---- utility terms ---------------------------------------------------------------------------------------------

/** The agent attributes a utility term may depend on. Terms are evaluated per agent type, not per agent. */
export interface AgentType {
  tier: number;
  industry: number;
  native: boolean;
  family: number;
  ageBand: number;
}

export interface TermContext {
  scenario: ResolvedScenario;
  env: EnvironmentView;
  agent: AgentType;
  /** Where the agent lives now. */
  from: number;
  /** The location being scored. */
  to: number;
  /**
   * A graduate choosing a first job: it holds no job at `from` (where it studied), so staying there also needs a
   * job found. Absent or false for a move.
   */
  firstJob?: boolean;
}

/**
 * One term of the random utility. Its contribution is `coefficient × value(context)`, with the coefficient
 * (and any parameters declared in `params`) read from the scenario's `utility.<name>` entry.
 */
export interface UtilityTerm<Params extends Record<string, unknown> = Record<string, unknown>> {
  name: string;
  /** One or two sentences for the docs: what the term measures and its units. */
  description: string;
  /** Parameters besides `coefficient`; unknown keys are errors. */
  params?: z.ZodType;
  value(context: TermContext, params: Params): number;
}

// ---- policy modules --------------------------------------------------------------------------------------------

/** Where a participant's work for the home city counts in effective talent (policy.ts: FTE_COMPONENTS). */
export type FteComponent = 'flexible' | 'enclave' | 'remote';

/** Who hears of a policy: home residents, natives living elsewhere (the diaspora), everyone else (policy.ts: AUDIENCES). */
export type Audience = 'residents' | 'diaspora' | 'others';

/** Who a policy is for. An absent list in the scenario means everyone; an empty one, no one. */
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
  /** Share of agents who know of the policy at the start, by audience (residents, diaspora, others). */
  awareness: Record<Audience, number>;
  params: Params;
}

/** What the model offers a policy's runtime. Indices `i` are agent indices, valid within the current call. */
export interface PolicyHost {
  readonly scenario: ResolvedScenario;
  readonly agents: AgentStore;
  readonly env: EnvironmentView;
  /** Persons per agent: divide a count of persons by it, multiply an agent count by it. */
  readonly scale: number;
  readonly ticksPerYear: number;
  readonly home: number;
  readonly spec: PolicySpec;
  /** This policy's own random stream: drawing from it never shifts another module's numbers. */
  readonly random: Uniform;
  /** The current tick. Ticks count from the start of the run (its burn-in, if any): compare them, never print them. */
  tick(): number;
  /** The first tick of a calendar year. */
  tickOf(year: number): number;
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
  /** The audience agent i belongs to: a home resident, a native living elsewhere, or anyone else. */
  audienceOf(i: number): Audience;
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
  awareness(k: number, audience: Audience): number;
  setAwareness(k: number, audience: Audience, share: number): void;
  /** Every policy of the scenario, for modules that act on others (publicity). */
  readonly policies: readonly PolicySpec[];
  /** Speeds up or slows down payouts of policy k: its delay is multiplied by this factor (publicity). */
  setPayoutSpeed(k: number, factor: number): void;
  payoutSpeed(): number;
}

/**
 * The per-run behaviour of one policy, built by its module for one replication. The model calls each hook in the
 * phase named beside it (phases.ts: PHASES lists them in order, with the hooks each calls).
 */
export interface PolicyRuntime {
  /** For modules whose participants work for the home city without living there: counted in the accounting phase. */
  participation?: { component: FteComponent; fte: number };
  /** environment: change platforms, job positions or awareness. */
  environment?(tick: number): void;
  /** environment: whether the policy takes new people now (budget left, slots free); its utility applies only while open. */
  open?(): boolean;
  /**
   * environment, tabulated per agent type: utility added for eligible agents who know of the policy. `firstJob`: a
   * graduate choosing where to take a first job (`from` is where it studied, and staying there is a start, not a stay:
   * a policy for newcomers to the home city applies to a home graduate who takes a first job there).
   */
  utility?(agent: AgentType, from: number, to: number, firstJob: boolean): number;
  /** environment, tabulated per agent type: utility added for its participants (e.g. a subsidy lost by leaving). */
  holderUtility?(agent: AgentType, from: number, to: number): number;
  /** Structural policies (regional integration) reach everyone eligible, known or not. */
  everyoneKnows?: boolean;
  /** Private offers (headhunters): its utility, job chance and arrivals count only for agents holding its offer. */
  onlyOffered?: boolean;
  /** agents (decisions): job chance in the home city for eligible movers who know of it (a green channel); the higher chance wins. */
  jobChanceAtHome?: number;
  /**
   * entry and agents: an eligible agent who knows of the policy (or holds its offer) arrived in the home city, while
   * the policy is open, from `from`: where it lived, or the home city itself for one who never left (an entrant who
   * starts there, a home graduate who takes its first job there).
   */
  onArrive?(i: number, tick: number, from: number): void;
  /** agents: a participant leaves: it moved, retired or reached the end of its term. */
  onLeave?(i: number, reason: 'move' | 'exit' | 'term'): void;
  /** work: direct actions, after the sweep over the agents. */
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
