// The library API: everything the `sim` command does is available from here, for scripts and notebooks.

// Scenarios: load a file, or validate and resolve an object built in code.
export { findScenarioFile, listScenarios, loadScenario, loadScenarioSync, type LoadedScenario } from './scenario/load.js';
export { loadPlugin, PluginError } from './scenario/plugins.js';
export { resolveScenario, type Assumption, type ResolvedScenario } from './scenario/resolve.js';
export { param, policyParam, Scenario, scenarioJsonSchema, type Param, type ScenarioInput } from './scenario/schema.js';
export { formatIssue, formatPath, ScenarioError, UsageError, type FieldPath, type ScenarioIssue } from './scenario/errors.js';

// The model: one replication, in-process.
export { Model, runReplication, type ModelOptions } from './core/model.js';
export { builtinTerms, defineTerm, type AgentType, type TermContext, type UtilityTerm } from './core/terms.js';
export { defaultRegistry, Registry } from './scenario/registry.js';
export {
  AUDIENCES,
  definePolicy,
  FTE_COMPONENTS,
  type Audience,
  type FteComponent,
  type PolicyHost,
  type PolicyModule,
  type PolicyRuntime,
  type PolicySpec,
} from './core/policy.js';
export { AgentStore, Flag } from './core/agents.js';
export { cohortIndex, flowIndex, HomeMetric, HOME_METRICS, perTickIndex, TickMetric, TICK_METRICS, type PolicyReport, type RunResult } from './core/results.js';

// Tidy rows from the results of one scenario.
export {
  cohortRows,
  eachFlowRow,
  eachPolicyRow,
  eachTimeseriesRow,
  flowRows,
  meanAndBand,
  policyRows,
  policySummaryRows,
  summaryRows,
  summaryRunRows,
  timeseriesRows,
  POLICY_SPENDING,
  SUMMARY_METRICS,
  SUMMARY_METRIC_NAMES,
  TIMESERIES_METRICS,
  type CohortRow,
  type FlowRow,
  type PolicyRow,
  type PolicySummaryRow,
  type SummaryMetric,
  type SummaryRow,
  type SummaryRunRow,
  type TimeseriesMetric,
  type TimeseriesRow,
} from './core/rows.js';

// Running replications (threads) and writing the result set.
export {
  runOptionProblem,
  runScenario,
  runSettings,
  RUN_OPTION_LIMITS,
  type RunOptionName,
  type RunOptions,
  type RunOutcome,
  type RunSettings,
} from './runner/run.js';
export {
  checkOutputTarget,
  defaultOutputDir,
  OUTPUT_FILES,
  packageInfo,
  shortPath,
  writeOutputs,
  type WriteOptions,
  type WrittenOutputs,
} from './output/write.js';

// Comparing scenarios run with the same seeds (`sim compare`): rows (pure) and the run-and-write call (Node).
export {
  additionalThrough,
  compareRows,
  compareRunRows,
  comparison,
  costPerTalentYear,
  costPerTalentYearBand,
  rankingRows,
  scenarioRuns,
  DEFAULT_RANKING_METRIC,
  RANKING_METRICS,
  type CompareRunRow,
  type RankingMetric,
  type ScenarioRuns,
} from './compare/compare.js';
export {
  prepareComparison,
  runPrepared,
  scenarioFiles,
  COMPARE_FILES,
  type CompareOptions,
  type ComparisonOutcome,
  type PreparedComparison,
} from './compare/run.js';
export type { CompareRow, ComparisonData, RankingRow } from './compare/types.js';

// Experiments: sweeps over parameter values and sensitivity analysis over the declared ranges.
export { findFactor, factorAt, numericPaths, parseFieldPath, pathLabel, withValues, type Factor } from './experiments/paths.js';
export {
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
} from './experiments/design.js';
export {
  chooseOutcome,
  figure,
  outsideRangeNotes,
  parseVary,
  planSensitivity,
  planSweep,
  pointMeans,
  rangedFactors,
  type Outcome,
  type SensitivityPlan,
  type SensitivityPlanOptions,
  type SweepPlan,
  type SweepPlanOptions,
  type VarySpec,
} from './experiments/plan.js';
export { preparePoints, runPoints, type ExperimentBase, type PointRunOptions, type PointsOutcome, type PreparedPoints } from './experiments/runner.js';
export { runSweep, sweep, SWEEP_FILES, type ExperimentRunOptions, type ExperimentWriteOptions, type SweepResult } from './experiments/sweep.js';
export {
  runSensitivity,
  sensitivity,
  sensitivityEffects,
  SENSITIVITY_FILES,
  type SensitivityEffects,
  type SensitivityResult,
} from './experiments/sensitivity.js';
// Writing a command's whole result folder: tables, charts, report.html and run.json, all or nothing.
export { compareScenarios, writeComparison, writeOutputsWithCharts, writeSensitivity, writeSweep, type ChartWriteOptions } from './publish.js';

// Charts and report.html: Vega-Lite specs from tidy rows, their .vl.json, SVG and PNG files, and the report page.
export {
  BASELINE_COLOR,
  costEffectSpec,
  differenceSpec,
  effectiveDumbbellSpec,
  effectiveOverTimeSpec,
  flowCells,
  flowsSpec,
  metricBandRows,
  PALETTE,
  placeName,
  retentionSpec,
  scenarioColors,
  spendingSpec,
  stockByTierCompareSpec,
  stockByTierSpec,
  type BandRow,
  type ChartContext,
  type CostEffectRow,
  type DiffRow,
  type FlowCell,
  type FteRow,
  type Lang,
  type SpendingRow,
  type TalentRow,
  type TierStockRow,
} from './charts/specs.js';
export { chartContext, flowCellRows, fteRows, spendingRows, talentRows, tierStockRows } from './charts/data.js';
export { chartPng, chartSvg, PNG_SCALE, writeCharts, type Chart } from './charts/files.js';
export { reportHtml, scenarioInfo, type ReportInput, type ReportTable, type ScenarioInfo } from './charts/report.js';
export { runCharts, runReport, writeRunExtras, type RunExtrasInput } from './charts/run-extras.js';
export { comparisonCharts, comparisonReport, comparisonTable, writeComparisonExtras } from './charts/compare-extras.js';
