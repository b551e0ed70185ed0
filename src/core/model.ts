/**
 * The talent-flow model: set-up and the tick loop. It does no I/O and reads no clock; randomness comes only from
 * the seeded streams in random.ts.
 *
 * Each tick runs these phases in this order:
 *  1. environment — wage and job-capacity growth, agglomeration feedback on platforms, job chances; then the
 *     utility of every (agent type, origin, destination) is tabulated once for the tick;
 *  2. entry — graduating cohorts (in their months) and other entry streams join at their location;
 *  3. decisions — each agent's hazard clock runs down by its reconsideration hazard (tier × age × tenure);
 *     when it fires (or a policy's offer waits) the agent scores every location (tabulated utility + persistent
 *     taste + Gumbel shock, i.e. a multinomial logit) and, if it picks another place, moves when it finds a job;
 *  4. life cycle — ageing (implicit: age is tick − birth tick), retirement exit, tier upgrades and family changes
 *     on a second hazard clock;
 *  5. work — policies act directly: part-time engagements, enclave posts, training, offers (policy.ts);
 *  6. accounting — stocks, flows and effective talent by location and tier; each year end the home city's counts.
 * Phases 3 and 4 run in a single sweep over the agents (each agent decides, then ages): both read only the tick's
 * snapshot, and each agent's random numbers are its own (random.ts: AgentRandom), so in the core the order does
 * not matter. Policies' budgets and places go first come, first served in that order. Work runs after the sweep,
 * so an offer or an upgrade made at tick t takes effect from tick t + 1.
 */
import { AgentStore, Flag, NO_COHORT } from './agents.js';
import { Environment } from './environment.js';
import { AgentRandom, agentSeed, exponential, gumbel, hashedNormal, pick, Purpose, stochasticRound, stream, type Uniform } from './random.js';
import { cohortIndex, flowIndex, HomeMetric, HOME_METRICS, perTickIndex, TickMetric, TICK_METRICS, type RunResult } from './results.js';
import type { ResolvedGroup, ResolvedScenario } from '../scenario/resolve.js';
import type { AgentType, TermContext } from './terms.js';
import { ScenarioError } from '../scenario/errors.js';
import { FTE_COMPONENTS } from './policy.js';
import { PolicyRun, type PolicyModelAccess } from './policy-run.js';

export interface ModelOptions {
  replication: number;
  /** Overrides of the scenario's `run` block. */
  seed?: number;
  years?: number;
  scale?: number;
}

const M = TICK_METRICS.length;
/** "Never" for a check tick stored in an Int32Array. */
const MAX_TICK = 2 ** 31 - 1;

export class Model implements PolicyModelAccess {
  readonly scenario: ResolvedScenario;
  readonly agents: AgentStore;
  readonly env: Environment;
  readonly seed: number;
  readonly scale: number;
  readonly years: number;
  readonly ticksPerYear: number;
  readonly ticks: number;
  readonly replication: number;
  /** The next tick to run (0 before the first). */
  tick = 0;

  private readonly L: number;
  private readonly T: number;
  private readonly I: number;
  private readonly F: number;
  private readonly A: number;
  private readonly home: number;
  private readonly rng: { population: Uniform; entry: Uniform };
  /** Each agent's own counter-based random numbers (decisions, job draws, life events, clocks). */
  private readonly agentRandom = new AgentRandom();
  /** Agents by location × industry × tier, kept current as people move, enter, leave and upgrade. */
  private readonly stock: Int32Array;
  /** Utility of (agent type, origin, destination) for this tick, terms summed. */
  private readonly utility: Float64Array;
  /** Reconsideration hazard per tick (−log of staying), by tier × age band × tenure band. */
  private readonly decisionHazard: Float64Array;
  /** Life-event hazard per tick by tier × family stage, and its upgrade part by tier. */
  private readonly lifeHazard: Float64Array;
  private readonly upgradeHazard: Float64Array;
  private readonly upgradeTargets: TransitionTargets[];
  private readonly familyHazard: Float64Array;
  private readonly familyTargets: TransitionTargets[];
  /** Expected entrants (agents) per tick of the year, by entry stream. */
  private readonly entriesPerTick: Float64Array[];
  private readonly ageBandOfAge: Uint8Array;
  private readonly tenureBandOfTenure: Uint8Array;
  /** Age (ticks) at which each age band ends, and tenure (ticks) at which each tenure band ends. */
  private readonly ageBandEnd: Int32Array;
  private readonly tenureBandEnd: Int32Array;
  private readonly tenureBands: number;
  private readonly retirementTicks: number;
  private readonly recruitedTier: Uint8Array;
  private readonly scores: Float64Array;
  private readonly result: RunResult;
  private peakAgents = 0;
  /** Agents created so far in this run (they number the agents' seeds), and the run's salt for those seeds. */
  private created = 0;
  private readonly seedSalt: number;
  /** The scenario's policies, in scenario order. */
  readonly policies: PolicyRun[];
  /** Residents of a location working for another (enclave staff), by location × tier. */
  private readonly awayEmployed: Int32Array;
  /** FTE for the home city by component (FTE_COMPONENTS) × tier, this tick. */
  private readonly fte: Float64Array;

