// Writes a command's result folder — its tables, then its charts and report.html, then run.json — all or nothing,
// for run, compare, sweep and sensitivity: the one step above src/output (tables) and src/charts (drawing).
import { basename } from 'node:path';
import type { TopLevelSpec } from 'vega-lite';
import { fitChart, pairsChart } from './calibration/charts.js';
import type { CalibrationResult } from './calibration/calibrate.js';
import { calibrationReport } from './calibration/report.js';
import { calibrationRecord, fittedScenarioText, writeCalibrationTables } from './calibration/write.js';
import { reportHtml } from './charts/report.js';
import { comparedScenario, writeComparisonExtras } from './charts/compare-extras.js';
import { writeCharts, type ChartFileOptions } from './charts/files.js';
import { titleOf, writeRunExtras } from './charts/run-extras.js';
import {
  comparisonJson,
  comparisonTables,
  prepareComparison,
  rankingSettings,
  runPrepared,
  writeComparisonTables,
  writeFlowsTiers,
  type ComparedRuns,
  type CompareOptions,
  type ComparisonOutcome,
  type PreparedComparison,
  type ScenarioRun,
} from './compare/run.js';
import { DIFFERENCE_COLUMNS, differenceRows } from './compare/counterfactual.js';
import type { ComparisonData } from './compare/types.js';
import { UsageError } from './core/errors.js';
import { report as reportMessages, type Message } from './core/messages.js';
import { chooseOutcome, type Outcome } from './experiments/plan.js';
import {
  sensitivityChart,
  sensitivityEffects,
  sensitivityJson,
  writeSensitivityTables,
  type SensitivityEffects,
  type SensitivityResult,
} from './experiments/sensitivity.js';
import { sensitivityReport, sweepReport } from './experiments/report.js';
import { robustnessJson, writeRobustnessTables, type RobustnessResult } from './experiments/robustness.js';
import { robustnessCharts, robustnessReport } from './experiments/robustness-report.js';
import { sweepChartSpec, sweepJson, writeSweepTables, type ExperimentWriteOptions, type SweepResult } from './experiments/sweep.js';
import { checkOutputTarget, writeFolder, type WriteOptions, type WrittenOutputs } from './output/folder.js';
import type { Lang } from './output/format.js';
import { packageInfo, runRecord } from './output/record.js';
import type { ReloadedFolder } from './reload/folder.js';
import { runJson, writeRunTables } from './output/write.js';
import type { RunOutcome } from './runner/run.js';
import type { ResolvedScenario } from './scenario/resolve.js';

/*
 * Each writer fills one temporary folder (writeFolder): the tables first, so that a failure while drawing leaves
 * nothing behind either; the charts and report.html; and run.json last, so that it can list every file with its
 * size. Thread counts and wall times go into run.json only: the tables, charts and report are the same for the same
 * scenario, seed and settings.
 */

export interface ChartWriteOptions extends WriteOptions, ChartFontOptions {
  /** Language of the charts and report: Chinese (default) or English (place names stay in Chinese). */
  lang?: Lang;
}

export interface ChartFontOptions {
  /**
   * A font file for the charts' text (the CLI's --font); default: the SIM_FONT environment variable, else a CJK font
   * found on the system (fontconfig, then the usual places). A file that does not exist is a UsageError.
   */
  font?: string;
}

/** What a writer has to tell: charts written as SVG only, without PNG, because no font can draw their Chinese text. Printed by the CLI. */
export interface ChartWarnings {
  warnings: Message[];
}

/**
 * Collects the charts' warnings of one command (there is at most one per command: writeCharts is called once) for the
 * caller to print, and for run.json, which records them as `chartWarnings`.
 */
function chartWarnings(font: string | undefined) {
  const warnings: Message[] = [];
  const options: ChartFileOptions = { font, onWarning: (warning) => warnings.push(warning) };
  const record = <T extends object>(json: T) => (warnings.length ? { ...json, chartWarnings: warnings.map((w) => w.message) } : json);
  return { warnings, options, record };
}

/**
 * What `sim --scenario` writes: writeOutputs's tables (byte for byte) and run.json, plus, when the outcome holds a
 * counterfactual (RunOptions.counterfactual), difference.csv, and the run's charts (`<chart>.vl.json`, `.svg`,
 * `.png`) and a self-contained report.html, into `out` (default output/<scenario name>).
 */
