// `sim compare` as library calls (Node): finds and loads the scenarios, runs them with the same settings and seeds,
// and makes the comparison's tables (compare.csv, ranking.csv, runs.csv, flows-tiers.csv) and run.json; src/publish.ts writes them
// with the charts and report into output/compare/.
import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { glob, isDynamicPattern } from 'tinyglobby';
import { checkOutputTarget, type StagedFolder, type WrittenFile } from '../output/folder.js';
import { inputAsRun, runRecord } from '../output/record.js';
import type { RunResult } from '../core/results.js';
import { chooseThreads, replicationTasks, runOptionProblem, runSettings, type RunOutcome, type RunSettings } from '../runner/run.js';
import {
  chooseUncertainty,
  drawnReplicationTasks,
  fewRunsWarning,
  ParticleScenarios,
  replicationDraws,
  uncertaintyNote,
  uncertaintyRecord,
  type ReplicationDraw,
  type UncertaintyMode,
  type UncertaintyRecord,
} from '../runner/uncertainty.js';
import type { Posterior } from '../scenario/posterior.js';
import { scheduleTasks } from '../runner/scheduler.js';
import { didYouMean, UsageError } from '../core/errors.js';
import { LIMITS, runsWhoseResultsFit } from '../core/limits.js';
import { counted, experiments as messages, posterior as posteriorMessages } from '../core/messages.js';
import { findScenarioFile, loadScenario, packageScenarios, type LoadedScenario } from '../scenario/load.js';
import {
  compareRows,
  compareRunRows,
  DEFAULT_RANKING_METRIC,
  rankingRows,
  rankSwaps,
  RANKING_METRICS,
  type CompareRunRow,
  type RankingMetric,
  type ScenarioRuns,
} from './compare.js';
import type { ComparedScenario, CompareRow, ComparisonData, RankingRow, RankSwap } from './types.js';

export interface CompareOptions {
  /** The scenario the others are paired against; default baseline.yaml. Run once even if also among the scenarios. */
  baseline?: string;
  /** Run settings for every scenario; default: the baseline's run block. */
  runs?: number;
  seed?: number;
  years?: number;
  scale?: number;
  /** Threads for all the runs, shared by the scenarios; default min(scenarios × runs, CPUs). */
  threads?: number;
  /** Calendar year of the ranking; default the last simulated year. */
  horizon?: number;
  /** The most model runs (scenarios × runs) allowed; default LIMITS.maxModelRuns. */
  maxModelRuns?: number;
  /** Metric of the ranking's effect; default effectiveTalent. */
  metric?: RankingMetric;
  /**
   * `posterior`: run r of every scenario runs with the parameter values of one particle of the baseline's posterior
   * (drawn once per run, the same for every scenario); `none`: the scenarios as written. Default: posterior when the
   * baseline names one.
   */
  uncertainty?: UncertaintyMode;
  /** Language of the charts and report; default zh. */
  lang?: 'zh' | 'en';
  /** Output folder; default output/compare under `cwd`. */
  out?: string;
  cwd?: string;
  /**
   * Model runs done over all scenarios (a fraction while runs are under way: ticks done ÷ ticks a run), the total
   * (scenarios × runs), and the scenario now running.
   */
  onProgress?: (doneRuns: number, totalRuns: number, scenario: string) => void;
  /** Aborting it stops every run at once; the call rejects with its reason and writes nothing. */
  signal?: AbortSignal;
}

/** What a comparison will run, checked before anything runs or is written. */
export interface PreparedComparison {
  /** Every scenario, the baseline first, then the others in the order given (globs sorted), each once. */
  scenarios: LoadedScenario[];
  baseline: LoadedScenario;
  settings: RunSettings;
  threads?: number;
  horizonYear: number;
  metric: RankingMetric;
  lang: 'zh' | 'en';
  /** Absolute output folder. */
  dir: string;
  uncertainty: UncertaintyMode;
  /** With uncertainty posterior: the baseline's posterior, the particle each run draws, and each scenario's particle scenarios (in `scenarios` order). */
  posterior?: { posterior: Posterior; draws: ReplicationDraw[]; particles: ParticleScenarios[] };
}

