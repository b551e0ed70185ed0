// The charts and report.html of a single run, written beside its CSV files (Node only).
import { writeFileSync } from 'node:fs';
import { counted } from '../core/messages.js';
import { join } from 'node:path';
import { policySummaryRows, summaryRows, SUMMARY_METRIC_NAMES, type SummaryRow } from '../core/rows.js';
import type { RunOutcome } from '../runner/run.js';
import { fewRunsWarning, RUNS_FOR_BAND } from '../runner/uncertainty.js';
import type { ResolvedScenario } from '../scenario/resolve.js';
import { chartContext, flowCellRows, fteRows, spendingRows, talentRows, tierStockRows } from './data.js';
import { writeCharts, type Chart, type ChartFileOptions } from './files.js';
import { displayUnit, formatFigure, formatSignificant, metricLabel, metricUnit, unitName, withUnit, type Lang } from '../output/format.js';
import { reportHtml, scenarioInfo, type ReportInput, type ReportTable } from './report.js';
import { effectiveOverTimeSpec, flowsSpec, metricBandRows, placeName, retentionSpec, scenarioColors, spendingSpec, stockByTierSpec } from './specs.js';

export interface RunExtrasInput {
  /** Folder to write into (writeOutputsWithCharts passes its temporary folder). */
  dir: string;
  loaded: { resolved: ResolvedScenario; file?: string };
  outcome: RunOutcome;
  lang?: Lang;
  /** Package name and version for the report's footer. */
  pkg?: { name: string; version: string };
}

/**
 * The charts of one run: net retention with its band, effective talent against residents, flows between places,
 * the home city's stock by tier and, with policies, each policy's spending. No difference or cost-effectiveness
 * chart: those need a baseline (sim compare).
 */
export function runCharts(
  loaded: { resolved: ResolvedScenario },
  outcome: RunOutcome,
  lang: Lang = 'zh',
  summary: SummaryRow[] = summaryRows(outcome.results, loaded.resolved),
): Chart[] {
  const { resolved } = loaded;
  const name = resolved.name;
  const ctx = chartContext(resolved, lang, [name], outcome.results.length);
  const { startYear, years } = outcome.settings;
  const charts: Chart[] = [];
  const add = (file: string, spec: Chart['spec']) => charts.push({ name: file, spec, title: titleOf(spec) });
  add('retention', retentionSpec(metricBandRows(summary, name, 'netRetention'), ctx));
  add('effective-talent', effectiveOverTimeSpec(talentRows(summary, name), ctx, fteRows(summary)));
  add('flows', flowsSpec(flowCellRows(outcome.results, resolved, name), ctx, { first: startYear, last: startYear + years - 1 }));
  add('stock-by-tier', stockByTierSpec(tierStockRows(outcome.results, resolved, name), ctx));
  if (resolved.policies.length) add('spending', spendingSpec(spendingRows(policySummaryRows(outcome.results, resolved)), ctx));
  return charts;
}

/** A spec's title text (first line). */
export function titleOf(spec: Chart['spec']): string {
  const title = (spec as { title?: string | { text: string | string[] } }).title;
  if (!title) return '';
  if (typeof title === 'string') return title;
  return Array.isArray(title.text) ? title.text.join(' ') : title.text;
}

/** The label of a metric with the unit formatFigure shows it in, for a table row or column. */
export function metricWithUnit(metric: string, lang: Lang): string {
  return withUnit(metricLabel(metric, lang), unitName(displayUnit(metricUnit(metric)), lang), lang);
}

/** A metric's figure as the report shows it (formatFigure in the metric's unit). */
export function figure(metric: string, x: number): string {
  return formatFigure(metricUnit(metric), x);
}

/** The summary table of a run: one row per headline metric, one column per year; mean with the 5–95 % band below. */
export function summaryTable(summary: readonly SummaryRow[], home: string, lang: Lang, runs: number): ReportTable {
  const years = [...new Set(summary.map((r) => r.year))].sort((a, b) => a - b);
  const rows = SUMMARY_METRIC_NAMES.map((metric) => [
    metricWithUnit(metric, lang),
    ...years.map((year) => {
      const r = summary.find((x) => x.year === year && x.metric === metric);
      if (!r) return '—';
      const band = r.p5 === r.p95 ? '' : `\n[${figure(metric, r.p5)} – ${figure(metric, r.p95)}]`;
      return figure(metric, r.mean) + band;
    }),
  ]);
  return {
    caption:
      lang === 'zh'
        ? `${home}的主要指标（${runs}次重复的均值，方括号内为5–95%区间）`
        : `Headline figures of ${home} (mean over ${counted(runs, 'run')}; 5–95 % band in brackets)`,
    head: [lang === 'zh' ? '指标' : 'metric', ...years.map(String)],
    rows,
    numeric: 1,
    note:
      lang === 'zh' ? '完整数据见同一文件夹中的 summary.csv 与 summary-runs.csv。' : 'The full figures are in summary.csv and summary-runs.csv in this folder.',
  };
}

