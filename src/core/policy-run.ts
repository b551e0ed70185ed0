// One policy in one replication: its runtime, budget, awareness, participants and yearly report, and the host it acts through.
import { Flag, type AgentStore } from './agents.js';
import { PluginRunError } from './errors.js';
import type { Environment } from './environment.js';
import { AUDIENCES, FTE_COMPONENTS } from './policy.js';
import { murmur3, stream, type Uniform } from './random.js';
import type { AgentType, Audience, Origin, PolicyHost, PolicyRuntime, PolicySpec, ResolvedPolicy, ResolvedScenario } from './scenario.js';

/** Key of the hashed uniform that decides whether an agent knows of policy k (never a tick × 16 + purpose key). */
const KNOWLEDGE_KEY = 0xfffffffe;

/**
 * What a policy reaches of the model: the run's settings and state to read, and the few operations that change an
 * agent in ways the model must follow (stocks, positions, clocks). The model builds it for its policies; the
 * operations are nowhere else in its public interface.
 */
export interface PolicyModelAccess {
  readonly scenario: ResolvedScenario;
  readonly agents: AgentStore;
  readonly env: Environment;
  readonly seed: number;
  readonly replication: number;
  readonly scale: number;
  /** Years reported, and years of burn-in before them (ticks count from the burn-in's start). */
  readonly years: number;
  readonly burnInYears: number;
  readonly ticksPerYear: number;
  /** The calendar year of a tick, and the tick as users count it (from January of startYear). */
  calendarYear(tick: number): number;
  reportedTick(tick: number): number;
  /** The model's clock: `clock.tick` is the tick now running (a field, as policies read it on hot paths). */
  readonly clock: { readonly tick: number };
  /** Upgrades agent i to a tier where it lives; its clocks are brought up to date first. */
  retier(i: number, tier: number): void;
  /** Moves agent i to another industry where it lives. */
  reindustry(i: number, industry: number): void;
  /** Makes sure agent i is checked at `atTick` at the latest. */
  wake(i: number, atTick: number): void;
  /** Agent i works for `employer` (an enclave post elsewhere), or again where it lives. */
  setEmployer(i: number, employer: number): void;
}

export class PolicyRun implements PolicyHost {
  readonly spec: PolicySpec;
  readonly runtime: PolicyRuntime;
  /** Where the module comes from: what it throws is the user's error only if it comes from a plugin file. */
  readonly origin: Origin;
  readonly random: Uniform;
  /** Per (industry, tier, native): 1 if the eligibility rules on industry, tier and native admit the agent type. */
  readonly eligibleType: Uint8Array;
  /** This tick's tabulated utility and holder utility per (agent type, origin, destination), when the module has them. */
  utilityTable?: Float64Array;
  holderTable?: Float64Array;
  /** The utility as a graduate choosing a first job weighs it, in the ticks when graduates choose. */
  firstJobTable?: Float64Array;
  /** Whether the policy is in force and takes new people this tick (set in the environment phase). */
  isActive = false;
  isOpen = false;
  /** Participants by tier (agents). */
  readonly participantsByTier: Float64Array;
  /** Share who know of the policy, by audience (AUDIENCES order). */
  readonly knownShare: Float64Array;
  /** Multiplier on payout delays (publicity speeds redemption). */
  speed = 1;
  /** [year][0: spending CNY, 1…: the module's metrics in persons] */
  readonly report: Float64Array;
  readonly metrics: readonly string[];
  private spentThisYear = 0;
  private readonly ticksAgeMin: number;
  private readonly ticksAgeMax: number;
  /** The home city's index, kept here: policies read it on hot paths. */
  private readonly homeIndex: number;

