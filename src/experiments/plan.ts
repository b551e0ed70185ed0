// Plans of sweeps and sensitivity analyses (which factors, which points) and the tables made from their runs.
// Pure: no I/O; randomness from seeded streams (src/core/random.ts).
import { stream } from '../core/random.js';
import { SUMMARY_METRIC_NAMES, type SummaryMetric } from '../core/rows.js';
import { meanAndBand } from '../core/stats.js';
import { didYouMean } from '../core/errors.js';
import { UsageError } from '../core/errors.js';
import { LIMITS } from '../core/limits.js';
import { counted, experiments as messages } from '../core/messages.js';
import type { Posterior } from '../scenario/posterior.js';
import type { ResolvedScenario } from '../scenario/resolve.js';
import type { Scenario } from '../scenario/schema.js';
import {
  fromUnit,
  gridPoints,
  latinHypercube,
  morrisDesign,
  morrisEffects,
  oatDesign,
  oatEffects,
  type MorrisDesign,
  type MorrisEffect,
  type OatEffect,
  type OatPoint,
} from './design.js';
import { factorAt, findFactor, outsideNote, type Factor } from './paths.js';
import { saltelliDesign, sobolIndices, weightedMarginal, type SaltelliDesign, type SobolIndex, type SobolIndices } from './sobol.js';

/** A scenario as loaded: the validated input and its resolved form. */
export interface PlanBase {
  scenario: Scenario;
  resolved: ResolvedScenario;
}

/** A factor named on the command line (`--vary PATH=v1,v2,…`, `--vary PATH=low:high:n` or `--vary PATH`). */
export interface VarySpec {
  path: string;
  /** The values to take; none: the declared range decides (or `steps`). */
  values?: number[];
  /** `low:high:n`: n values evenly spaced from low to high, made only once the size of the plan is checked. */
  steps?: { low: number; high: number; count: number };
}

/**
 * Reads `PATH=v1,v2,…` (the values), `PATH=low:high:n` (n values evenly spaced from low to high, low below high) or
 * `PATH` alone. Throws a UsageError for a value that is not a number, a count that is not a whole number ≥ 2, or a
 * step of 0 or less. A range is not expanded here: its count may be past any limit (planSweep checks it first).
 */
export function parseVary(text: string): VarySpec {
  const at = text.lastIndexOf('=');
  if (at < 0) return { path: text.trim() };
  const path = text.slice(0, at).trim();
  const list = text.slice(at + 1).trim();
  const bad = (why: string) => new UsageError(messages.varySyntax(text, why));
  if (!path) throw bad('the parameter path is missing before "="');
  if (!list) throw bad('no values after "="');
  const number = (s: string) => {
    const v = Number(s.trim().replace(/_/g, ''));
    if (s.trim() === '' || Number.isNaN(v)) throw bad(`"${s.trim()}" is not a number`);
    if (!Number.isFinite(v)) throw bad(`"${s.trim()}" is not a finite number`);
    return v;
  };
  const steps = list.split(':');
  if (steps.length === 3) {
    const [low, high] = steps.slice(0, 2).map(number);
    const countText = steps[2].trim().replace(/_/g, '');
    const count = Number(countText);
    if (countText === '' || Number.isNaN(count)) throw bad(`the count "${steps[2].trim()}" is not a number`);
    if (!Number.isInteger(count) || count < 2) throw new UsageError(messages.varyCount(text, count));
    if (!(high > low)) throw new UsageError(messages.varyStep(text, low, high));
    return { path, steps: { low, high, count } };
  }
  if (steps.length !== 1) throw bad('a range is written low:high:n');
  return { path, values: list.split(',').map(number) };
}

/** How many values a --vary gives (undefined: the declared range decides). */
export function varyCount(spec: VarySpec): number | undefined {
  return spec.values?.length ?? spec.steps?.count;
}

