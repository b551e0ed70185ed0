// `sim robustness` as library calls (Node): every policy scenario and the baseline run in the same futures (a Latin
// hypercube of the declared uncertain ranges, or particles of the posterior), paired with the baseline in each; the
// robustness of each policy across the futures, and scenario discovery (PRIM) of where a policy fails. The tables and
// run.json are made here; src/publish.ts writes them with the charts and report.
import { performance } from 'node:perf_hooks';
import { didYouMean, formatPath, UsageError } from '../core/errors.js';
import { LIMITS } from '../core/limits.js';
import { counted, experiments as experimentMessages, robustness as messages } from '../core/messages.js';
import { pick, stream } from '../core/random.js';
import { SUMMARY_METRIC_NAMES, summaryRunRows } from '../core/rows.js';
import { mean, quantileSorted, sortedAscending } from '../core/stats.js';
import type { RunResult } from '../core/results.js';
import type { RankingMetric } from '../compare/compare.js';
import { checkPairable, rankingSettings, scenarioFiles } from '../compare/run.js';
import { checkOutputTarget, type StagedFolder, type WrittenFile } from '../output/folder.js';
import { csvNumber, type Lang } from '../output/format.js';
import { fieldLabel, scenarioTitle } from '../output/labels.js';
import { inputAsRun, runRecord } from '../output/record.js';
import { chooseThreads, type RunSettings } from '../runner/run.js';
import { scheduleTasks, type ModelTask } from '../runner/scheduler.js';
import { findScenarioFile, loadScenario, type LoadedScenario } from '../scenario/load.js';
import { cumulativeWeights } from '../scenario/posterior.js';
import type { ResolvedScenario } from '../scenario/resolve.js';
import { registryOf, variant } from '../scenario/variant.js';
import { fromUnit, latinHypercube } from './design.js';
import { factorAt, findFactor, type Factor } from './paths.js';
import { prim, type PrimResult } from './prim.js';

/*
 * Definitions (also in docs/experiments.md, "Robustness across futures").
 *
 * A future is one setting of the uncertain parameters. Every scenario — the baseline and each policy — runs in every
 * future, replications 0 … R − 1 from the same master seed (common random numbers), so run r of a policy in future f
 * is paired with run r of the baseline in future f, and the two differ only by the policy.
 *
 * Effect of policy p in future f = mean over runs of (metric of p − metric of the baseline) in the horizon year.
 * It beats the baseline in f when that effect is > 0. Share = futures it beats the baseline in ÷ futures with an
 * effect. Mean and 10th percentile (Hyndman & Fan type 7) of the effects over the futures.
 *
 * Regret of p in f = the largest effect of any policy tested in f − the effect of p (0 for the best policy there).
 * Mean and largest regret over the futures; policies are ranked by mean regret (the smallest first), ties by the
 * largest regret.
 *
 * Cost per extra talent-year of p in f = mean over runs of (costCumulative of p − of the baseline, in the horizon
 * year) ÷ mean over runs of the extra effective talent-years through the horizon (as in sim compare); +Infinity when
 * p spends more but adds no talent-years (≤ 0); undefined (left out) when p spends no more than the baseline. Median
 * and 10th–90th percentiles over the futures where it is defined.
 */

export const FUTURES_FROM = ['ranges', 'posterior'] as const;
export type FuturesFrom = (typeof FUTURES_FROM)[number];

/** The stream the futures are drawn from: "<seed>/0/robustness-futures". */
export const FUTURES_STREAM = 'robustness-futures';

export interface RobustnessOptions {
  /** The scenario every policy is paired against; default baseline.yaml. */
  baseline?: string;
  /** Futures (default 50). */
  futures?: number;
  /** `ranges` (default): a Latin hypercube of the declared ranges; `posterior`: particles of the baseline's posterior, drawn by weight. */
  from?: FuturesFrom;
  /** Only these parameters' ranges (field paths); default every range the baseline declares outside its policies. */
  vary?: string[];
  runs?: number;
  seed?: number;
  years?: number;
  scale?: number;
  threads?: number;
  /** Metric of the effect (default effectiveTalent) in the horizon year (default the last simulated year). */
  metric?: RankingMetric;
  horizon?: number;
  /** The most model runs (scenarios × futures × runs) allowed; default LIMITS.maxModelRuns. */
  maxModelRuns?: number;
  /** Policies (names) whose failure PRIM explains; default every policy. */
  discover?: string[];
  /** PRIM's settings (see prim.ts). */
  alpha?: number;
  minSupport?: number;
  threshold?: number;
  lang?: Lang;
  out?: string;
  cwd?: string;
  onProgress?: (doneTicks: number, totalTicks: number) => void;
  signal?: AbortSignal;
}