  constructor(scenario: ResolvedScenario, options: ModelOptions) {
    this.scenario = scenario;
    this.replication = options.replication;
    this.seed = options.seed ?? scenario.run.seed;
    this.scale = options.scale ?? scenario.run.scale;
    this.years = options.years ?? scenario.run.years;
    this.ticksPerYear = scenario.run.ticksPerYear;
    this.ticks = this.years * this.ticksPerYear;
    this.L = scenario.locations.length;
    this.T = scenario.tiers.length;
    this.I = scenario.industries.length;
    this.F = scenario.familyStages.length;
    this.A = scenario.hazard.age.length;
    this.home = scenario.homeIndex;
    const named = (name: string) => stream(this.seed, this.replication, name);
    this.rng = { population: named('population'), entry: named('entry') };
    this.seedSalt = Math.floor(named('agent seeds')() * 4294967296);

    const perYear = this.ticksPerYear;
    const toTickHazard = (probabilityPerYear: number) => (probabilityPerYear >= 1 ? Infinity : -Math.log(1 - probabilityPerYear) / perYear);

    this.retirementTicks = Math.round(scenario.lifecycle.retirementAge * perYear);
    this.ageBandOfAge = new Uint8Array(this.retirementTicks + 1);
    for (let age = 0; age <= this.retirementTicks; age++) {
      const band = scenario.hazard.age.findIndex((b) => age / perYear < b.upTo);
      this.ageBandOfAge[age] = band < 0 ? this.A - 1 : band;
    }
    const tenureBands = scenario.hazard.tenure;
    const longestTenure = Math.ceil(tenureBands[tenureBands.length - 1].upTo * perYear);
    this.tenureBandOfTenure = new Uint8Array(longestTenure + 1);
    for (let tenure = 0; tenure <= longestTenure; tenure++) {
      const band = tenureBands.findIndex((b) => tenure / perYear < b.upTo);
      this.tenureBandOfTenure[tenure] = band < 0 ? tenureBands.length - 1 : band;
    }
    const TB = tenureBands.length;
    this.tenureBands = TB;
    this.ageBandEnd = Int32Array.from(scenario.hazard.age, (b) => Math.round(b.upTo * perYear));
    this.tenureBandEnd = Int32Array.from(tenureBands, (b) => Math.ceil(b.upTo * perYear));
    this.decisionHazard = new Float64Array(this.T * this.A * TB);
    for (let t = 0; t < this.T; t++)
      for (let a = 0; a < this.A; a++)
        for (let b = 0; b < TB; b++)
          this.decisionHazard[(t * this.A + a) * TB + b] = toTickHazard(
            Math.min(1, scenario.hazard.perYear[t] * scenario.hazard.age[a].factor * tenureBands[b].factor),
          );

    const transitionTable = (count: number, list: ResolvedScenario['lifecycle']['upgrades']) => {
      const hazard = new Float64Array(count);
      const targets = Array.from({ length: count }, () => ({ destinations: [] as number[], rates: [] as number[] }));
      for (const { from, to, perYear: p } of list) {
        const rate = toTickHazard(p);
        hazard[from] += rate;
        targets[from].destinations.push(to);
        targets[from].rates.push(rate);
      }
      const cumulative = (rates: number[]) => {
        let sum = 0;
        return Float64Array.from(rates, (r) => (sum += r));
      };
      return { hazard, targets: targets.map(({ destinations, rates }) => ({ destinations, cumulative: cumulative(rates) })) };
    };
    const upgrades = transitionTable(this.T, scenario.lifecycle.upgrades);
    const family = transitionTable(this.F, scenario.lifecycle.family);
    this.upgradeHazard = upgrades.hazard;
    this.familyHazard = family.hazard;
    this.upgradeTargets = upgrades.targets;
    this.familyTargets = family.targets;
    this.entriesPerTick = scenario.entries.map((entry) => entriesPerTickOfYear(entry.perYear / this.scale, entry.months, perYear));
    this.lifeHazard = new Float64Array(this.T * this.F);
    for (let t = 0; t < this.T; t++) for (let f = 0; f < this.F; f++) this.lifeHazard[t * this.F + f] = this.upgradeHazard[t] + this.familyHazard[f];

    this.recruitedTier = new Uint8Array(this.T);
    for (const t of scenario.recruitedTiers) this.recruitedTier[t] = 1;

    this.stock = new Int32Array(this.L * this.I * this.T);
    this.utility = new Float64Array(this.cellCount() * this.L * this.L);
    this.scores = new Float64Array(this.L);
    this.env = new Environment(scenario);

    const expected = scenario.populations.reduce((n, p) => n + p.count, 0) / this.scale;
    this.agents = new AgentStore(Math.ceil(expected * 1.05) + 64);
    this.awayEmployed = new Int32Array(this.L * this.T);
    this.fte = new Float64Array(FTE_COMPONENTS.length * this.T);
    const specs = scenario.policies.map((p) => p.spec);
    this.policies = [];
    for (const p of scenario.policies) this.policies.push(new PolicyRun(p, this, specs, () => this.policies));
    this.result = this.emptyResult();
    this.setUp();
  }