/** The values of a --vary, a range expanded. */
export function varyValues(spec: VarySpec): number[] | undefined {
  if (spec.values || !spec.steps) return spec.values;
  const { low, high, count } = spec.steps;
  return Array.from({ length: count }, (_, i) => (i === count - 1 ? high : low + ((high - low) * i) / (count - 1)));
}

/** The size of an experiment, checked against the limit on model runs before anything is made. */
export interface SizeLimit {
  /** Replications per point (default: the scenario's run.runs). */
  runs?: number;
  /** The most model runs (points × runs) allowed; default LIMITS.maxModelRuns. */
  maxModelRuns?: number;
}

/**
 * Refuses an experiment of `points` points × `runs` runs past the limit, before its points are made: a grid of
 * 1,000,000,000 values would run out of memory long before it ran. More points than LIMITS.maxDesignPoints are
 * refused whatever the limit. `lower` says how to make it smaller.
 */
export function checkModelRuns(
  what: string,
  points: number,
  unit: string,
  runs: number,
  limit: number = LIMITS.maxModelRuns,
  lower = 'use fewer --runs',
): void {
  const total = points * runs;
  const tooMany = points > LIMITS.maxDesignPoints;
  if (total > limit) {
    const fits = tooMany
      ? { raisable: false, most: counted(LIMITS.maxDesignPoints, unit) }
      : { raisable: total <= LIMITS.maxModelRunsCeiling, most: counted(LIMITS.maxModelRunsCeiling, 'model run') };
    throw new UsageError(messages.tooManyModelRuns(what, `${counted(points, unit)} × ${counted(runs, 'run')}`, total, limit, lower, fits.most, fits.raisable));
  }
  if (tooMany) throw new UsageError(messages.tooManyPoints(what, counted(points, unit), `${unit}s`, LIMITS.maxDesignPoints));
}

const asSpec = (v: string | VarySpec): VarySpec => (typeof v === 'string' ? parseVary(v) : v);

/** Factors for the named paths, each once; throws a UsageError for a path given twice. */
function namedFactors(base: PlanBase, specs: VarySpec[]): { factor: Factor; spec: VarySpec }[] {
  const out: { factor: Factor; spec: VarySpec }[] = [];
  for (const spec of specs) {
    const factor = findFactor(base.scenario, spec.path);
    if (out.some((o) => o.factor.label === factor.label)) throw new UsageError(messages.varyTwice(factor.label));
    out.push({ factor, spec });
  }
  return out;
}

/** Every parameter the scenario declares a range for (its assumptions), in the order resolveScenario lists them. */
export function rangedFactors(base: PlanBase): Factor[] {
  return base.resolved.assumptions.filter((a) => a.range).map((a) => factorAt(base.scenario, a.path));
}

const needRange = (factor: Factor, how: string) => new UsageError(messages.needRange(factor.label, factor.base, how));

/** The distinct values of a list, ascending. */
const distinctSorted = (values: number[]) => [...new Set(values)].sort((a, b) => a - b);

// ---- sweeps -----------------------------------------------------------------------------------------------------

export interface SweepPlanOptions extends SizeLimit {
  /** The parameters: `PATH=v1,v2,…` for a grid; `PATH` alone for a sample (or a grid over low, value, high). */
  vary: (string | VarySpec)[];
  /** `grid` (default): every combination of the values; `lhs`: a Latin hypercube sample of the declared ranges. */
  sample?: 'grid' | 'lhs';
  /** Points of a sample (default 20). */
  n?: number;
  /** Seed of the sample (default: the scenario's run.seed). */
  seed?: number;
}

export interface SweepPlan {
  design: 'grid' | 'lhs';
  factors: Factor[];
  /** The values of each point, in the order of `factors`. */
  points: number[][];
  /** For a grid, the values of each factor. */
  values?: number[][];
  seed: number;
}

/**
 * A sweep's points. A grid takes each factor's values (or, for `PATH` alone, the low end, value and high end of its
 * declared range); its size is the product of the counts. A Latin hypercube sample (`sample: 'lhs'`) draws `n`
 * points from the declared ranges of the named parameters, or of all of them when none is named.
 */
