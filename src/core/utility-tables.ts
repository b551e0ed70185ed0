/**
 * The tick's utility tables: the utility of every (agent type, origin, destination), tabulated once a tick in the
 * environment phase so that an agent's decision only reads a row. An agent type is industry × tier × native × family
 * stage × age band. The scenario's terms fill one table for a move and, in the ticks in which graduates choose a first
 * job, one with the first-job coefficients; each policy fills its own (its utility while it takes new people, its
 * holders' utility while in force). A utility that is not a finite number, or a term or hook that throws, stops the
 * run with an error naming the term or policy and the case it was scoring.
 */
import { PluginRunError, ScenarioError } from './errors.js';
import { running } from './messages.js';
import { describeCase, type PolicyRun } from './policy-run.js';
import type { AgentType, ResolvedScenario, TermContext } from './scenario.js';
import type { Environment } from './environment.js';

/** Where the run is, for an error raised while tabulating: the tick as users count it and its calendar year. */
export interface TabulationClock {
  readonly clock: { readonly tick: number };
  reportedTick(tick: number): number;
  calendarYear(tick: number): number;
}

export class UtilityTables {
  /** Sizes of the dimensions: locations, industries, tiers, family stages, age bands. */
  readonly size: { locations: number; industries: number; tiers: number; familyStages: number; ageBands: number };
  /** Utility of (agent type, origin, destination) for a move this tick, terms summed. */
  readonly move: Float64Array;
  /**
   * The same for a first-job choice (the first-job coefficients; staying where one studied needs a job too), laid
   * out like `move`: allocated only if some entry stream's graduates choose a first job, and tabulated only in ticks
   * in which they enter or search.
   */
  readonly firstJob: Float64Array | undefined;
  /** The origin and destination a policy's utility is scoring now (kept by `finite`, to name the case when it throws). */
  private readonly scoring = { from: 0, to: 0 };
  /** The agent type that `tabulate` passes to utility functions, reused so that tabulating allocates nothing. */
  private readonly agentType: AgentType = { tier: 0, industry: 0, native: false, family: 0, ageBand: 0 };

  constructor(
    private readonly scenario: ResolvedScenario,
    private readonly env: Environment,
    private readonly when: TabulationClock,
    firstJobs: boolean,
  ) {
    this.size = {
      locations: scenario.locations.length,
      industries: scenario.industries.length,
      tiers: scenario.tiers.length,
      familyStages: scenario.familyStages.length,
      ageBands: scenario.hazard.age.length,
    };
    this.move = new Float64Array(this.agentTypes() * this.size.locations * this.size.locations);
    this.firstJob = firstJobs ? new Float64Array(this.move.length) : undefined;
  }

  /** Number of agent types: industry × tier × native × family stage × age band. */
  agentTypes(): number {
    const { industries, tiers, familyStages, ageBands } = this.size;
    return industries * tiers * 2 * familyStages * ageBands;
  }

  agentTypeIndex(industry: number, tier: number, native: number, family: number, ageBand: number): number {
    const { tiers, familyStages, ageBands } = this.size;
    return (((industry * tiers + tier) * 2 + native) * familyStages + family) * ageBands + ageBand;
  }

  /**
   * Tabulates this tick's tables: the terms' table for a move, the first-job table if `firstJobs`, and each policy's
   * (it decides first whether it is open: its `open` hook).
   */
  tabulateTick(policies: readonly PolicyRun[], firstJobs: boolean): void {
    this.tabulateTerms(this.move, undefined);
    if (firstJobs) this.tabulateTerms(this.firstJob!, this.scenario.firstJob.coefficients);
    // Each policy in force tabulates its holders' utility, and its own utility while it takes new people.
    for (const p of policies) {
      let hook = 'open';
      try {
        p.isOpen = p.isActive && (p.runtime.open?.() ?? true);
        const { utility, holderUtility } = p.runtime;
        hook = 'utility';
        p.utilityTable =
          utility && p.isOpen ? this.tabulate((p.utilityTable ??= new Float64Array(this.move.length)), finite(p, 'utility', this.scoring), p) : undefined;
        p.firstJobTable =
          utility && p.isOpen && firstJobs
            ? this.tabulate((p.firstJobTable ??= new Float64Array(this.move.length)), finite(p, 'utility', this.scoring, true), p)
            : undefined;
        hook = 'holderUtility';
        p.holderTable =
          holderUtility && p.isActive
            ? this.tabulate((p.holderTable ??= new Float64Array(this.move.length)), finite(p, 'holderUtility', this.scoring))
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
        const tick = this.when.clock.tick;
        return PluginRunError.wrap(again, term.origin, {
          kind: 'term',
          name: term.name,
          hook: 'term',
          tick: this.when.reportedTick(tick),
          year: this.when.calendarYear(tick),
          scoring: describeCase(this.scenario, context.agent, context.from, context.to),
        });
      }
    }
    return error;
  }

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