export async function writeOutputsWithCharts(
  loaded: { resolved: ResolvedScenario; file?: string },
  outcome: RunOutcome,
  options: ChartWriteOptions = {},
): Promise<WrittenOutputs & ChartWarnings> {
  const charts = chartWarnings(options.font);
  const written = await writeFolder(checkOutputTarget(loaded.resolved.name, options), async (folder) => {
    writeRunTables(folder, loaded, outcome);
    if (outcome.counterfactual)
      folder.csv(
        'difference.csv',
        DIFFERENCE_COLUMNS,
        differenceRows({ resolved: loaded.resolved, results: outcome.results, counterfactual: outcome.counterfactual }),
      );
    folder.added(await writeRunExtras({ dir: folder.path, loaded, outcome, lang: options.lang ?? 'zh', pkg: packageInfo() }, charts.options));
    folder.json('run.json', charts.record(runJson(loaded, outcome, folder.files)));
  });
  return { ...written, warnings: charts.warnings };
}

/**
 * Runs the baseline and every scenario with the same runs, seed, years and scale (replication k of each shares its
 * random draws: paired runs), then writes the comparison. prepareComparison checks everything first: a problem is a
 * UsageError (or a ScenarioError) before anything runs or is written.
 */
export async function compareScenarios(
  patterns: readonly string[],
  options: CompareOptions & ChartFontOptions = {},
): Promise<ComparisonOutcome & ChartWarnings> {
  const prepared = await prepareComparison(patterns, options);
  const { runs, wallMs } = await runPrepared(prepared, options.onProgress, { signal: options.signal });
  return writeComparison(prepared, runs, wallMs, options);
}

/** Writes compare.csv, ranking.csv, runs.csv, flows-tiers.csv, the comparison's charts and report.html, and run.json into prepared.dir. */
export async function writeComparison(
  prepared: PreparedComparison,
  runs: ScenarioRun[],
  wallMs: number,
  options: ChartFontOptions = {},
): Promise<ComparisonOutcome & ChartWarnings> {
  return writeCompared(prepared, { scenarios: runs.map(comparedScenario), uncertainty: runs[0]?.outcome.uncertainty ?? { mode: 'none' }, wallMs }, options);
}

/**
 * Writes a comparison from what its scenarios' runs give (ComparedRuns: computed from the runs by writeComparison, or
 * read back from a folder by `sim report`): the tables, flows-tiers.csv, the charts, report.html and run.json.
 */
async function writeCompared(prepared: PreparedComparison, compared: ComparedRuns, options: ChartFontOptions): Promise<ComparisonOutcome & ChartWarnings> {
  const charts = chartWarnings(options.font);
  const { scenarios, uncertainty, wallMs } = compared;
  const tables = comparisonTables(prepared, scenarios);
  const { rows, ranking, runRows, swaps } = tables;
  let data: ComparisonData | undefined;
  const written = await writeFolder(prepared.dir, async (folder) => {
    writeComparisonTables(folder, tables);
    writeFlowsTiers(folder, scenarios);
    data = {
      dir: folder.path,
      lang: prepared.lang,
      baseline: prepared.baseline.resolved.name,
      scenarios,
      settings: prepared.settings,
      rows,
      ranking,
      swaps,
      uncertainty: { mode: uncertainty.mode, ...(uncertainty.posterior !== undefined ? { posterior: uncertainty.posterior } : {}) },
      seed: prepared.settings.seed,
      version: packageInfo().version,
    };
    folder.added(await writeComparisonExtras(data, charts.options));
    folder.json('run.json', charts.record(comparisonJson(prepared, scenarios, uncertainty, wallMs, folder.files, swaps)));
  });
  return { ...written, data: { ...data!, dir: written.dir }, runRows, settings: prepared.settings, wallMs, warnings: charts.warnings };
}

/** A chart of a sweep's or sensitivity analysis's report: its title (the spec's), and only the files written (no PNG without a font). */
function reportChart(chart: { name: string; spec: TopLevelSpec }, written: readonly string[]) {
  return {
    ...chart,
    title: titleOf(chart.spec),
    files: [`${chart.name}.png`, `${chart.name}.svg`, `${chart.name}.vl.json`].filter((f) => written.includes(f)),
  };
}

