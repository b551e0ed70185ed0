// The library API (Node): everything the `sim` command does, as calls for scripts and notebooks. Grouped by task;
// `bazhong-talent-sim/core` is the browser-safe model alone (no files, no threads), and all of it is re-exported here.

// The model: one replication in this thread, its results read by name, tidy rows, and writing terms and policies.
export * from './core/index.js';

// Scenarios: load a file (with `extends` and plugins), or validate and resolve an object built in code.
export { findScenarioFile, listScenarios, loadScenario, loadScenarioSync, type LoadedScenario } from './scenario/load.js';
export { resolveScenario, type ResolvedScenario } from './scenario/resolve.js';
export { Scenario, scenarioJsonSchema, type ScenarioInput } from './scenario/schema.js';
export { defaultRegistry, Registry } from './scenario/registry.js';
export { loadPlugin, PluginError } from './scenario/plugins.js';
export { UsageError } from './core/errors.js';

// Running a scenario's replications on worker threads: the same results whatever the thread count.
export { runScenario, runSettings, type RunOptions, type RunOutcome, type RunSettings } from './runner/run.js';

// Writing a result folder, all or nothing: the tables and run.json, or with the charts and report.html as `sim` does.
export { writeOutputs, OUTPUT_FILES } from './output/write.js';
export type { WriteOptions, WrittenOutputs } from './output/folder.js';
export { writeOutputsWithCharts, type ChartFontOptions, type ChartWarnings, type ChartWriteOptions } from './publish.js';

// Comparing scenarios with the same seeds (`sim compare`): the whole command, or the tables from results in hand.
export { compareScenarios, writeComparison } from './publish.js';
export { prepareComparison, runPrepared, type CompareOptions, type ComparisonOutcome, type PreparedComparison } from './compare/run.js';
export { comparison, RANKING_METRICS, type CompareRunRow, type RankingMetric, type ScenarioRuns } from './compare/compare.js';
export type { CompareRow, RankingRow } from './compare/types.js';
// What a scenario's policies did: its runs against its counterfactual (runScenario with counterfactual: true).
export { differenceRows, type DifferenceRow } from './compare/counterfactual.js';

// Experiments (`sim sweep`, `sim sensitivity`): plan, run and write; parameters are named by field paths.
export { findFactor, type Factor } from './experiments/paths.js';
export { planSensitivity, planSweep, pointMeans, type SensitivityPlanOptions, type SweepPlanOptions } from './experiments/plan.js';
export { runSweep, sweep, type ExperimentRunOptions, type ExperimentWriteOptions, type SweepResult } from './experiments/sweep.js';
export { runSensitivity, sensitivity, sensitivityEffects, type SensitivityEffects, type SensitivityResult } from './experiments/sensitivity.js';
export { saltelliDesign, sobolIndices, type SaltelliDesign, type SobolIndex, type SobolIndices } from './experiments/sobol.js';
export { writeSensitivity, writeSweep } from './publish.js';

// Robustness across many futures (`sim robustness`): the whole analysis in one call, or prepare, run and analyse; then write.
export {
  analyseRobustness,
  prepareRobustness,
  robustness,
  runRobustness,
  type FuturesFrom,
  type PreparedRobustness,
  type RobustnessOptions,
  type RobustnessResult,
  type RobustnessRuns,
} from './experiments/robustness.js';
export { writeRobustness } from './publish.js';

// Calibration (`sim calibrate`): read a targets file, fit the scenario's parameters to it, write the result folder.
export { loadTargets, type Target, type TargetsFile } from './calibration/targets.js';
export { calibrate, CALIBRATION_DEFAULTS, type CalibrationOptions, type CalibrationResult, type CalibrationState } from './calibration/calibrate.js';
export { writeCalibration } from './publish.js';

// The explorer (`sim explore`): one self-contained page in which a browser moves a scenario's levers and reruns it.
export { writeExplorer, type ExploreOptions } from './explore/explore.js';

// A result folder written again from its own files, without running the model (`sim report`): read it, then write it.
export { reloadFolder, type ReloadedFolder } from './reload/folder.js';
export { writeReloaded } from './publish.js';

// Model runs on a cluster (`sim plan`, `sim shard`, `sim merge`): code run under withExecutor hands its batches of
// model runs to an executor — captureExecutor records the first as a plan, runShard runs one shard of it anywhere,
// and mergeExecutor answers the same code's batches from the shards' results (docs/cluster.md).
export { withExecutor, type Executor } from './runner/executor.js';
export { captureExecutor, makePlan, PlanCaptured, readPlan, writePlan, type HashedBatch, type Plan, type SlurmSettings } from './cluster/plan.js';
export { mergeExecutor, roundResults, RoundNeeded, runShard, type MergeRound } from './cluster/shard.js';

// Charts: the run's and the comparison's Vega-Lite specs, and drawing any spec to SVG and PNG files.
export { runCharts } from './charts/run-extras.js';
export { comparisonCharts } from './charts/compare-extras.js';
export { chartPng, chartSvg, writeCharts, type Chart, type ChartFileOptions } from './charts/files.js';
export { costEffectSpec, differenceSpec, effectiveOverTimeSpec, flowsSpec, retentionSpec, spendingSpec, stockByTierSpec } from './charts/specs.js';