  constructor(
    resolved: ResolvedPolicy,
    private readonly model: PolicyModelAccess,
    readonly policies: readonly PolicySpec[],
    private readonly all: () => readonly PolicyRun[],
  ) {
    this.spec = resolved.spec;
    this.origin = resolved.origin;
    this.homeIndex = model.scenario.homeIndex;
    this.metrics = resolved.module.metrics;
    this.random = stream(model.seed, model.replication, `policy/${this.spec.name}`);
    this.participantsByTier = new Float64Array(model.scenario.tiers.length);
    this.knownShare = Float64Array.from(AUDIENCES, (audience) => this.spec.awareness[audience]);
    this.report = new Float64Array((model.burnInYears + model.years) * (1 + this.metrics.length));
    const { tiers, industries, native } = this.spec.eligibility;
    const T = tiers.length;
    const I = industries.length;
    this.eligibleType = new Uint8Array(I * T * 2);
    for (let ind = 0; ind < I; ind++)
      for (let t = 0; t < T; t++)
        for (let n = 0; n < 2; n++)
          this.eligibleType[(ind * T + t) * 2 + n] = tiers[t] && industries[ind] && (native === undefined || native === (n === 1)) ? 1 : 0;
    this.ticksAgeMin = this.spec.eligibility.ageMin * model.ticksPerYear;
    this.ticksAgeMax = (this.spec.eligibility.ageMax + 1) * model.ticksPerYear;
    try {
      this.runtime = resolved.module.create(this, this.spec.params as never);
    } catch (error) {
      throw this.fault(error, 'create');
    }
  }

  /**
   * The error to throw for `error`, thrown by this policy's `hook`: a PluginRunError naming the plugin, the hook and
   * the tick if the module comes from a plugin file; anything else unchanged (a built-in module's throw is a bug).
   */
  fault(error: unknown, hook: string, scoring?: { agent: AgentType; from: number; to: number }): unknown {
    const tick = hook === 'create' ? undefined : this.model.clock.tick;
    return PluginRunError.wrap(error, this.origin, {
      kind: 'policy',
      name: this.spec.type,
      hook,
      tick: tick === undefined ? undefined : this.model.reportedTick(tick),
      year: tick === undefined ? undefined : this.model.calendarYear(tick),
      scoring: scoring && describeCase(this.model.scenario, scoring.agent, scoring.from, scoring.to),
    });
  }

  get scenario() {
    return this.model.scenario;
  }
  get agents() {
    return this.model.agents;
  }
  get env() {
    return this.model.env;
  }
  get scale() {
    return this.model.scale;
  }
  get ticksPerYear() {
    return this.model.ticksPerYear;
  }
  get home() {
    return this.homeIndex;
  }

  tick(): number {
    return this.model.clock.tick;
  }

  tickOf(year: number): number {
    return (year - this.model.scenario.run.startYear + this.model.burnInYears) * this.model.ticksPerYear;
  }

  active(): boolean {
    return this.isActive;
  }

  /** Phase 1: in force (scheduled, with a budget) or not; a new year resets the budget. */
  startTick(tick: number): void {
    if (tick % this.model.ticksPerYear === 0) this.spentThisYear = 0;
    // A policy with a budget of nothing does nothing at all: not even its fixed costs.
    this.isActive = tick >= this.spec.startTick && tick < this.spec.endTick && this.spec.budget > 0;
  }

  commit(cny: number): boolean {
    if (this.spentThisYear + cny > this.spec.budget) return false;
    this.pay(cny);
    return true;
  }

  pay(cny: number): void {
    this.spentThisYear += cny;
    this.report[this.yearIndex() * (1 + this.metrics.length)] += cny;
  }

  remaining(): number {
    return this.spec.budget - this.spentThisYear;
  }

  record(metric: string, agents = 1): void {
    const k = this.metrics.indexOf(metric);
    if (k < 0) throw new Error(`policy ${this.spec.type} records "${metric}", which is not among its metrics (${this.metrics.join(', ')})`);
    this.report[this.yearIndex() * (1 + this.metrics.length) + 1 + k] += agents * this.model.scale;
  }

  /** Eligibility by agent type only (industry, tier, native); age and place are checked by `eligible`. */
  eligibleByType(industry: number, tier: number, native: number): boolean {
    return this.eligibleType[(industry * this.spec.eligibility.tiers.length + tier) * 2 + native] === 1;
  }

  eligible(i: number): boolean {
    const a = this.model.agents;
    const age = this.model.clock.tick - a.birthTick[i];
    return (
      this.eligibleByType(a.industry[i], a.tier[i], a.flags[i] & Flag.native ? 1 : 0) &&
      age >= this.ticksAgeMin &&
      age < this.ticksAgeMax &&
      this.spec.eligibility.locations[a.residence[i]] === 1
    );
  }