export function planSweep(base: PlanBase, options: SweepPlanOptions): SweepPlan {
  const design = options.sample ?? 'grid';
  const seed = options.seed ?? base.resolved.run.seed;
  const named = namedFactors(base, options.vary.map(asSpec));
  const runs = options.runs ?? base.resolved.run.runs;
  if (design === 'grid') {
    if (!named.length) throw new UsageError(messages.gridNeedsParameter());
    // The grid's size is the product of the counts, known before any value is made.
    const counts = named.map(
      ({ factor, spec }) => varyCount(spec) ?? (factor.range ? distinctSorted([factor.range[0], factor.base, factor.range[1]]).length : 1),
    );
    const size = counts.reduce((a, b) => a * b, 1);
    checkModelRuns('sweep', size, 'point', runs, options.maxModelRuns, 'use fewer values (a smaller n in low:high:n) or fewer --runs');
    const values = named.map(({ factor, spec }) => {
      const values = varyValues(spec);
      if (values) return values;
      if (!factor.range) throw needRange(factor, `give its values: --vary ${factor.label}=v1,v2,…`);
      return distinctSorted([factor.range[0], factor.base, factor.range[1]]);
    });
    return { design, factors: named.map((n) => n.factor), points: gridPoints(values), values, seed };
  }
  const withValues = named.find((n) => varyCount(n.spec) !== undefined);
  if (withValues) throw new UsageError(messages.sampleWithValues(withValues.factor.label));
  const n = options.n ?? 20;
  if (!Number.isInteger(n) || n < 1 || n > 100000) throw new UsageError(messages.sampleSize(n));
  checkModelRuns('sweep', n, 'point', runs, options.maxModelRuns, 'sample fewer points (-n) or use fewer --runs');
  const factors = named.length ? named.map((x) => x.factor) : rangedFactors(base);
  if (!factors.length) throw new UsageError(messages.noRangesToSample());
  for (const f of factors) if (!f.range) throw needRange(f, 'name only parameters with a range');
  const ranges = factors.map((f) => f.range!);
  const unit = latinHypercube(n, factors.length, stream(seed, 0, 'sweep-lhs'));
  return { design, factors, points: unit.map((u) => fromUnit(u, ranges)), seed };
}

/** A note for each factor value outside the factor's declared range (each value once): allowed, but worth knowing. */
export function outsideRangeNotes(factors: readonly Factor[], points: readonly number[][]): string[] {
  const notes = new Set<string>();
  for (const point of points)
    factors.forEach((f, k) => {
      if (f.range && (point[k] < f.range[0] || point[k] > f.range[1])) notes.add(outsideNote(f, point[k]));
    });
  return [...notes];
}

// ---- sensitivity ------------------------------------------------------------------------------------------------

/** The methods of a sensitivity analysis. */
export const SENSITIVITY_METHODS = ['oat', 'morris', 'sobol'] as const;
export type SensitivityMethod = (typeof SENSITIVITY_METHODS)[number];

/** Where a Sobol' analysis samples its parameters: their declared ranges, or the marginals of the scenario's posterior. */
export type SobolRanges = 'declared' | 'posterior';

export interface SensitivityPlanOptions extends SizeLimit {
  /** `oat` (default): one at a time, for a tornado chart; `morris`: elementary effects; `sobol`: Sobol' indices. */
  method?: SensitivityMethod;
  /** Only these parameters (default: every declared range); `PATH=low,high` gives or replaces the range. */
  vary?: (string | VarySpec)[];
  /** Morris trajectories r (default 4): r (k + 1) points. */
  trajectories?: number;
  /** Morris grid levels p, even (default 4). */
  levels?: number;
  /** Sobol' base samples N (default 64): N (k + 2) points. */
  n?: number;
  /**
   * Sobol': `declared` (default) samples each parameter uniformly over its declared range; `posterior` samples the
   * parameters of the scenario's posterior, each from its weighted marginal (see sobolUnitMap).
   */
  ranges?: SobolRanges;
  /** Seed of the Morris or Saltelli design and of the bootstrap (default: the scenario's run.seed). */
  seed?: number;
}

