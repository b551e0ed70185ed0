// Turns the replications of one scenario into tidy rows (one observation a row, counts in persons) for the CSV writers and charts.
import {
  cohortIndex,
  flowIndex,
  HomeMetric,
  HOME_METRICS,
  perTickIndex,
  TENURE_BANDS,
  tenureIndex,
  TickMetric,
  TICK_METRICS,
  type PolicyReport,
  type RunResult,
} from './results.js';
import type { ResolvedScenario } from './scenario.js';
import { mean, meanAndBand } from './stats.js';

/*
 * Every builder takes the RunResults of one scenario (one per replication, in replication order) and the
 * ResolvedScenario they came from. Results count agents; rows report persons (agents × result.scale), except
 * shares, which are unit-free. `run` is the replication index; `year` is a calendar year
 * (scenario.run.startYear + simulated year).
 *
 * Uncertainty bands are the 5th and 95th percentiles over replications (stats.ts, the same bits every time):
 * linear interpolation between order statistics (Hyndman & Fan type 7, the default of R and NumPy) — with n
 * runs sorted ascending, the p-quantile sits at position p·(n − 1). With one run, mean = p5 = p95.
 */

/**
 * The per-tick metrics in the time series: the model's counts plus netFlow = inflow − outflow, then effective talent
 * and its full-time-equivalent (FTE) parts. Every location and tier has every metric: `effective` is defined
 * everywhere (residents working for the location, plus for the home city the FTE of those working for it from
 * elsewhere), while `flexibleFte`, `enclaveFte` and `remoteFte` are 0 outside the home city.
 */
export const TIMESERIES_METRICS = [
  'stock',
  'inflow',
  'outflow',
  'entries',
  'exits',
  'netFlow',
  'tierIn',
  'tierOut',
  'effective',
  'flexibleFte',
  'enclaveFte',
  'remoteFte',
] as const;
export type TimeseriesMetric = (typeof TIMESERIES_METRICS)[number];

export interface TimeseriesRow {
  run: number;
  tick: number;
  year: number;
  location: string;
  tier: string;
  metric: TimeseriesMetric;
  /** Persons: a stock or effective talent (FTE) at the end of the tick, or a count during it. */
  value: number;
}

export interface FlowRow {
  run: number;
  year: number;
  origin: string;
  destination: string;
  tier: string;
  /** Persons who moved from origin to destination during the year, in their tier at the time of moving. */
  moves: number;
}

/**
 * The home city's (Bazhong's) headline figures, one value per year: what each measures, its unit (persons, a share
 * from 0 to 1, or CNY) and its name in the charts, report.html and the terminal, in Chinese and English.
 */