/** The futures: the parameters set, and their values in each future. */
export interface FuturesPlan {
  from: FuturesFrom;
  /** The parameters, as the baseline names them. */
  factors: Factor[];
  /** Per future, the parameters' values in the order of `factors`. */
  values: number[][];
  seed: number;
  /** The full range of each parameter (its declared range; for a posterior parameter without one, the posterior's). */
  ranges: [number, number][];
  /** With a posterior: each future's particle (its row of posterior.csv and its number) and the file. */
  particles?: { row: number; particle: number }[];
  posterior?: string;
}

export interface PreparedRobustness {
  baseline: LoadedScenario;
  /** The policy scenarios, in the order given (globs sorted), the baseline left out. */
  policies: LoadedScenario[];
  settings: RunSettings;
  plan: FuturesPlan;
  metric: RankingMetric;
  horizonYear: number;
  /** Indices into `policies` of the policies PRIM explains. */
  discover: number[];
  prim: { alpha: number; minSupport: number; threshold: number };
  threads?: number;
  lang: Lang;
  dir: string;
  /** variants[s][f]: scenario s (0 the baseline, then the policies) in future f, validated and resolved. */
  variants: ResolvedScenario[][];
  /** What the futures leave as it was: a parameter a policy scenario sets itself, values outside a range. */
  notes: string[];
}

/** The figures kept of each run: the metric in the horizon year, costCumulative then, and the effective talent-years through it. */
export const KEPT = ['metric', 'costCumulative', 'effectiveTalentYears'] as const;

export interface RobustnessRuns {
  /** figures[s][f]: runs × KEPT numbers of scenario s in future f. */
  figures: Float64Array[][];
  threads: number;
  wallMs: number;
  modelRuns: number;
}

/** One policy's robustness across the futures (see the definitions above). */
export interface PolicyRobustness {
  /** Index into the policies. */
  policy: number;
  /** Futures with a defined effect. */
  futures: number;
  shareBeats: number;
  effectMean: number;
  effectP10: number;
  regretMean: number;
  regretMax: number;
  /** Futures in which a cost per extra talent-year is defined (Infinity included). */
  costFutures: number;
  costMedian: number;
  costP10: number;
  costP90: number;
  /** 1 for the smallest mean regret. */
  rank: number;
}

/** Per policy and future: the effect, the regret, and the cost per extra talent-year (see the definitions above). */
export interface FutureTable {
  effect: number[][];
  regret: number[][];
  extraCost: number[][];
  extraTalentYears: number[][];
  costPerTalentYear: number[][];
}

/** A policy's failure explained: PRIM on the futures where it does not beat the baseline. */
export interface Discovery {
  policy: number;
  /** Futures used (those with a defined effect) and failures among them. */
  futures: number;
  failures: number;
  /** Undefined when the policy fails in none or all of the futures: nothing to explain. */
  result?: PrimResult;
}

export interface RobustnessResult {
  prepared: PreparedRobustness;
  runs: RobustnessRuns;
  table: FutureTable;
  policies: PolicyRobustness[];
  discoveries: Discovery[];
}

// ---- statistics (pure) ------------------------------------------------------------------------------------------

/** The p-quantile (type 7) of the values that are not NaN; NaN for none. */
function quantileOf(values: readonly number[], p: number): number {
  return quantileSorted(sortedAscending(values.filter((v) => !Number.isNaN(v))), p);
}