  /** Runs every remaining tick and returns the replication's results. `onTick` is called after each tick. */
  run(onTick?: (tick: number) => void): RunResult {
    while (this.tick < this.ticks) {
      this.step();
      onTick?.(this.tick);
    }
    return this.finish();
  }

  /** One tick: environment → entry → decisions and life cycle → policies' work → accounting. */
  step(): void {
    const tick = this.tick;
    this.updateEnvironment(tick);
    this.enter(tick);
    this.sweep(tick);
    for (const p of this.policies) if (p.isActive) p.runtime.work?.(tick);
    this.account(tick);
    this.tick++;
  }

  /** The results so far; call after the last tick. */
  finish(): RunResult {
    this.result.agents.final = this.agents.count;
    this.result.agents.peak = this.peakAgents;
    this.result.agents.bytes = this.agents.bytes();
    return this.result;
  }

  /** Number of agent types: tier × industry × native × family stage × age band. */
  cellCount(): number {
    return this.T * this.I * 2 * this.F * this.A;
  }

  cellOf(tier: number, industry: number, native: number, family: number, ageBand: number): number {
    return (((tier * this.I + industry) * 2 + native) * this.F + family) * this.A + ageBand;
  }

  // ---- set-up -------------------------------------------------------------------------------------------

  private setUp(): void {
    const rng = this.rng.population;
    for (const population of this.scenario.populations) {
      const n = stochasticRound(population.count / this.scale, rng);
      this.agents.reserve(n);
      for (let k = 0; k < n; k++) {
        const i = this.addAgent(population, 0, rng);
        // Initial tenure: uniform over the years since age 20, at most 20 years (no data; only shapes early hazards).
        const age = -this.agents.birthTick[i];
        const maxTenure = Math.max(1, Math.min(age - 20 * this.ticksPerYear, 20 * this.ticksPerYear));
        this.agents.arrivalTick[i] = -Math.floor(rng() * maxTenure);
        if (population.location === this.home) this.agents.flags[i] |= Flag.initialHome;
      }
    }
    const agents = this.agents;
    for (let i = 0; i < agents.count; i++) {
      this.stock[this.stockIndex(agents.residence[i], agents.industry[i], agents.tier[i])]++;
      this.result.initialStock[agents.residence[i] * this.T + agents.tier[i]]++;
    }
    this.result.agents.initial = agents.count;
    this.peakAgents = agents.count;
    for (let i = 0; i < agents.count; i++) if (agents.flags[i] & Flag.initialHome) this.result.initialHome++;
    this.env.calibrate(this.stock);
  }

