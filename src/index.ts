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
export { defaultRegistry, Registry } from './core/registry.js';
export { definePolicy, type PolicyHost, type PolicyModule, type PolicyRuntime, type PolicySpec } from './core/policy.js';
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
export { runOptionProblem, runScenario, runSettings, RUN_OPTION_LIMITS, type RunOptionName, type RunOptions, type RunOutcome, type RunSettings } from './runner/run.js';
export { checkOutputTarget, defaultOutputDir, OUTPUT_FILES, packageInfo, shortPath, writeOutputs, type WriteOptions, type WrittenOutputs } from './output/write.js';