export interface ComparisonOutcome {
  /** The folder written, and each file with its size in bytes, in the order written. */
  dir: string;
  files: { name: string; bytes: number }[];
  /** What the tables and extras were made from (dir: the final folder). */
  data: ComparisonData;
  runRows: CompareRunRow[];
  settings: RunSettings;
  /** Wall time of all the runs, ms. */
  wallMs: number;
}

/** One scenario's runs in a comparison. */
export type ScenarioRun = { loaded: LoadedScenario; outcome: RunOutcome };

/** What a comparison's writer takes: what each scenario's runs give, the runs' parameter uncertainty, and the wall time of all the runs (ms). */
export interface ComparedRuns {
  scenarios: ComparedScenario[];
  uncertainty: UncertaintyRecord;
  wallMs: number;
}

export const COMPARE_FILES = ['compare.csv', 'ranking.csv', 'runs.csv', 'flows-tiers.csv', 'run.json'] as const;

const COLUMNS = {
  'compare.csv': [
    'scenario',
    'metric',
    'year',
    'mean',
    'p5',
    'p95',
    'diffMean',
    'diffP5',
    'diffP95',
    'probAboveBaseline',
    'costCumulative',
    'costPerEffectiveTalentYear',
  ],
  'ranking.csv': [
    'scenario',
    'horizonYear',
    'metric',
    'rankByEffect',
    'rankByCost',
    'effectMean',
    'effectP5',
    'effectP95',
    'costCumulative',
    'costPerEffectiveTalentYear',
    'costPerEffectiveTalentYearP5',
    'costPerEffectiveTalentYearP95',
    'probBeatsBaseline',
    'probMostCostEffective',
    'rankP5',
    'rankP95',
  ],
  'runs.csv': ['run', 'seed', 'scenario', 'year', 'metric', 'value'],
} as const satisfies Record<string, readonly (keyof CompareRow | keyof RankingRow | keyof CompareRunRow)[]>;

/**
 * The scenario files named by the arguments, in order, each once: a name is looked up as by `sim --scenario` (the
 * working directory, then the package's scenarios/ folder); a glob (`scenarios/*.yaml`) expands, sorted, in the
 * working directory, else in the package's scenarios/ folder. A glob that matches nothing is a UsageError.
 */
export async function scenarioFiles(patterns: readonly string[], cwd: string = process.cwd()): Promise<string[]> {
  const files: string[] = [];
  // A file named twice outright is a slip worth saying; one that a glob also matches is simply run once.
  const named = new Map<string, string>();
  for (const pattern of patterns) {
    if (isDynamicPattern(pattern) && !existsSync(resolve(cwd, pattern))) {
      const search = async (base: string) => (await glob(pattern, { cwd: base, absolute: true, onlyFiles: true, expandDirectories: false })).sort();
      let matches = await search(cwd);
      if (matches.length === 0 && !isAbsolute(pattern) && existsSync(packageScenarios)) matches = await search(packageScenarios);
      if (matches.length === 0) throw new UsageError(messages.noMatch(pattern, `${cwd}${isAbsolute(pattern) ? '' : ` or in ${packageScenarios}`}`));
      files.push(...matches.map((m) => resolve(m)));
    } else {
      const file = findScenarioFile(pattern, cwd);
      if (named.has(file)) throw new UsageError(messages.listedTwice(pattern, file));
      named.set(file, pattern);
      files.push(file);
    }
  }
  return [...new Set(files)];
}

/**
 * Finds and loads the baseline and the scenarios, and checks everything that could stop the comparison — settings,
 * horizon, metric, names, calendars, output folder — before anything runs: a problem is a UsageError (or a
 * ScenarioError) and nothing is written.
 */