  /** Adds one agent drawn from a group's composition; returns its index. Stock is not updated here. */
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

  // ---- phases ---------------------------------------------------------------------------------------------

  private updateEnvironment(tick: number): void {
    for (const p of this.policies) {
      p.startTick(tick);
      if (p.isActive) p.runtime.environment?.(tick);
    }
    this.env.update(tick, this.stock);
    const terms = this.scenario.utility;
    const context = { scenario: this.scenario, env: this.env, agent: this.agentType, from: 0, to: 0 };
    this.tabulate(this.utility, (agent, from, to) => {
      context.from = from;
      context.to = to;
      let u = 0;
      for (const term of terms) if (term.coefficient !== 0) u += term.coefficient * term.term.value(context, term.params);
      if (!Number.isFinite(u)) throw badUtility(terms, context);
      return u;
    });
    // Each policy in force tabulates its holders' utility, and its own utility while it takes new people.
    for (const p of this.policies) {
      p.isOpen = p.isActive && (p.runtime.open?.() ?? true);
      const { utility, holderUtility } = p.runtime;
      p.utilityTable = utility && p.isOpen ? this.tabulate((p.utilityTable ??= new Float64Array(this.utility.length)), utility.bind(p.runtime), p) : undefined;
      p.holderTable =
        holderUtility && p.isActive ? this.tabulate((p.holderTable ??= new Float64Array(this.utility.length)), holderUtility.bind(p.runtime)) : undefined;
    }
  }

  /** The agent type that `tabulate` passes to utility functions, reused so that tabulating allocates nothing. */
  private readonly agentType: AgentType = { tier: 0, industry: 0, native: false, family: 0, ageBand: 0 };

  /**
   * Fills a table of utility per (agent type, origin, destination); with a policy, only for the agent types its
   * eligibility admits (the others are never read).
   */
  private tabulate(into: Float64Array, value: (agent: AgentType, from: number, to: number) => number, admit?: PolicyRun): Float64Array {
    const { L, A } = this;
    const agentType = this.agentType;
    for (let t = 0; t < this.T; t++)
      for (let ind = 0; ind < this.I; ind++)
        for (let native = 0; native < 2; native++) {
          if (admit && !admit.eligibleByType(t, ind, native)) continue;
          for (let f = 0; f < this.F; f++)
            for (let band = 0; band < A; band++) {
              agentType.tier = t;
              agentType.industry = ind;
              agentType.native = native === 1;
              agentType.family = f;
              agentType.ageBand = band;
              const base = this.cellOf(t, ind, native, f, band) * L * L;
              for (let from = 0; from < L; from++) for (let to = 0; to < L; to++) into[base + from * L + to] = value(agentType, from, to);
            }
        }
    return into;
  }

