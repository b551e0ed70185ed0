// A run's result set as tables: the CSV files and run.json, written into one folder all or nothing.
import { cohortRows, eachFlowRow, eachPolicyRow, eachTimeseriesRow, policySummaryRows, rateRows, summaryRows, summaryRunRows } from '../core/rows.js';
import type { ResolvedScenario } from '../scenario/resolve.js';
import type { RunOutcome } from '../runner/run.js';
import { fewRunsWarning, uncertaintyNote, type UncertaintyRecord } from '../runner/uncertainty.js';
import { checkOutputTarget, writeFolderSync, type StagedFolder, type WriteOptions, type WrittenFile, type WrittenOutputs } from './folder.js';
import { runRecord } from './record.js';


/** The tables, their columns in order, and the rows they hold. */
const TABLES = {
  'timeseries.csv': { columns: ['run', 'tick', 'year', 'location', 'tier', 'metric', 'value'], rows: eachTimeseriesRow },
  'flows.csv': { columns: ['run', 'year', 'origin', 'destination', 'tier', 'moves'], rows: eachFlowRow },
  'summary.csv': { columns: ['year', 'metric', 'mean', 'p5', 'p95'], rows: summaryRows },
  'summary-runs.csv': { columns: ['run', 'year', 'metric', 'value'], rows: summaryRunRows },
  'cohorts.csv': { columns: ['cohortYear', 'tier', 'native', 'size', 'yearsSince', 'year', 'runs', 'share', 'p5', 'p95'], rows: cohortRows },
  'rates.csv': { columns: ['year', 'location', 'tier', 'tenure', 'flow', 'personYears', 'movers', 'rate', 'p5', 'p95'], rows: rateRows },
  // Written for every scenario, header only without policies, so that every result set has the same files.
  'policies.csv': { columns: ['run', 'year', 'policy', 'type', 'metric', 'value'], rows: eachPolicyRow },
  'policies-summary.csv': { columns: ['year', 'policy', 'type', 'metric', 'mean', 'p5', 'p95'], rows: policySummaryRows },
} as const;
export const OUTPUT_FILES = [...Object.keys(TABLES), 'run.json'] as const;

type Loaded = { resolved: ResolvedScenario; file?: string };

/**
 * Writes timeseries.csv, flows.csv, summary.csv, summary-runs.csv, cohorts.csv, rates.csv, policies.csv,
 * policies-summary.csv and run.json into `out` (default output/<scenario name>), all or nothing (see writeFolderSync): a run that fails
 * half-way leaves any earlier outputs untouched and no partial folder behind. `sim --scenario` also draws the charts
 * and report.html: writeOutputsWithCharts in src/publish.ts.
 */
export function writeOutputs(loaded: Loaded, outcome: RunOutcome, options: WriteOptions = {}): WrittenOutputs {
  return writeFolderSync(checkOutputTarget(loaded.resolved.name, options), (folder) => {
    writeRunTables(folder, loaded, outcome);
    folder.json('run.json', runJson(loaded, outcome, folder.files));
  });
}

/** Writes the run's CSV files into a folder being written. */
export function writeRunTables(folder: StagedFolder, loaded: Loaded, outcome: RunOutcome): void {
  for (const [name, table] of Object.entries(TABLES)) folder.csv(name, table.columns, table.rows(outcome.results, loaded.resolved));
}

/** A run's run.json: what produced the files beside it (`files`) and what runs it again. */
export function runJson(loaded: Loaded, outcome: RunOutcome, files: readonly WrittenFile[]) {
  const { resolved } = loaded;
  const { settings } = outcome;
  const uncertainty: UncertaintyRecord = outcome.uncertainty ?? { mode: 'none' };
  return runRecord(
    { command: 'run', scenario: loaded, runBlock: resolved.run, settings, threads: outcome.threads, wallMs: outcome.wallMs },
    {
      notes: {
        seeds:
          'Each replication seeds its shared random streams with "<seed>/<replication>/<stream name>" (streams: population, entry; the streams field gives the prefix). Each agent then draws its own numbers from a counter-based hash of its seed, the tick and the purpose, so runs of two scenarios with one seed are paired agent by agent.',
        agents: 'Agents in the model (one agent is `scale` persons): at the start, at the peak and at the end; bytes is the memory of the agent arrays.',
        files: 'Sizes in bytes of the files written beside this file.',
        policies:
          "The scenario's policies in order: in force from startTick up to (not including) endTick (null: to the end of the run), ticks counted from the start of the run (firstYear and lastYear are the calendar years these cover; a run shorter than the schedule ends it early); budget in CNY a year, null when uncapped; metrics are the module's yearly figures in policies.csv besides spending.",
      },
      policies: resolved.policies.map(({ spec, module }) => ({
        name: spec.name,
        type: spec.type,
        startTick: spec.startTick,
        endTick: spec.endTick >= 2 ** 31 - 1 ? null : spec.endTick,
        firstYear: settings.startYear + Math.floor(spec.startTick / settings.ticksPerYear),
        lastYear: settings.startYear + Math.floor((Math.min(spec.endTick, settings.years * settings.ticksPerYear) - 1) / settings.ticksPerYear),
        budget: Number.isFinite(spec.budget) ? spec.budget : null,
        metrics: [...module.metrics],
      })),
      uncertainty: { ...uncertainty, note: uncertaintyNote(uncertainty) },
      ...(outcome.counterfactual
        ? {
            counterfactual: {
              scenario: outcome.counterfactual.resolved.name,
              note: 'The same scenario with its policies removed (policies: []), run with the same seed and, with a posterior, the same particle in each replication: replication k of both shares every random draw the policies do not touch. difference.csv holds the paired differences (with − without, run by run) of the headline metrics.',
              agents: outcome.counterfactual.results.map((r) => r.agents),
            },
          }
        : {}),
      ...(fewRunsWarning(settings.runs) ? { warnings: [fewRunsWarning(settings.runs)] } : {}),
      replications: outcome.results.map((r) => ({ replication: r.replication, seed: r.seed, streams: `${r.seed}/${r.replication}/`, agents: r.agents })),
      assumptions: resolved.assumptions,
    },
    files,
  );
}