export async function prepareComparison(patterns: readonly string[], options: CompareOptions = {}): Promise<PreparedComparison> {
  const cwd = options.cwd ?? process.cwd();
  if (patterns.length === 0) throw new UsageError(messages.noScenarios());
  const baselineFile = findScenarioFile(options.baseline ?? 'baseline.yaml', cwd);
  const files = [baselineFile, ...(await scenarioFiles(patterns, cwd)).filter((f) => f !== baselineFile)];
  if (files.length === 1) throw new UsageError(messages.onlyBaseline(baselineFile));
  // The baseline's run block gives the runs: the size is checked before the other scenarios are even loaded.
  const baseline = await loadScenario(baselineFile, { cwd });
  const runs = options.runs ?? baseline.resolved.run.runs;
  const limit = options.maxModelRuns ?? LIMITS.maxModelRuns;
  // Every run's whole results are held until they are written: the most that fit, whatever --max-model-runs says.
  const years = options.years ?? baseline.resolved.run.years;
  const fit = Math.min(LIMITS.maxModelRunsCeiling, runsWhoseResultsFit(years));
  if (files.length * runs > Math.min(limit, fit))
    throw new UsageError(
      messages.tooManyModelRuns(
        'comparison',
        `${counted(files.length, 'scenario')} × ${counted(runs, 'run')}`,
        files.length * runs,
        limit,
        'compare fewer scenarios at a time, or use fewer --runs',
        counted(fit, 'model run'),
        files.length * runs <= fit,
        limit > fit ? `${years} years of results` : undefined,
      ),
    );
  const scenarios: LoadedScenario[] = [baseline];
  for (const file of files.slice(1)) scenarios.push(await loadScenario(file, { cwd }));

  checkPairable(baseline, scenarios.slice(1));
  const { settings, horizonYear, metric, lang } = rankingSettings(baseline, options);
  const uncertainty = chooseUncertainty(baseline.posterior, options.uncertainty, baseline.resolved.name);
  const posterior = uncertainty === 'posterior' ? particleScenarios(scenarios, baseline, settings) : undefined;
  const dir = checkOutputTarget('compare', { out: options.out, cwd });
  return { scenarios, baseline, settings, threads: options.threads, horizonYear, metric, lang, dir, uncertainty, ...(posterior ? { posterior } : {}) };
}

/**
 * Checks that scenarios can run paired with the baseline: each name once (it names their rows), and the baseline's
 * calendar (start year, ticks a year) and burn-in, so that run k of each covers the same months. A UsageError naming
 * the file otherwise.
 */
export function checkPairable(baseline: LoadedScenario, others: readonly LoadedScenario[]): void {
  const byName = new Map<string, string>([[baseline.resolved.name, baseline.file]]);
  const { startYear, ticksPerYear, burnInYears } = baseline.resolved.run;
  for (const { resolved, file } of others) {
    const other = byName.get(resolved.name);
    if (other !== undefined) throw new UsageError(messages.namedTwice(resolved.name, file, other));
    byName.set(resolved.name, file);
    if (resolved.run.startYear !== startYear || resolved.run.ticksPerYear !== ticksPerYear)
      throw new UsageError(messages.calendarsDiffer(file, resolved.run.startYear, resolved.run.ticksPerYear, baseline.file, startYear, ticksPerYear));
    if (resolved.run.burnInYears !== burnInYears) throw new UsageError(messages.burnInsDiffer(file, resolved.run.burnInYears, baseline.file, burnInYears));
  }
}

/**
 * The settings of a command that ranks scenarios against a baseline (compare, robustness): the baseline's run block
 * with the options' overrides, the horizon year (default: the last simulated), the metric and the language, each
 * checked (a UsageError for a bad one).
 */
