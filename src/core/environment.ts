// The per-tick state of the locations: wages, effective platforms (with agglomeration), job capacity and job chances.
import { cellIndex, type Cell, type EnvironmentView, type ResolvedScenario } from './scenario.js';

/**
 * A snapshot of every location's conditions for one tick. Utility terms read it through the accessors;
 * decisions within a tick all see the same snapshot, so the order in which agents decide does not matter.
 */
export class Environment implements EnvironmentView {
  readonly locations: number;
  readonly tiers: number;
  readonly industries: number;
  /** Simulated years since startYear (fractional; negative during a burn-in). */
  years = 0;
  /** Wages by cell (location, industry, tier), like every array over cells here. */
  private readonly wages: Float64Array;
  private readonly effectivePlatforms: Float64Array;
  private readonly jobChances: Float64Array;
  /** Job capacity at the start, the base that job growth scales. */
  private readonly baseCapacity: Float64Array;
  /**
   * Positions: the start's capacity, plus the jobs entrants bring, minus those retirees take, moved between tiers by
   * upgrades, added by policies; vacancies beyond the usual slack close at the scenario's vacancyDecay a year.
   */
  private readonly positions: Float64Array;
  /** Positions policies created (industry programmes): they stay open while vacant. */
  private readonly policyPositions: Float64Array;
  private readonly capacityNow: Float64Array;
  private readonly agglomerationBase: Float64Array;
  /** Platforms before agglomeration: the scenario's, plus what policies build. */
  private readonly builtPlatforms: Float64Array;
  private readonly agglomerationTier: Uint8Array;
  /**
   * The unmodelled rest of a city whose talent the scenario samples (location.talentPool), in agents by cell, spread
   * like the modelled start: it holds jobs and counts for agglomeration, and does not move.
   */
  private readonly background: Float64Array;
  /** Talent who moved into each location since the last update: the positions their arrival opens (jobsPerArrival). */
  private readonly arrivals: Float64Array;

  constructor(private readonly scenario: ResolvedScenario) {
    this.locations = scenario.locations.length;
    this.tiers = scenario.tiers.length;
    this.industries = scenario.industries.length;
    const cells = this.locations * this.industries * this.tiers;
    this.wages = new Float64Array(cells);
    this.effectivePlatforms = new Float64Array(this.locations * this.industries);
    this.jobChances = new Float64Array(cells).fill(1);
    this.baseCapacity = new Float64Array(cells);
    this.positions = new Float64Array(cells);
    this.policyPositions = new Float64Array(cells);
    this.capacityNow = new Float64Array(cells);
    this.agglomerationBase = new Float64Array(this.locations * this.industries);
    this.builtPlatforms = new Float64Array(this.locations * this.industries);
    this.background = new Float64Array(cells);
    this.arrivals = new Float64Array(this.locations);
    scenario.locations.forEach((place, l) => place.platforms.forEach((n, i) => (this.builtPlatforms[l * this.industries + i] = n)));
    this.agglomerationTier = new Uint8Array(this.tiers);
    for (const t of scenario.agglomeration.tiers) this.agglomerationTier[t] = 1;
  }

  /**
   * Fixes job capacity and the agglomeration reference from the stock at the start (agents by location × industry ×
   * tier), and the background of cities whose talent is sampled (`scale`: persons per agent).
   */
  calibrate(stock: Int32Array, scale: number): void {
    const { locations: L, industries: I, tiers: T } = this;
    for (let l = 0; l < L; l++) {
      const modelled = stock.subarray(l * I * T, (l + 1) * I * T).reduce((n, s) => n + s, 0);
      const rest = Math.max(0, this.scenario.locations[l].talentPool / scale - modelled);
      for (let k = l * I * T; k < (l + 1) * I * T; k++) this.background[k] = modelled > 0 ? (rest * stock[k]) / modelled : 0;
      for (let i = 0; i < I; i++) {
        let agglomerating = 0;
        for (let t = 0; t < T; t++) {
          const k = (l * I + i) * T + t;
          this.baseCapacity[k] = Math.max(stock[k], 1) * (1 + this.scenario.locations[l].jobSlack);
          this.positions[k] = this.baseCapacity[k];
          if (this.agglomerationTier[t]) agglomerating += stock[k] + this.background[k];
        }
        this.agglomerationBase[l * I + i] = agglomerating;
      }
    }
  }