/** Per future, the largest effect of any policy, and each policy's regret against it (NaN where its effect is). */
export function regrets(effect: readonly (readonly number[])[]): number[][] {
  const futures = effect[0]?.length ?? 0;
  const best = Array.from({ length: futures }, (_, f) => Math.max(...effect.map((row) => (Number.isNaN(row[f]) ? -Infinity : row[f]))));
  return effect.map((row) => row.map((e, f) => (Number.isNaN(e) ? NaN : best[f] - e)));
}

/** A future's cost per extra talent-year from its runs: ratio of the means; Infinity when it spends but adds none; NaN when it spends no more. */
export function futureCost(extraCost: readonly number[], extraTalentYears: readonly number[]): number {
  const pairs = extraCost.flatMap((c, k) => (Number.isFinite(c) && Number.isFinite(extraTalentYears[k]) ? [[c, extraTalentYears[k]]] : []));
  if (!pairs.length) return NaN;
  const cost = mean(pairs.map(([c]) => c));
  const talentYears = mean(pairs.map(([, t]) => t));
  return cost > 0 ? (talentYears > 0 ? cost / talentYears : Infinity) : NaN;
}

/** Each policy's robustness from its effects and costs in every future (policies × futures), ranked by mean regret. */
export function robustnessOf(effect: readonly (readonly number[])[], costPerTalentYear: readonly (readonly number[])[]): PolicyRobustness[] {
  const regret = regrets(effect);
  const out = effect.map((row, policy): PolicyRobustness => {
    const defined = row.filter((e) => !Number.isNaN(e));
    const costs = costPerTalentYear[policy].filter((c) => !Number.isNaN(c));
    const regretDefined = regret[policy].filter((r) => !Number.isNaN(r));
    return {
      policy,
      futures: defined.length,
      shareBeats: defined.length ? defined.filter((e) => e > 0).length / defined.length : NaN,
      effectMean: mean(defined),
      effectP10: quantileOf(defined, 0.1),
      regretMean: mean(regretDefined),
      regretMax: regretDefined.length ? Math.max(...regretDefined) : NaN,
      costFutures: costs.length,
      costMedian: quantileOf(costs, 0.5),
      costP10: quantileOf(costs, 0.1),
      costP90: quantileOf(costs, 0.9),
      rank: 0,
    };
  });
  const key = (p: PolicyRobustness) => (Number.isNaN(p.regretMean) ? Infinity : p.regretMean);
  [...out].sort((a, b) => key(a) - key(b) || a.regretMax - b.regretMax || a.policy - b.policy).forEach((p, r) => (out[p.policy].rank = r + 1));
  return out;
}

// ---- planning ---------------------------------------------------------------------------------------------------

/** The futures: a Latin hypercube over the ranges of `factors`, or `n` particles of the baseline's posterior drawn by weight. */
export function planFutures(
  baseline: Pick<LoadedScenario, 'scenario' | 'resolved' | 'posterior'>,
  n: number,
  from: FuturesFrom,
  seed: number,
  vary: readonly string[] = [],
): FuturesPlan {
  const uniform = stream(seed, 0, FUTURES_STREAM);
  if (from === 'posterior') {
    const posterior = baseline.posterior;
    if (!posterior) throw new UsageError(messages.noPosterior(baseline.resolved.name));
    if (vary.length) throw new UsageError(messages.varyWithPosterior());
    const factors = posterior.parameters.map((label) => findFactor(baseline.scenario, label));
    const cumulative = cumulativeWeights(posterior);
    const rows = Array.from({ length: n }, () => pick(cumulative, uniform));
    const ranges = factors.map((f, j): [number, number] => {
      if (f.range) return [f.range[0], f.range[1]];
      const column = posterior.values.map((v) => v[j]);
      return [Math.min(...column), Math.max(...column)];
    });
    return {
      from,
      factors,
      values: rows.map((row) => [...posterior.values[row]]),
      seed,
      ranges,
      particles: rows.map((row) => ({ row, particle: posterior.particles[row] })),
      posterior: posterior.file,
    };
  }
  const factors = vary.length
    ? vary.map((path) => findFactor(baseline.scenario, path))
    : baseline.resolved.assumptions.filter((a) => a.range && a.path[0] !== 'policies').map((a) => factorAt(baseline.scenario, a.path));
  if (!factors.length) throw new UsageError(messages.noUncertainRanges(baseline.resolved.name));
  const seen = new Set<string>();
  for (const f of factors) {
    if (seen.has(f.label)) throw new UsageError(experimentMessages.varyTwice(f.label));
    seen.add(f.label);
    if (!f.range) throw new UsageError(experimentMessages.needRange(f.label, f.base, 'name only parameters with a range'));
  }
  const ranges = factors.map((f) => f.range!);
  return { from, factors, values: latinHypercube(n, factors.length, uniform).map((u) => fromUnit(u, ranges)), seed, ranges };
}

