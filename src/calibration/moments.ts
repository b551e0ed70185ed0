// The simulated moments of calibration targets: each target's figure in one replication, its scaled error, and the
// distance the fit minimises. Pure: results and a scenario in, numbers out, summed in a fixed order (replication
// order), so the same runs give the same bits whatever thread made them.
import { UsageError } from '../core/errors.js';
import { targets as messages } from '../core/messages.js';
import { exposureAt, graduatesAt, leaversAt, movesAt, stockAt, TENURE_BANDS, type RunResult } from '../core/results.js';
import { summaryRunRows, type SummaryMetric } from '../core/rows.js';
import type { ResolvedScenario } from '../core/scenario.js';
import { meanAndBand } from '../core/stats.js';
import type { Target } from './targets.js';

/**
 * One replication's value of a target's measure (targets.ts, MEASURE_SCHEMAS): persons for counts, a share or a rate
 * for the rest. Over several years a summary figure (or a stock) is averaged; a share or a rate pools its counts
 * (numerators over denominators), so a year with few movers weighs little. NaN where the figure is undefined (a share
 * of nobody). Throws a UsageError if the run does not report a year the measure needs.
 */
export function measureValue(target: Target, scenario: ResolvedScenario, r: RunResult): number {
  const m = target.measure;
  const { startYear, ticksPerYear } = scenario.run;
  const yearIndex = (year: number) => {
    const y = year - startYear;
    if (y < 0 || y >= r.years) throw new UsageError(messages.runTooShort(target.name, year, startYear + r.years - 1));
    return y;
  };
  const span = (years: [number, number]) => {
    const out: number[] = [];
    for (let year = years[0]; year <= years[1]; year++) out.push(yearIndex(year));
    return out;
  };
  const location = (id: string) => indexOf(scenario.locations, id, 'location');
  const tiers = (ids: readonly string[] | undefined) => (ids ? ids.map((id) => indexOf(scenario.tiers, id, 'tier')) : scenario.tiers.map((_, t) => t));
  switch (m.kind) {
    case 'summary': {
      const years = span(m.years);
      let sum = 0;
      for (const y of years) sum += summaryFigure(r, scenario, m.metric, y);
      return sum / years.length;
    }
    case 'growth': {
      const from = summaryFigure(r, scenario, m.metric, yearIndex(m.from));
      const to = summaryFigure(r, scenario, m.metric, yearIndex(m.to));
      return from > 0 && to >= 0 ? Math.pow(to / from, 1 / (m.to - m.from)) - 1 : NaN;
    }
    case 'outflowShare': {
      const home = scenario.homeIndex;
      const destinations = new Set(m.to.map(location));
      const counted = tiers(m.tiers);
      let toNamed = 0;
      let all = 0;
      for (const y of span(m.years))
        for (let to = 0; to < r.locations; to++) {
          if (to === home) continue;
          for (const t of counted) {
            const moves = movesAt(r, y, home, to, t);
            all += moves;
            if (destinations.has(to)) toNamed += moves;
          }
        }
      return all > 0 ? toNamed / all : NaN;
    }
    case 'leaveRate': {
      const l = location(m.location);
      const bands = m.tenure ? m.tenure.map((id) => TENURE_BANDS.findIndex((b) => b.id === id)) : TENURE_BANDS.map((_, b) => b);
      let movers = 0;
      let agentTicks = 0;
      for (const y of span(m.years))
        for (const t of tiers(m.tiers))
          for (const b of bands) {
            movers += leaversAt(r, y, l, t, b);
            agentTicks += exposureAt(r, y, l, t, b);
          }
      if (!(agentTicks > 0)) return NaN;
      const rate = movers / (agentTicks / ticksPerYear);
      return m.withinYears === undefined ? rate : 1 - Math.exp(-m.withinYears * rate);
    }
    case 'firstJob': {
      const entry = scenario.entries.findIndex((e) => e.name === m.entry);
      if (entry < 0) throw new Error(`no entry stream "${m.entry}" in scenario "${scenario.name}"`);
      if (r.entries !== scenario.entries.length) throw new UsageError(messages.noGraduates(target.name));
      const at = new Set(m.at.map(location));
      let there = 0;
      let all = 0;
      for (const y of span(m.years))
        for (let l = 0; l < r.locations; l++) {
          const n = graduatesAt(r, y, entry, l);
          all += n;
          if (at.has(l)) there += n;
        }
      return all > 0 ? there / all : NaN;
    }
    case 'stock': {
      const l = location(m.location);
      const years = span(m.years);
      let sum = 0;
      for (const y of years) for (const t of tiers(m.tiers)) sum += stockAt(r, (y + 1) * ticksPerYear - 1, l, t);
      return (sum * r.scale) / years.length / (m.per ?? 1);
    }
  }
}

