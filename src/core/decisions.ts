/**
 * Where agents go: an agent's decision to move, and a graduate's choice of a first job. Both score every location
 * (the tick's tabulated utility for the agent's type and where it lives, its persistent taste, the utility of the
 * policies that concern it, a Gumbel shock), take the best, and look for a job there; the policies that concern an
 * agent hear of its arrival in the home city. When an agent decides is the sweep's business (sweep.ts). The hot paths
 * allocate nothing.
 */
import type { AgentChanges } from './agent-changes.js';
import { Flag, type AgentStore } from './agents.js';
import type { Environment } from './environment.js';
import type { Hazards } from './hazards.js';
import type { PolicyRun } from './policy-run.js';
import { gumbel, hashedNormal, Purpose, type AgentRandom, type Uniform } from './random.js';
import type { Cell, ResolvedScenario } from './scenario.js';
import type { UtilityTables } from './utility-tables.js';

export class Decisions {
  /** Graduates searching for a first job now (Flag.searching). */
  searchers = 0;
  /** The best job chance in the home city that the policies of the last `choose` give its agent (0: none). */
  private homeJobChance = 0;
  /** Number of locations, and scratch: one agent's score of every location. */
  private readonly locations: number;
  private readonly scores: Float64Array;
  /** Scratch: a job cell, refilled for each use so that the hot paths allocate nothing. */
  private readonly job: Cell = { location: 0, industry: 0, tier: 0 };

  constructor(
    private readonly scenario: ResolvedScenario,
    private readonly agents: AgentStore,
    private readonly env: Environment,
    private readonly hazards: Hazards,
    private readonly tables: UtilityTables,
    private readonly policies: readonly PolicyRun[],
    private readonly changes: AgentChanges,
    private readonly agentRandom: AgentRandom,
    private readonly home: number,
  ) {
    this.locations = tables.size.locations;
    this.scores = new Float64Array(this.locations);
  }

  /** The agent scores every location by random utility and moves to the best if it finds a job there. */
  decide(i: number, tick: number, ageTicks: number, rng: Uniform): void {
    const from = this.agents.residence[i];
    const best = this.choose(i, this.tables.move, ageTicks, rng, false);
    if (best === from || !this.findsJob(i, best, rng)) return;
    const offeredBy = this.agents.offer[i];
    this.changes.move(i, best, tick);
    if (best === this.home) this.arrive(i, tick, offeredBy, from);
  }

  /**
   * A graduate chooses where to take its first job, from where it studied, by the first-job utility (its taste,
   * the shock and the policies as in a move), and looks for a job there: at every destination, the study location
   * too, since it holds no job yet. With a job elsewhere it moves (a move in the flows); with one where it studied it
   * starts there; without one it stays where it studied, searching, and chooses again after firstJob.retryTicks.
   */
  chooseFirstJob(i: number, tick: number): void {
    const a = this.agents;
    const rng = this.agentRandom.reset(a.seed[i], tick, Purpose.firstJob).uniform;
    const from = a.residence[i];
    const best = this.choose(i, this.tables.firstJob!, tick - a.birthTick[i], rng, true);
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
    if (best !== from) this.changes.move(i, best, tick, true);
    else a.arrivalTick[i] = tick;
    if (best === this.home) this.arrive(i, tick, offeredBy, from);
  }

  /** The tick at which a graduate searching for a first job chooses again. */
  searchEnds(i: number): number {
    return this.agents.arrivalTick[i] + this.scenario.firstJob.retryTicks;
  }

  /**
   * An agent arrived in the home city from `from` (the home city itself for an entrant who starts there, or a home
   * graduate who takes its first job there): the open policies that it is eligible for and knows of (or that made it
   * an offer) hear of it.
   */
  arrive(i: number, tick: number, offeredBy: number, from: number): void {
    for (const p of this.policies)
      if (p.isOpen && p.runtime.onArrive && (offeredBy === p.spec.index + 1 || (!p.runtime.onlyOffered && p.eligible(i) && p.knows(i))))
        try {
          p.runtime.onArrive(i, tick, from);
        } catch (error) {
          throw p.fault(error, 'onArrive');
        }
  }

  /**
   * The location agent i chooses from a utility table: each location's tabulated utility for its type and where it
   * lives, plus its persistent taste, its policies' utility and a Gumbel shock; the best wins.
   */
  private choose(i: number, table: Float64Array, ageTicks: number, rng: Uniform, firstJob: boolean): number {
    const a = this.agents;
    const L = this.locations;
    const from = a.residence[i];
    const native = a.flags[i] & Flag.native ? 1 : 0;
    const row = (this.tables.agentTypeIndex(a.industry[i], a.tier[i], native, a.family[i], this.hazards.ageBand(ageTicks)) * L + from) * L;
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
    const L = this.locations;
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
}
