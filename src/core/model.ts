/**
 * The talent-flow model: set-up and the tick. It does no I/O and reads no clock; randomness comes only from the
 * seeded streams of random.ts.
 *
 * A tick runs the phases of phases.ts (PHASES) in their order: environment → entry → agents → work → accounting.
 * The agents phase is one sweep over the agents due a check, in which each decides (the reconsideration clock) and
 * then ages (retirement, the life-event clock): both read only the tick's tabulated utility and environment, and each
 * agent's random numbers are its own (random.ts: AgentRandom), so in the core the order of agents does not matter.
 * Policies' budgets and places go first come, first served in that order. Work runs after the sweep, so an offer or
 * an upgrade made at tick t takes effect from tick t + 1.
 */
import { Accounts } from './accounting.js';
import { AgentStore, Flag, FIRST_JOB_STREAM_SHIFT, MAX_FIRST_JOB_STREAMS, NO_COHORT } from './agents.js';
import { Environment } from './environment.js';
import { PluginRunError, ScenarioError } from './errors.js';
import { running } from './messages.js';
import { Hazards } from './hazards.js';
import { PHASES, type PhaseName } from './phases.js';
import { FTE_COMPONENTS } from './policy.js';
import { describeCase, PolicyRun, type PolicyModelAccess } from './policy-run.js';
import { AgentRandom, agentSeed, exponential, gumbel, hashedNormal, Purpose, stochasticRound, stream, type Uniform } from './random.js';
import { withoutFirstYears, type RunResult } from './results.js';
import type { AgentType, Cell, ResolvedGroup, ResolvedScenario, TermContext } from './scenario.js';

export interface ModelOptions {
  replication: number;
  /** Overrides of the scenario's `run` block. */
  seed?: number;
  years?: number;
  scale?: number;
}

/** "Never" for a check tick stored in an Int32Array. */
const MAX_TICK = 2 ** 31 - 1;

export class Model {
  readonly scenario: ResolvedScenario;
  readonly agents: AgentStore;
  readonly env: Environment;
  readonly seed: number;
  readonly scale: number;
  /** Years reported, from the scenario's startYear. */
  readonly years: number;
  /** Years simulated before startYear and not reported (run.burnInYears); ticks count from the burn-in's start. */
  readonly burnInYears: number;
  readonly ticksPerYear: number;
  /** Ticks to run: the burn-in's and the reported years'. */
  readonly ticks: number;
  readonly replication: number;
  /** The model's clock, which its policies read too: the tick running now; between ticks, the next to run. */
  private readonly clock = { tick: 0 };
  /** The scenario's policies, in scenario order. */
  readonly policies: readonly PolicyRun[];

  /** Sizes of the dimensions: locations, industries, tiers, family stages, age bands. */
  private readonly size: { locations: number; industries: number; tiers: number; familyStages: number; ageBands: number };
  private readonly home: number;
  private readonly hazards: Hazards;
  private readonly accounts: Accounts;
  private readonly rng: { population: Uniform; entry: Uniform };
  /** Each agent's own counter-based random numbers (decisions, job draws, life events, clocks). */
  private readonly agentRandom = new AgentRandom();
  /** Utility of (agent type, origin, destination) for this tick, terms summed. */
  private readonly utility: Float64Array;
  /**
   * The same for a first-job choice (the first-job coefficients; staying where one studied needs a job too), laid
   * out like `utility`: tabulated only in ticks in which graduates who choose a first job enter or search.
   */
  private readonly firstJobUtility: Float64Array | undefined;
  /** Per tick of the year: whether graduates who choose a first job enter then. */
  private readonly firstJobEntryTick: Uint8Array;
  /** Graduates searching for a first job now (Flag.searching). */
  private searchers = 0;
  /** Expected entrants (agents) per tick of the year, by entry stream. */
  private readonly entriesPerTick: Float64Array[];
  /** Per entry stream: the flag bits that mark its graduates for the year's count (first-job streams), else 0. */
  private readonly firstJobStreamBits: Uint8Array;
  /** Scratch: one agent's score of every location. */
  private readonly scores: Float64Array;
  /** FTE for the home city by component (FTE_COMPONENTS) × tier, this tick. */
  private readonly fte: Float64Array;
  private peakAgents = 0;
  /** Agents created so far in this run (they number the agents' seeds), and the run's salt for those seeds. */
  private created = 0;
  private readonly seedSalt: number;
  /** What each phase of PHASES does: a phase without its step does not compile. */
  private readonly phases: Record<PhaseName, (tick: number) => void> = {
    environment: (tick) => this.updateEnvironment(tick),
    entry: (tick) => this.enter(tick),
    agents: (tick) => this.sweep(tick),
    work: (tick) => {
      for (const p of this.policies)
        if (p.isActive)
          try {
            p.runtime.work?.(tick);
          } catch (error) {
            throw p.fault(error, 'work');
          }
    },
    accounting: (tick) => this.account(tick),
  };

