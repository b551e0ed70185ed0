// The books of one replication: people by job cell, kept current as they enter, move, upgrade and leave, and every count the results report.
import { Flag, FLAG_BITS, FIRST_JOB_STREAM_SHIFT, NO_COHORT, type AgentStore } from './agents.js';
import { FTE_COMPONENTS } from './policy.js';
import {
  cohortIndex,
  emptyResult,
  flowIndex,
  graduatesIndex,
  HomeMetric,
  HOME_METRICS,
  perTickIndex,
  TENURE_BANDS,
  tenureIndex,
  TickMetric,
  type PolicyReport,
  type RunResult,
} from './results.js';
import { cellIndex, type Cell, type ResolvedScenario } from './scenario.js';

/** The FTE metric of each FTE component, in FTE_COMPONENTS order. */
const FTE_METRICS = [TickMetric.flexibleFte, TickMetric.enclaveFte, TickMetric.remoteFte] as const;

export class Accounts {
  /** Agents by job cell (location, industry, tier). */
  readonly stock: Int32Array;
  /** Residents of a location working for another (enclave staff), by location × tier. */
  readonly awayEmployed: Int32Array;
  readonly result: RunResult;
  private readonly locations: number;
  private readonly industries: number;
  private readonly tiers: number;
  private readonly home: number;
  private readonly ticksPerYear: number;
  private readonly recruitedTier: Uint8Array;
  /** Each tenure band's bounds in ticks: tenure (tick − arrivalTick) from bandFrom[b] up to (not including) bandTo[b]. */
  private readonly bandFrom: number[];
  private readonly bandTo: number[];
  /** The entry index of each first-job stream, by its ordinal among them (the flag bits of FIRST_JOB_STREAM_SHIFT − 1). */
  private readonly firstJobEntries: number[];

  constructor(scenario: ResolvedScenario, run: { replication: number; seed: number; scale: number; years: number }, policies: readonly PolicyReport[]) {
    this.locations = scenario.locations.length;
    this.industries = scenario.industries.length;
    this.tiers = scenario.tiers.length;
    this.home = scenario.homeIndex;
    this.ticksPerYear = scenario.run.ticksPerYear;
    this.recruitedTier = new Uint8Array(this.tiers);
    this.bandFrom = TENURE_BANDS.map((b) => b.from * this.ticksPerYear);
    this.bandTo = TENURE_BANDS.map((b) => b.to * this.ticksPerYear);
    for (const t of scenario.recruitedTiers) this.recruitedTier[t] = 1;
    this.firstJobEntries = scenario.entries.flatMap((entry, e) => (entry.firstJob ? [e] : []));
    this.stock = new Int32Array(this.locations * this.industries * this.tiers);
    this.awayEmployed = new Int32Array(this.locations * this.tiers);
    this.result = emptyResult({
      ...run,
      ticksPerYear: this.ticksPerYear,
      locations: this.locations,
      tiers: this.tiers,
      entries: scenario.entries.length,
      policies,
    });
  }

  /** The index of a job cell in `stock`. */
  cell({ location, industry, tier }: Cell): number {
    return this.at(location, industry, tier);
  }

  /** The people at the start: every agent in the stock and the initial stock; those in the home city are followed. */
  open(agents: AgentStore): void {
    for (let i = 0; i < agents.count; i++) {
      this.stock[this.at(agents.residence[i], agents.industry[i], agents.tier[i])]++;
      this.result.initialStock[agents.residence[i] * this.tiers + agents.tier[i]]++;
      if (agents.flags[i] & Flag.initialHome) this.result.initialHome++;
    }
    this.result.agents.initial = agents.count;
  }

  /**
   * The end of a burn-in: the people there now become the start that results report from, as `open` made the people
   * set up; those in the home city are the initial home stock that survivalInitial follows.
   */
  restart(agents: AgentStore): void {
    const r = this.result;
    r.initialStock.fill(0);
    r.initialHome = 0;
    for (let i = 0; i < agents.count; i++) {
      r.initialStock[agents.residence[i] * this.tiers + agents.tier[i]]++;
      if (agents.residence[i] === this.home) {
        agents.flags[i] |= Flag.initialHome;
        r.initialHome++;
      } else agents.flags[i] &= ~Flag.initialHome;
    }
    r.agents.initial = agents.count;
  }

