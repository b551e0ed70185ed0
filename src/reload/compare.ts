// `sim report` for a comparison's folder: the scenarios, settings and ranking from run.json, every run's figures from
// runs.csv and what the flows and stock-by-tier charts draw from flows-tiers.csv (both at full precision), read back
// into what compare's writer takes (ComparedRuns), so that it makes the tables, charts, report.html and run.json again.
import { join } from 'node:path';
import { UsageError } from '../core/errors.js';
import { report as messages } from '../core/messages.js';
import { SUMMARY_METRIC_NAMES } from '../core/rows.js';
import { RANKING_METRICS, type RankingMetric, type ScenarioRuns } from '../compare/compare.js';
import { FLOWS_TIERS_COLUMNS, type ComparedRuns, type PreparedComparison } from '../compare/run.js';
import type { ComparedScenario } from '../compare/types.js';
import type { RunResult } from '../core/results.js';
import type { RunSettings } from '../runner/run.js';
import type { UncertaintyRecord } from '../runner/uncertainty.js';
import type { LoadedScenario } from '../scenario/load.js';
import { exactCell, isNumber, isObject, type FolderRecord, type Json } from './record.js';

export interface ReloadedComparison {
  command: 'compare';
  /** The comparison as prepared: its language and folder are placeholders that writeReloaded sets. */
  prepared: PreparedComparison;
  runs: ComparedRuns;
  /** The ranking's metric and horizon year the folder holds (another can be chosen: runs.csv holds every figure). */
  outcome: { metric: RankingMetric; year: number };
}

/**
 * Reads a comparison's folder back: run.json's scenarios (each from the input it ran, the baseline first), settings,
 * ranking, uncertainty and what it records of the runs (threads, wall times, agents); runs.csv; flows-tiers.csv. Every
 * problem is a UsageError that names the file, the line or field, and the fix.
 */
export function reloadComparison(read: FolderRecord): ReloadedComparison {
  const { record, field } = read;
  const settings = read.settings();
  const scenarioNames = field<string[]>(record.scenarios, 'scenarios', (v) => Array.isArray(v) && v.length > 1 && v.every((s) => typeof s === 'string'));
  field(record.baseline, 'baseline', (v) => v === scenarioNames[0]);
  const ranking = field<{ horizonYear: number; metric: RankingMetric }>(
    record.ranking,
    'ranking',
    (v) => isObject(v) && isNumber(v.horizonYear) && (RANKING_METRICS as readonly unknown[]).includes(v.metric),
  );
  const uncertainty = field<UncertaintyRecord>(record.uncertainty, 'uncertainty', (v) => isObject(v) && (v.mode === 'none' || v.mode === 'posterior'));
  const listed = field<Json[]>(record.runs, 'runs', (v) => Array.isArray(v) && v.length === scenarioNames.length && v.every(isObject));
  const scenarios: LoadedScenario[] = listed.map((run, k) => {
    const loaded = { file: field<string>(run.file, `runs[${k}].file`, (v) => typeof v === 'string'), ...read.scenario(run.input, `runs[${k}].input`) };
    field(run.scenario, `runs[${k}].scenario`, (v) => v === scenarioNames[k] && v === loaded.resolved.name);
    return loaded;
  });
  const perRun = (k: number) => {
    const run = listed[k];
    return {
      agents: field<RunResult['agents'][]>(run.agents, `runs[${k}].agents`, (v) => Array.isArray(v) && v.length === settings.runs && v.every(isObject)),
      threads: field<number>(run.threads, `runs[${k}].threads`, isNumber),
      wallMs: field<number>(run.wallMs, `runs[${k}].wallMs`, isNumber),
    };
  };
  const runRows = readComparisonRuns(read, scenarioNames, settings);
  const charted = readFlowsTiers(read, scenarios, settings);
  const compared: ComparedScenario[] = scenarios.map((loaded, k) => ({ loaded, runRows: runRows[k].rows, ...charted[k], ...perRun(k) }));
  const prepared: PreparedComparison = {
    scenarios,
    baseline: scenarios[0],
    settings,
    horizonYear: ranking.horizonYear,
    metric: ranking.metric,
    lang: 'zh',
    dir: '',
    uncertainty: uncertainty.mode,
  };
  return {
    command: 'compare',
    prepared,
    runs: { scenarios: compared, uncertainty, wallMs: isNumber(record.wallMs) ? record.wallMs : 0 },
    outcome: { metric: ranking.metric, year: ranking.horizonYear },
  };
}