  constructor(scenario: ResolvedScenario, options: ModelOptions) {
    this.scenario = scenario;
    this.replication = options.replication;
    this.seed = options.seed ?? scenario.run.seed;
    this.scale = options.scale ?? scenario.run.scale;
    this.years = options.years ?? scenario.run.years;
    this.ticksPerYear = scenario.run.ticksPerYear;
    this.burnInYears = scenario.run.burnInYears;
    this.ticks = (this.burnInYears + this.years) * this.ticksPerYear;
    this.size = {
      locations: scenario.locations.length,
      industries: scenario.industries.length,
      tiers: scenario.tiers.length,
      familyStages: scenario.familyStages.length,
      ageBands: scenario.hazard.age.length,
    };
    this.home = scenario.homeIndex;
    const named = (name: string) => stream(this.seed, this.replication, name);
    this.rng = { population: named('population'), entry: named('entry') };
    this.seedSalt = Math.floor(named('agent seeds')() * 4294967296);

    this.hazards = new Hazards(scenario);
    this.entriesPerTick = scenario.entries.map((entry) => entriesPerTickOfYear(entry.perYear / this.scale, entry.months, this.ticksPerYear));
    this.utility = new Float64Array(this.agentTypes() * this.size.locations * this.size.locations);
    this.firstJobEntryTick = new Uint8Array(this.ticksPerYear);
    scenario.entries.forEach((entry, e) => {
      if (entry.firstJob) for (let t = 0; t < this.ticksPerYear; t++) if (this.entriesPerTick[e][t] > 0) this.firstJobEntryTick[t] = 1;
    });
    this.firstJobUtility = this.firstJobEntryTick.includes(1) ? new Float64Array(this.utility.length) : undefined;
    this.firstJobStreamBits = firstJobStreamBits(scenario);
    this.scores = new Float64Array(this.size.locations);
    this.fte = new Float64Array(FTE_COMPONENTS.length * this.size.tiers);
    this.env = new Environment(scenario);
    const expected = scenario.populations.reduce((n, p) => n + p.count, 0) / this.scale;
    this.agents = new AgentStore(Math.ceil(expected * 1.05) + 64);

    const access = this.policyAccess();
    // Ticks count from the burn-in's start: a policy's ticks, counted from startYear, move by the burn-in.
    const burnInTicks = this.burnInYears * this.ticksPerYear;
    const resolved = scenario.policies.map((p) =>
      burnInTicks === 0 ? p : { ...p, spec: { ...p.spec, startTick: p.spec.startTick + burnInTicks, endTick: p.spec.endTick + burnInTicks } },
    );
    const specs = resolved.map((p) => p.spec);
    const policies: PolicyRun[] = [];
    for (const p of resolved) policies.push(new PolicyRun(p, access, specs, () => policies));
    this.policies = policies;
    const reports = policies.map((p) => ({ name: p.spec.name, type: p.spec.type, metrics: [...p.metrics], values: p.report }));
    const simulated = this.burnInYears + this.years;
    this.accounts = new Accounts(scenario, { replication: this.replication, seed: this.seed, scale: this.scale, years: simulated }, reports);
    this.setUp();
  }

  /** The tick running now; between ticks, the next to run (0 before the first). */
  get tick(): number {
    return this.clock.tick;
  }

  /** Runs every remaining tick and returns the replication's results. `onTick` is called after each tick. */
  run(onTick?: (tick: number) => void): RunResult {
    while (this.tick < this.ticks) {
      this.step();
      onTick?.(this.tick);
    }
    return this.finish();
  }

  /** One tick: the phases of PHASES, in order. */
  step(): void {
    const tick = this.tick;
    for (const phase of PHASES) this.phases[phase.name](tick);
    this.clock.tick++;
  }

  /** The results so far; call after the last tick. */
  finish(): RunResult {
    const result = withoutFirstYears(this.accounts.result, this.burnInYears, this.ticksPerYear);
    result.agents.final = this.agents.count;
    result.agents.peak = this.peakAgents;
    result.agents.bytes = this.agents.bytes();
    return result;
  }

  // ---- agent types: the cells utility is tabulated for ---------------------------------------------------------

  /** Number of agent types: industry × tier × native × family stage × age band. */
  private agentTypes(): number {
    const { industries, tiers, familyStages, ageBands } = this.size;
    return industries * tiers * 2 * familyStages * ageBands;
  }

  private agentTypeIndex(industry: number, tier: number, native: number, family: number, ageBand: number): number {
    const { tiers, familyStages, ageBands } = this.size;
    return (((industry * tiers + tier) * 2 + native) * familyStages + family) * ageBands + ageBand;
  }