export const SUMMARY_METRICS = {
  netRetention: {
    description: 'Movers in minus movers out during the year, all tiers (persons); entries and exits are not moves.',
    unit: 'persons',
    zh: '净流入（迁入−迁出）',
    en: 'Net retention (movers in − out)',
  },
  residents: {
    description: 'Talent living in the home city at the end of the year, all tiers (persons).',
    unit: 'persons',
    zh: '常住人才',
    en: 'Resident talent',
  },
  survivalInitial: {
    description: 'Share of the initial home stock still living there at the end of the year (0–1).',
    unit: 'share',
    zh: '初始人才留存率',
    en: 'Initial stock still there',
  },
  topShare: {
    description: 'Share of the top tiers in the home stock at the end of the year (0–1).',
    unit: 'share',
    zh: '高层次人才占比',
    en: 'Top-talent share',
  },
  nativesReturning: {
    description: 'Natives who moved (back) to the home city during the year (persons).',
    unit: 'persons',
    zh: '返乡人才',
    en: 'Natives returning',
  },
  diaspora: {
    description: 'Natives living outside the home city at the end of the year (persons).',
    unit: 'persons',
    zh: '在外乡友人才',
    en: 'Natives living elsewhere',
  },
  recruited: {
    description: 'Movers into the home city in the recruited tiers during the year: management and technical talent brought in (persons).',
    unit: 'persons',
    zh: '引进人才',
    en: 'Talent recruited',
  },
  effectiveTalent: {
    description:
      'Effective talent of the home city at the end of the year, all tiers (persons, FTE): residents working for it + flexibleFte + enclaveFte + remoteFte. Equals residents without policies.',
    unit: 'persons',
    zh: '有效人才（FTE）',
    en: 'Effective talent (FTE)',
  },
  talentIndex: {
    description:
      "Effective talent weighted by tier, at the end of the year (persons at the entry wage, FTE): Σ over tiers of effective talent × the tier's weight, its wage in the home city at the start ÷ the lowest of those wages (talentWeights).",
    unit: 'persons',
    zh: '人才质量指数',
    en: 'Talent index (wage-weighted)',
  },
  flexibleFte: {
    description: 'FTE of part-time engagements (flexible hiring) by people living elsewhere, at the end of the year, all tiers (persons).',
    unit: 'persons',
    zh: '柔性引才（FTE）',
    en: 'Flexible hiring (FTE)',
  },
  enclaveFte: {
    description: 'FTE of people working for the home city in its enclave centres elsewhere, at the end of the year, all tiers (persons).',
    unit: 'persons',
    zh: '飞地中心（FTE）',
    en: 'Enclave centres (FTE)',
  },
  remoteFte: {
    description: 'FTE of remote collaboration with people living elsewhere, at the end of the year, all tiers (persons).',
    unit: 'persons',
    zh: '远程协作（FTE）',
    en: 'Remote work (FTE)',
  },
  cost: {
    description: 'Spending of all policies during the year (CNY); 0 without policies.',
    unit: 'cny',
    zh: '当年政策支出',
    en: 'Policy spending in the year',
  },
  costCumulative: {
    description: 'Spending of all policies from the start of the run to the end of the year (CNY).',
    unit: 'cny',
    zh: '累计政策支出',
    en: 'Cumulative policy spending',
  },
} as const satisfies Record<string, { description: string; unit: 'persons' | 'share' | 'cny'; zh: string; en: string }>;
export type SummaryMetric = keyof typeof SUMMARY_METRICS;
export const SUMMARY_METRIC_NAMES = Object.keys(SUMMARY_METRICS) as SummaryMetric[];

export interface SummaryRunRow {
  run: number;
  year: number;
  metric: SummaryMetric;
  /** NaN when undefined (a share of an empty stock). */
  value: number;
}

export interface SummaryRow {
  year: number;
  metric: SummaryMetric;
  /** Mean over the runs where the figure is defined; NaN if it is defined in none. */
  mean: number;
  p5: number;
  p95: number;
}

/**
 * One policy's yearly report in one run: `spending` (CNY) and each of its module's own metrics (persons: counts
 * during the year, or year-end stocks such as holders or staff, as the module defines them).
 */
export interface PolicyRow {
  run: number;
  year: number;
  /** The policy's unique name (the scenario's `name`, else its type, with #2, #3 … for repeats). */
  policy: string;
  /** The policy module, e.g. "flexible-hiring". */
  type: string;
  /** "spending", then the module's metrics in its order. */
  metric: string;
  /** CNY for spending, persons for the rest. */
  value: number;
}

/** A policy's yearly figure across runs: mean and 5–95 % band. */
export interface PolicySummaryRow {
  year: number;
  policy: string;
  type: string;
  metric: string;
  mean: number;
  p5: number;
  p95: number;
}

/** The metric name of a policy's spending in policy rows. */
export const POLICY_SPENDING = 'spending';

/**
 * Retention of the cohorts that joined the home city, averaged over runs.
 *
 * A cohort is everyone who joined the home city in one calendar year — graduating or entering there, or moving
 * in — except members of the initial stock, who are followed by `survivalInitial` instead. Cohorts are split by
 * the tier members had on joining and by whether they are natives; a person joins at most one cohort.
 * There is one row per (cohort, yearsSince) from the cohort's own year to the last simulated year, and only for
 * cohorts that had members in at least one run.
 */
export interface CohortRow {
  /** Calendar year in which the cohort joined the home city. */
  cohortYear: number;
  /** Tier id on joining. */
  tier: string;
  /** Whether the members are natives of the home city. */
  native: boolean;
  /** Persons who joined, mean over all runs (runs where nobody joined count as 0). */
  size: number;
  /** Years after joining: 0 is the end of the joining year itself. */
  yearsSince: number;
  /** Calendar year observed: cohortYear + yearsSince. */
  year: number;
  /** Runs in which the cohort had members: the share and its band are over these runs only. */
  runs: number;
  /** Share of the cohort still living in the home city at the end of `year`: mean over runs of remaining / size. */
  share: number;
  /** 5th and 95th percentiles of that share over the same runs. */
  p5: number;
  p95: number;
}

