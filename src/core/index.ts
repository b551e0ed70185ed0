// The browser-safe model (`bazhong-talent-sim/core`): no Node built-ins, no files, no clock. It takes a resolved
// scenario and returns results; a browser page, a Web Worker or Node can run it alike.

// Running the model: one replication at a time.
export { Model, runReplication, type ModelOptions } from './model.js';
export { PHASES, type Phase, type PhaseName } from './phases.js';

// What a resolved scenario holds, and the contracts of the pieces it names.
export {
  SERVICE_KINDS,
  type AgentType,
  type Assumption,
  type Audience,
  type Cell,
  type EnvironmentView,
  type FteComponent,
  type Origin,
  type PolicyHost,
  type PolicyModule,
  type PolicyProblem,
  type PolicyRuntime,
  type PolicySpec,
  type ResolvedPolicy,
  type ResolvedScenario,
  type ResolvedTerm,
  type RunSettingsBlock,
  type ScenarioRecord,
  type ServiceKind,
  type TermContext,
  type UtilityTerm,
} from './scenario.js';

// Writing a utility term or a policy module.
export { builtinTerms, defineTerm, type BuiltinTermName } from './terms.js';
export { AUDIENCES, definePolicy, FTE_COMPONENTS } from './policy.js';
export { param, policyParam, type Param } from './params.js';
export { AgentStore, Flag } from './agents.js';

// Results of a replication, read by name, and the tidy rows made from them.
export {
  cohortRemainingAt,
  cohortSizeAt,
  exposureAt,
  graduatesAt,
  homeFigure,
  leaversAt,
  HOME_METRICS,
  movesAt,
  stockAt,
  TENURE_BANDS,
  tickFigure,
  TICK_METRICS,
  type HomeMetric,
  type PolicyReport,
  type RunResult,
  type TickMetric,
} from './results.js';
export {
  ALL_TENURES,
  cohortRows,
  eachFlowRow,
  eachPolicyRow,
  eachTimeseriesRow,
  flowRows,
  policyRows,
  policySummaryRows,
  rateRows,
  summaryRows,
  summaryRunRows,
  timeseriesRows,
  POLICY_SPENDING,
  SUMMARY_METRICS,
  SUMMARY_METRIC_NAMES,
  talentWeights,
  TIMESERIES_METRICS,
  type CohortRow,
  type RateRow,
  type FlowRow,
  type PolicyRow,
  type PolicySummaryRow,
  type SummaryMetric,
  type SummaryRow,
  type SummaryRunRow,
  type TimeseriesMetric,
  type TimeseriesRow,
} from './rows.js';
export { mean, meanAndBand, quantileSorted } from './stats.js';

// Errors the model and the scenario checks report.
export { formatIssue, formatPath, PluginRunError, ScenarioError, UsageError, type FieldPath, type PluginFault, type ScenarioIssue } from './errors.js';
export * as messages from './messages.js';
export type { Message } from './messages.js';