  // ---- set-up -------------------------------------------------------------------------------------------------

  private setUp(): void {
    const rng = this.rng.population;
    for (const population of this.scenario.populations) {
      const n = stochasticRound(population.count / this.scale, rng);
      this.agents.reserve(n);
      for (let k = 0; k < n; k++) {
        const i = this.addAgent(population, 0, rng);
        this.drawTenure(i, 0, rng);
        if (population.location === this.home) this.agents.flags[i] |= Flag.initialHome;
      }
    }
    this.accounts.open(this.agents);
    this.peakAgents = this.agents.count;
    this.env.calibrate(this.accounts.stock, this.scale);
  }

  /**
   * The time an agent who was already there (the starting population, a resident who qualifies) has lived at its
   * location: uniform over the years since age 20, at most 20 years (no data; it only shapes early hazards).
   */
  private drawTenure(i: number, tick: number, rng: Uniform): void {
    const age = tick - this.agents.birthTick[i];
    const maxTenure = Math.max(1, Math.min(age - 20 * this.ticksPerYear, 20 * this.ticksPerYear));
    this.agents.arrivalTick[i] = tick - Math.floor(rng() * maxTenure);
  }

  /** Adds one agent drawn from a group's composition; returns its index. The accounts are not updated here. */
  private addAgent(group: ResolvedGroup, tick: number, rng: Uniform): number {
    const a = this.agents;
    const i = a.add();
    a.tier[i] = pickShare(group.tierShares, rng);
    a.industry[i] = pickShare(group.industryShares, rng);
    a.family[i] = pickShare(group.familyShares, rng);
    a.residence[i] = group.location;
    a.employer[i] = group.location;
    a.flags[i] = rng() < group.native ? Flag.native : 0;
    a.cohort[i] = NO_COHORT;
    a.cohortTier[i] = a.tier[i];
    const ageYears = group.ageMin + Math.floor(rng() * (group.ageMax - group.ageMin + 1));
    a.birthTick[i] = tick - ageYears * this.ticksPerYear - Math.floor(rng() * this.ticksPerYear);
    a.arrivalTick[i] = tick;
    a.seed[i] = agentSeed(this.created++, this.seedSalt);
    a.decisionClock[i] = exponential(rng);
    a.lifeClock[i] = exponential(rng);
    a.clockTick[i] = tick;
    a.nextCheck[i] = tick;
    // The slot may have held an agent who left: nothing of its policy state may carry over.
    a.policy[i] = 0;
    a.policyUntil[i] = 0;
    a.offer[i] = 0;
    return i;
  }

  // ---- environment --------------------------------------------------------------------------------------------

  private updateEnvironment(tick: number): void {
    for (const p of this.policies) {
      p.startTick(tick);
      if (p.isActive)
        try {
          p.runtime.environment?.(tick);
        } catch (error) {
          throw p.fault(error, 'environment');
        }
    }
    this.env.update(tick, this.accounts.stock);
    this.tabulateTerms(this.utility, undefined);
    const firstJobs = this.firstJobUtility !== undefined && (this.firstJobEntryTick[tick % this.ticksPerYear] === 1 || this.searchers > 0);
    if (firstJobs) this.tabulateTerms(this.firstJobUtility!, this.scenario.firstJob.coefficients);
    // Each policy in force tabulates its holders' utility, and its own utility while it takes new people.
    for (const p of this.policies) {
      let hook = 'open';
      try {
        p.isOpen = p.isActive && (p.runtime.open?.() ?? true);
        const { utility, holderUtility } = p.runtime;
        hook = 'utility';
        p.utilityTable =
          utility && p.isOpen ? this.tabulate((p.utilityTable ??= new Float64Array(this.utility.length)), finite(p, 'utility', this.scoring), p) : undefined;
        p.firstJobTable =
          utility && p.isOpen && firstJobs
            ? this.tabulate((p.firstJobTable ??= new Float64Array(this.utility.length)), finite(p, 'utility', this.scoring, true), p)
            : undefined;
        hook = 'holderUtility';
        p.holderTable =
          holderUtility && p.isActive
            ? this.tabulate((p.holderTable ??= new Float64Array(this.utility.length)), finite(p, 'holderUtility', this.scoring))
            : undefined;
      } catch (error) {
        const scoring = hook === 'open' ? undefined : { agent: this.agentType, from: this.scoring.from, to: this.scoring.to };
        throw p.fault(error, hook, scoring);
      }
    }
  }