/**
 * Writes a sweep's tables (writeSweepTables), the chart of the outcome over the swept values (sweep.vl.json, .svg,
 * .png), report.html and run.json into `out` (default output/<scenario>-sweep), in options.lang (default Chinese).
 * The outcome is options.metric in options.horizon (default: netRetention in the last simulated year).
 */
export async function writeSweep(
  result: SweepResult,
  options: ExperimentWriteOptions & ChartFontOptions = {},
): Promise<WrittenOutputs & ChartWarnings & { outcome: Outcome }> {
  const charts = chartWarnings(options.font);
  const lang = options.lang ?? 'zh';
  const chosen = chooseOutcome(result.outcome.settings, options.metric, options.horizon ?? options.year);
  const written = await writeFolder(checkOutputTarget(`${result.base.resolved.name}-sweep`, options), async (folder) => {
    writeSweepTables(folder, result);
    const chart = sweepChartSpec(result, chosen, lang);
    const files = await writeCharts(folder.path, [chart], charts.options);
    folder.added(files);
    folder.text('report.html', reportHtml(sweepReport(result, chosen, reportChart(chart, files), { lang, pkg: packageInfo() })));
    folder.json('run.json', charts.record(sweepJson(result, chosen, folder.files)));
  });
  return { ...written, outcome: chosen, warnings: charts.warnings };
}

/**
 * Writes a sensitivity analysis's tables (writeSensitivityTables), its chart (tornado or Morris, `top` bars or
 * labels), report.html and run.json into `out` (default output/<scenario>-sensitivity), in options.lang (default
 * Chinese), for options.metric in options.horizon.
 */
export async function writeSensitivity(
  result: SensitivityResult,
  options: ExperimentWriteOptions & ChartFontOptions & { top?: number } = {},
): Promise<WrittenOutputs & ChartWarnings & { effects: SensitivityEffects }> {
  const charts = chartWarnings(options.font);
  const lang = options.lang ?? 'zh';
  const effects = sensitivityEffects(result, options.metric, options.horizon ?? options.year);
  const written = await writeFolder(checkOutputTarget(`${result.base.resolved.name}-sensitivity`, options), async (folder) => {
    writeSensitivityTables(folder, result, effects);
    const chart = sensitivityChart(result, effects, options.top, lang);
    const files = await writeCharts(folder.path, [chart], charts.options);
    folder.added(files);
    folder.text('report.html', reportHtml(sensitivityReport(result, effects, reportChart(chart, files), { lang, pkg: packageInfo() })));
    folder.json('run.json', charts.record(sensitivityJson(result, effects, folder.files)));
  });
  return { ...written, effects, warnings: charts.warnings };
}

/**
 * Writes a robustness analysis (src/experiments/robustness.ts) into the folder checked when it was prepared: its tables
 * (writeRobustnessTables), the charts of effects across futures, of regret and of PRIM's trajectories, report.html and
 * run.json, in the language it was prepared in.
 */
export async function writeRobustness(result: RobustnessResult, options: ChartFontOptions = {}): Promise<WrittenOutputs & ChartWarnings> {
  const charts = chartWarnings(options.font);
  const written = await writeFolder(result.prepared.dir, async (folder) => {
    writeRobustnessTables(folder, result);
    const specs = robustnessCharts(result);
    const files = await writeCharts(folder.path, specs, charts.options);
    folder.added(files);
    folder.text(
      'report.html',
      reportHtml(
        robustnessReport(
          result,
          specs.map((chart) => reportChart(chart, files)),
          packageInfo(),
        ),
      ),
    );
    folder.json('run.json', charts.record(robustnessJson(result, folder.files)));
  });
  return { ...written, warnings: charts.warnings };
}

/**
 * Writes a calibration's tables (posterior.csv, fit.csv, parameters.csv, generations.csv), its charts (the fit of
 * every target, the pairwise posterior), the fitted scenario (`<file name>` with the point fit's values, comments
 * kept; only when the scenario came from a file) and run.json into `out` (default output/<scenario>-calibration).
 */