  /** An entrant joins the model in a job cell. */
  enter(tick: number, cell: Cell): void {
    this.stock[this.cell(cell)]++;
    this.count(tick, cell.location, cell.tier, TickMetric.entries);
  }

  /** A retiree leaves the model from its job cell; `arrivalTick`: when it arrived where it lived. Not a leaver: retiring is no move. */
  exit(tick: number, cell: Cell, arrivalTick: number): void {
    this.stock[this.cell(cell)]--;
    this.count(tick, cell.location, cell.tier, TickMetric.exits);
    this.atRisk(this.yearOf(tick), tick, cell.location, cell.tier, arrivalTick, 1);
  }

  /**
   * A mover leaves `from` for `to` in its industry and tier: flows, the leaver by its tenure (`arrivalTick`: when it
   * arrived at `from`), and the home city's returning natives and recruits. A graduate's first job (`firstJob`) is a
   * move in the flows and may be a native's return, but not a recruit.
   */
  move(tick: number, from: Cell, to: number, native: boolean, arrivalTick: number, firstJob = false): void {
    const { industry, tier } = from;
    this.stock[this.cell(from)]--;
    this.stock[this.at(to, industry, tier)]++;
    this.count(tick, from.location, tier, TickMetric.outflow);
    this.count(tick, to, tier, TickMetric.inflow);
    const year = Math.floor(tick / this.ticksPerYear);
    this.result.flows[flowIndex(this.result, year, from.location, to, tier)]++;
    this.result.leavers[tenureIndex(this.result, year, from.location, tier, this.band(tick - arrivalTick))]++;
    // Its time at risk in `from` ends; at `to` it starts with tenure 0, which adds nothing before the tick ends.
    this.atRisk(year, tick, from.location, tier, arrivalTick, 1);
    if (to === this.home) {
      const home = this.result.home;
      if (native) home[year * HOME_METRICS.length + HomeMetric.nativesReturning]++;
      if (this.recruitedTier[tier] && !firstJob) home[year * HOME_METRICS.length + HomeMetric.recruited]++;
    }
  }

  /**
   * An agent changes tier where it is (an upgrade); `awayEmployed` follows if it works for another location. Its
   * tenure (from `arrivalTick`) carries on: its time at risk moves from the old tier to the new one.
   */
  retier(tick: number, from: Cell, tier: number, worksAway: boolean, arrivalTick: number): void {
    this.atRisk(this.yearOf(tick), tick, from.location, from.tier, arrivalTick, 1);
    this.atRisk(this.yearOf(tick), tick, from.location, tier, arrivalTick, -1);
    this.stock[this.cell(from)]--;
    this.stock[this.at(from.location, from.industry, tier)]++;
    this.count(tick, from.location, from.tier, TickMetric.tierOut);
    this.count(tick, from.location, tier, TickMetric.tierIn);
    if (worksAway) {
      this.awayEmployed[from.location * this.tiers + from.tier]--;
      this.awayEmployed[from.location * this.tiers + tier]++;
    }
  }

  /** An agent changes industry where it is. */
  reindustry(from: Cell, industry: number): void {
    this.stock[this.cell(from)]--;
    this.stock[this.at(from.location, industry, from.tier)]++;
  }

  /** A resident of `location` starts (+1) or stops (−1) working for another location. */
  workAway(location: number, tier: number, change: 1 | -1): void {
    this.awayEmployed[location * this.tiers + tier] += change;
  }

  /** An agent joins the home city's cohort of this year (unless it belongs to one, or to the initial stock). */
  joinCohort(agents: AgentStore, i: number, tick: number): void {
    if (agents.cohort[i] !== NO_COHORT || agents.flags[i] & Flag.initialHome) return;
    const year = Math.floor(tick / this.ticksPerYear);
    agents.cohort[i] = year;
    agents.cohortTier[i] = agents.tier[i];
    this.result.cohortSize[cohortIndex(this.result, year, agents.tier[i], agents.flags[i] & Flag.native ? 1 : 0)]++;
  }