  /**
   * Tabulates the scenario's utility terms into a table: with their own coefficients for a move, or with a first-job
   * choice's (`firstJob`: one per term, in order), the terms then told it is a first job (TermContext.firstJob).
   */
  private tabulateTerms(into: Float64Array, firstJob: readonly number[] | undefined): void {
    const terms = this.scenario.utility;
    const coefficients = firstJob ?? terms.map((t) => t.coefficient);
    const context: TermContext = { scenario: this.scenario, env: this.env, agent: this.agentType, from: 0, to: 0, firstJob: firstJob !== undefined };
    // One try around the whole table, not one per call: a throw is traced to its term afterwards (termFault).
    try {
      this.tabulate(into, (agent, from, to) => {
        context.from = from;
        context.to = to;
        let u = 0;
        for (let k = 0; k < terms.length; k++) if (coefficients[k] !== 0) u += coefficients[k] * terms[k].term.value(context, terms[k].params);
        if (!Number.isFinite(u)) throw badUtility(terms, context, coefficients);
        return u;
      });
    } catch (error) {
      throw this.termFault(error, context);
    }
  }

  /**
   * The error to throw for a throw while the terms were tabulated for the case in `context`: the terms are pure, so
   * the one that threw is found by scoring the case again term by term; a plugin's term gives a PluginRunError.
   */
  private termFault(error: unknown, context: TermContext): unknown {
    if (error instanceof ScenarioError || error instanceof PluginRunError) return error;
    for (const term of this.scenario.utility) {
      if (term.coefficient === 0) continue;
      try {
        term.term.value(context, term.params);
      } catch (again) {
        const tick = this.tick;
        return PluginRunError.wrap(again, term.origin, {
          kind: 'term',
          name: term.name,
          hook: 'term',
          tick: this.reportedTick(tick),
          year: this.calendarYear(tick),
          scoring: describeCase(this.scenario, context.agent, context.from, context.to),
        });
      }
    }
    return error;
  }

  /** The origin and destination a policy's utility is scoring now (kept by `finite`, to name the case when it throws). */
  private readonly scoring = { from: 0, to: 0 };

  /** The agent type that `tabulate` passes to utility functions, reused so that tabulating allocates nothing. */
  private readonly agentType: AgentType = { tier: 0, industry: 0, native: false, family: 0, ageBand: 0 };

  /**
   * Fills a table of utility per (agent type, origin, destination); with a policy, only for the agent types its
   * eligibility admits (the others are never read).
   */
  private tabulate(into: Float64Array, value: (agent: AgentType, from: number, to: number) => number, admit?: PolicyRun): Float64Array {
    const { locations: L, industries, tiers, familyStages, ageBands } = this.size;
    const agentType = this.agentType;
    for (let industry = 0; industry < industries; industry++)
      for (let tier = 0; tier < tiers; tier++)
        for (let native = 0; native < 2; native++) {
          if (admit && !admit.eligibleByType(industry, tier, native)) continue;
          for (let family = 0; family < familyStages; family++)
            for (let ageBand = 0; ageBand < ageBands; ageBand++) {
              agentType.tier = tier;
              agentType.industry = industry;
              agentType.native = native === 1;
              agentType.family = family;
              agentType.ageBand = ageBand;
              const base = this.agentTypeIndex(industry, tier, native, family, ageBand) * L * L;
              for (let from = 0; from < L; from++) for (let to = 0; to < L; to++) into[base + from * L + to] = value(agentType, from, to);
            }
        }
    return into;
  }

  // ---- entry --------------------------------------------------------------------------------------------------

  private enter(tick: number): void {
    const tickInYear = tick % this.ticksPerYear;
    const rng = this.rng.entry;
    const a = this.agents;
    this.scenario.entries.forEach((entry, e) => {
      const expected = this.entriesPerTick[e][tickInYear];
      if (expected <= 0) return;
      const n = stochasticRound(expected, rng);
      a.reserve(n);
      for (let k = 0; k < n; k++) {
        const i = this.addAgent(entry, tick, rng);
        a.flags[i] |= this.firstJobStreamBits[e];
        const cell = { location: entry.location, industry: a.industry[i], tier: a.tier[i] };
        this.accounts.enter(tick, cell);
        this.env.addPosition(cell);
        // The home city's graduates join its cohort whether they take their first job there or not.
        if (entry.location === this.home) this.accounts.joinCohort(a, i, tick);
        // A resident who qualifies has lived and worked there all along: no newcomer, and not new in its job.
        if (entry.resident) this.drawTenure(i, tick, rng);
        else if (entry.firstJob) this.chooseFirstJob(i, tick);
        else if (entry.location === this.home) this.arrive(i, tick, 0, this.home);
      }
    });
    if (a.count > this.peakAgents) this.peakAgents = a.count;
  }

  // ---- agents: decisions and life cycle ----------------------------------------------------------------------