export async function writeCalibration(
  base: { resolved: ResolvedScenario; file?: string },
  result: CalibrationResult,
  options: WriteOptions & ChartFontOptions & { targetsFile: string; lang?: Lang; fittedText?: string },
): Promise<WrittenOutputs & ChartWarnings> {
  const warnings = chartWarnings(options.font);
  const written = await writeFolder(checkOutputTarget(`${base.resolved.name}-calibration`, options), async (folder) => {
    writeCalibrationTables(folder, result);
    // `fittedText`: the fitted file as a folder read back holds it (sim report), rather than made again from base.file.
    if (base.file) folder.text(basename(base.file), options.fittedText ?? fittedScenarioText(base.file, result, basename(options.targetsFile)));
    const charts = { fit: fitChart(result), pairs: pairsChart(result, { lang: options.lang ?? 'zh', scenario: base.resolved.input }) };
    const files = await writeCharts(
      folder.path,
      [
        { name: 'fit', spec: charts.fit },
        { name: 'posterior-pairs', spec: charts.pairs },
      ],
      warnings.options,
    );
    folder.added(files);
    const report = calibrationReport(base.resolved, result, charts, {
      lang: options.lang ?? 'zh',
      file: base.file,
      targetsFile: basename(options.targetsFile),
      pkg: packageInfo(),
    });
    // The report links only the files written (no PNG without a font for its Chinese text).
    for (const chart of report.charts) chart.files = chart.files.filter((f) => files.includes(f));
    folder.text('report.html', reportHtml(report));
    const { seed, scale, years, particles } = result.settings;
    folder.json(
      'run.json',
      warnings.record(
        runRecord(
          {
            command: 'calibrate',
            scenario: base,
            runBlock: base.resolved.run,
            settings: { runs: particles, seed, years, scale, startYear: base.resolved.run.startYear, ticksPerYear: base.resolved.run.ticksPerYear },
            threads: result.settings.threads,
            wallMs: result.wallMs,
          },
          { ...calibrationRecord(result), targets: basename(options.targetsFile) },
          folder.files,
        ),
      ),
    );
  });
  return { ...written, warnings: warnings.warnings };
}

/**
 * `sim report`: writes a folder read back by reloadFolder (src/reload/folder.ts) again with its command's own writer —
 * the same tables, charts, report.html and run.json as the command wrote, or another outcome or language — into
 * `out` (default: the folder itself, replaced all or nothing). The outcome defaults to the one the folder charted.
 */
export async function writeReloaded(
  reloaded: ReloadedFolder,
  options: ExperimentWriteOptions & ChartFontOptions & { top?: number },
): Promise<WrittenOutputs & ChartWarnings> {
  if (reloaded.command === 'compare') {
    // runs.csv holds every figure: another ranking metric or horizon is ranked again from it, checked as sim compare checks them.
    const { prepared, runs, outcome } = reloaded;
    const { settings } = prepared;
    const chosen = rankingSettings(prepared.baseline, {
      runs: settings.runs,
      seed: settings.seed,
      years: settings.years,
      scale: settings.scale,
      horizon: options.horizon ?? options.year ?? outcome.year,
      metric: options.metric ?? outcome.metric,
      lang: options.lang,
    });
    const dir = checkOutputTarget('compare', options);
    return writeCompared({ ...prepared, horizonYear: chosen.horizonYear, metric: chosen.metric, lang: chosen.lang, dir }, runs, options);
  }
  if (reloaded.command === 'calibrate') {
    // A calibration has no outcome to choose: its targets are its outcomes.
    if (options.metric !== undefined || options.horizon !== undefined || options.year !== undefined)
      throw new UsageError(reportMessages.noOutcome('calibrate'));
    const { base, result, targetsFile, fittedText } = reloaded;
    return writeCalibration(base, result, { ...options, targetsFile, lang: options.lang ?? 'zh', ...(fittedText !== undefined ? { fittedText } : {}) });
  }
  if (reloaded.command === 'robustness') {
    // robustness-runs.csv keeps each run's figures of one metric in one year: another outcome needs the runs again.
    const { metric, year } = reloaded.outcome;
    if ((options.metric ?? metric) !== metric || (options.horizon ?? options.year ?? year) !== year)
      throw new UsageError(reportMessages.fixedOutcome(metric, year, options.metric ?? metric, options.horizon ?? options.year ?? year));
    const prepared = { ...reloaded.result.prepared, lang: options.lang ?? 'zh', dir: checkOutputTarget('robustness', options) };
    return writeRobustness({ ...reloaded.result, prepared }, options);
  }
  const outcome = { metric: options.metric ?? reloaded.outcome.metric, horizon: options.horizon ?? reloaded.outcome.year };
  return reloaded.command === 'sweep' ? writeSweep(reloaded.result, { ...options, ...outcome }) : writeSensitivity(reloaded.result, { ...options, ...outcome });
}