  private enter(tick: number): void {
    const tickInYear = tick % this.ticksPerYear;
    const rng = this.rng.entry;
    this.scenario.entries.forEach((entry, e) => {
      const expected = this.entriesPerTick[e][tickInYear];
      if (expected <= 0) return;
      const n = stochasticRound(expected, rng);
      this.agents.reserve(n);
      for (let k = 0; k < n; k++) {
        const i = this.addAgent(entry, tick, rng);
        this.stock[this.stockIndex(entry.location, this.agents.industry[i], this.agents.tier[i])]++;
        this.env.addPosition(entry.location, this.agents.industry[i], this.agents.tier[i]);
        this.count(tick, entry.location, this.agents.tier[i], TickMetric.entries);
        if (entry.location === this.home) {
          this.joinCohort(i, tick);
          this.arrive(i, tick, 0);
        }
      }
    });
    if (this.agents.count > this.peakAgents) this.peakAgents = this.agents.count;
  }

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
    // 3. decision: when the clock fires, or when a policy's offer is waiting
    const age = tick - a.birthTick[i];
    let clock = a.decisionClock[i] - this.decisionHazardAt(i, tick);
    if (clock <= 0 || a.offer[i] !== 0) {
      this.decide(i, tick, age, this.agentRandom.reset(a.seed[i], tick, Purpose.decision).uniform);
      a.offer[i] = 0;
      if (clock <= 0) clock = exponential(this.agentRandom.reset(a.seed[i], tick, Purpose.decisionClock).uniform);
    }
    a.decisionClock[i] = clock;
    // 5. life cycle
    if (age >= this.retirementTicks) {
      this.exit(i, tick);
      return false;
    }
    let life = a.lifeClock[i] - this.lifeHazard[a.tier[i] * this.F + a.family[i]];
    if (life <= 0) {
      this.lifeEvent(i, tick, this.agentRandom.reset(a.seed[i], tick, Purpose.life).uniform);
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
    a.decisionClock[i] -= elapsed * this.decisionHazardAt(i, since);
    a.lifeClock[i] -= elapsed * this.lifeHazard[a.tier[i] * this.F + a.family[i]];
    a.clockTick[i] = upTo;
  }

  /** Reconsideration hazard per tick of agent i at a tick (from its tier, age band and tenure band then). */
  private decisionHazardAt(i: number, tick: number): number {
    const a = this.agents;
    const age = Math.min(tick - a.birthTick[i], this.retirementTicks);
    const tenure = Math.min(tick - a.arrivalTick[i], this.tenureBandOfTenure.length - 1);
    return this.decisionHazard[(a.tier[i] * this.A + this.ageBandOfAge[age]) * this.tenureBands + this.tenureBandOfTenure[tenure]];
  }

  /** The first tick from `from` on at which agent i needs a check: a clock fires, a hazard band changes, or it retires. */
  private nextCheckOf(i: number, from: number): number {
    const a = this.agents;
    const birth = a.birthTick[i];
    const arrival = a.arrivalTick[i];
    let next = birth + this.retirementTicks;
    const ageBand = this.ageBandOfAge[Math.min(from - birth, this.retirementTicks)];
    if (ageBand < this.A - 1) next = Math.min(next, birth + this.ageBandEnd[ageBand]);
    const tenureBand = this.tenureBandOfTenure[Math.min(from - arrival, this.tenureBandOfTenure.length - 1)];
    if (tenureBand < this.tenureBands - 1) next = Math.min(next, arrival + this.tenureBandEnd[tenureBand]);
    // With hazard h per tick from `from` on, a clock c fires at the first tick whose cumulative hazard reaches c.
    const decision = this.decisionHazard[(a.tier[i] * this.A + ageBand) * this.tenureBands + tenureBand];
    if (decision > 0) next = Math.min(next, from + Math.ceil(a.decisionClock[i] / decision) - 1);
    const life = this.lifeHazard[a.tier[i] * this.F + a.family[i]];
    if (life > 0) next = Math.min(next, from + Math.ceil(a.lifeClock[i] / life) - 1);
    if (a.policy[i] !== 0) next = Math.min(next, a.policyUntil[i]);
    if (a.offer[i] !== 0) next = from;
    return Math.max(from, Math.min(next, MAX_TICK));
  }