  /**
   * Decisions and life cycle, in one pass over the agents. Nothing happens to an agent between the ticks at which
   * one of its clocks fires, one of its hazard bands changes or it retires, so the pass only compares each agent's
   * `nextCheck` with the tick and does the work for the few that are due. It gives the same events as running every
   * clock down every tick (up to floating-point rounding of the clocks), at a fraction of the cost. Anything that
   * changes an agent's hazards between its checks must wake it (`wake`), or the change waits for its next check.
   */
  private sweep(tick: number): void {
    const a = this.agents;
    let i = 0;
    while (i < a.count) {
      // a.nextCheck is re-read each time: growing the store (never during a sweep) would replace the array.
      if (a.nextCheck[i] > tick || this.check(i, tick)) i++;
      // else the agent left and the last agent, not yet swept, now sits at i
    }
  }

  /** Runs an agent's clocks down to this tick, makes its decision and life-cycle events, and schedules its next check. False if it left. */
  private check(i: number, tick: number): boolean {
    const a = this.agents;
    this.sync(i, tick);
    // A participant whose term is over leaves the policy first.
    if (a.policy[i] !== 0 && tick >= a.policyUntil[i]) this.policies[a.policy[i] - 1].end(i, 'term');
    // The decision: when the reconsideration clock fires, or when a policy's offer is waiting. A graduate searching
    // for a first job chooses again when its search is over or an offer comes; its reconsideration clock only runs.
    const age = tick - a.birthTick[i];
    let clock = a.decisionClock[i] - this.hazards.reconsideration(a.tier[i], age, tick - a.arrivalTick[i]);
    if (a.flags[i] & Flag.searching) {
      if (tick >= this.searchEnds(i) || a.offer[i] !== 0) {
        this.chooseFirstJob(i, tick);
        a.offer[i] = 0;
      }
      if (clock <= 0) clock = exponential(this.agentRandom.reset(a.seed[i], tick, Purpose.decisionClock).uniform);
    } else if (clock <= 0 || a.offer[i] !== 0) {
      this.decide(i, tick, age, this.agentRandom.reset(a.seed[i], tick, Purpose.decision).uniform);
      a.offer[i] = 0;
      if (clock <= 0) clock = exponential(this.agentRandom.reset(a.seed[i], tick, Purpose.decisionClock).uniform);
    }
    a.decisionClock[i] = clock;
    // The life cycle: retirement, else a life event when its clock fires.
    if (age >= this.hazards.retirementTicks) {
      this.exit(i, tick);
      return false;
    }
    let life = a.lifeClock[i] - this.hazards.lifeEvent(a.tier[i], a.family[i]);
    if (life <= 0) {
      this.lifeEvent(i, this.agentRandom.reset(a.seed[i], tick, Purpose.life).uniform);
      life = exponential(this.agentRandom.reset(a.seed[i], tick, Purpose.lifeClock).uniform);
    }
    a.lifeClock[i] = life;
    a.clockTick[i] = tick + 1;
    a.nextCheck[i] = this.nextCheckOf(i, tick + 1);
    return true;
  }

  /**
   * Runs agent i's clocks down through the ticks before `upTo`. Between checks nothing changes its hazards (a
   * change is made at a check, or after a `sync`), so the hazards of its last check apply throughout.
   */
  private sync(i: number, upTo: number): void {
    const a = this.agents;
    const since = a.clockTick[i];
    if (upTo <= since) return;
    const elapsed = upTo - since;
    a.decisionClock[i] -= elapsed * this.hazards.reconsideration(a.tier[i], since - a.birthTick[i], since - a.arrivalTick[i]);
    a.lifeClock[i] -= elapsed * this.hazards.lifeEvent(a.tier[i], a.family[i]);
    a.clockTick[i] = upTo;
  }

  /**
   * The first tick from `from` on at which agent i needs a check: a clock fires, a hazard band changes, it retires
   * (hazards.ts: nextEvent), its policy term ends, or an offer waits.
   */
  private nextCheckOf(i: number, from: number): number {
    const a = this.agents;
    let next = this.hazards.nextEvent(a, i, from);
    if (a.policy[i] !== 0) next = Math.min(next, a.policyUntil[i]);
    if (a.offer[i] !== 0) next = from;
    if (a.flags[i] & Flag.searching) next = Math.min(next, this.searchEnds(i));
    return Math.max(from, Math.min(next, MAX_TICK));
  }

  /** The agent scores every location by random utility and moves to the best if it finds a job there. */
  private decide(i: number, tick: number, ageTicks: number, rng: Uniform): void {
    const from = this.agents.residence[i];
    const best = this.choose(i, this.utility, ageTicks, rng, false);
    if (best === from || !this.findsJob(i, best, rng)) return;
    const offeredBy = this.agents.offer[i];
    this.move(i, best, tick);
    if (best === this.home) this.arrive(i, tick, offeredBy, from);
  }