/**
 * Finds and loads the baseline and the policy scenarios, checks every setting, plans the futures and makes every
 * scenario in every future into a validated, resolved scenario — all before anything runs: a problem is a
 * UsageError (or a ScenarioError) and nothing is written. The size (scenarios × futures × runs) is checked against
 * the limit before the policies are loaded.
 */
export async function prepareRobustness(patterns: readonly string[], options: RobustnessOptions = {}): Promise<PreparedRobustness> {
  const cwd = options.cwd ?? process.cwd();
  if (patterns.length === 0) throw new UsageError(messages.noPolicies());
  const n = options.futures ?? 50;
  if (!Number.isInteger(n) || n < 2 || n > 100000) throw new UsageError(messages.futuresCount(n));
  const from = options.from ?? 'ranges';
  if (!(FUTURES_FROM as readonly string[]).includes(from)) throw new UsageError(messages.unknownFrom(String(from)));
  const baselineFile = findScenarioFile(options.baseline ?? 'baseline.yaml', cwd);
  const files = (await scenarioFiles(patterns, cwd)).filter((f) => f !== baselineFile);
  if (files.length === 0) throw new UsageError(experimentMessages.onlyBaseline(baselineFile));
  const baseline = await loadScenario(baselineFile, { cwd });
  const runs = options.runs ?? baseline.resolved.run.runs;
  const limit = options.maxModelRuns ?? LIMITS.maxModelRuns;
  const total = (files.length + 1) * n * runs;
  // Each scenario in each future is a whole scenario in memory: as many as a sweep's points at most.
  const distinct = (files.length + 1) * n;
  const tooMany = distinct > LIMITS.maxDesignPoints;
  if (total > limit)
    throw new UsageError(
      experimentMessages.tooManyModelRuns(
        'robustness analysis',
        `${counted(files.length + 1, 'scenario')} × ${counted(n, 'future')} × ${counted(runs, 'run')}`,
        total,
        limit,
        'test fewer policies at a time, draw fewer --futures, or use fewer --runs',
        tooMany ? `${counted(LIMITS.maxDesignPoints, 'scenario variant')} (scenarios × futures)` : counted(LIMITS.maxModelRunsCeiling, 'model run'),
        !tooMany && total <= LIMITS.maxModelRunsCeiling,
      ),
    );
  if (tooMany)
    throw new UsageError(
      experimentMessages.tooManyPoints(
        'robustness analysis',
        `${counted(files.length + 1, 'scenario')} × ${counted(n, 'future')} = ${counted(distinct, 'scenario variant')}`,
        'policies or --futures',
        LIMITS.maxDesignPoints,
      ),
    );
  const policies: LoadedScenario[] = [];
  for (const file of files) policies.push(await loadScenario(file, { cwd }));
  checkPairable(baseline, policies);
  const { settings, horizonYear, metric, lang } = rankingSettings(baseline, options);
  const prim = {
    alpha: checked('alpha', options.alpha ?? 0.05, (v) => v > 0 && v < 0.5, 'a number above 0 and below 0.5'),
    minSupport: checked('min-support', options.minSupport ?? 0.05, (v) => v > 0 && v < 1, 'a number above 0 and below 1'),
    threshold: checked('threshold', options.threshold ?? 0.8, (v) => v > 0 && v <= 1, 'a number above 0 and at most 1'),
  };
  const names = policies.map((p) => p.resolved.name);
  const discover = (options.discover ?? names).map((name) => {
    const k = names.indexOf(name);
    if (k < 0) throw new UsageError(messages.unknownDiscover(name, names, didYouMean(name, names)));
    return k;
  });
  const plan = planFutures(baseline, n, from, settings.seed, options.vary);
  const { variants, notes } = futureScenarios([baseline, ...policies], plan);
  const dir = checkOutputTarget('robustness', { out: options.out, cwd });
  return {
    baseline,
    policies,
    settings,
    plan,
    metric,
    horizonYear,
    discover: [...new Set(discover)],
    prim,
    threads: options.threads,
    lang,
    dir,
    variants,
    notes,
  };
}

