// The hazard tables of a run: how often an agent reconsiders where to live, and how often a life event comes, per tick.
import type { AgentStore } from './agents.js';
import { pick, type Uniform } from './random.js';
import type { ResolvedScenario, Transition } from './scenario.js';

/** Where a transition (a tier upgrade or a family change) leads from one state: targets and their cumulative hazards. */
interface TransitionTargets {
  destinations: number[];
  cumulative: Float64Array;
}

/** A life event: an upgrade to tier `to`, or a change to family stage `to`. */
export interface LifeEvent {
  kind: 'upgrade' | 'family';
  to: number;
}

/** A hazard per tick from a probability per year: −log(1 − p) / ticks a year (a certain event: Infinity). */
export function perTickHazard(probabilityPerYear: number, ticksPerYear: number): number {
  return probabilityPerYear >= 1 ? Infinity : -Math.log(1 - probabilityPerYear) / ticksPerYear;
}

/**
 * Per-tick hazards by agent state, tabulated once for a run. Reconsideration: the tier's yearly probability × the age
 * band's factor × the tenure band's factor (capped at 1). Life events: the tier's upgrade hazards plus the family
 * stage's change hazards. Ages and tenures are in ticks.
 */
export class Hazards {
  /** Age in ticks at which agents retire. */
  readonly retirementTicks: number;
  private readonly tiers: number;
  private readonly ageBands: number;
  private readonly tenureBands: number;
  private readonly familyStages: number;
  private readonly ageBandOfAge: Uint8Array;
  private readonly tenureBandOfTenure: Uint8Array;
  /** Age (ticks) at which each age band ends, and tenure (ticks) at which each tenure band ends. */
  private readonly ageBandEnd: Int32Array;
  private readonly tenureBandEnd: Int32Array;
  /** By tier × age band × tenure band. */
  private readonly reconsider: Float64Array;
  /** By tier × family stage: upgrade plus family-change hazard. */
  private readonly lifeEvents: Float64Array;
  private readonly upgradeByTier: Float64Array;
  private readonly upgradeTargets: TransitionTargets[];
  private readonly familyChangeByStage: Float64Array;
  private readonly familyTargets: TransitionTargets[];

  constructor(scenario: ResolvedScenario) {
    const perYear = scenario.run.ticksPerYear;
    const { age, tenure } = scenario.hazard;
    this.tiers = scenario.tiers.length;
    this.ageBands = age.length;
    this.tenureBands = tenure.length;
    this.familyStages = scenario.familyStages.length;
    this.retirementTicks = Math.round(scenario.lifecycle.retirementAge * perYear);

    this.ageBandOfAge = new Uint8Array(this.retirementTicks + 1);
    for (let ageTicks = 0; ageTicks <= this.retirementTicks; ageTicks++) {
      const band = age.findIndex((b) => ageTicks / perYear < b.upTo);
      this.ageBandOfAge[ageTicks] = band < 0 ? this.ageBands - 1 : band;
    }
    const longestTenure = Math.ceil(tenure[tenure.length - 1].upTo * perYear);
    this.tenureBandOfTenure = new Uint8Array(longestTenure + 1);
    for (let tenureTicks = 0; tenureTicks <= longestTenure; tenureTicks++) {
      const band = tenure.findIndex((b) => tenureTicks / perYear < b.upTo);
      this.tenureBandOfTenure[tenureTicks] = band < 0 ? this.tenureBands - 1 : band;
    }
    this.ageBandEnd = Int32Array.from(age, (b) => Math.round(b.upTo * perYear));
    this.tenureBandEnd = Int32Array.from(tenure, (b) => Math.ceil(b.upTo * perYear));

    this.reconsider = new Float64Array(this.tiers * this.ageBands * this.tenureBands);
    for (let tier = 0; tier < this.tiers; tier++)
      for (let a = 0; a < this.ageBands; a++)
        for (let b = 0; b < this.tenureBands; b++)
          this.reconsider[(tier * this.ageBands + a) * this.tenureBands + b] = perTickHazard(
            Math.min(1, scenario.hazard.perYear[tier] * age[a].factor * tenure[b].factor),
            perYear,
          );

    const upgrades = transitionTable(this.tiers, scenario.lifecycle.upgrades, perYear);
    const family = transitionTable(this.familyStages, scenario.lifecycle.family, perYear);
    this.upgradeByTier = upgrades.hazard;
    this.upgradeTargets = upgrades.targets;
    this.familyChangeByStage = family.hazard;
    this.familyTargets = family.targets;
    this.lifeEvents = new Float64Array(this.tiers * this.familyStages);
    for (let tier = 0; tier < this.tiers; tier++)
      for (let f = 0; f < this.familyStages; f++) this.lifeEvents[tier * this.familyStages + f] = this.upgradeByTier[tier] + this.familyChangeByStage[f];
  }