/**
 * Realised rates of moving, by year, location, tier and tenure at the location (rates.csv): what the agents' choices
 * made of the reconsideration hazard, to compare with observed leave rates (e.g. MyCOS: 13.7–21.7 % of graduates
 * left their big-city first jobs within 3 years).
 *
 * A rate is movers ÷ person-years at risk (occurrence ÷ exposure, per year): person-years are the end-of-tick stocks
 * of the cell summed over the year's ticks ÷ ticks per year, split by tenure band (TENURE_BANDS: years since
 * arriving at the location, tick − arrivalTick; an upgrade keeps it). `leave` counts movers out by their tenure
 * when they moved; retirements are not leaving. `arrive` counts movers in (entries are not arrivals), all tenures
 * only: an arrival has tenure 0. The rate over tenure `all` pools the bands.
 */
export interface RateRow {
  year: number;
  location: string;
  tier: string;
  /** A TENURE_BANDS id ('0-1', '1-3', '3-5', '5+', in years) or 'all'. */
  tenure: string;
  flow: 'leave' | 'arrive';
  /** Person-years at risk, mean over runs. */
  personYears: number;
  /** Persons who moved out (leave) or in (arrive) during the year, mean over runs. */
  movers: number;
  /** movers ÷ personYears per run, mean over the runs where personYears > 0; NaN (an empty cell) in none. */
  rate: number;
  /** 5th and 95th percentiles of that rate over the same runs. */
  p5: number;
  p95: number;
}

/** The tenure of RateRows that pools every band. */
export const ALL_TENURES = 'all';

/** Rate rows (see RateRow), by year, location, tier, then leave by tenure band, leave for all, arrive for all. */
export function rateRows(results: readonly RunResult[], scenario: ResolvedScenario): RateRow[] {
  checkShapes(results, scenario);
  const rows: RateRow[] = [];
  const first = results[0];
  if (!first) return rows;
  const { startYear, ticksPerYear } = scenario.run;
  const B = TENURE_BANDS.length;
  for (let y = 0; y < first.years; y++)
    for (let l = 0; l < first.locations; l++)
      for (let t = 0; t < first.tiers; t++) {
        const key = { year: startYear + y, location: scenario.locations[l].id, tier: scenario.tiers[t].id };
        // Per run, in agents and agent-ticks: each band's movers out and exposure, then the pooled figures.
        const bands = (r: RunResult, array: Float64Array, b: number) => array[tenureIndex(r, y, l, t, b)];
        const pooled = (r: RunResult, array: Float64Array) => {
          let n = 0;
          for (let b = 0; b < B; b++) n += bands(r, array, b);
          return n;
        };
        const arrivals = (r: RunResult) => {
          let n = 0;
          for (let tick = y * ticksPerYear; tick < (y + 1) * ticksPerYear; tick++) n += r.perTick[perTickIndex(r, tick, l, t, TickMetric.inflow)];
          return n;
        };
        const row = (tenure: string, flow: RateRow['flow'], movers: (r: RunResult) => number, exposure: (r: RunResult) => number): RateRow => {
          const personYears = results.map((r) => (exposure(r) * r.scale) / ticksPerYear);
          const moved = results.map((r) => movers(r) * r.scale);
          const rates = results.map((_, k) => (personYears[k] > 0 ? moved[k] / personYears[k] : NaN));
          const { mean: rate, p5, p95 } = meanAndBand(rates);
          return { ...key, tenure, flow, personYears: mean(personYears), movers: mean(moved), rate, p5, p95 };
        };
        TENURE_BANDS.forEach((band, b) =>
          rows.push(
            row(
              band.id,
              'leave',
              (r) => bands(r, r.leavers, b),
              (r) => bands(r, r.exposure, b),
            ),
          ),
        );
        rows.push(
          row(
            ALL_TENURES,
            'leave',
            (r) => pooled(r, r.leavers),
            (r) => pooled(r, r.exposure),
          ),
        );
        rows.push(row(ALL_TENURES, 'arrive', arrivals, (r) => pooled(r, r.exposure)));
      }
  return rows;
}

