/**
 * The agents phase: one scheduled sweep over the agents, in which each agent that is due a check runs its clocks
 * down, decides (the reconsideration clock, a waiting offer, a graduate's search for a first job: decisions.ts) and
 * then ages (retirement, the life-event clock: a tier upgrade or a family-stage change). Nothing happens to an agent
 * between the ticks at which one of its clocks fires, one of its hazard bands changes or it retires, so the sweep only
 * compares each agent's `nextCheck` with the tick and does the work for the few that are due. It gives the same events
 * as running every clock down every tick (up to floating-point rounding of the clocks), at a fraction of the cost.
 * Anything that changes an agent's hazards between its checks must wake it (`wake`), or the change waits for its next
 * check. Each agent's random numbers are its own (random.ts: AgentRandom), so the order of agents does not matter to
 * the core. The sweep allocates nothing.
 */
import type { AgentChanges } from './agent-changes.js';
import { Flag, type AgentStore } from './agents.js';
import type { Decisions } from './decisions.js';
import type { Hazards } from './hazards.js';
import type { PolicyRun } from './policy-run.js';
import { exponential, Purpose, type AgentRandom, type Uniform } from './random.js';

/** "Never" for a check tick stored in an Int32Array. */
const MAX_TICK = 2 ** 31 - 1;

export class Sweep {
  constructor(
    private readonly agents: AgentStore,
    private readonly hazards: Hazards,
    private readonly policies: readonly PolicyRun[],
    private readonly decisions: Decisions,
    private readonly changes: AgentChanges,
    private readonly agentRandom: AgentRandom,
    private readonly clock: { readonly tick: number },
  ) {}

  /** Checks every agent due a check at this tick. */
  run(tick: number): void {
    const a = this.agents;
    let i = 0;
    while (i < a.count) {
      // a.nextCheck is re-read each time: growing the store (never during a sweep) would replace the array.
      if (a.nextCheck[i] > tick || this.check(i, tick)) i++;
      // else the agent left and the last agent, not yet swept, now sits at i
    }
  }

  /** A policy upgrades agent i (PolicyModelAccess.retier): its clocks are brought up to date first, so the new tier's hazards start now. */
  retier(i: number, tier: number): void {
    const next = this.clock.tick + 1;
    this.sync(i, next);
    this.changes.setTier(i, tier);
    this.agents.nextCheck[i] = this.nextCheckOf(i, next);
  }

  /** Makes sure agent i is checked at `atTick` at the latest, and not before the next tick (PolicyModelAccess.wake). */
  wake(i: number, atTick: number): void {
    if (atTick < this.agents.nextCheck[i]) this.agents.nextCheck[i] = Math.max(atTick, this.clock.tick + 1);
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
      if (tick >= this.decisions.searchEnds(i) || a.offer[i] !== 0) {
        this.decisions.chooseFirstJob(i, tick);
        a.offer[i] = 0;
      }
      if (clock <= 0) clock = exponential(this.agentRandom.reset(a.seed[i], tick, Purpose.decisionClock).uniform);
    } else if (clock <= 0 || a.offer[i] !== 0) {
      this.decisions.decide(i, tick, age, this.agentRandom.reset(a.seed[i], tick, Purpose.decision).uniform);
      a.offer[i] = 0;
      if (clock <= 0) clock = exponential(this.agentRandom.reset(a.seed[i], tick, Purpose.decisionClock).uniform);
    }
    a.decisionClock[i] = clock;
    // The life cycle: retirement, else a life event when its clock fires.
    if (age >= this.hazards.retirementTicks) {
      this.retire(i, tick);
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
    if (a.flags[i] & Flag.searching) next = Math.min(next, this.decisions.searchEnds(i));
    return Math.max(from, Math.min(next, MAX_TICK));
  }

  /** A tier upgrade or a family-stage change, chosen in proportion to their hazards. */
  private lifeEvent(i: number, rng: Uniform): void {
    const a = this.agents;
    const event = this.hazards.drawLifeEvent(a.tier[i], a.family[i], rng);
    if (event === undefined) return;
    if (event.kind === 'upgrade') this.changes.setTier(i, event.to);
    else a.family[i] = event.to;
  }

  /** Agent i retires: a graduate still searching stops being counted as searching, and it leaves the run. */
  private retire(i: number, tick: number): void {
    if (this.agents.flags[i] & Flag.searching) this.decisions.searchers--;
    this.changes.exit(i, tick);
  }
}