  /**
   * The end of a tick: stock and effective talent by location and tier; for the home city, effective talent adds the
   * FTE of those who work for it from elsewhere (`fte`: by FTE component × tier).
   */
  closeTick(tick: number, fte: Float64Array): void {
    const r = this.result;
    for (let l = 0; l < this.locations; l++)
      for (let t = 0; t < this.tiers; t++) {
        let n = 0;
        for (let industry = 0; industry < this.industries; industry++) n += this.stock[this.at(l, industry, t)];
        r.perTick[perTickIndex(r, tick, l, t, TickMetric.stock)] = n;
        r.perTick[perTickIndex(r, tick, l, t, TickMetric.effective)] = n - this.awayEmployed[l * this.tiers + t];
      }
    for (let t = 0; t < this.tiers; t++)
      for (let c = 0; c < FTE_COMPONENTS.length; c++) {
        const value = fte[c * this.tiers + t];
        r.perTick[perTickIndex(r, tick, this.home, t, FTE_METRICS[c])] = value;
        r.perTick[perTickIndex(r, tick, this.home, t, TickMetric.effective)] += value;
      }
  }

  /**
   * The end of a year: the initial home stock still there, the diaspora, who of each cohort is still there, where the
   * year's graduates of each first-job stream live (their stream's flag bits are then cleared), and the time at risk
   * of everyone present up to the year's end.
   */
  closeYear(year: number, agents: AgentStore): void {
    const r = this.result;
    const end = (year + 1) * this.ticksPerYear;
    let initialRemaining = 0;
    let diaspora = 0;
    for (let i = 0; i < agents.count; i++) {
      this.atRisk(year, end, agents.residence[i], agents.tier[i], agents.arrivalTick[i], 1);
      const atHome = agents.residence[i] === this.home;
      const flags = agents.flags[i];
      if (atHome && flags & Flag.initialHome) initialRemaining++;
      if (!atHome && flags & Flag.native) diaspora++;
      const cohort = agents.cohort[i];
      if (atHome && cohort !== NO_COHORT) r.cohortRemaining[cohortIndex(r, cohort, agents.cohortTier[i], flags & Flag.native ? 1 : 0) * r.years + year]++;
      const stream = flags >> FIRST_JOB_STREAM_SHIFT;
      if (stream !== 0) {
        r.graduates[graduatesIndex(r, year, this.firstJobEntries[stream - 1], agents.residence[i])]++;
        agents.flags[i] = flags & FLAG_BITS;
      }
    }
    r.home[year * HOME_METRICS.length + HomeMetric.initialRemaining] = initialRemaining;
    r.home[year * HOME_METRICS.length + HomeMetric.diaspora] = diaspora;
  }

  /** The index in `stock` of (location, industry, tier). */
  private at(location: number, industry: number, tier: number): number {
    return cellIndex(this.industries, this.tiers, location, industry, tier);
  }

  private yearOf(tick: number): number {
    return Math.floor(tick / this.ticksPerYear);
  }

  /** The tenure band of a tenure in ticks. */
  private band(tenure: number): number {
    let b = 0;
    while (b < this.bandTo.length - 1 && tenure >= this.bandTo[b]) b++;
    return b;
  }

  /**
   * Time at risk (`exposure`: end-of-tick stocks summed over the year's ticks, by tenure band) without visiting every
   * agent every tick. An agent in a cell with arrival tick a counts at the end of each tick t of year Y it is there,
   * in the band of t − a. Up to tick x, year Y holds G(x) = |[Y0, x) ∩ [a + from, a + to)| of its ticks in a band, so
   * a stay from tick s to e (Y0 ≤ s ≤ e ≤ Y1) adds G(e) − G(s): `sign` +1 where a stay in the cell ends (a move
   * out, a retirement, an upgrade, the end of the year), −1 where one starts other than at arrival (an upgrade).
   */
  private atRisk(year: number, x: number, location: number, tier: number, arrivalTick: number, sign: 1 | -1): void {
    const start = year * this.ticksPerYear;
    for (let b = 0; b < this.bandFrom.length; b++) {
      const ticks = Math.min(x, arrivalTick + this.bandTo[b]) - Math.max(start, arrivalTick + this.bandFrom[b]);
      if (ticks > 0) this.result.exposure[tenureIndex(this.result, year, location, tier, b)] += sign * ticks;
    }
  }

  private count(tick: number, location: number, tier: number, metric: number): void {
    this.result.perTick[perTickIndex(this.result, tick, location, tier, metric)]++;
  }
}