export function rankingSettings(
  baseline: LoadedScenario,
  options: Pick<CompareOptions, 'runs' | 'seed' | 'years' | 'scale' | 'threads' | 'horizon' | 'lang'> & { metric?: string },
): { settings: RunSettings; horizonYear: number; metric: RankingMetric; lang: 'zh' | 'en' } {
  const settings = runSettings(baseline.resolved, { runs: options.runs, seed: options.seed, years: options.years, scale: options.scale });
  if (options.threads !== undefined) {
    const problem = runOptionProblem('threads', options.threads);
    if (problem) throw new UsageError(problem);
  }
  const lastYear = settings.startYear + settings.years - 1;
  const horizonYear = options.horizon ?? lastYear;
  if (!Number.isInteger(horizonYear) || horizonYear < settings.startYear || horizonYear > lastYear)
    throw new UsageError(messages.horizonNotSimulated(horizonYear, settings.startYear, lastYear));
  const metric = options.metric ?? DEFAULT_RANKING_METRIC;
  if (!(RANKING_METRICS as readonly string[]).includes(metric))
    throw new UsageError(messages.unknownMetric(metric, RANKING_METRICS, didYouMean(metric, RANKING_METRICS)));
  const lang = options.lang ?? 'zh';
  if (lang !== 'zh' && lang !== 'en') throw new UsageError(messages.unknownLanguage(String(lang)));
  return { settings, horizonYear, metric: metric as RankingMetric, lang };
}

/**
 * The baseline's posterior applied to every scenario: run r of each draws the same particle. A scenario that names
 * another posterior is a UsageError (the runs would not be paired); one that names none takes the baseline's values.
 * Every particle drawn is made into each scenario now, so that a value a scenario cannot take stops the comparison
 * before anything runs.
 */
function particleScenarios(scenarios: readonly LoadedScenario[], baseline: LoadedScenario, settings: RunSettings) {
  const posterior = baseline.posterior!;
  const draws = replicationDraws(posterior, settings.seed, settings.runs);
  const particles = scenarios.map((loaded) => {
    if (loaded.posterior && loaded.posterior.file !== posterior.file)
      throw new UsageError(posteriorMessages.otherPosterior(loaded.file, loaded.posterior.file, baseline.file, posterior.file));
    let particles: ParticleScenarios;
    try {
      particles = new ParticleScenarios(loaded, posterior);
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      throw new UsageError(posteriorMessages.scenarioLacks(loaded.file, posterior.file, error.message.split('\n    fix: ')[0]));
    }
    for (const draw of draws) particles.get(draw.row);
    return particles;
  });
  return { posterior, draws, particles };
}

/**
 * Runs every scenario's replications as one list of tasks (scenario by scenario, replication by replication) on one
 * pool, so that all threads stay busy across scenarios; the first failure stops them all. Each scenario's outcome
 * records the threads of the whole comparison and, as wallMs, the time from the start until its last replication
 * finished (the scenarios run side by side).
 */
export async function runPrepared(
  prepared: PreparedComparison,
  onProgress?: CompareOptions['onProgress'],
  options: { signal?: AbortSignal } = {},
): Promise<{ runs: { loaded: LoadedScenario; outcome: RunOutcome }[]; wallMs: number }> {
  const { settings, scenarios } = prepared;
  const drawn = prepared.posterior;
  const tasks = scenarios.flatMap((loaded, k) =>
    drawn ? drawnReplicationTasks(drawn.particles[k], drawn.draws, settings) : replicationTasks(loaded.resolved, settings),
  );
  const threads = Math.min(...scenarios.map((loaded) => chooseThreads(loaded.resolved, tasks.length, prepared.threads)));
  const results = scenarios.map(() => new Array<RunResult>(settings.runs));
  const finished = scenarios.map(() => ({ count: 0, wallMs: 0 }));
  const ticksPerRun = (scenarios[0].resolved.run.burnInYears + settings.years) * settings.ticksPerYear;
  // The bar names the first scenario still running: runs go roughly in task order, so it moves on as they finish.
  let running = 0;
  const started = performance.now();
  await scheduleTasks(
    tasks,
    (index, result) => {
      const k = Math.floor(index / settings.runs);
      results[k][index % settings.runs] = result;
      if (++finished[k].count === settings.runs) finished[k].wallMs = performance.now() - started;
      while (running < scenarios.length - 1 && finished[running].count === settings.runs) running++;
    },
    {
      threads,
      signal: options.signal,
      onProgress: onProgress && ((done) => onProgress(done / ticksPerRun, tasks.length, scenarios[running].resolved.name)),
      // Tasks go scenario by scenario, runs of each in a row: a problem found while running is placed in its own file.
      fileOf: (index) => scenarios[Math.floor(index / settings.runs)].file,
    },
  );
  const totalTicks = settings.runs * ticksPerRun;
  const uncertainty = uncertaintyRecord(prepared.uncertainty, drawn?.posterior, drawn?.draws);
  const runs = scenarios.map((loaded, k) => ({
    loaded,
    outcome: { results: results[k], settings, threads, wallMs: finished[k].wallMs, totalTicks, uncertainty },
  }));
  return { runs, wallMs: performance.now() - started };
}