function checked(name: string, value: number, ok: (v: number) => boolean, takes: string): number {
  if (!Number.isFinite(value) || !ok(value)) throw new UsageError(messages.primSetting(name, value, takes));
  return value;
}

/**
 * Every scenario in every future: the future's values set on it (withValues), its policies' own parameters untouched.
 * A parameter a policy scenario sets to a value of its own (not the baseline's) is that policy's choice and stays as
 * it is, with a note.
 */
export function futureScenarios(scenarios: readonly LoadedScenario[], plan: FuturesPlan): { variants: ResolvedScenario[][]; notes: string[] } {
  const notes = new Set<string>();
  const variants = scenarios.map((loaded, s) => {
    const registry = registryOf(loaded.resolved);
    const kept: number[] = [];
    const factors: Factor[] = [];
    plan.factors.forEach((f, j) => {
      let own: Factor;
      try {
        own = findFactor(loaded.scenario, f.label);
      } catch (error) {
        if (error instanceof UsageError) throw new UsageError(messages.policyLacks(loaded.file, f.label));
        throw error;
      }
      if (s > 0 && own.base !== f.base && plan.from === 'ranges') {
        notes.add(`${loaded.resolved.name} sets ${f.label} to ${own.base} itself (the baseline: ${f.base}); the futures leave it so`);
        return;
      }
      kept.push(j);
      factors.push(own);
    });
    return plan.values.map((values, future) => {
      const { resolved, notes: own } = variant(
        loaded.scenario,
        registry,
        factors,
        kept.map((j) => values[j]),
        `future ${future} of ${loaded.resolved.name}`,
      );
      own.forEach((note) => notes.add(note));
      return resolved;
    });
  });
  return { variants, notes: [...notes] };
}

// ---- running ----------------------------------------------------------------------------------------------------

/**
 * Runs every scenario in every future, replications 0 … runs − 1 from the same master seed, as one list of tasks
 * on the one scheduler; keeps only the figures of KEPT of each run. The outcome is identical whatever the thread count.
 */
export async function runRobustness(prepared: PreparedRobustness, options: Pick<RobustnessOptions, 'onProgress' | 'signal'> = {}): Promise<RobustnessRuns> {
  const { settings, variants, horizonYear, metric } = prepared;
  const { runs, seed, years, scale } = settings;
  const futures = prepared.plan.values.length;
  const tasks: ModelTask[] = variants.flatMap((row) =>
    row.flatMap((scenario) => Array.from({ length: runs }, (_, replication) => ({ scenario, options: { replication, seed, years, scale } }))),
  );
  const threads = chooseThreads(prepared.baseline.resolved, tasks.length, prepared.threads);
  const figures = variants.map((row) => row.map(() => new Float64Array(runs * KEPT.length)));
  const M = SUMMARY_METRIC_NAMES.length;
  const at = (name: string) => SUMMARY_METRIC_NAMES.indexOf(name as (typeof SUMMARY_METRIC_NAMES)[number]);
  const [metricAt, costAt, talentAt] = [at(metric), at('costCumulative'), at('effectiveTalent')];
  const horizon = horizonYear - settings.startYear;
  const keep = (index: number, result: RunResult) => {
    const run = index % runs;
    const future = Math.floor(index / runs) % futures;
    const s = Math.floor(index / (runs * futures));
    const rows = summaryRunRows([result], variants[s][future]);
    let talentYears = 0;
    for (let y = 0; y <= horizon; y++) talentYears += rows[y * M + talentAt].value;
    figures[s][future].set([rows[horizon * M + metricAt].value, rows[horizon * M + costAt].value, talentYears], run * KEPT.length);
  };
  const started = performance.now();
  // Tasks go scenario by scenario (the baseline, then the policies), each future's runs in a row.
  const fileOf = (index: number) => [prepared.baseline, ...prepared.policies][Math.floor(index / (runs * futures))].file;
  await scheduleTasks(tasks, keep, { threads, onProgress: options.onProgress, signal: options.signal, fileOf });
  return { figures, threads, wallMs: performance.now() - started, modelRuns: tasks.length };
}