  /**
   * A graduate chooses where to take its first job, from where it studied, by the first-job utility (its taste,
   * the shock and the policies as in a move), and looks for a job there: at every destination, the study location
   * too, since it holds no job yet. With a job elsewhere it moves (a move in the flows); with one where it studied it
   * starts there; without one it stays where it studied, searching, and chooses again after firstJob.retryTicks.
   */
  private chooseFirstJob(i: number, tick: number): void {
    const a = this.agents;
    const rng = this.agentRandom.reset(a.seed[i], tick, Purpose.firstJob).uniform;
    const from = a.residence[i];
    const best = this.choose(i, this.firstJobUtility!, tick - a.birthTick[i], rng, true);
    if (!this.findsJob(i, best, rng)) {
      if (!(a.flags[i] & Flag.searching)) this.searchers++;
      a.flags[i] |= Flag.searching;
      // Its search runs from now: searchEnds counts from arrivalTick (tenure starts again with the first job).
      a.arrivalTick[i] = tick;
      return;
    }
    if (a.flags[i] & Flag.searching) {
      a.flags[i] &= ~Flag.searching;
      this.searchers--;
    }
    const offeredBy = a.offer[i];
    if (best !== from) this.move(i, best, tick, true);
    else a.arrivalTick[i] = tick;
    if (best === this.home) this.arrive(i, tick, offeredBy, from);
  }

  /** The tick at which a graduate searching for a first job chooses again. */
  private searchEnds(i: number): number {
    return this.agents.arrivalTick[i] + this.scenario.firstJob.retryTicks;
  }

  /**
   * The location agent i chooses from a utility table: each location's tabulated utility for its type and where it
   * lives, plus its persistent taste, its policies' utility and a Gumbel shock; the best wins.
   */
  private choose(i: number, table: Float64Array, ageTicks: number, rng: Uniform, firstJob: boolean): number {
    const a = this.agents;
    const L = this.size.locations;
    const from = a.residence[i];
    const native = a.flags[i] & Flag.native ? 1 : 0;
    const row = (this.agentTypeIndex(a.industry[i], a.tier[i], native, a.family[i], this.hazards.ageBand(ageTicks)) * L + from) * L;
    const sd = this.scenario.tasteSd;
    const seed = a.seed[i];
    const scores = this.scores;
    for (let to = 0; to < L; to++) scores[to] = table[row + to] + (sd > 0 ? sd * hashedNormal(seed, to) : 0);
    this.homeJobChance = this.policies.length ? this.addPolicyUtility(i, row, firstJob) : 0;
    let best = from;
    let bestScore = -Infinity;
    for (let to = 0; to < L; to++) {
      const score = scores[to] + gumbel(rng);
      if (score > bestScore) {
        best = to;
        bestScore = score;
      }
    }
    return best;
  }

  /** The best job chance in the home city that the policies of the last `choose` give its agent (0: none). */
  private homeJobChance = 0;

  /** The job-finding step: whether agent i, having chosen `where` in the last `choose`, finds a job there. */
  private findsJob(i: number, where: number, rng: Uniform): boolean {
    const cell = this.job;
    cell.location = where;
    cell.industry = this.agents.industry[i];
    cell.tier = this.agents.tier[i];
    const chance = this.env.jobChance(cell);
    return rng() < (where === this.home ? Math.max(chance, this.homeJobChance) : chance);
  }

  /**
   * Adds the utility of the policies that concern agent i to `scores`: its own policy's holder utility, and the
   * utility of each open policy it is eligible for and knows of (or whose offer it holds). Returns the best job
   * chance in the home city that those policies give it (0: none).
   */
  private addPolicyUtility(i: number, row: number, firstJob: boolean): number {
    const a = this.agents;
    const L = this.size.locations;
    const scores = this.scores;
    const part = a.policy[i];
    const offer = a.offer[i];
    let homeJobChance = 0;
    for (const p of this.policies) {
      if (!p.isActive) continue;
      const id = p.spec.index + 1;
      // A participant weighs what it holds (and would lose by leaving), not the policy's offer to newcomers again.
      if (part === id) {
        if (p.holderTable) for (let to = 0; to < L; to++) scores[to] += p.holderTable[row + to];
        continue;
      }
      const green = p.runtime.jobChanceAtHome;
      const table = firstJob ? p.firstJobTable : p.utilityTable;
      if (!table && green === undefined) continue;
      if (offer !== id && (p.runtime.onlyOffered || !(p.isOpen && p.eligible(i) && (p.runtime.everyoneKnows || p.knows(i))))) continue;
      if (table) for (let to = 0; to < L; to++) scores[to] += table[row + to];
      if (green !== undefined && green > homeJobChance) homeJobChance = green;
    }
    return homeJobChance;
  }