export interface SensitivityPlan {
  method: SensitivityMethod;
  /** The factors, each with the range analysed. */
  factors: (Factor & { range: [number, number] })[];
  points: number[][];
  /** One-at-a-time: what each point is. */
  oat?: OatPoint[];
  morris?: MorrisDesign;
  /** Sobol': the Saltelli design and where its parameters were sampled. */
  sobol?: { design: SaltelliDesign; ranges: SobolRanges; posterior?: string };
  seed: number;
}

/** Base samples of a Sobol' analysis unless -n says otherwise. */
export const SOBOL_SAMPLES = 64;

/** The seeded streams of a Sobol' analysis: its design, and the bootstrap of its intervals. */
export const SOBOL_STREAMS = { design: 'sensitivity-sobol', bootstrap: 'sensitivity-sobol-bootstrap' } as const;

/**
 * The points of a sensitivity analysis over the declared ranges: one at a time (the base, then each factor at the
 * low and high end of its range: 2k + 1 points) or Morris (r trajectories of k + 1 points on a p-level grid).
 */
export function planSensitivity(base: PlanBase & { posterior?: Posterior }, options: SensitivityPlanOptions = {}): SensitivityPlan {
  const method = options.method ?? 'oat';
  const seed = options.seed ?? base.resolved.run.seed;
  if (options.ranges === 'posterior') {
    if (method !== 'sobol') throw new UsageError(messages.posteriorRangesNeedSobol(method));
    return planSobolPosterior(base, options, seed);
  }
  const named = namedFactors(base, (options.vary ?? []).map(asSpec));
  const factors = (named.length ? named : rangedFactors(base).map((factor) => ({ factor, spec: { path: factor.label } as VarySpec }))).map(
    ({ factor, spec }) => {
      const { values } = spec;
      if (spec.steps || values) {
        if (!values || values.length !== 2 || values[0] >= values[1]) {
          const given = values ? values.join(',') : `${spec.steps!.low}:${spec.steps!.high}:${spec.steps!.count}`;
          throw new UsageError(messages.sensitivityNeedsRange(factor.label, given));
        }
        return { ...factor, range: [values[0], values[1]] as [number, number] };
      }
      if (!factor.range) throw needRange(factor, `give a range: --vary ${factor.label}=<low>,<high>`);
      return { ...factor, range: factor.range };
    },
  );
  if (!factors.length) throw new UsageError(messages.noRangesToAnalyse());
  const ranges = factors.map((f) => f.range);
  const runs = options.runs ?? base.resolved.run.runs;
  const fewer = (how: string) => `${how}, or fewer --runs`;
  if (method === 'oat') {
    checkModelRuns('sensitivity analysis', 2 * factors.length + 1, 'point', runs, options.maxModelRuns, fewer('analyse fewer parameters (--vary PATH …)'));
    const { points, design } = oatDesign(
      factors.map((f) => f.base),
      ranges,
    );
    return { method, factors, points, oat: design, seed };
  }
  if (method === 'sobol') {
    const n = sobolSamples(options.n);
    checkModelRuns('sensitivity analysis', n * (factors.length + 2), 'point', runs, options.maxModelRuns, fewer(SOBOL_LOWER));
    const design = saltelliDesign(factors.length, n, stream(seed, 0, SOBOL_STREAMS.design));
    return { method, factors, points: design.unit.map((u) => fromUnit(u, ranges)), sobol: { design, ranges: 'declared' }, seed };
  }
  const r = options.trajectories ?? 4;
  const p = options.levels ?? 4;
  if (!Number.isInteger(r) || r < 1 || r > 1000) throw new UsageError(messages.trajectories(r));
  if (!Number.isInteger(p) || p < 2 || p > 100 || p % 2 !== 0) throw new UsageError(messages.levels(p));
  checkModelRuns(
    'sensitivity analysis',
    r * (factors.length + 1),
    'point',
    runs,
    options.maxModelRuns,
    fewer('use fewer trajectories (-r) or analyse fewer parameters (--vary PATH …)'),
  );
  const design = morrisDesign(factors.length, r, p, stream(seed, 0, 'sensitivity-morris'));
  return { method, factors, points: design.unit.map((u) => fromUnit(u, ranges)), morris: design, seed };
}