/**
 * A comparison's tables from its scenarios' per-run figures (ComparedScenario.runRows): each scenario's figures and
 * paired differences, the ranking (in the horizon year, by the metric), its swaps, and every run's figures.
 */
export function comparisonTables(
  prepared: Pick<PreparedComparison, 'baseline' | 'horizonYear' | 'metric' | 'settings'>,
  scenarios: readonly Pick<ComparedScenario, 'loaded' | 'runRows'>[],
) {
  const runs: ScenarioRuns[] = scenarios.map((s) => ({ scenario: s.loaded.resolved.name, rows: s.runRows }));
  const baseline = prepared.baseline.resolved.name;
  const ranking = rankingRows(runs, baseline, { horizonYear: prepared.horizonYear, metric: prepared.metric });
  return { rows: compareRows(runs, baseline), ranking, runRows: compareRunRows(runs, prepared.settings.seed), swaps: rankSwaps(runs, baseline, ranking) };
}

/** Writes compare.csv, ranking.csv and runs.csv into a folder being written. */
export function writeComparisonTables(folder: StagedFolder, tables: ReturnType<typeof comparisonTables>): void {
  folder.csv('compare.csv', COLUMNS['compare.csv'], tables.rows);
  folder.csv('ranking.csv', COLUMNS['ranking.csv'], tables.ranking);
  // At full precision: the figures compare.csv and ranking.csv are made from, so that they can be made again from it byte for byte.
  folder.csv('runs.csv', COLUMNS['runs.csv'], tables.runRows, { exact: true });
}

/** flows-tiers.csv's columns: a row of moves between two places (year and tier empty) or of the home city's stock of a tier in a year. */
export const FLOWS_TIERS_COLUMNS = ['scenario', 'figure', 'year', 'origin', 'destination', 'tier', 'mean', 'p5', 'p95'] as const;

/**
 * flows-tiers.csv's rows, scenario by scenario: its mean moves a year between places (figure `moves`, as the flows
 * chart draws them), then its home city's stock of each tier at each year end (figure `stock`, mean and band over runs,
 * as the stock-by-tier chart draws them). Written at full precision, so that `sim report` draws the charts again
 * without the runs.
 */
export function* flowsTiersRows(scenarios: readonly ComparedScenario[]) {
  for (const s of scenarios) {
    const scenario = s.loaded.resolved.name;
    for (const f of s.flows)
      yield { scenario, figure: 'moves', year: NaN, origin: f.origin, destination: f.destination, tier: '', mean: f.moves, p5: NaN, p95: NaN };
    for (const t of s.tierStocks)
      yield { scenario, figure: 'stock', year: t.year, origin: '', destination: '', tier: t.tier, mean: t.mean, p5: t.p5, p95: t.p95 };
  }
}

/** Writes flows-tiers.csv (flowsTiersRows, at full precision) into a folder being written. */
export function writeFlowsTiers(folder: StagedFolder, scenarios: readonly ComparedScenario[]): void {
  folder.csv('flows-tiers.csv', FLOWS_TIERS_COLUMNS, flowsTiersRows(scenarios), { exact: true });
}