/** runs.csv (run, seed, scenario, year, metric, value; by scenario, run, year, metric) as each scenario's per-run rows. */
export function readComparisonRuns(
  read: FolderRecord,
  scenarios: readonly string[],
  settings: { runs: number; years: number; startYear: number; seed: number },
): ScenarioRuns[] {
  const file = 'runs.csv';
  const shown = join(read.shown, file);
  const rows = read.table(file);
  const columns = ['run', 'seed', 'scenario', 'year', 'metric', 'value'];
  if (rows[0]?.join(',') !== columns.join(',')) throw new UsageError(messages.badTable(shown, 1, `the columns are not ${columns.join(',')}`));
  const { runs, years, startYear, seed } = settings;
  const expected = scenarios.length * runs * years * SUMMARY_METRIC_NAMES.length;
  if (rows.length - 1 !== expected) throw new UsageError(messages.badTable(shown, 0, `${rows.length - 1} rows where the comparison makes ${expected}`));
  let line = 1;
  return scenarios.map((scenario) => {
    const out: ScenarioRuns['rows'][number][] = [];
    for (let run = 0; run < runs; run++)
      for (let y = 0; y < years; y++)
        for (const metric of SUMMARY_METRIC_NAMES) {
          const row = rows[line++];
          const want = [String(run), String(seed), scenario, String(startYear + y), metric];
          if (row.slice(0, want.length).join(',') !== want.join(','))
            throw new UsageError(messages.badTable(shown, line, `expected ${want.join(',')} before the value, found ${row.slice(0, want.length).join(',')}`));
          const value = exactCell(row[want.length]);
          if (value === undefined) throw new UsageError(messages.badTable(shown, line, `the value "${row[want.length]}" is not a number`));
          out.push({ run, year: startYear + y, metric, value });
        }
    return { scenario, rows: out };
  });
}

/**
 * flows-tiers.csv (flowsTiersRows's layout) as each scenario's flow cells and tier stocks: scenario by scenario, its
 * moves between places (origin and destination among its places), then its home city's stock of each tier in each
 * simulated year, in order; each row is checked against what it must be.
 */
function readFlowsTiers(read: FolderRecord, scenarios: readonly LoadedScenario[], settings: RunSettings): Pick<ComparedScenario, 'flows' | 'tierStocks'>[] {
  const file = 'flows-tiers.csv';
  const shown = join(read.shown, file);
  const rows = read.table(file);
  if (rows[0]?.join(',') !== FLOWS_TIERS_COLUMNS.join(','))
    throw new UsageError(messages.badTable(shown, 1, `the columns are not ${FLOWS_TIERS_COLUMNS.join(',')}`));
  let line = 1;
  const number = (text: string | undefined, what: string) => {
    const value = text === undefined ? undefined : exactCell(text);
    if (value === undefined) throw new UsageError(messages.badTable(shown, line, `the ${what} "${text ?? ''}" is not a number`));
    return value;
  };
  const out = scenarios.map(({ resolved }) => {
    const scenario = resolved.name;
    const places = new Set(resolved.locations.map((l) => l.id));
    const flows: ComparedScenario['flows'][number][] = [];
    while (line < rows.length && rows[line][0] === scenario && rows[line][1] === 'moves') {
      const [, , year, origin, destination, tier, mean, p5, p95] = rows[line++];
      if (year !== '' || tier !== '' || p5 !== '' || p95 !== '' || !places.has(origin) || !places.has(destination))
        throw new UsageError(messages.badTable(shown, line, `a row of moves needs two of ${scenario}'s places and no year, tier, p5 or p95`));
      flows.push({ origin, destination, moves: number(mean, 'mean') });
    }
    const tierStocks: ComparedScenario['tierStocks'][number][] = [];
    for (let y = 0; y < settings.years; y++)
      for (const tier of resolved.tiers) {
        const row = rows[line++] ?? [];
        const want = [scenario, 'stock', String(settings.startYear + y), '', '', tier.id];
        if (row.slice(0, want.length).join(',') !== want.join(','))
          throw new UsageError(messages.badTable(shown, line, `expected ${want.join(',')} before the figures, found ${row.slice(0, want.length).join(',')}`));
        const [mean, p5, p95] = row.slice(want.length);
        tierStocks.push({ year: settings.startYear + y, tier: tier.id, mean: number(mean, 'mean'), p5: number(p5, 'p5'), p95: number(p95, 'p95') });
      }
    return { flows, tierStocks };
  });
  if (line !== rows.length)
    throw new UsageError(messages.badTable(shown, line + 1, "a row after the last scenario's stocks, which the comparison does not make"));
  return out;
}