  /** The agent scores every location by random utility and moves to the best if it finds a job there. */
  private decide(i: number, tick: number, ageTicks: number, rng: Uniform): void {
    const a = this.agents;
    const L = this.L;
    const from = a.residence[i];
    const tr = a.tier[i];
    const industry = a.industry[i];
    const native = a.flags[i] & Flag.native ? 1 : 0;
    const ageBand = this.ageBandOfAge[Math.min(ageTicks, this.retirementTicks)];
    const base = (this.cellOf(tr, industry, native, a.family[i], ageBand) * L + from) * L;
    const sd = this.scenario.tasteSd;
    const seed = a.seed[i];
    const scores = this.scores;
    for (let to = 0; to < L; to++) scores[to] = this.utility[base + to] + (sd > 0 ? sd * hashedNormal(seed, to) : 0);
    const homeJobChance = this.policies.length ? this.addPolicyUtility(i, base) : 0;
    let best = from;
    let bestScore = -Infinity;
    for (let to = 0; to < L; to++) {
      const score = scores[to] + gumbel(rng);
      if (score > bestScore) {
        best = to;
        bestScore = score;
      }
    }
    if (best === from) return;
    const jobChance = best === this.home ? Math.max(this.env.jobChance(best, industry, tr), homeJobChance) : this.env.jobChance(best, industry, tr);
    if (rng() >= jobChance) return;
    const offeredBy = a.offer[i];
    this.move(i, from, best, tick);
    if (best === this.home) this.arrive(i, tick, offeredBy);
  }

  /**
   * Adds the utility of the policies that concern agent i to `scores`: its own policy's holder utility, and the
   * utility of each open policy it is eligible for and knows of (or whose offer it holds). Returns the best job
   * chance in the home city that those policies give it (0: none).
   */
  private addPolicyUtility(i: number, row: number): number {
    const a = this.agents;
    const scores = this.scores;
    const part = a.policy[i];
    const offer = a.offer[i];
    let homeJobChance = 0;
    for (const p of this.policies) {
      if (!p.isActive) continue;
      const id = p.spec.index + 1;
      // A participant weighs what it holds (and would lose by leaving), not the policy's offer to newcomers again.
      if (part === id) {
        if (p.holderTable) for (let to = 0; to < this.L; to++) scores[to] += p.holderTable[row + to];
        continue;
      }
      const green = p.runtime.jobChanceAtHome;
      if (!p.utilityTable && green === undefined) continue;
      if (offer !== id && (p.runtime.onlyOffered || !(p.isOpen && p.eligible(i) && (p.runtime.everyoneKnows || p.knows(i))))) continue;
      if (p.utilityTable) for (let to = 0; to < this.L; to++) scores[to] += p.utilityTable[row + to];
      if (green !== undefined && green > homeJobChance) homeJobChance = green;
    }
    return homeJobChance;
  }

  /** An agent arrived in the home city: the open policies that it is eligible for and knows of (or that made it an offer) hear of it. */
  private arrive(i: number, tick: number, offeredBy: number): void {
    for (const p of this.policies)
      if (p.isOpen && p.runtime.onArrive && (offeredBy === p.spec.index + 1 || (!p.runtime.onlyOffered && p.eligible(i) && p.knows(i))))
        p.runtime.onArrive(i, tick);
  }

  private move(i: number, from: number, to: number, tick: number): void {
    const a = this.agents;
    if (a.policy[i] !== 0) this.policies[a.policy[i] - 1].end(i, 'move');
    const tr = a.tier[i];
    const industry = a.industry[i];
    a.residence[i] = to;
    a.employer[i] = to;
    a.arrivalTick[i] = tick;
    this.stock[this.stockIndex(from, industry, tr)]--;
    this.stock[this.stockIndex(to, industry, tr)]++;
    this.count(tick, from, tr, TickMetric.outflow);
    this.count(tick, to, tr, TickMetric.inflow);
    const year = Math.floor(tick / this.ticksPerYear);
    this.result.flows[flowIndex(this.result, year, from, to, tr)]++;
    if (to === this.home) {
      const home = this.result.home;
      if (a.flags[i] & Flag.native) home[year * HOME_METRICS.length + HomeMetric.nativesReturning]++;
      if (this.recruitedTier[tr]) home[year * HOME_METRICS.length + HomeMetric.recruited]++;
      this.joinCohort(i, tick);
    }
  }

  /** An agent arriving in (or graduating into) the home city joins that year's cohort, unless it already belongs to one. */
  private joinCohort(i: number, tick: number): void {
    const a = this.agents;
    if (a.cohort[i] !== NO_COHORT || a.flags[i] & Flag.initialHome) return;
    const year = Math.floor(tick / this.ticksPerYear);
    a.cohort[i] = year;
    a.cohortTier[i] = a.tier[i];
    this.result.cohortSize[cohortIndex(this.result, year, a.tier[i], a.flags[i] & Flag.native ? 1 : 0)]++;
  }