const SOBOL_LOWER = 'use fewer base samples (-n) or analyse fewer parameters (--vary PATH …)';

/** -n of a Sobol' analysis, checked: a whole number from 2 to 100,000. */
function sobolSamples(n: number = SOBOL_SAMPLES): number {
  if (!Number.isInteger(n) || n < 2 || n > 100000) throw new UsageError(messages.sobolSamples(n));
  return n;
}

/**
 * A Sobol' plan over the scenario's posterior: its parameters (or those named with --vary, each one of them), each
 * sampled independently from its weighted marginal, so the analysis apportions the variance that the calibration
 * leaves among the fitted parameters. A factor's range is the span of its particles (of weight above 0).
 */
function planSobolPosterior(base: PlanBase & { posterior?: Posterior }, options: SensitivityPlanOptions, seed: number): SensitivityPlan {
  const { posterior } = base;
  if (!posterior) throw new UsageError(messages.noPosteriorToSample(base.resolved.name));
  const named = namedFactors(base, (options.vary ?? []).map(asSpec));
  const columns = named.length
    ? named.map(({ factor, spec }) => {
        if (spec.values || spec.steps) throw new UsageError(messages.posteriorVaryValues(factor.label));
        const column = posterior.parameters.indexOf(factor.label);
        if (column < 0) throw new UsageError(messages.notInPosterior(factor.label, posterior.parameters));
        return column;
      })
    : posterior.parameters.map((_, j) => j);
  const marginals = columns.map((j) =>
    weightedMarginal(
      posterior.values.map((row) => row[j]),
      posterior.weights,
    ),
  );
  const factors = columns.map((j) => {
    const factor = findFactor(base.scenario, posterior.parameters[j]);
    const values = posterior.values.filter((_, p) => posterior.weights[p] > 0).map((row) => row[j]);
    return { ...factor, range: [Math.min(...values), Math.max(...values)] as [number, number] };
  });
  const n = sobolSamples(options.n);
  const runs = options.runs ?? base.resolved.run.runs;
  checkModelRuns('sensitivity analysis', n * (factors.length + 2), 'point', runs, options.maxModelRuns, `${SOBOL_LOWER}, or fewer --runs`);
  const design = saltelliDesign(factors.length, n, stream(seed, 0, SOBOL_STREAMS.design));
  const points = design.unit.map((u) => u.map((x, i) => marginals[i](x)));
  return { method: 'sobol', factors, points, sobol: { design, ranges: 'posterior', posterior: posterior.file }, seed };
}

// ---- outcomes and tables ----------------------------------------------------------------------------------------

/** Settings that fix the years of the outcome. */
export interface OutcomeSettings {
  runs: number;
  seed: number;
  years: number;
  startYear: number;
}

/** The outcome an analysis ranks by: a summary metric in a calendar year. */
export interface Outcome {
  metric: SummaryMetric;
  year: number;
}

/** The outcome asked for, checked: default net retention in the last simulated year (the horizon). */
export function chooseOutcome(settings: OutcomeSettings, metric: string = 'netRetention', year?: number): Outcome {
  if (!(SUMMARY_METRIC_NAMES as readonly string[]).includes(metric)) {
    const suggestion = didYouMean(metric, SUMMARY_METRIC_NAMES);
    throw new UsageError(messages.unknownOutcome(metric, suggestion, SUMMARY_METRIC_NAMES));
  }
  const last = settings.startYear + settings.years - 1;
  const chosen = year ?? last;
  if (!Number.isInteger(chosen) || chosen < settings.startYear || chosen > last)
    throw new UsageError(messages.yearNotSimulated(chosen, settings.startYear, last));
  return { metric: metric as SummaryMetric, year: chosen };
}