/** Effects, regrets and costs per policy and future, paired run by run with the baseline in the same future. */
export function futureTable(prepared: PreparedRobustness, runs: RobustnessRuns): FutureTable {
  const R = prepared.settings.runs;
  const K = KEPT.length;
  const base = runs.figures[0];
  const per = (s: number, f: number, column: number) => Array.from({ length: R }, (_, r) => runs.figures[s][f][r * K + column] - base[f][r * K + column]);
  const policies = prepared.policies.map((_, p) => p + 1);
  const effect = policies.map((s) => base.map((_, f) => mean(per(s, f, 0).filter((d) => !Number.isNaN(d)))));
  const extraCost = policies.map((s) => base.map((_, f) => mean(per(s, f, 1))));
  const extraTalentYears = policies.map((s) => base.map((_, f) => mean(per(s, f, 2))));
  const costPerTalentYear = policies.map((s) => base.map((_, f) => futureCost(per(s, f, 1), per(s, f, 2))));
  return { effect, regret: regrets(effect), extraCost, extraTalentYears, costPerTalentYear };
}

/** PRIM on the futures' parameters for each policy to explain: the target is "does not beat the baseline" (effect ≤ 0). */
export function discoveries(prepared: PreparedRobustness, table: FutureTable): Discovery[] {
  return prepared.discover.map((policy) => {
    const futures = table.effect[policy].flatMap((e, f) => (Number.isNaN(e) ? [] : [f]));
    const y = futures.map((f) => (table.effect[policy][f] <= 0 ? 1 : 0));
    const failures = y.reduce((a: number, b) => a + b, 0);
    if (failures === 0 || failures === futures.length) return { policy, futures: futures.length, failures };
    const x = futures.map((f) => prepared.plan.values[f]);
    return { policy, futures: futures.length, failures, result: prim(x, y, { ...prepared.prim, ranges: prepared.plan.ranges }) };
  });
}

/** Prepares, runs and analyses in one call: `robustness(['scenarios/*.yaml'], { futures: 20, runs: 3 })`. */
export async function robustness(patterns: readonly string[], options: RobustnessOptions = {}): Promise<RobustnessResult> {
  const prepared = await prepareRobustness(patterns, options);
  return analyseRobustness(prepared, await runRobustness(prepared, options));
}

/** The analysis of the runs: the future table, each policy's robustness and the discoveries. */
export function analyseRobustness(prepared: PreparedRobustness, runs: RobustnessRuns): RobustnessResult {
  const table = futureTable(prepared, runs);
  return { prepared, runs, table, policies: robustnessOf(table.effect, table.costPerTalentYear), discoveries: discoveries(prepared, table) };
}

// ---- tables -----------------------------------------------------------------------------------------------------

/** The files of a robustness analysis, in the order written (the PRIM files and chart only when a failure is explained). */
export const ROBUSTNESS_FILES = [
  'robustness.csv',
  'futures.csv',
  'robustness-runs.csv',
  'prim.csv',
  'prim-box.csv',
  'robustness-effects.vl.json',
  'robustness-effects.svg',
  'robustness-effects.png',
  'robustness-regret.vl.json',
  'robustness-regret.svg',
  'robustness-regret.png',
  'prim-trajectory.vl.json',
  'prim-trajectory.svg',
  'prim-trajectory.png',
  'report.html',
  'run.json',
] as const;

/** A policy as tables and charts name it: its title in `lang`. */
export const policyTitle = (loaded: LoadedScenario, lang: Lang) => scenarioTitle(loaded.resolved, lang);