  private exit(i: number, tick: number): void {
    const a = this.agents;
    if (a.policy[i] !== 0) this.policies[a.policy[i] - 1].end(i, 'exit');
    this.stock[this.stockIndex(a.residence[i], a.industry[i], a.tier[i])]--;
    this.count(tick, a.residence[i], a.tier[i], TickMetric.exits);
    this.env.removePosition(a.residence[i], a.industry[i], a.tier[i]);
    a.remove(i);
  }

  /** A tier upgrade or a family-stage change, chosen in proportion to their hazards. */
  private lifeEvent(i: number, tick: number, rng: Uniform): void {
    const a = this.agents;
    const tr = a.tier[i];
    const f = a.family[i];
    const upgrade = this.upgradeHazard[tr];
    const total = upgrade + this.familyHazard[f];
    if (total <= 0) return;
    if (rng() * total < upgrade) {
      const target = this.upgradeTargets[tr];
      this.setTier(i, target.destinations[pick(target.cumulative, rng)]);
    } else {
      const target = this.familyTargets[f];
      a.family[i] = target.destinations[pick(target.cumulative, rng)];
    }
  }

  /** Agent i changes tier where it is; stocks, job positions, counts and policy bookkeeping follow. */
  private setTier(i: number, next: number): void {
    const a = this.agents;
    const tr = a.tier[i];
    if (next === tr) return;
    const l = a.residence[i];
    this.stock[this.stockIndex(l, a.industry[i], tr)]--;
    this.stock[this.stockIndex(l, a.industry[i], next)]++;
    this.env.movePosition(l, a.industry[i], tr, next);
    this.count(this.tick, l, tr, TickMetric.tierOut);
    this.count(this.tick, l, next, TickMetric.tierIn);
    if (a.policy[i] !== 0) {
      const run = this.policies[a.policy[i] - 1];
      run.participantsByTier[tr]--;
      run.participantsByTier[next]++;
    }
    if (a.employer[i] !== l) {
      this.awayEmployed[l * this.T + tr]--;
      this.awayEmployed[l * this.T + next]++;
    }
    a.tier[i] = next;
  }

  // ---- what policies may do (PolicyModelAccess); called in the work phase, after the sweep ----------------------

  /** Age of agent i in ticks. */
  ageTicks(i: number): number {
    return this.tick - this.agents.birthTick[i];
  }

  /** A policy upgrades agent i: its clocks are brought up to date first, so the new tier's hazards start now. */
  retier(i: number, tier: number): void {
    this.sync(i, this.tick + 1);
    this.setTier(i, tier);
    this.agents.nextCheck[i] = this.nextCheckOf(i, this.tick + 1);
  }

  /** A policy moves agent i to another industry where it is (stocks and job positions follow). */
  reindustry(i: number, industry: number): void {
    const a = this.agents;
    const l = a.residence[i],
      t = a.tier[i],
      old = a.industry[i];
    if (old === industry) return;
    this.stock[this.stockIndex(l, old, t)]--;
    this.stock[this.stockIndex(l, industry, t)]++;
    this.env.removePosition(l, old, t);
    this.env.addPosition(l, industry, t);
    a.industry[i] = industry;
  }

  /** Makes sure agent i is checked at `atTick` at the latest (a term ends, an offer waits). */
  wake(i: number, atTick: number): void {
    if (atTick < this.agents.nextCheck[i]) this.agents.nextCheck[i] = Math.max(atTick, this.tick + 1);
  }

  /** Agent i works for `employer` (an enclave post elsewhere), or again where it lives. */
  setEmployer(i: number, employer: number): void {
    const a = this.agents;
    const l = a.residence[i],
      t = a.tier[i];
    if (a.employer[i] !== l) this.awayEmployed[l * this.T + t]--;
    a.employer[i] = employer;
    if (employer !== l) this.awayEmployed[l * this.T + t]++;
  }