  /**
   * An agent arrived in the home city from `from` (the home city itself for an entrant who starts there, or a home
   * graduate who takes its first job there): the open policies that it is eligible for and knows of (or that made it
   * an offer) hear of it.
   */
  private arrive(i: number, tick: number, offeredBy: number, from: number): void {
    for (const p of this.policies)
      if (p.isOpen && p.runtime.onArrive && (offeredBy === p.spec.index + 1 || (!p.runtime.onlyOffered && p.eligible(i) && p.knows(i))))
        try {
          p.runtime.onArrive(i, tick, from);
        } catch (error) {
          throw p.fault(error, 'onArrive');
        }
  }

  /** Agent i moves to `to` at this tick; `firstJob`: a graduate taking its first job there (Accounts.move). */
  private move(i: number, to: number, tick: number, firstJob = false): void {
    const a = this.agents;
    if (a.policy[i] !== 0) this.policies[a.policy[i] - 1].end(i, 'move');
    const from = this.jobOf(i);
    a.residence[i] = to;
    a.employer[i] = to;
    this.accounts.move(tick, from, to, (a.flags[i] & Flag.native) !== 0, a.arrivalTick[i], firstJob);
    a.arrivalTick[i] = tick;
    this.env.arrive(to);
    if (to === this.home) this.accounts.joinCohort(a, i, tick);
  }

  private exit(i: number, tick: number): void {
    const a = this.agents;
    if (a.policy[i] !== 0) this.policies[a.policy[i] - 1].end(i, 'exit');
    if (a.flags[i] & Flag.searching) this.searchers--;
    const job = this.jobOf(i);
    this.accounts.exit(tick, job, a.arrivalTick[i]);
    this.env.removePosition(job);
    a.remove(i);
  }

  /** A tier upgrade or a family-stage change, chosen in proportion to their hazards. */
  private lifeEvent(i: number, rng: Uniform): void {
    const a = this.agents;
    const event = this.hazards.drawLifeEvent(a.tier[i], a.family[i], rng);
    if (event === undefined) return;
    if (event.kind === 'upgrade') this.setTier(i, event.to);
    else a.family[i] = event.to;
  }

  /** Agent i changes tier where it is; stocks, job positions, counts and policy bookkeeping follow. */
  private setTier(i: number, next: number): void {
    const a = this.agents;
    const tier = a.tier[i];
    if (next === tier) return;
    const job = this.jobOf(i);
    this.env.movePosition(job, next);
    this.accounts.retier(this.tick, job, next, a.employer[i] !== job.location, a.arrivalTick[i]);
    if (a.policy[i] !== 0) {
      const run = this.policies[a.policy[i] - 1];
      run.participantsByTier[tier]--;
      run.participantsByTier[next]++;
    }
    a.tier[i] = next;
  }

  /** Agent i's job cell: where it lives, its industry and its tier. One object, reused by the next call. */
  private jobOf(i: number): Readonly<Cell> {
    const a = this.agents;
    const job = this.job;
    job.location = a.residence[i];
    job.industry = a.industry[i];
    job.tier = a.tier[i];
    return job;
  }

  /** Scratch: a job cell, refilled for each use on the hot paths so that they allocate nothing. */
  private readonly job: Cell = { location: 0, industry: 0, tier: 0 };

  // ---- what policies may do: reached only through the policy host (policy-run.ts) ------------------------------

  private policyAccess(): PolicyModelAccess {
    return {
      scenario: this.scenario,
      agents: this.agents,
      env: this.env,
      seed: this.seed,
      replication: this.replication,
      scale: this.scale,
      years: this.years,
      burnInYears: this.burnInYears,
      ticksPerYear: this.ticksPerYear,
      calendarYear: (tick) => this.calendarYear(tick),
      reportedTick: (tick) => this.reportedTick(tick),
      clock: this.clock,
      // A policy upgrades agent i: its clocks are brought up to date first, so the new tier's hazards start now.
      retier: (i, tier) => {
        this.sync(i, this.tick + 1);
        this.setTier(i, tier);
        this.agents.nextCheck[i] = this.nextCheckOf(i, this.tick + 1);
      },
      reindustry: (i, industry) => {
        const a = this.agents;
        const job = this.jobOf(i);
        if (job.industry === industry) return;
        this.accounts.reindustry(job, industry);
        this.env.removePosition(job);
        this.env.addPosition({ ...job, industry });
        a.industry[i] = industry;
      },
      wake: (i, atTick) => {
        if (atTick < this.agents.nextCheck[i]) this.agents.nextCheck[i] = Math.max(atTick, this.tick + 1);
      },
      setEmployer: (i, employer) => {
        const a = this.agents;
        const where = a.residence[i];
        if (a.employer[i] !== where) this.accounts.workAway(where, a.tier[i], -1);
        a.employer[i] = employer;
        if (employer !== where) this.accounts.workAway(where, a.tier[i], 1);
      },
    };
  }