/** The limits of a box that differ from the full ranges, as text: "path ≥ low; path ≤ high". */
export function boxText(box: readonly (readonly [number, number])[], ranges: readonly (readonly [number, number])[], labels: readonly string[]): string {
  return box
    .flatMap(([low, high], j) => [...(low > ranges[j][0] ? [`${labels[j]} ≥ ${low}`] : []), ...(high < ranges[j][1] ? [`${labels[j]} ≤ ${high}`] : [])])
    .join('; ');
}

/**
 * Writes robustness.csv (one row per policy, ranked), futures.csv (every future's parameter values and each policy's
 * effect, regret and cost in it), robustness-runs.csv (every run's kept figures, from which the rest can be
 * recomputed) and, when a failure is explained, prim.csv (the peeling trajectories) and prim-box.csv (the chosen
 * boxes' limits) into a folder being written.
 */
export function writeRobustnessTables(folder: StagedFolder, result: RobustnessResult): void {
  const { prepared, table, policies } = result;
  const { lang, plan, settings } = prepared;
  const names = prepared.policies.map((p) => p.resolved.name);
  const labels = plan.factors.map((f) => f.label);
  folder.csv(
    'robustness.csv',
    [
      'rank',
      'policy',
      'title',
      'metric',
      'horizonYear',
      'futures',
      'runs',
      'shareBeatsBaseline',
      'effectMean',
      'effectP10',
      'regretMean',
      'regretMax',
      'costFutures',
      'costPerTalentYearMedian',
      'costPerTalentYearP10',
      'costPerTalentYearP90',
    ],
    [...policies]
      .sort((a, b) => a.rank - b.rank)
      .map((p) => [
        p.rank,
        names[p.policy],
        policyTitle(prepared.policies[p.policy], lang),
        prepared.metric,
        prepared.horizonYear,
        p.futures,
        settings.runs,
        p.shareBeats,
        p.effectMean,
        p.effectP10,
        p.regretMean,
        p.regretMax,
        p.costFutures,
        p.costMedian,
        p.costP10,
        p.costP90,
      ]),
  );
  const perPolicy = (what: string) => names.map((name) => `${what}[${name}]`);
  folder.csv(
    'futures.csv',
    [
      'future',
      ...(plan.particles ? ['particle'] : []),
      ...labels,
      ...perPolicy('effect'),
      ...perPolicy('regret'),
      ...perPolicy('extraCost'),
      ...perPolicy('extraTalentYears'),
      ...perPolicy('costPerTalentYear'),
    ],
    plan.values.map((values, f) => [
      f,
      ...(plan.particles ? [plan.particles[f].particle] : []),
      ...values,
      ...[table.effect, table.regret, table.extraCost, table.extraTalentYears, table.costPerTalentYear].flatMap((rows) => rows.map((row) => row[f])),
    ]),
  );
  const scenarioNames = [prepared.baseline.resolved.name, ...names];
  folder.csv(
    'robustness-runs.csv',
    ['scenario', 'future', 'run', 'seed', 'year', ...KEPT.map((k) => (k === 'metric' ? prepared.metric : k))],
    (function* () {
      for (let s = 0; s < scenarioNames.length; s++)
        for (let f = 0; f < plan.values.length; f++)
          for (let r = 0; r < settings.runs; r++) {
            const at = r * KEPT.length;
            const figures = result.runs.figures[s][f];
            yield [scenarioNames[s], f, r, settings.seed, prepared.horizonYear, figures[at], figures[at + 1], figures[at + 2]];
          }
    })(),
    // At full precision, so that `sim report` makes the other tables from it byte for byte.
    { exact: true },
  );
  const explained = result.discoveries.filter((d) => d.result);
  if (!explained.length) return;
  folder.csv(
    'prim.csv',
    ['policy', 'step', 'coverage', 'density', 'support', 'points', 'restricted', 'peeled', 'side', 'chosen', 'box'],
    explained.flatMap((d) =>
      d.result!.steps.map((s) => [
        names[d.policy],
        s.step,
        s.coverage,
        s.density,
        s.support,
        s.points,
        s.restricted,
        s.peeled < 0 ? '' : labels[s.peeled],
        s.side,
        s.step === d.result!.chosen ? 1 : 0,
        boxText(s.box, d.result!.ranges, labels),
      ]),
    ),
  );
  folder.csv(
    'prim-box.csv',
    ['policy', 'parameter', 'path', 'low', 'high', 'rangeLow', 'rangeHigh', 'step', 'coverage', 'density', 'support', 'reachesThreshold'],
    explained.flatMap((d) => {
      const r = d.result!;
      const step = r.steps[r.chosen];
      return step.box.flatMap(([low, high], j) =>
        low > r.ranges[j][0] || high < r.ranges[j][1]
          ? [
              [
                names[d.policy],
                fieldLabel(labels[j], lang, prepared.baseline.scenario),
                labels[j],
                low,
                high,
                r.ranges[j][0],
                r.ranges[j][1],
                step.step,
                step.coverage,
                step.density,
                step.support,
                r.reachesThreshold ? 1 : 0,
              ],
            ]
          : [],
      );
    }),
  );
}