/** What the runs of a plan produced: Bazhong's summary figures per point (see runner.ts). */
export interface PointFigures {
  settings: OutcomeSettings;
  /** Per design point: runs × years × metrics numbers, metrics in SUMMARY_METRIC_NAMES order. */
  figures: Float64Array[];
}

/** A figure of one point's run: yearIndex 0 is the first simulated year; NaN marks an undefined share. */
export function figure(outcome: PointFigures, point: number, run: number, yearIndex: number, metric: SummaryMetric): number {
  const M = SUMMARY_METRIC_NAMES.length;
  return outcome.figures[point][(run * outcome.settings.years + yearIndex) * M + SUMMARY_METRIC_NAMES.indexOf(metric)];
}

/** A metric's values over the runs of a point in a calendar year. */
export function pointValues(outcome: PointFigures, point: number, metric: SummaryMetric, year: number): number[] {
  return Array.from({ length: outcome.settings.runs }, (_, run) => figure(outcome, point, run, year - outcome.settings.startYear, metric));
}

/** The outcome per design point: its mean over runs (NaN values, undefined shares, left out). */
export function pointMeans(outcome: PointFigures, chosen: Outcome): number[] {
  return outcome.figures.map((_, point) => meanAndBand(pointValues(outcome, point, chosen.metric, chosen.year)).mean);
}

/** A table: column names and rows of values in column order. */
export interface Table {
  columns: string[];
  rows: unknown[][];
}

/** Every figure of every point's runs: point, the point's values, run, seed, year, metric, value. */
export function pointRunsTable(
  factors: readonly Factor[],
  points: readonly number[][],
  outcome: PointFigures,
  lead: (point: number) => unknown[] = (p) => [p, ...points[p]],
  leadColumns = ['point', ...factors.map((f) => f.label)],
): Table {
  const { runs, years, startYear, seed } = outcome.settings;
  const rows: unknown[][] = [];
  points.forEach((_, p) => {
    const first = lead(p);
    for (let run = 0; run < runs; run++)
      for (let y = 0; y < years; y++)
        for (const metric of SUMMARY_METRIC_NAMES) rows.push([...first, run, seed, startYear + y, metric, figure(outcome, p, run, y, metric)]);
  });
  return { columns: [...leadColumns, 'run', 'seed', 'year', 'metric', 'value'], rows };
}

/** Mean and 5–95 % band over runs per point, year and metric, with the point's values. */
export function pointSummaryTable(factors: readonly Factor[], points: readonly number[][], outcome: PointFigures): Table {
  const { runs, years, startYear, seed } = outcome.settings;
  const rows: unknown[][] = [];
  points.forEach((values, p) => {
    for (let y = 0; y < years; y++)
      for (const metric of SUMMARY_METRIC_NAMES) {
        const { mean, p5, p95 } = meanAndBand(pointValues(outcome, p, metric, startYear + y));
        rows.push([p, ...values, runs, seed, startYear + y, metric, mean, p5, p95]);
      }
  });
  return { columns: ['point', ...factors.map((f) => f.label), 'runs', 'seed', 'year', 'metric', 'mean', 'p5', 'p95'], rows };
}

/** One-at-a-time effects of a plan's factors on the outcome, ranked by swing. */
export function oatResults(plan: SensitivityPlan, means: readonly number[]): (OatEffect & { factor: number })[] {
  if (!plan.oat) throw new Error('not a one-at-a-time plan');
  return oatEffects(plan.oat, means);
}

/** Morris statistics of a plan's factors on the outcome, ranked by μ*. */
export function morrisResults(plan: SensitivityPlan, means: readonly number[]): MorrisEffect[] {
  if (!plan.morris) throw new Error('not a Morris plan');
  return morrisEffects(plan.morris, means);
}