/**
 * Each tier's weight in the talent index: its wage in the home city at the start of the run ÷ the lowest of those
 * wages (the entry tier's, graduates' in the baseline). Wages by industry are the tier's wage × an industry factor,
 * so the ratios are the same in every industry. Computed from the scenario, never written in it.
 */
export function talentWeights(scenario: ResolvedScenario): number[] {
  const wages = scenario.locations[scenario.homeIndex].wage;
  const lowest = Math.min(...wages);
  return wages.map((w) => w / lowest);
}

/** Every time-series row, generated lazily (the full set can run to millions of rows): run, tick, location, tier, metric. */
export function* eachTimeseriesRow(results: readonly RunResult[], scenario: ResolvedScenario): Generator<TimeseriesRow> {
  checkShapes(results, scenario);
  const { startYear, ticksPerYear } = scenario.run;
  const M = TickMetric;
  for (const r of results) {
    const scale = r.scale;
    for (let tick = 0; tick < r.ticks; tick++) {
      const year = startYear + Math.floor(tick / ticksPerYear);
      for (let l = 0; l < r.locations; l++) {
        const location = scenario.locations[l].id;
        for (let t = 0; t < r.tiers; t++) {
          const tier = scenario.tiers[t].id;
          const at = (metric: number) => r.perTick[perTickIndex(r, tick, l, t, metric)] * scale;
          const inflow = at(M.inflow);
          const outflow = at(M.outflow);
          const values: Record<TimeseriesMetric, number> = {
            stock: at(M.stock),
            inflow,
            outflow,
            entries: at(M.entries),
            exits: at(M.exits),
            netFlow: inflow - outflow,
            tierIn: at(M.tierIn),
            tierOut: at(M.tierOut),
            effective: at(M.effective),
            flexibleFte: at(M.flexibleFte),
            enclaveFte: at(M.enclaveFte),
            remoteFte: at(M.remoteFte),
          };
          for (const metric of TIMESERIES_METRICS) yield { run: r.replication, tick, year, location, tier, metric, value: values[metric] };
        }
      }
    }
  }
}

export function timeseriesRows(results: readonly RunResult[], scenario: ResolvedScenario): TimeseriesRow[] {
  return [...eachTimeseriesRow(results, scenario)];
}

/** The origin→destination matrix per year and tier, nonzero cells only, generated lazily. */
export function* eachFlowRow(results: readonly RunResult[], scenario: ResolvedScenario): Generator<FlowRow> {
  checkShapes(results, scenario);
  const { startYear } = scenario.run;
  for (const r of results)
    for (let y = 0; y < r.years; y++)
      for (let from = 0; from < r.locations; from++)
        for (let to = 0; to < r.locations; to++)
          for (let t = 0; t < r.tiers; t++) {
            const moves = r.flows[flowIndex(r, y, from, to, t)];
            if (moves !== 0)
              yield {
                run: r.replication,
                year: startYear + y,
                origin: scenario.locations[from].id,
                destination: scenario.locations[to].id,
                tier: scenario.tiers[t].id,
                moves: moves * r.scale,
              };
          }
}

export function flowRows(results: readonly RunResult[], scenario: ResolvedScenario): FlowRow[] {
  return [...eachFlowRow(results, scenario)];
}

/** The home city's headline figures for every run and year (by run, then year, then metric). */
export function summaryRunRows(results: readonly RunResult[], scenario: ResolvedScenario): SummaryRunRow[] {
  checkShapes(results, scenario);
  const rows: SummaryRunRow[] = [];
  for (const r of results)
    for (let y = 0; y < r.years; y++) {
      const figures = homeFigures(r, scenario, y);
      for (const metric of SUMMARY_METRIC_NAMES) rows.push({ run: r.replication, year: scenario.run.startYear + y, metric, value: figures[metric] });
    }
  return rows;
}