/**
 * A target's error at a simulated value, in tolerances: (simulated − the nearest acceptable value) ÷ tolerance, signed
 * (positive above). An `equal` target accepts only its value; `atMost` everything up to it, `atLeast` everything from
 * it, `within` its range: on the good side the error is 0. NaN for an undefined figure.
 */
export function targetError(target: Target, simulated: number): number {
  const [low, high] = acceptable(target);
  if (simulated < low) return (simulated - low) / target.tolerance;
  if (simulated > high) return (simulated - high) / target.tolerance;
  return Number.isNaN(simulated) ? NaN : 0;
}

/** The values a target accepts with no error, [low, high]. */
export function acceptable(target: Target): [number, number] {
  const value = target.value ?? NaN;
  switch (target.kind) {
    case 'equal':
      return [value, value];
    case 'atMost':
      return [-Infinity, value];
    case 'atLeast':
      return [value, Infinity];
    case 'within':
      return [target.range![0], target.range![1]];
  }
}

/**
 * The distance the calibration minimises: Σ over the fitted targets (not held out) of their squared error at the
 * simulated values (`simulated[k]` for `targets[k]`: a mean over runs, or one run's values), in target order.
 * Infinity if a fitted target's figure is undefined (NaN): such a point is as far as can be.
 */
export function distance(targets: readonly Target[], simulated: readonly number[]): number {
  let sum = 0;
  for (let k = 0; k < targets.length; k++) {
    if (targets[k].heldOut) continue;
    const error = targetError(targets[k], simulated[k]);
    if (Number.isNaN(error)) return Infinity;
    sum += error * error;
  }
  return sum;
}

/** A target's simulated moment over the replications of one scenario. */
export interface Moment {
  name: string;
  heldOut: boolean;
  /** Each replication's value, in replication order. */
  values: number[];
  /** The replications, in the same order. */
  replications: number[];
  /** Mean over the runs where the figure is defined (NaN in none), and its 5th and 95th percentiles (stats.ts). */
  mean: number;
  p5: number;
  p95: number;
  /** targetError at the mean. */
  error: number;
}

/**
 * Every target's per-run values and mean over the results (taken in replication order whatever order they came in,
 * so that the sums are the same bits whatever the thread count). distance(targets, moments.map((m) => m.mean)) is
 * the fit's distance.
 */
export function momentsOf(targets: readonly Target[], scenario: ResolvedScenario, results: readonly RunResult[]): Moment[] {
  const runs = [...results].sort((a, b) => a.replication - b.replication);
  return targets.map((target) => {
    const values = runs.map((r) => measureValue(target, scenario, r));
    const { mean, p5, p95 } = meanAndBand(values);
    return {
      name: target.name,
      heldOut: target.heldOut,
      values,
      replications: runs.map((r) => r.replication),
      mean,
      p5,
      p95,
      error: targetError(target, mean),
    };
  });
}

/** One run's summary figure in a simulated year, as summary.csv gives it (rows.ts computes it). */
function summaryFigure(r: RunResult, scenario: ResolvedScenario, metric: SummaryMetric, year: number): number {
  const calendar = scenario.run.startYear + year;
  const row = summaryRunRows([r], scenario).find((row) => row.year === calendar && row.metric === metric);
  if (!row) throw new Error(`no summary figure ${metric} for ${calendar}`);
  return row.value;
}

/** The index of an id among a scenario's locations or tiers; the targets were checked against it, so a miss is a bug. */
function indexOf(list: readonly { id: string }[], id: string, what: string): number {
  const k = list.findIndex((item) => item.id === id);
  if (k < 0) throw new Error(`no ${what} "${id}" in the scenario the targets were checked against`);
  return k;
}