/** Sobol' indices of a plan's factors on the outcome (bootstrap from the plan's seed), ranked by ST. */
export function sobolResults(plan: SensitivityPlan, means: readonly number[]): SobolIndices {
  if (!plan.sobol) throw new Error("not a Sobol' plan");
  return sobolIndices(plan.sobol.design, means, stream(plan.seed, 0, SOBOL_STREAMS.bootstrap));
}

/** sobol.csv: S1, ST and the half-widths of their 95 % bootstrap intervals per parameter, largest ST first. */
export function sobolTable(plan: SensitivityPlan, indices: SobolIndices, chosen: Outcome): Table {
  const rows = [...indices.indices]
    .sort((a, b) => a.rank - b.rank)
    .map((e: SobolIndex) => {
      const f = plan.factors[e.factor];
      return [e.rank, f.label, f.range[0], f.base, f.range[1], e.S1, e.S1_conf, e.ST, e.ST_conf, indices.samples, chosen.metric, chosen.year, f.source ?? ''];
    });
  return {
    columns: ['rank', 'parameter', 'low', 'base', 'high', 'S1', 'S1_conf', 'ST', 'ST_conf', 'samples', 'metric', 'year', 'source'],
    rows,
  };
}

/** oat.csv: the tornado chart's numbers, largest swing first. */
export function oatTable(plan: SensitivityPlan, effects: readonly OatEffect[], chosen: Outcome): Table {
  const rows = [...effects]
    .sort((a, b) => a.rank - b.rank)
    .map((e) => {
      const f = plan.factors[e.factor];
      return [
        e.rank,
        f.label,
        f.range[0],
        f.base,
        f.range[1],
        e.outcomeLow,
        e.outcomeBase,
        e.outcomeHigh,
        e.outcomeHigh - e.outcomeLow,
        e.swing,
        chosen.metric,
        chosen.year,
        f.source ?? '',
      ];
    });
  return {
    columns: ['rank', 'parameter', 'low', 'base', 'high', 'outcomeLow', 'outcomeBase', 'outcomeHigh', 'change', 'swing', 'metric', 'year', 'source'],
    rows,
  };
}

/** morris.csv: μ, μ* and σ per parameter, largest μ* first; effects are per full range of the parameter. */
export function morrisTable(plan: SensitivityPlan, effects: readonly MorrisEffect[], chosen: Outcome): Table {
  const rows = [...effects]
    .sort((a, b) => a.rank - b.rank)
    .map((e) => {
      const f = plan.factors[e.factor];
      return [e.rank, f.label, f.range[0], f.base, f.range[1], e.mu, e.muStar, e.sigma, e.effects.length, chosen.metric, chosen.year, f.source ?? ''];
    });
  return { columns: ['rank', 'parameter', 'low', 'base', 'high', 'mu', 'muStar', 'sigma', 'trajectories', 'metric', 'year', 'source'], rows };
}

/** What each point of a sensitivity design is, and the values of all its factors. */
export function sensitivityPointsTable(plan: SensitivityPlan): Table {
  const labels = plan.factors.map((f) => f.label);
  if (plan.oat)
    return {
      columns: ['point', 'parameter', 'level', 'value', ...labels],
      rows: plan.points.map((values, p) => {
        const { factor, level } = plan.oat![p];
        return [p, factor < 0 ? '' : labels[factor], level, factor < 0 ? '' : values[factor], ...values];
      }),
    };
  if (plan.sobol)
    return {
      columns: ['point', 'sample', 'matrix', 'parameter', 'value', ...labels],
      rows: plan.points.map((values, p) => {
        const { sample, matrix, factor } = plan.sobol!.design.steps[p];
        return [p, sample, matrix, factor < 0 ? '' : labels[factor], factor < 0 ? '' : values[factor], ...values];
      }),
    };
  return {
    columns: ['point', 'trajectory', 'step', 'parameter', 'value', ...labels],
    rows: plan.points.map((values, p) => {
      const { trajectory, step, factor } = plan.morris!.steps[p];
      return [p, trajectory, step, factor < 0 ? '' : labels[factor], factor < 0 ? '' : values[factor], ...values];
    }),
  };
}