/** The headline figures across runs: mean and 5–95 % band per year and metric (by year, then metric). */
export function summaryRows(results: readonly RunResult[], scenario: ResolvedScenario): SummaryRow[] {
  checkShapes(results, scenario);
  const years = results[0]?.years ?? 0;
  const perRun = results.map((r) => Array.from({ length: years }, (_, y) => homeFigures(r, scenario, y)));
  const rows: SummaryRow[] = [];
  for (let y = 0; y < years; y++)
    for (const metric of SUMMARY_METRIC_NAMES)
      rows.push({ year: scenario.run.startYear + y, metric, ...meanAndBand(perRun.map((figures) => figures[y][metric])) });
  return rows;
}

/** Every policy's yearly figures for every run (by run, year, policy in scenario order, then spending and the module's metrics). */
export function* eachPolicyRow(results: readonly RunResult[], scenario: ResolvedScenario): Generator<PolicyRow> {
  checkShapes(results, scenario);
  const { startYear } = scenario.run;
  for (const r of results)
    for (let y = 0; y < r.years; y++)
      for (const p of r.policies) {
        const metrics = policyMetricNames(p);
        for (let k = 0; k < metrics.length; k++)
          yield { run: r.replication, year: startYear + y, policy: p.name, type: p.type, metric: metrics[k], value: p.values[y * metrics.length + k] };
      }
}

export function policyRows(results: readonly RunResult[], scenario: ResolvedScenario): PolicyRow[] {
  return [...eachPolicyRow(results, scenario)];
}

/** Every policy's yearly figures across runs: mean and 5–95 % band (by year, policy, then spending and the module's metrics). */
export function policySummaryRows(results: readonly RunResult[], scenario: ResolvedScenario): PolicySummaryRow[] {
  checkShapes(results, scenario);
  const rows: PolicySummaryRow[] = [];
  const first = results[0];
  if (!first) return rows;
  for (let y = 0; y < first.years; y++)
    first.policies.forEach((p, j) => {
      const metrics = policyMetricNames(p);
      for (let k = 0; k < metrics.length; k++)
        rows.push({
          year: scenario.run.startYear + y,
          policy: p.name,
          type: p.type,
          metric: metrics[k],
          ...meanAndBand(results.map((r) => r.policies[j].values[y * metrics.length + k])),
        });
    });
  return rows;
}

/** Cohort retention rows (see CohortRow), by cohort year, tier, native (false first), then years since. */
export function cohortRows(results: readonly RunResult[], scenario: ResolvedScenario): CohortRow[] {
  checkShapes(results, scenario);
  const rows: CohortRow[] = [];
  if (results.length === 0) return rows;
  const { years, tiers } = results[0];
  const { startYear } = scenario.run;
  for (let cohort = 0; cohort < years; cohort++)
    for (let t = 0; t < tiers; t++)
      for (const native of [0, 1]) {
        const sizes = results.map((r) => r.cohortSize[cohortIndex(r, cohort, t, native)]);
        const present = results.filter((_, k) => sizes[k] > 0);
        if (present.length === 0) continue;
        const size = mean(results.map((r, k) => sizes[k] * r.scale));
        for (let observed = cohort; observed < years; observed++) {
          const shares = present.map((r) => {
            const index = cohortIndex(r, cohort, t, native);
            return r.cohortRemaining[index * r.years + observed] / r.cohortSize[index];
          });
          rows.push({
            cohortYear: startYear + cohort,
            tier: scenario.tiers[t].id,
            native: native === 1,
            size,
            yearsSince: observed - cohort,
            year: startYear + observed,
            runs: present.length,
            ...renameMean(meanAndBand(shares)),
          });
        }
      }
  return rows;
}