/** A comparison's run.json: the settings, seeds, scenarios and versions that produced it, enough to run it again. */
export function comparisonJson(
  prepared: PreparedComparison,
  runs: readonly ComparedScenario[],
  uncertainty: UncertaintyRecord,
  wallMs: number,
  files: readonly WrittenFile[],
  swaps: readonly RankSwap[] = [],
) {
  const { settings, baseline } = prepared;
  return runRecord(
    { command: 'compare', runBlock: baseline.resolved.run, settings, wallMs },
    {
      baseline: baseline.resolved.name,
      scenarios: runs.map((r) => r.loaded.resolved.name),
      ranking: { horizonYear: prepared.horizonYear, metric: prepared.metric, swaps: swaps.map((w) => ({ ...w })) },
      lang: prepared.lang,
      notes: {
        settings:
          "Every scenario ran with these settings (the baseline's run block with the overrides given), whatever its own run block says, so that run k of each is paired with run k of the baseline.",
        seeds:
          'Replication k of every scenario seeds its shared random streams with "<seed>/<k>/<stream name>", and each agent draws from a counter-based hash of its seed, so run k of two scenarios share their random draws: differences are paired by run.',
        bands:
          "mean, p5 and p95 are the mean and the 5th/95th percentiles over runs (linear interpolation between order statistics, Hyndman & Fan type 7); diffMean, diffP5, diffP95 the same of the paired differences scenario − baseline; the baseline's are exactly 0.",
        talentYears:
          'Effective talent-years through year Y = sum over years up to Y of the year-end effectiveTalent; additional = scenario − baseline, run by run.',
        costPerEffectiveTalentYear:
          'Through year Y: mean over runs of the additional cumulative cost (scenario − baseline costCumulative) / mean over runs of the additional effective talent-years; empty when either is ≤ 0. ranking.csv gives the 5th/95th percentiles of the per-run ratios (Inf for a run that spends but adds no talent-years).',
        ranking:
          'rankByEffect: 1 = largest mean paired difference of the metric in horizonYear; rankByCost: 1 = lowest cost per additional effective talent-year through horizonYear, empty where undefined. Ranks whose bands overlap are not clearly different.',
        probabilities:
          "probAboveBaseline (compare.csv) and probBeatsBaseline (ranking.csv): share of runs whose paired difference is above 0; probMostCostEffective: share of runs in which the scenario's extra cost ÷ extra effective talent-years through horizonYear is the lowest among the scenarios that add talent-years in that run (ties share the run); rankP5, rankP95: 5th and 95th percentile (order statistics) of its rank by effect run by run. " +
          (prepared.uncertainty === 'posterior'
            ? 'Each run drew its parameters from the posterior: they hold chance and parameter uncertainty.'
            : 'Without a posterior they reflect chance only.'),
        uncertainty: uncertaintyNote(uncertainty),
        files:
          'Sizes in bytes of the files written beside this file; runs.csv holds every per-run figure the other tables are computed from, flows-tiers.csv what the flows and stock-by-tier charts draw (both at full precision: `sim report` makes the folder again from them).',
      },
      ...(fewRunsWarning(settings.runs) ? { warnings: [fewRunsWarning(settings.runs)] } : {}),
      uncertainty,
      replications: Array.from({ length: settings.runs }, (_, k) => ({ replication: k, seed: settings.seed, streams: `${settings.seed}/${k}/` })),
      runs: runs.map(({ loaded, threads, wallMs, agents }) => ({
        scenario: loaded.resolved.name,
        description: loaded.resolved.description,
        file: loaded.file,
        threads,
        wallMs: Math.round(wallMs),
        policies: loaded.resolved.policies.map(({ spec }) => ({ name: spec.name, type: spec.type })),
        agents: [...agents],
        input: inputAsRun(loaded.resolved, settings),
      })),
    },
    files,
  );
}
