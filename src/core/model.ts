/**
 * The talent-flow model: set-up, the tick and their wiring. It does no I/O and reads no clock; randomness comes only
 * from the seeded streams of random.ts.
 *
 * A tick runs the phases of phases.ts (PHASES) in their order: environment → entry → agents → work → accounting.
 * Each phase's work lives in its own module, and the model wires them together:
 * - environment: environment.ts (wages, capacity, job chances), then utility-tables.ts (the tick's utility tables);
 * - entry: entry.ts (the starting population and the entry streams; a graduate's first job in decisions.ts);
 * - agents: sweep.ts, one sweep over the agents due a check, in which each decides (decisions.ts: where it goes) and
 *   then ages (retirement, the life-event clock); agent-changes.ts keeps the books in step with every change;
 * - work: the policies' `work` hooks;
 * - accounting: accounting.ts.
 * In the sweep both steps read only the tick's tabulated utility and environment, and each agent's random numbers
 * are its own (random.ts: AgentRandom), so in the core the order of agents does not matter. Policies' budgets and
 * places go first come, first served in that order. Work runs after the sweep, so an offer or an upgrade made at
 * tick t takes effect from tick t + 1. Policies reach the model only through their host (policy-run.ts), which the
 * model hands them as a PolicyModelAccess (`policyAccess`); the operations on agents in it are not on the model.
 */
import { Accounts } from './accounting.js';
import { AgentChanges } from './agent-changes.js';
import { AgentStore } from './agents.js';
import { Decisions } from './decisions.js';
import { Entry, entrySchedule } from './entry.js';
import { Environment } from './environment.js';
import { Hazards } from './hazards.js';
import { PHASES, type PhaseName } from './phases.js';
import { FTE_COMPONENTS } from './policy.js';
import { PolicyRun, type PolicyModelAccess } from './policy-run.js';
import { AgentRandom } from './random.js';
import { withoutFirstYears, type RunResult } from './results.js';
import type { ResolvedScenario } from './scenario.js';
import { Sweep } from './sweep.js';
import { UtilityTables } from './utility-tables.js';

export { entriesPerTickOfYear } from './entry.js';

export interface ModelOptions {
  replication: number;
  /** Overrides of the scenario's `run` block. */
  seed?: number;
  years?: number;
  scale?: number;
}

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

  private readonly hazards: Hazards;
  private readonly accounts: Accounts;
  /** The tick's utility tables (environment phase). */
  private readonly tables: UtilityTables;
  /** Per tick of the year: whether graduates who choose a first job enter then (entry.ts: EntrySchedule). */
  private readonly firstJobEntryTick: Uint8Array;
  /** The starting population and the entry streams (entry phase). */
  private readonly entry: Entry;
  /** Moves and first jobs, the sweep over agents, and the changes to an agent the books follow (agents phase). */
  private readonly decisions: Decisions;
  private readonly sweep: Sweep;
  private readonly changes: AgentChanges;
  /** FTE for the home city by component (FTE_COMPONENTS) × tier, this tick. */
  private readonly fte: Float64Array;
  private peakAgents = 0;
  /** What each phase of PHASES does: a phase without its step does not compile. */
  private readonly phases: Record<PhaseName, (tick: number) => void> = {
    environment: (tick) => this.updateEnvironment(tick),
    entry: (tick) => {
      this.entry.enter(tick);
      if (this.agents.count > this.peakAgents) this.peakAgents = this.agents.count;
    },
    agents: (tick) => this.sweep.run(tick),
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
    const home = scenario.homeIndex;

    this.hazards = new Hazards(scenario);
    const schedule = entrySchedule(scenario, this.scale, this.ticksPerYear);
    this.firstJobEntryTick = schedule.firstJobTicks;
    this.env = new Environment(scenario);
    const when = { clock: this.clock, reportedTick: (tick: number) => this.reportedTick(tick), calendarYear: (tick: number) => this.calendarYear(tick) };
    this.tables = new UtilityTables(scenario, this.env, when, this.firstJobEntryTick.includes(1));
    this.fte = new Float64Array(FTE_COMPONENTS.length * scenario.tiers.length);
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

    // Each agent's own counter-based random numbers (decisions, job draws, life events, clocks), shared by the parts.
    const agentRandom = new AgentRandom();
    this.changes = new AgentChanges(this.agents, this.env, this.accounts, policies, this.clock, home);
    this.decisions = new Decisions(scenario, this.agents, this.env, this.hazards, this.tables, policies, this.changes, agentRandom, home);
    this.sweep = new Sweep(this.agents, this.hazards, policies, this.decisions, this.changes, agentRandom, this.clock);
    this.entry = new Entry(scenario, this, schedule, this.agents, this.env, this.accounts, this.decisions);
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

  /** A tick as users count it: from January of startYear (negative during a burn-in); the model counts from the burn-in's start. */
  reportedTick(tick: number): number {
    return tick - this.burnInYears * this.ticksPerYear;
  }

  /** The calendar year of a tick (ticks count from the burn-in's start, startYear − burnInYears). */
  calendarYear(tick: number): number {
    return this.scenario.run.startYear + Math.floor(tick / this.ticksPerYear) - this.burnInYears;
  }

  // ---- set-up -------------------------------------------------------------------------------------------------

  /** The starting population, the accounts opened on it, and the environment calibrated to it. */
  private setUp(): void {
    this.entry.populate();
    this.accounts.open(this.agents);
    this.peakAgents = this.agents.count;
    this.env.calibrate(this.accounts.stock, this.scale);
  }

  // ---- the environment phase ----------------------------------------------------------------------------------

  /**
   * Policies start their tick and act on the environment, the environment moves on, and the tick's utility tables
   * are tabulated: the first-job tables only in ticks in which graduates who choose a first job enter or search.
   */
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
    const firstJobs = this.tables.firstJob !== undefined && (this.firstJobEntryTick[tick % this.ticksPerYear] === 1 || this.decisions.searchers > 0);
    this.tables.tabulateTick(this.policies, firstJobs);
  }

  // ---- the accounting phase -----------------------------------------------------------------------------------

  private account(tick: number): void {
    this.fte.fill(0);
    for (const p of this.policies) p.addFte(this.fte, this.scenario.tiers.length);
    this.accounts.closeTick(tick, this.fte);
    if ((tick + 1) % this.ticksPerYear === 0) this.accounts.closeYear(Math.floor(tick / this.ticksPerYear), this.agents);
    if (tick + 1 === this.burnInYears * this.ticksPerYear) this.accounts.restart(this.agents);
  }

  // ---- what policies may do: reached only through the policy host (policy-run.ts) ------------------------------

  /**
   * The model as its policies reach it: settings and state to read, and the operations on agents, each done by the
   * part that owns it (sweep.ts: retier, wake; agent-changes.ts: reindustry, setEmployer). They are nowhere else in
   * the model's public interface.
   */
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
      retier: (i, tier) => this.sweep.retier(i, tier),
      reindustry: (i, industry) => this.changes.setIndustry(i, industry),
      wake: (i, atTick) => this.sweep.wake(i, atTick),
      setEmployer: (i, employer) => this.changes.setEmployer(i, employer),
    };
  }
}

/** Runs one replication of a resolved scenario from start to end. */
export function runReplication(scenario: ResolvedScenario, options: ModelOptions, onTick?: (tick: number) => void): RunResult {
  return new Model(scenario, options).run(onTick);
}