/** The headline figures of one run and simulated year, before aggregation. */
function homeFigures(r: RunResult, scenario: ResolvedScenario, year: number): Record<SummaryMetric, number> {
  const home = scenario.homeIndex;
  const { ticksPerYear } = scenario.run;
  const lastTick = (year + 1) * ticksPerYear - 1;
  let net = 0;
  for (let tick = year * ticksPerYear; tick <= lastTick; tick++)
    for (let t = 0; t < r.tiers; t++)
      net += r.perTick[perTickIndex(r, tick, home, t, TickMetric.inflow)] - r.perTick[perTickIndex(r, tick, home, t, TickMetric.outflow)];
  let residents = 0;
  let top = 0;
  const isTop = new Set(scenario.topTiers);
  for (let t = 0; t < r.tiers; t++) {
    const stock = r.perTick[perTickIndex(r, lastTick, home, t, TickMetric.stock)];
    residents += stock;
    if (isTop.has(t)) top += stock;
  }
  const weights = talentWeights(scenario);
  let weighted = 0;
  for (let t = 0; t < r.tiers; t++) weighted += weights[t] * r.perTick[perTickIndex(r, lastTick, home, t, TickMetric.effective)];
  const homeCount = (metric: number) => r.home[year * HOME_METRICS.length + metric];
  const yearEnd = (metric: number) => {
    let n = 0;
    for (let t = 0; t < r.tiers; t++) n += r.perTick[perTickIndex(r, lastTick, home, t, metric)];
    return n * r.scale;
  };
  let cost = 0;
  let costCumulative = 0;
  for (const p of r.policies) {
    const width = 1 + p.metrics.length;
    cost += p.values[year * width];
    for (let y = 0; y <= year; y++) costCumulative += p.values[y * width];
  }
  return {
    netRetention: net * r.scale,
    residents: residents * r.scale,
    survivalInitial: r.initialHome > 0 ? homeCount(HomeMetric.initialRemaining) / r.initialHome : NaN,
    topShare: residents > 0 ? top / residents : NaN,
    nativesReturning: homeCount(HomeMetric.nativesReturning) * r.scale,
    diaspora: homeCount(HomeMetric.diaspora) * r.scale,
    recruited: homeCount(HomeMetric.recruited) * r.scale,
    effectiveTalent: yearEnd(TickMetric.effective),
    talentIndex: weighted * r.scale,
    flexibleFte: yearEnd(TickMetric.flexibleFte),
    enclaveFte: yearEnd(TickMetric.enclaveFte),
    remoteFte: yearEnd(TickMetric.remoteFte),
    cost,
    costCumulative,
  };
}

/** The metric names of a policy's rows: spending, then the module's own. */
function policyMetricNames(p: PolicyReport): string[] {
  return [POLICY_SPENDING, ...p.metrics];
}

function renameMean({ mean: share, p5, p95 }: { mean: number; p5: number; p95: number }) {
  return { share, p5, p95 };
}

/** Results from another scenario or a mixed set would silently produce wrong rows; refuse them. */
function checkShapes(results: readonly RunResult[], scenario: ResolvedScenario): void {
  const L = scenario.locations.length;
  const T = scenario.tiers.length;
  const first = results[0];
  for (const r of results) {
    const expected = {
      initialStock: L * T,
      perTick: r.ticks * L * T * TICK_METRICS.length,
      flows: r.years * L * L * T,
      home: r.years * HOME_METRICS.length,
      cohortSize: r.years * T * 2,
      cohortRemaining: r.years * T * 2 * r.years,
      leavers: r.years * L * T * TENURE_BANDS.length,
      exposure: r.years * L * T * TENURE_BANDS.length,
      graduates: r.years * r.entries * L,
    };
    const wrong =
      r.locations !== L ||
      r.tiers !== T ||
      r.ticks !== r.years * scenario.run.ticksPerYear ||
      r.years !== first.years ||
      (Object.keys(expected) as (keyof typeof expected)[]).some((key) => r[key].length !== expected[key]) ||
      !policiesMatch(r, scenario);
    if (wrong)
      throw new Error(
        `replication ${r.replication} does not match scenario "${scenario.name}" (${L} locations, ${T} tiers, ${scenario.run.ticksPerYear} ticks a year, ${scenario.policies.length} policies) or the other replications; rows need the results of one scenario run`,
      );
  }
}

/** The run reports the scenario's policies, in its order, each with its module's metrics and one row of values a year. */
function policiesMatch(r: RunResult, scenario: ResolvedScenario): boolean {
  return (
    r.policies.length === scenario.policies.length &&
    r.policies.every((p, k) => {
      const { spec, module } = scenario.policies[k];
      return (
        p.name === spec.name &&
        p.type === spec.type &&
        p.metrics.length === module.metrics.length &&
        p.metrics.every((m, j) => m === module.metrics[j]) &&
        p.values.length === r.years * (1 + p.metrics.length)
      );
    })
  );
}