  // ---- accounting ---------------------------------------------------------------------------------------------

  private account(tick: number): void {
    this.fte.fill(0);
    for (const p of this.policies) p.addFte(this.fte, this.size.tiers);
    this.accounts.closeTick(tick, this.fte);
    if ((tick + 1) % this.ticksPerYear === 0) this.accounts.closeYear(Math.floor(tick / this.ticksPerYear), this.agents);
    if (tick + 1 === this.burnInYears * this.ticksPerYear) this.accounts.restart(this.agents);
  }

  /** A tick as users count it: from January of startYear (negative during a burn-in); the model counts from the burn-in's start. */
  reportedTick(tick: number): number {
    return tick - this.burnInYears * this.ticksPerYear;
  }

  /** The calendar year of a tick (ticks count from the burn-in's start, startYear − burnInYears). */
  calendarYear(tick: number): number {
    return this.scenario.run.startYear + Math.floor(tick / this.ticksPerYear) - this.burnInYears;
  }
}

function pickShare(shares: number[], rng: Uniform): number {
  let u = rng();
  for (let k = 0; k < shares.length - 1; k++) {
    if (u < shares[k]) return k;
    u -= shares[k];
  }
  return shares.length - 1;
}

/** The error for a utility that is not a finite number: names the term and the case, so a plugin's author can fix it. */
function badUtility(terms: ResolvedScenario['utility'], context: TermContext, coefficients: readonly number[]): ScenarioError {
  const bad = terms.find((t, k) => !Number.isFinite(coefficients[k] * t.term.value(context, t.params)))!;
  const { agent, from, to, scenario } = context;
  return new ScenarioError([
    { path: ['utility', bad.name], ...running.termNotFinite(bad.name, bad.term.value(context, bad.params), describeCase(scenario, agent, from, to)) },
  ]);
}

/** A policy's utility hook, checked: a value that is not a finite number is a scenario error naming the policy and the case. */
function finite(
  p: PolicyRun,
  hook: 'utility' | 'holderUtility',
  scoring: { from: number; to: number },
  firstJob = false,
): (agent: AgentType, from: number, to: number) => number {
  const value = p.runtime[hook]!.bind(p.runtime);
  return (agent, from, to) => {
    scoring.from = from;
    scoring.to = to;
    const u = value(agent, from, to, firstJob);
    if (Number.isFinite(u)) return u;
    throw new ScenarioError([
      { path: ['policies', p.spec.index], ...running.policyNotFinite(hook, p.spec.name, p.spec.type, u, describeCase(p.scenario, agent, from, to)) },
    ]);
  };
}

/**
 * Per entry stream, the flag bits that mark the graduates of a first-job stream until the year's end (agents.ts,
 * FIRST_JOB_STREAM_SHIFT): its ordinal among the first-job streams + 1; 0 for other streams.
 */
function firstJobStreamBits(scenario: ResolvedScenario): Uint8Array {
  const bits = new Uint8Array(scenario.entries.length);
  let ordinal = 0;
  scenario.entries.forEach((entry, e) => {
    if (!entry.firstJob) return;
    if (++ordinal > MAX_FIRST_JOB_STREAMS)
      throw new ScenarioError([{ path: ['entries', e, 'firstJob'], ...running.tooManyFirstJobStreams(MAX_FIRST_JOB_STREAMS) }]);
    bits[e] = ordinal << FIRST_JOB_STREAM_SHIFT;
  });
  return bits;
}

/**
 * Expected entrants in each tick of a year, for a stream of `perYear` entrants spread evenly over `months`:
 * each tick gets the share of those months that its slice of the year overlaps, whatever the tick length.
 */
export function entriesPerTickOfYear(perYear: number, months: number[], ticksPerYear: number): Float64Array {
  const out = new Float64Array(ticksPerYear);
  for (let t = 0; t < ticksPerYear; t++) {
    const start = (t / ticksPerYear) * 12;
    const end = ((t + 1) / ticksPerYear) * 12;
    for (const m of months) out[t] += Math.max(0, Math.min(end, m) - Math.max(start, m - 1));
  }
  for (let t = 0; t < ticksPerYear; t++) out[t] *= perYear / months.length;
  return out;
}

/** Runs one replication of a resolved scenario from start to end. */
export function runReplication(scenario: ResolvedScenario, options: ModelOptions, onTick?: (tick: number) => void): RunResult {
  return new Model(scenario, options).run(onTick);
}