  /** Environment phase of a tick: wage growth, job capacity growth, agglomeration, job chances. */
  update(tick: number, stock: Int32Array): void {
    const { locations: L, industries: I, tiers: T, scenario } = this;
    // Growth counts from startYear: during a burn-in (ticks before it) wages and capacity are below their start.
    this.years = tick / scenario.run.ticksPerYear - scenario.run.burnInYears;
    const { elasticity, floor, vacancyDecay, jobsPerArrival } = scenario.jobMatching;
    const decayPerTick = 1 - Math.pow(1 - Math.min(vacancyDecay, 1), 1 / scenario.run.ticksPerYear);
    const agglomeration = scenario.agglomeration;
    for (let l = 0; l < L; l++) {
      const place = scenario.locations[l];
      const wageIndex = Math.pow(1 + place.wageGrowth, this.years);
      const capacityIndex = Math.pow(1 + place.jobGrowth, this.years);
      for (let i = 0; i < I; i++) for (let t = 0; t < T; t++) this.wages[(l * I + i) * T + t] = place.wage[t] * place.wageFactors[i] * wageIndex;
      if (this.arrivals[l] > 0) this.openPositionsForArrivals(l, jobsPerArrival * this.arrivals[l], stock);
      this.arrivals[l] = 0;
      for (let i = 0; i < I; i++) {
        let agglomerating = 0;
        for (let t = 0; t < T; t++) {
          const k = (l * I + i) * T + t;
          const background = this.background[k];
          if (this.agglomerationTier[t]) agglomerating += stock[k] + background;
          // Vacancies beyond the usual slack close over time (firms that lose staff shrink), at vacancyDecay a year.
          const normal = Math.max(0, stock[k] - this.policyPositions[k]) * (1 + place.jobSlack);
          if (this.positions[k] > normal) this.positions[k] -= (this.positions[k] - normal) * decayPerTick;
          const capacity = this.positions[k] + this.policyPositions[k] + this.baseCapacity[k] * (capacityIndex - 1);
          this.capacityNow[k] = capacity;
          // A cell without capacity (its posts gone) offers only the floor chance. A sampled city's background holds
          // its own jobs, with the usual slack and growth: it dilutes what the modelled flows do to the chance.
          const jobs = capacity + background * (1 + place.jobSlack) * capacityIndex;
          const fill = jobs > 0 ? (stock[k] + background) / jobs : Infinity;
          this.jobChances[k] = fill >= 1 ? floor : Math.max(floor, 1 - Math.pow(fill, elasticity));
        }
        const base = this.agglomerationBase[l * I + i];
        const feedback = agglomeration.enabled && base > 0 ? Math.pow(Math.max(agglomerating, 1) / base, agglomeration.elasticity) : 1;
        this.effectivePlatforms[l * I + i] = this.builtPlatforms[l * I + i] * feedback;
      }
    }
  }

  /**
   * Jobs follow people: `created` positions open at location `l` for the talent who just moved there, spread over its
   * cells like its talent (modelled and background). Unfilled, they close as other vacancies do (vacancyDecay).
   */
  private openPositionsForArrivals(l: number, created: number, stock: Int32Array): void {
    const { industries: I, tiers: T } = this;
    let total = 0;
    for (let k = l * I * T; k < (l + 1) * I * T; k++) total += stock[k] + this.background[k];
    if (total <= 0) return;
    for (let k = l * I * T; k < (l + 1) * I * T; k++) this.positions[k] += (created * (stock[k] + this.background[k])) / total;
  }

  /** A talent moved into location `l` (a mover, or a graduate taking a first job away from where it studied). */
  arrive(l: number): void {
    this.arrivals[l]++;
  }

  /** An entrant arrives with a job: its position adds to the capacity of its cell. */
  addPosition(cell: Cell): void {
    this.positions[this.index(cell)] += 1;
  }

  /**
   * A policy creates (or, negative, removes) `agents` job positions in a cell. They count from this tick's update on
   * and do not close when vacant: the programme keeps them open.
   */
  addPositions(cell: Cell, agents: number): void {
    this.policyPositions[this.index(cell)] += agents;
  }

  /** A policy builds `count` platforms in an industry at a location; they count from this tick's update on. */
  addPlatforms(where: Omit<Cell, 'tier'>, count: number): void {
    this.builtPlatforms[where.location * this.industries + where.industry] += count;
  }

  /** A retiree's job goes with them: replacement hiring is what the entry streams bring. */
  removePosition(cell: Cell): void {
    this.positions[this.index(cell)] -= 1;
  }

  /** An upgrade takes the agent's position with it, from its cell to the same location and industry in another tier. */
  movePosition(cell: Cell, toTier: number): void {
    this.positions[this.index(cell)] -= 1;
    this.positions[cellIndex(this.industries, this.tiers, cell.location, cell.industry, toTier)] += 1;
  }

  /** Annual wage, CNY, in a cell. */
  wage(cell: Cell): number {
    return this.wages[this.index(cell)];
  }

  /** Platforms in an industry at a location, scaled by the agglomeration feedback. */
  platforms(where: Omit<Cell, 'tier'>): number {
    return this.effectivePlatforms[where.location * this.industries + where.industry];
  }

  /** Chance that a mover finds a job in a cell. */
  jobChance(cell: Cell): number {
    return this.jobChances[this.index(cell)];
  }

  /** Job capacity (agents) in a cell this tick. */
  capacity(cell: Cell): number {
    return this.capacityNow[this.index(cell)];
  }

  housingCost(location: number): number {
    return this.scenario.locations[location].housingCost;
  }

  /** Service index (SERVICE_KINDS order) at a location. */
  service(location: number, kind: number): number {
    return this.scenario.locations[location].services[kind];
  }

  travelHours(from: number, to: number): number {
    return this.scenario.locations[from].travelHours[to];
  }

  private index({ location, industry, tier }: Cell): number {
    return cellIndex(this.industries, this.tiers, location, industry, tier);
  }
}
