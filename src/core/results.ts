// What one replication records: per-tick stocks and flows, yearly moves and the home city's headline counts, all in agents.

/** Per-tick metrics by location and tier. Stock is at the end of the tick; the rest are counts during it. */
export const TickMetric = {
  stock: 0,
  entries: 1,
  exits: 2,
  inflow: 3,
  outflow: 4,
  /** Arrived in this tier by an upgrade, staying in the location. */
  tierIn: 5,
  /** Left this tier by an upgrade, staying in the location. */
  tierOut: 6,
  /** Effective talent at the end of the tick: residents working for the location + enclave, flexible and remote FTE. */
  effective: 7,
  /** FTE of part-time engagements by people living elsewhere (home city only). */
  flexibleFte: 8,
  /** FTE of people working for the home city in its enclave centres elsewhere (home city only). */
  enclaveFte: 9,
  /** FTE of remote collaboration (home city only). */
  remoteFte: 10,
} as const;
export type TickMetric = keyof typeof TickMetric;
export const TICK_METRICS = Object.keys(TickMetric) as TickMetric[];

/** Yearly counts about the home city, before they become the summary's shares and figures. */
export const HomeMetric = {
  /** Members of the initial home stock still living there at the end of the year. */
  initialRemaining: 0,
  /** Natives who moved (back) to the home city during the year. */
  nativesReturning: 1,
  /** Natives living outside the home city at the end of the year. */
  diaspora: 2,
  /** Movers into the home city in the recruited tiers (management and technical talent brought in), graduates taking a first job aside. */
  recruited: 3,
} as const;
export type HomeMetric = keyof typeof HomeMetric;
export const HOME_METRICS = Object.keys(HomeMetric) as HomeMetric[];

/**
 * Bands of tenure at the current location (years since arriving there, tick − arrivalTick), for the realised leave
 * rates of rates.csv: each band holds tenures from `from` (inclusive) up to `to` (exclusive) years. The cut at 3
 * years matches MyCOS's "left within 3 years" of graduates' first jobs (MyCOS 2018, docs/sources.md §7).
 */
export const TENURE_BANDS = [
  { id: '0-1', from: 0, to: 1 },
  { id: '1-3', from: 1, to: 3 },
  { id: '3-5', from: 3, to: 5 },
  { id: '5+', from: 5, to: Infinity },
] as const;

/** Everything one replication produces; counts are agents, to be multiplied by `scale` for persons. */
export interface RunResult {
  replication: number;
  seed: number;
  scale: number;
  ticks: number;
  years: number;
  locations: number;
  tiers: number;
  /** Entry streams of the scenario (in its order): the width of `graduates`. */
  entries: number;
  /** [location][tier] agents at the start, before the first tick: the stock that tick 0's flows change. */
  initialStock: Float64Array;
  /** [tick][location][tier][TickMetric] */
  perTick: Float64Array;
  /** [year][origin][destination][tier] moves */
  flows: Float64Array;
  /** [year][HomeMetric] */
  home: Float64Array;
  /** Agents in the home city's initial stock. */
  initialHome: number;
  /** [cohortYear][tier][native 0|1] agents who joined the home city in that year. */
  cohortSize: Float64Array;
  /** [cohortYear][tier][native][observedYear] of them still living in the home city at the end of observedYear. */
  cohortRemaining: Float64Array;
  /** [year][location][tier][tenure band] movers out of the location during the year, by their tenure when they moved. */
  leavers: Float64Array;
  /**
   * [year][location][tier][tenure band] agent-ticks at risk of leaving: Σ over the year's ticks of the end-of-tick
   * stock in that tenure band (÷ ticks per year: agent-years). Summed over bands it is Σ of the year's `stock` figures.
   */
  exposure: Float64Array;
  /**
   * [year][entry stream][location] graduates of a `firstJob: true` entry stream who entered during the year, by where
   * they live at its end (where they took a first job, or where they studied while still searching); 0 for other streams.
   */
  graduates: Float64Array;
  agents: { initial: number; peak: number; final: number; bytes: number };
  /** Each policy's yearly report: [year][0: spending in CNY, 1…: its metrics in persons]. */
  policies: PolicyReport[];
}

export interface PolicyReport {
  name: string;
  type: string;
  metrics: string[];
  values: Float64Array;
}

/** An all-zero result of one replication, sized for its locations, tiers and years. */
export function emptyResult(run: {
  replication: number;
  seed: number;
  scale: number;
  years: number;
  ticksPerYear: number;
  locations: number;
  tiers: number;
  /** Entry streams (0 when left out: a hand-made result with no graduates to count). */
  entries?: number;
  policies?: readonly PolicyReport[];
}): RunResult {
  const { years, locations: L, tiers: T } = run;
  const E = run.entries ?? 0;
  const ticks = years * run.ticksPerYear;
  return {
    replication: run.replication,
    seed: run.seed,
    scale: run.scale,
    ticks,
    years,
    locations: L,
    tiers: T,
    entries: E,
    initialStock: new Float64Array(L * T),
    perTick: new Float64Array(ticks * L * T * TICK_METRICS.length),
    flows: new Float64Array(years * L * L * T),
    home: new Float64Array(years * HOME_METRICS.length),
    initialHome: 0,
    cohortSize: new Float64Array(years * T * 2),
    cohortRemaining: new Float64Array(years * T * 2 * years),
    leavers: new Float64Array(years * L * T * TENURE_BANDS.length),
    exposure: new Float64Array(years * L * T * TENURE_BANDS.length),
    graduates: new Float64Array(years * E * L),
    agents: { initial: 0, peak: 0, final: 0, bytes: 0 },
    policies: [...(run.policies ?? [])],
  };
}