/** A table whose bands rest on fewer runs than a 5–95 % band needs, with a note saying so. */
export function withBandWarning(table: ReportTable, runs: number, lang: Lang): ReportTable {
  const warning = fewRunsWarning(runs);
  if (!warning) return table;
  const text =
    lang === 'zh'
      ? `注意：5–95%区间只基于${runs}次重复，至少需要${RUNS_FOR_BAND}次才能可靠估计第5和第95百分位（--runs ${RUNS_FOR_BAND}）。`
      : `Note: ${warning}.`;
  return { ...table, note: table.note ? `${table.note}${lang === 'zh' ? '' : ' '}${text}` : text };
}

/** The report of one run. */
export function runReport(
  loaded: { resolved: ResolvedScenario; file?: string },
  outcome: RunOutcome,
  charts: readonly (Chart & { files: string[] })[],
  lang: Lang,
  pkg?: { name: string; version: string },
  summary?: SummaryRow[],
): ReportInput {
  const { resolved } = loaded;
  const { settings } = outcome;
  const home = placeName(resolved.locations[resolved.homeIndex], lang);
  const first = settings.startYear;
  const last = settings.startYear + settings.years - 1;
  const runs = outcome.results.length;
  const rows = summary ?? summaryRows(outcome.results, resolved);
  const seeds = outcome.results.map((r) => `${r.replication}: ${r.seed}/${r.replication}/`).join(', ');
  const zh = lang === 'zh';
  return {
    lang,
    title: zh ? `${home}人才流动模拟：情景 ${resolved.name}` : `Talent flows of ${home}: scenario ${resolved.name}`,
    lead: zh
      ? `${runs}次重复 × ${settings.years}年（${first}–${last}），每个智能体代表${formatSignificant(settings.scale)}人；图表为各次重复的均值与5–95%区间。`
      : `${counted(runs, 'run')} × ${counted(settings.years, 'year')} (${first}–${last}) at ${formatSignificant(settings.scale)} persons per agent; charts show the mean over runs and the 5–95 % band.`,
    charts: charts.map((c) => ({ name: c.name, title: c.title, spec: c.spec, files: c.files })),
    table: withBandWarning(summaryTable(rows, home, lang, runs), runs, lang),
    scenarios: [scenarioInfo(resolved, { lang, color: scenarioColors([resolved.name])[0], file: loaded.file, years: settings.years })],
    provenance: [
      [zh ? '情景' : 'scenario', resolved.name],
      [
        zh ? '参数不确定性' : 'parameter uncertainty',
        outcome.uncertainty?.mode === 'posterior'
          ? zh
            ? `每次重复从后验 ${outcome.uncertainty.posterior} 抽取一个粒子`
            : `each run draws one particle of the posterior ${outcome.uncertainty.posterior}`
          : zh
            ? '无（参数取情景中的值，区间只反映随机性）'
            : 'none (the parameters as written; bands reflect chance only)',
      ],
      ...(loaded.file ? [[zh ? '情景文件' : 'scenario file', loaded.file] as [string, string]] : []),
      [zh ? '主种子' : 'master seed', String(settings.seed)],
      [zh ? '重复次数' : 'runs', String(runs)],
      [zh ? '模拟年数' : 'years', `${settings.years} (${first}–${last})`],
      [zh ? '每个智能体代表人数' : 'persons per agent', formatSignificant(settings.scale)],
      [zh ? '各次重复的随机流前缀' : 'random streams of each run', seeds],
      [zh ? '程序版本' : 'version', pkg ? `${pkg.name} ${pkg.version}` : '—'],
      ['Node.js', process.version],
      [
        zh ? '可重复运行' : 'to run again',
        `sim --scenario ${loaded.file ?? resolved.name} --seed ${settings.seed} --runs ${settings.runs} --years ${settings.years} --scale ${settings.scale}${zh ? '' : ' --lang en'}`,
      ],
    ],
  };
}

/** Writes the run's charts (.vl.json, .svg, .png) and report.html into `dir`; returns the file names written, in order. */
export async function writeRunExtras(input: RunExtrasInput, chartOptions: ChartFileOptions = {}): Promise<string[]> {
  const lang = input.lang ?? 'zh';
  const summary = summaryRows(input.outcome.results, input.loaded.resolved);
  const charts = runCharts(input.loaded, input.outcome, lang, summary);
  const files = await writeCharts(input.dir, charts, chartOptions);
  const withFiles = charts.map((c) => ({ ...c, files: [`${c.name}.png`, `${c.name}.svg`, `${c.name}.vl.json`].filter((f) => files.includes(f)) }));
  writeFileSync(join(input.dir, 'report.html'), reportHtml(runReport(input.loaded, input.outcome, withFiles, lang, input.pkg, summary)));
  return [...files, 'report.html'];
}