  private account(tick: number): void {
    const r = this.result;
    for (let l = 0; l < this.L; l++)
      for (let t = 0; t < this.T; t++) {
        let n = 0;
        for (let ind = 0; ind < this.I; ind++) n += this.stock[this.stockIndex(l, ind, t)];
        r.perTick[perTickIndex(r, tick, l, t, TickMetric.stock)] = n;
        r.perTick[perTickIndex(r, tick, l, t, TickMetric.effective)] = n - this.awayEmployed[l * this.T + t];
      }
    // Effective talent of the home city: residents working there, plus the FTE of those who work for it from elsewhere.
    this.fte.fill(0);
    for (const p of this.policies) p.addFte(this.fte, this.T);
    const fteMetrics = [TickMetric.flexibleFte, TickMetric.enclaveFte, TickMetric.remoteFte];
    for (let t = 0; t < this.T; t++)
      for (let c = 0; c < FTE_COMPONENTS.length; c++) {
        const fte = this.fte[c * this.T + t];
        r.perTick[perTickIndex(r, tick, this.home, t, fteMetrics[c])] = fte;
        r.perTick[perTickIndex(r, tick, this.home, t, TickMetric.effective)] += fte;
      }
    if ((tick + 1) % this.ticksPerYear === 0) this.accountYear(Math.floor(tick / this.ticksPerYear));
  }

  /** Year-end scan: initial stock still at home, diaspora, and cohort retention. */
  private accountYear(year: number): void {
    const a = this.agents;
    const r = this.result;
    const home = this.home;
    let initialRemaining = 0;
    let diaspora = 0;
    for (let i = 0; i < a.count; i++) {
      const atHome = a.residence[i] === home;
      const flags = a.flags[i];
      if (atHome && flags & Flag.initialHome) initialRemaining++;
      if (!atHome && flags & Flag.native) diaspora++;
      const cohort = a.cohort[i];
      if (atHome && cohort !== NO_COHORT) r.cohortRemaining[cohortIndex(r, cohort, a.cohortTier[i], flags & Flag.native ? 1 : 0) * r.years + year]++;
    }
    r.home[year * HOME_METRICS.length + HomeMetric.initialRemaining] = initialRemaining;
    r.home[year * HOME_METRICS.length + HomeMetric.diaspora] = diaspora;
  }

  // ---- helpers --------------------------------------------------------------------------------------------

  private stockIndex(location: number, industry: number, tier: number): number {
    return (location * this.I + industry) * this.T + tier;
  }

  private count(tick: number, location: number, tier: number, metric: number): void {
    this.result.perTick[perTickIndex(this.result, tick, location, tier, metric)]++;
  }

  private emptyResult(): RunResult {
    const { L, T } = this;
    const years = this.years;
    return {
      replication: this.replication,
      seed: this.seed,
      scale: this.scale,
      ticks: this.ticks,
      years,
      locations: L,
      tiers: T,
      initialStock: new Float64Array(L * T),
      perTick: new Float64Array(this.ticks * L * T * M),
      flows: new Float64Array(years * L * L * T),
      home: new Float64Array(years * HOME_METRICS.length),
      initialHome: 0,
      cohortSize: new Float64Array(years * T * 2),
      cohortRemaining: new Float64Array(years * T * 2 * years),
      agents: { initial: 0, peak: 0, final: 0, bytes: 0 },
      policies: this.policies.map((p) => ({ name: p.spec.name, type: p.spec.type, metrics: [...p.metrics], values: p.report })),
    };
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
function badUtility(terms: ResolvedScenario['utility'], context: TermContext): ScenarioError {
  const bad = terms.find((t) => !Number.isFinite(t.coefficient * t.term.value(context, t.params)))!;
  const { agent, from, to, scenario } = context;
  return new ScenarioError([
    {
      path: ['utility', bad.name],
      message: `the utility term "${bad.name}" gave ${bad.term.value(context, bad.params)} for a ${scenario.tiers[agent.tier].id} agent in ${scenario.industries[agent.industry].id} moving from ${scenario.locations[from].id} to ${scenario.locations[to].id}`,
      hint: 'a term must return a finite number: guard logarithms and divisions (e.g. Math.log1p(x) instead of Math.log(x))',
    },
  ]);
}

interface TransitionTargets {
  destinations: number[];
  cumulative: Float64Array;
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
