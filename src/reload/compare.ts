// The tables of a comparison's folder made again from its runs.csv (every scenario's every run's figures, at full
// precision) by the compare functions that take per-run rows: the first part of reading a comparison back with
// `sim report` (its charts need per-run flows and tier stocks, which runs.csv does not hold; not read back yet).
import { join } from 'node:path';
import { UsageError } from '../core/errors.js';
import { report as messages } from '../core/messages.js';
import { SUMMARY_METRIC_NAMES } from '../core/rows.js';
import { compareRows, compareRunRows, rankingRows, rankSwaps, RANKING_METRICS, type RankingMetric, type ScenarioRuns } from '../compare/compare.js';
import { exactCell, isNumber, isObject, type FolderRecord } from './record.js';

/**
 * compare.csv's, ranking.csv's and runs.csv's rows (and the ranking's swaps) made again from a comparison folder's
 * run.json (scenarios, baseline, settings, ranking year and metric) and runs.csv; each row of runs.csv is checked
 * against the scenario, run, year and metric it must be.
 */
export function comparisonTablesAgain(read: FolderRecord) {
  const { record, field } = read;
  const settings = read.settings();
  const scenarios = field<string[]>(record.scenarios, 'scenarios', (v) => Array.isArray(v) && v.length > 0 && v.every((s) => typeof s === 'string'));
  const baseline = field<string>(record.baseline, 'baseline', (v) => scenarios.includes(v as string));
  const ranking = field<{ horizonYear: number; metric: RankingMetric }>(
    record.ranking,
    'ranking',
    (v) => isObject(v) && isNumber(v.horizonYear) && (RANKING_METRICS as readonly unknown[]).includes(v.metric),
  );
  const runs = readComparisonRuns(read, scenarios, settings);
  const rankingRowsAgain = rankingRows(runs, baseline, { horizonYear: ranking.horizonYear, metric: ranking.metric });
  return {
    rows: compareRows(runs, baseline),
    ranking: rankingRowsAgain,
    runRows: compareRunRows(runs, settings.seed),
    swaps: rankSwaps(runs, baseline, rankingRowsAgain),
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