/** A robustness analysis's run.json: the settings, futures, seeds and scenarios that produced the files beside it. */
export function robustnessJson(result: RobustnessResult, files: readonly WrittenFile[]) {
  const { prepared, runs } = result;
  const { settings, plan, baseline } = prepared;
  return runRecord(
    { command: 'robustness', scenario: baseline, runBlock: baseline.resolved.run, settings, threads: runs.threads, wallMs: runs.wallMs },
    {
      kind: 'robustness',
      baseline: baseline.resolved.name,
      policies: prepared.policies.map((p) => ({ name: p.resolved.name, file: p.file, input: inputAsRun(p.resolved, settings) })),
      outcome: { metric: prepared.metric, year: prepared.horizonYear },
      futures: {
        n: plan.values.length,
        from: plan.from,
        seed: plan.seed,
        stream: `${plan.seed}/0/${FUTURES_STREAM}`,
        ...(plan.posterior ? { posterior: plan.posterior } : {}),
        parameters: plan.factors.map((f, j) => ({
          parameter: f.label,
          path: formatPath(f.path),
          base: f.base,
          range: plan.ranges[j],
          source: f.source ?? null,
        })),
      },
      design: { scenarios: prepared.policies.length + 1, futures: plan.values.length, runs: settings.runs, modelRuns: runs.modelRuns },
      discovery: {
        policies: prepared.discover.map((k) => prepared.policies[k].resolved.name),
        condition: `the policy does not beat the baseline: its effect on ${prepared.metric} in ${prepared.horizonYear} is ≤ 0`,
        ...prepared.prim,
        method:
          'PRIM (Friedman & Fisher 1999) by peeling only: each step cuts off the alpha share of the box’s points at the end of one parameter that leaves the highest density, until no cut leaves minSupport of the futures. The chosen box: of the steps with density ≥ threshold, the largest harmonic mean of coverage and density (else of all steps).',
      },
      notes: [...prepared.notes],
      definitions: {
        futures:
          plan.from === 'ranges'
            ? 'A Latin hypercube of the parameters’ declared ranges, drawn from the stream above; the posterior, if the baseline names one, is not used: the future fixes the parameters.'
            : 'Each future is one particle of the posterior, drawn with probability ∝ weight (with replacement) from the stream above; all its runs use that particle’s values.',
        seeds:
          'Every scenario runs replications 0 … runs − 1 in every future from the same master seed (common random numbers): run r of a policy in a future is paired with run r of the baseline in that future.',
        effect:
          'Mean over runs of the paired difference policy − baseline of the metric in the horizon year; the policy beats the baseline in a future when it is > 0.',
        regret: 'Per future: the largest effect of any policy tested − the policy’s effect. Policies are ranked by mean regret, ties by the largest.',
        costPerTalentYear:
          'Per future: mean extra costCumulative in the horizon year ÷ mean extra effective talent-years through it (Inf when it spends but adds none; left out when it spends no more than the baseline); median and 10th–90th percentiles over futures.',
        quantiles: 'Hyndman & Fan type 7 (linear interpolation between order statistics).',
      },
    },
    files,
  );
}