export const perTickIndex = (r: Pick<RunResult, 'locations' | 'tiers'>, tick: number, location: number, tier: number, metric: number): number =>
  ((tick * r.locations + location) * r.tiers + tier) * TICK_METRICS.length + metric;

export const flowIndex = (r: Pick<RunResult, 'locations' | 'tiers'>, year: number, from: number, to: number, tier: number): number =>
  ((year * r.locations + from) * r.locations + to) * r.tiers + tier;

export const cohortIndex = (r: Pick<RunResult, 'tiers' | 'years'>, cohortYear: number, tier: number, native: number): number =>
  (cohortYear * r.tiers + tier) * 2 + native;

export const graduatesIndex = (r: Pick<RunResult, 'locations' | 'entries'>, year: number, entry: number, location: number): number =>
  (year * r.entries + entry) * r.locations + location;

export const tenureIndex = (r: Pick<RunResult, 'locations' | 'tiers'>, year: number, location: number, tier: number, band: number): number =>
  ((year * r.locations + location) * r.tiers + tier) * TENURE_BANDS.length + band;

/** One run's per-tick figure (agents): a metric at a location and tier during (or, for stocks, at the end of) a tick. */
export function tickFigure(r: RunResult, metric: TickMetric, tick: number, location: number, tier: number): number {
  return r.perTick[perTickIndex(r, tick, location, tier, TickMetric[metric])];
}

/** One run's stock (agents) at a location and tier at the end of a tick. */
export function stockAt(r: RunResult, tick: number, location: number, tier: number): number {
  return tickFigure(r, 'stock', tick, location, tier);
}

/** One run's moves (agents) from one location to another in a tier during a simulated year (0 is the first). */
export function movesAt(r: RunResult, year: number, from: number, to: number, tier: number): number {
  return r.flows[flowIndex(r, year, from, to, tier)];
}

/** One run's yearly count about the home city (agents) in a simulated year. */
export function homeFigure(r: RunResult, metric: HomeMetric, year: number): number {
  return r.home[year * HOME_METRICS.length + HomeMetric[metric]];
}

/** Agents who joined the home city in a simulated year, by their tier on joining and whether they are natives. */
export function cohortSizeAt(r: RunResult, cohortYear: number, tier: number, native: boolean): number {
  return r.cohortSize[cohortIndex(r, cohortYear, tier, native ? 1 : 0)];
}

/** Of those, the agents still living in the home city at the end of a later simulated year. */
export function cohortRemainingAt(r: RunResult, cohortYear: number, tier: number, native: boolean, year: number): number {
  return r.cohortRemaining[cohortIndex(r, cohortYear, tier, native ? 1 : 0) * r.years + year];
}

/** One run's movers out of a location in a tier during a simulated year, with a tenure there in a band (TENURE_BANDS index). */
export function leaversAt(r: RunResult, year: number, location: number, tier: number, band: number): number {
  return r.leavers[tenureIndex(r, year, location, tier, band)];
}

/** One run's time at risk (agent-ticks) in a location, tier and tenure band during a simulated year. */
export function exposureAt(r: RunResult, year: number, location: number, tier: number, band: number): number {
  return r.exposure[tenureIndex(r, year, location, tier, band)];
}

/**
 * One run's graduates of an entry stream (its index in the scenario's entries) who entered during a simulated year and
 * live at a location at its end; 0 for a stream without first-job choice.
 */
export function graduatesAt(r: RunResult, year: number, entry: number, location: number): number {
  return r.graduates[graduatesIndex(r, year, entry, location)];
}

/** Names of the transferable buffers, for passing results between threads without copying. */
export function transferables(r: RunResult): ArrayBuffer[] {
  return [
    r.initialStock,
    r.perTick,
    r.flows,
    r.home,
    r.cohortSize,
    r.cohortRemaining,
    r.leavers,
    r.exposure,
    r.graduates,
    ...r.policies.map((p) => p.values),
  ].map((a) => a.buffer as ArrayBuffer);
}

/**
 * The result without its first `years` simulated years (a burn-in): every per-tick and yearly record, cohort and
 * policy report from then on, re-indexed so that year 0 is the first reported year. The initial stock and the
 * initial home stock are left as they are: the model records them again when the burn-in ends.
 */
export function withoutFirstYears(r: RunResult, years: number, ticksPerYear: number): RunResult {
  if (years === 0) return r;
  const { locations: L, tiers: T } = r;
  const kept = r.years - years;
  const cohortRemaining = new Float64Array(kept * T * 2 * kept);
  for (let cohort = 0; cohort < kept; cohort++)
    for (let k = 0; k < T * 2; k++)
      for (let year = 0; year < kept; year++)
        cohortRemaining[(cohort * T * 2 + k) * kept + year] = r.cohortRemaining[((cohort + years) * T * 2 + k) * r.years + year + years];
  const perYear = (a: Float64Array, width: number) => a.slice(years * width);
  return {
    ...r,
    ticks: r.ticks - years * ticksPerYear,
    years: kept,
    perTick: perYear(r.perTick, ticksPerYear * L * T * TICK_METRICS.length),
    flows: perYear(r.flows, L * L * T),
    home: perYear(r.home, HOME_METRICS.length),
    cohortSize: perYear(r.cohortSize, T * 2),
    cohortRemaining,
    leavers: perYear(r.leavers, L * T * TENURE_BANDS.length),
    exposure: perYear(r.exposure, L * T * TENURE_BANDS.length),
    graduates: perYear(r.graduates, r.entries * L),
    policies: r.policies.map((p) => ({ ...p, values: perYear(p.values, 1 + p.metrics.length) })),
  };
}