  /** The age band of an age in ticks (the last band from retirement on). */
  ageBand(ageTicks: number): number {
    return this.ageBandOfAge[Math.min(ageTicks, this.retirementTicks)];
  }

  /** The per-tick reconsideration hazard of a tier at an age and a tenure (ticks). */
  reconsideration(tier: number, ageTicks: number, tenureTicks: number): number {
    const tenureBand = this.tenureBandOfTenure[Math.min(tenureTicks, this.tenureBandOfTenure.length - 1)];
    return this.reconsider[(tier * this.ageBands + this.ageBand(ageTicks)) * this.tenureBands + tenureBand];
  }

  /** The per-tick hazard of a life event (an upgrade or a family change) in a tier and family stage. */
  lifeEvent(tier: number, family: number): number {
    return this.lifeEvents[tier * this.familyStages + family];
  }

  /**
   * The first tick from `from` on at which something can happen to agent i, as far as its hazards go: one of its
   * clocks fires (with hazard h per tick from `from` on, a clock c fires at the first tick whose cumulative hazard
   * reaches c), its age or tenure band changes, or it retires. Until then its hazards stay as they are.
   */
  nextEvent(agents: AgentStore, i: number, from: number): number {
    const birthTick = agents.birthTick[i];
    const arrivalTick = agents.arrivalTick[i];
    const tier = agents.tier[i];
    let next = birthTick + this.retirementTicks;
    const ageBand = this.ageBand(from - birthTick);
    if (ageBand < this.ageBands - 1) next = Math.min(next, birthTick + this.ageBandEnd[ageBand]);
    const tenureBand = this.tenureBandOfTenure[Math.min(from - arrivalTick, this.tenureBandOfTenure.length - 1)];
    if (tenureBand < this.tenureBands - 1) next = Math.min(next, arrivalTick + this.tenureBandEnd[tenureBand]);
    const reconsideration = this.reconsider[(tier * this.ageBands + ageBand) * this.tenureBands + tenureBand];
    if (reconsideration > 0) next = Math.min(next, from + Math.ceil(agents.decisionClock[i] / reconsideration) - 1);
    const life = this.lifeEvents[tier * this.familyStages + agents.family[i]];
    if (life > 0) next = Math.min(next, from + Math.ceil(agents.lifeClock[i] / life) - 1);
    return next;
  }

  /**
   * Which life event comes, chosen in proportion to the hazards: an upgrade to another tier, or a change of family
   * stage; undefined when neither can happen. The answer is one object, reused by the next call (events are frequent).
   */
  drawLifeEvent(tier: number, family: number, uniform: Uniform): Readonly<LifeEvent> | undefined {
    const upgrade = this.upgradeByTier[tier];
    const total = upgrade + this.familyChangeByStage[family];
    if (total <= 0) return undefined;
    const upgrades = uniform() * total < upgrade;
    const target = upgrades ? this.upgradeTargets[tier] : this.familyTargets[family];
    this.event.kind = upgrades ? 'upgrade' : 'family';
    this.event.to = target.destinations[pick(target.cumulative, uniform)];
    return this.event;
  }

  private readonly event: LifeEvent = { kind: 'upgrade', to: 0 };
}

/** Total hazard per state and where each transition leads, from a list of transitions with yearly probabilities. */
function transitionTable(states: number, list: readonly Transition[], ticksPerYear: number) {
  const hazard = new Float64Array(states);
  const targets = Array.from({ length: states }, () => ({ destinations: [] as number[], rates: [] as number[] }));
  for (const { from, to, perYear } of list) {
    const rate = perTickHazard(perYear, ticksPerYear);
    hazard[from] += rate;
    targets[from].destinations.push(to);
    targets[from].rates.push(rate);
  }
  return {
    hazard,
    targets: targets.map(({ destinations, rates }) => {
      let sum = 0;
      return { destinations, cumulative: Float64Array.from(rates, (r) => (sum += r)) };
    }),
  };
}