  knows(i: number): boolean {
    const a = this.model.agents;
    return (murmur3(a.seed[i], KNOWLEDGE_KEY, this.spec.index) + 0.5) / 4294967296 < this.knownShare[this.audienceIndex(i)];
  }

  audienceOf(i: number): Audience {
    return AUDIENCES[this.audienceIndex(i)];
  }

  /** Agent i's audience, as its index in AUDIENCES: a home resident, a native living elsewhere, anyone else. */
  private audienceIndex(i: number): number {
    const a = this.model.agents;
    return a.residence[i] === this.homeIndex ? 0 : a.flags[i] & Flag.native ? 1 : 2;
  }

  sampleAgent(): number {
    const n = this.model.agents.count;
    return n === 0 ? -1 : Math.floor(this.random() * n);
  }

  join(i: number, untilTick: number, employer?: number): void {
    const a = this.model.agents;
    if (a.policy[i] !== 0) throw new Error(`policy ${this.spec.name}: agent ${i} already takes part in a policy; check participates(i, true) first`);
    a.policy[i] = this.spec.index + 1;
    a.policyUntil[i] = untilTick;
    this.participantsByTier[a.tier[i]]++;
    if (employer !== undefined) this.model.setEmployer(i, employer);
    this.model.wake(i, untilTick);
  }

  leave(i: number): void {
    this.end(i, 'term');
  }

  /** Ends agent i's participation, for any reason; the model calls it when a participant moves or retires. */
  end(i: number, reason: 'move' | 'exit' | 'term'): void {
    const a = this.model.agents;
    if (a.policy[i] !== this.spec.index + 1) return;
    this.participantsByTier[a.tier[i]]--;
    a.policy[i] = 0;
    if (a.employer[i] !== a.residence[i]) this.model.setEmployer(i, a.residence[i]);
    try {
      this.runtime.onLeave?.(i, reason);
    } catch (error) {
      throw this.fault(error, 'onLeave');
    }
  }

  participates(i: number, any = false): boolean {
    const p = this.model.agents.policy[i];
    return any ? p !== 0 : p === this.spec.index + 1;
  }

  participants(): number {
    return this.participantsByTier.reduce((a, b) => a + b, 0);
  }

  offer(i: number): void {
    this.model.agents.offer[i] = this.spec.index + 1;
    this.model.wake(i, this.model.clock.tick + 1);
  }

  upgrade(i: number, tier: number): void {
    this.model.retier(i, tier);
  }

  changeIndustry(i: number, industry: number): void {
    this.model.reindustry(i, industry);
  }

  awareness(k: number, audience: Audience): number {
    return this.all()[k].knownShare[AUDIENCES.indexOf(audience)];
  }

  setAwareness(k: number, audience: Audience, share: number): void {
    this.all()[k].knownShare[AUDIENCES.indexOf(audience)] = Math.min(1, Math.max(0, share));
  }

  setPayoutSpeed(k: number, factor: number): void {
    this.all()[k].speed = factor;
  }

  payoutSpeed(): number {
    return this.speed;
  }

  /** FTE this policy's participants give the home city, by component and tier, added into `into` [component][tier]. */
  addFte(into: Float64Array, tiers: number): void {
    const part = this.runtime.participation;
    if (!part) return;
    const c = FTE_COMPONENTS.indexOf(part.component);
    for (let t = 0; t < tiers; t++) into[c * tiers + t] += this.participantsByTier[t] * part.fte;
  }

  private yearIndex(): number {
    return Math.min(Math.floor(this.model.clock.tick / this.model.ticksPerYear), this.model.burnInYears + this.model.years - 1);
  }
}

/** The case a utility is scored for, in words: "for a skilled agent in emerging moving from chengdu to bazhong". */
export function describeCase(scenario: ResolvedScenario, agent: AgentType, from: number, to: number): string {
  const where = from === to ? `staying in ${scenario.locations[from].id}` : `moving from ${scenario.locations[from].id} to ${scenario.locations[to].id}`;
  return `for a ${scenario.tiers[agent.tier].id} agent in ${scenario.industries[agent.industry].id} ${where}`;
}
