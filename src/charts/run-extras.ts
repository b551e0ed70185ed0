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
import {
  displayUnit,
  formatFigure,
  formatChance,
  formatMillions,
  formatPoints,
  formatSignificant,
  formatSigned,
  formatWhole,
  metricLabel,
  metricUnit,
  unitName,
  withUnit,
  type Lang,
} from '../output/format.js';
import { reportHtml, scenarioInfo, type ReportInput, type ReportTable } from './report.js';
import {
  effectiveOverTimeSpec,
  flowsSpec,
  metricBandRows,
  placeName,
  policyEffectSpec,
  retentionSpec,
  scenarioColors,
  spendingSpec,
  stockByTierSpec,
  type EffectRow,
} from './specs.js';
import { differenceRows, firstPolicyYear, HEADLINE_DIFFERENCES, type DifferenceRow } from '../compare/counterfactual.js';
import { scenarioTitle } from '../output/labels.js';

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
 * The charts of one run: with a counterfactual, first what the policies did year by year (`difference`); then net
 * retention with its band, effective talent against residents, flows between places, the home city's stock by tier
 * and, with policies, each policy's spending. The ranking and cost-effectiveness of several scenarios are sim
 * compare's.
 */
export function runCharts(
  loaded: { resolved: ResolvedScenario },
  outcome: RunOutcome,
  lang: Lang = 'zh',
  summary: SummaryRow[] = summaryRows(outcome.results, loaded.resolved),
  differences: DifferenceRow[] | undefined = outcomeDifferences(loaded, outcome),
): Chart[] {
  const { resolved } = loaded;
  const name = resolved.name;
  const ctx = chartContext(resolved, lang, [name], outcome.results.length);
  const { startYear, years } = outcome.settings;
  const charts: Chart[] = [];
  const add = (file: string, spec: Chart['spec']) => charts.push({ name: file, spec, title: titleOf(spec) });
  if (differences)
    add('difference', policyEffectSpec(effectRows(differences, policyYears(resolved, outcome.settings).from), ctx, scenarioTitle(resolved, lang)));
  add('retention', retentionSpec(metricBandRows(summary, name, 'netRetention'), ctx));
  add('effective-talent', effectiveOverTimeSpec(talentRows(summary, name), ctx, fteRows(summary)));
  add('flows', flowsSpec(flowCellRows(outcome.results, resolved, name), ctx, { first: startYear, last: startYear + years - 1 }));
  add('stock-by-tier', stockByTierSpec(tierStockRows(outcome.results, resolved, name), ctx));
  if (resolved.policies.length) add('spending', spendingSpec(spendingRows(policySummaryRows(outcome.results, resolved)), ctx));
  return charts;
}

/** The paired differences of a run with a counterfactual (difference.csv's rows), else undefined. */
export function outcomeDifferences(loaded: { resolved: ResolvedScenario }, outcome: RunOutcome): DifferenceRow[] | undefined {
  const { counterfactual } = outcome;
  return counterfactual ? differenceRows({ resolved: loaded.resolved, results: outcome.results, counterfactual }) : undefined;
}

/**
 * The years of what the policies did: from the first policy's year to the horizon (the last simulated year); from the
 * first simulated year when no policy starts before the horizon (`acts` false: the differences are all 0).
 */
export function policyYears(resolved: ResolvedScenario, settings: RunOutcome['settings']): { from: number; to: number; first?: number; acts: boolean } {
  const to = settings.startYear + settings.years - 1;
  const first = firstPolicyYear(resolved);
  const acts = first !== undefined && first <= to;
  return { from: acts ? Math.max(first, settings.startYear) : settings.startYear, to, first, acts };
}

/** The headline metrics' paired differences from `from` on, as the difference chart draws them. */
export function effectRows(differences: readonly DifferenceRow[], from: number): EffectRow[] {
  return HEADLINE_DIFFERENCES.flatMap((metric) =>
    differences.filter((r) => r.year >= from && r.metric === metric).map((r) => ({ metric, year: r.year, mean: r.diffMean, p5: r.diffP5, p95: r.diffP95 })),
  );
}

/** A paired difference as shown: signed, in the metric's unit (persons whole, shares in percentage points, million CNY). */
export function signedFigure(metric: string, x: number): string {
  const unit = metricUnit(metric);
  if (unit === 'share') return formatPoints(x);
  return formatSigned(x, unit === 'cny' ? formatMillions : formatWhole);
}

/** A paired difference with its band: "+96 [+88 – +104]" (the band left out when it is a single value). */
export function signedWithBand(metric: string, r: { diffMean: number; diffP5: number; diffP95: number }, separator = ' '): string {
  const band = r.diffP5 === r.diffP95 ? '' : `${separator}[${signedFigure(metric, r.diffP5)} – ${signedFigure(metric, r.diffP95)}]`;
  return signedFigure(metric, r.diffMean) + band;
}

/**
 * What the report opens with when the run has a counterfactual: in a sentence or three, what the policies did by the
 * horizon against the same scenario without them (effective talent and residents with their bands, what it cost and
 * the cost per extra effective talent-year, how often effective talent came out higher), then a small table of the
 * headline metrics with and without the policies and their paired difference.
 */
export function policyAnswer(
  resolved: ResolvedScenario,
  differences: readonly DifferenceRow[],
  settings: RunOutcome['settings'],
  lang: Lang,
): NonNullable<ReportInput['answer']> {
  const zh = lang === 'zh';
  const title = scenarioTitle(resolved, lang);
  const home = placeName(resolved.locations[resolved.homeIndex], lang);
  const runs = settings.runs;
  const years = policyYears(resolved, settings);
  const at = (metric: string) => differences.find((r) => r.year === years.to && r.metric === metric)!;
  const effective = at('effectiveTalent');
  const residents = at('residents');
  const cost = at('costCumulative');
  const persons = (metric: string) => {
    const r = at(metric);
    if (r.diffP5 === r.diffP95) return zh ? `${signedFigure(metric, r.diffMean)}人` : signedFigure(metric, r.diffMean);
    return zh
      ? `${signedFigure(metric, r.diffMean)}人（5–95%区间：${signedFigure(metric, r.diffP5)}至${signedFigure(metric, r.diffP95)}）`
      : `${signedFigure(metric, r.diffMean)} [${signedFigure(metric, r.diffP5)} to ${signedFigure(metric, r.diffP95)}]`;
  };
  const span = years.from === years.to ? `${years.to}` : `${years.from}–${years.to}`;
  const sentences: string[] = [];
  if (!years.acts)
    sentences.push(
      zh
        ? `${title}的政策从${years.first}年开始，晚于模拟的最后一年${years.to}年：模拟期内它们没有效果，有无政策的结果相同。`
        : `The policies of ${title} start in ${years.first}, after the last simulated year ${years.to}: within the simulated years they do nothing, and the runs with and without them are the same.`,
    );
  else {
    sentences.push(
      zh
        ? `与去掉政策的同一情景相比（${runs}次配对重复，随机种子相同），到${years.to}年，${title}使${home}的有效人才变化${persons('effectiveTalent')}，常住人才变化${persons('residents')}。`
        : `By ${years.to}, ${title} changes the effective talent of ${home} by ${persons('effectiveTalent')} and its resident talent by ${persons('residents')}, against the same scenario without its policies (${counted(runs, 'paired run')}, the same seeds).`,
    );
    const price = effective.costPerEffectiveTalentYear;
    const priceBand = `${formatWhole(effective.costPerEffectiveTalentYearP5)}${zh ? '至' : ' to '}${formatWhole(effective.costPerEffectiveTalentYearP95)}`;
    sentences.push(
      !(cost.mean > 0)
        ? zh
          ? '这些政策没有支出。'
          : 'The policies spend nothing.'
        : Number.isFinite(price)
          ? zh
            ? `${span}年政策累计支出${formatMillions(cost.mean)}百万元，每增加一个有效人才年约${formatWhole(price)}元（5–95%区间：${priceBand}元）。`
            : `They spend ${formatMillions(cost.mean)} M CNY in ${span}: ${formatWhole(price)} CNY per extra effective talent-year [${priceBand}].`
          : zh
            ? `${span}年政策累计支出${formatMillions(cost.mean)}百万元，但有效人才年没有增加：无法给出每个人才年的成本。`
            : `They spend ${formatMillions(cost.mean)} M CNY in ${span} but add no effective talent-years: there is no price per talent-year.`,
    );
    sentences.push(
      zh
        ? `在${formatChance(effective.probAbove).replace(' ', '')}的配对重复中，${years.to}年有政策时的有效人才多于无政策时。`
        : `Effective talent in ${years.to} is higher with the policies than without them in ${formatChance(effective.probAbove)} of the paired runs.`,
    );
  }
  const rows = HEADLINE_DIFFERENCES.map((metric) => {
    const r = at(metric);
    return [metricWithUnit(metric, lang), figure(metric, r.mean), figure(metric, r.counterfactualMean), signedWithBand(metric, r, '\n')];
  });
  rows.push([
    `${metricWithUnit('costCumulative', lang)}${zh ? `，${span}年` : `, ${span}`}`,
    figure('costCumulative', cost.mean),
    figure('costCumulative', cost.counterfactualMean),
    signedWithBand('costCumulative', cost, '\n'),
  ]);
  if (cost.mean > 0)
    rows.push([
      zh ? '每增加一个有效人才年的成本（元）' : 'Cost per extra effective talent-year (CNY)',
      '',
      '',
      formatWhole(effective.costPerEffectiveTalentYear) +
        (Number.isNaN(effective.costPerEffectiveTalentYearP5)
          ? ''
          : `\n[${formatWhole(effective.costPerEffectiveTalentYearP5)} – ${formatWhole(effective.costPerEffectiveTalentYearP95)}]`),
    ]);
  return {
    sentences,
    table: {
      caption: zh
        ? `${years.to}年：${title}有政策与无政策（同一情景去掉政策，随机种子相同）`
        : `${years.to}: ${title} with its policies and without them (the same scenario and seeds)`,
      head: zh ? ['指标', '有政策', '无政策', '差值（5–95%区间）'] : ['metric', 'with the policies', 'without', 'difference (5–95 % band)'],
      rows,
      numeric: 1,
      note: zh
        ? `差值逐次重复配对计算（有政策的第k次重复 − 无政策的第k次重复）；逐年的差值见下方第一张图和同一文件夹中的 difference.csv。`
        : `Differences are paired run by run (run k with the policies − run k without them); year by year they are in the first chart below and in difference.csv in this folder.`,
    },
  };
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

/** The most year columns of a run's results table: with the metric column, they fit a 1,400 px screen. */
export const TABLE_YEARS = 6;

/**
 * The years a run's results table shows: all of them up to TABLE_YEARS, else the first, every k-th after it and the
 * last (the horizon), k the smallest step that keeps them within TABLE_YEARS: 2024, 2026, …, 2032, 2033.
 */
export function shownYears(years: readonly number[], most = TABLE_YEARS): number[] {
  if (years.length <= most) return [...years];
  const step = Math.ceil((years.length - 1) / (most - 1));
  const picked = years.filter((_, k) => k % step === 0 && k < years.length - 1);
  return [...picked, years[years.length - 1]];
}

/**
 * The summary table of a run: one row per headline metric, one column per year shown (shownYears: the horizon always
 * among them); mean with the 5–95 % band below.
 */
export function summaryTable(summary: readonly SummaryRow[], home: string, lang: Lang, runs: number): ReportTable {
  const all = [...new Set(summary.map((r) => r.year))].sort((a, b) => a - b);
  const years = shownYears(all);
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
      years.length < all.length
        ? lang === 'zh'
          ? `表中列出部分年份（含最后一年）；每一年的数据见同一文件夹中的 summary.csv 与 summary-runs.csv。`
          : 'Some years are shown (the last among them); every year is in summary.csv and summary-runs.csv in this folder.'
        : lang === 'zh'
          ? '完整数据见同一文件夹中的 summary.csv 与 summary-runs.csv。'
          : 'The full figures are in summary.csv and summary-runs.csv in this folder.',
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
  differences: DifferenceRow[] | undefined = outcomeDifferences(loaded, outcome),
): ReportInput {
  const { resolved } = loaded;
  const title = scenarioTitle(resolved, lang);
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
    title: zh ? `${home}人才流动模拟：${title}` : `Talent flows of ${home}: ${title}`,
    ...(differences ? { answer: policyAnswer(resolved, differences, settings, lang) } : {}),
    lead: zh
      ? `${runs}次重复 × ${settings.years}年（${first}–${last}）${differences ? '，每次重复与去掉政策的同一情景配对' : ''}，每个智能体代表${formatSignificant(settings.scale)}人；图表为各次重复的均值与5–95%区间。`
      : `${counted(runs, 'run')} × ${counted(settings.years, 'year')} (${first}–${last})${differences ? ', each paired with a run of the same scenario without its policies,' : ''} at ${formatSignificant(settings.scale)} persons per agent; charts show the mean over runs and the 5–95 % band.`,
    charts: charts.map((c) => ({ name: c.name, title: c.title, spec: c.spec, files: c.files })),
    table: withBandWarning(summaryTable(rows, home, lang, runs), runs, lang),
    scenarios: [scenarioInfo(resolved, { lang, color: scenarioColors([resolved.name])[0], file: loaded.file, years: settings.years })],
    provenance: [
      [zh ? '情景' : 'scenario', `${title} (${resolved.name})`],
      ...(outcome.counterfactual
        ? [
            [
              zh ? '对照' : 'counterfactual',
              zh
                ? `同一情景去掉全部政策（${outcome.counterfactual.resolved.name}），第k次重复与有政策的第k次重复使用相同的随机流${outcome.uncertainty?.mode === 'posterior' ? '和相同的后验粒子' : ''}`
                : `the same scenario with its policies removed (${outcome.counterfactual.resolved.name}); run k uses the random streams${outcome.uncertainty?.mode === 'posterior' ? ' and the posterior particle' : ''} of run k with the policies`,
            ] as [string, string],
          ]
        : []),
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
        `sim --scenario ${loaded.file ?? resolved.name} --seed ${settings.seed} --runs ${settings.runs} --years ${settings.years} --scale ${settings.scale}` +
          `${resolved.policies.length && !outcome.counterfactual ? ' --no-counterfactual' : ''}${zh ? '' : ' --lang en'}`,
      ],
    ],
  };
}

/** Writes the run's charts (.vl.json, .svg, .png) and report.html into `dir`; returns the file names written, in order. */
export async function writeRunExtras(input: RunExtrasInput, chartOptions: ChartFileOptions = {}): Promise<string[]> {
  const lang = input.lang ?? 'zh';
  const summary = summaryRows(input.outcome.results, input.loaded.resolved);
  const differences = outcomeDifferences(input.loaded, input.outcome);
  const charts = runCharts(input.loaded, input.outcome, lang, summary, differences);
  const files = await writeCharts(input.dir, charts, chartOptions);
  const withFiles = charts.map((c) => ({ ...c, files: [`${c.name}.png`, `${c.name}.svg`, `${c.name}.vl.json`].filter((f) => files.includes(f)) }));
  writeFileSync(join(input.dir, 'report.html'), reportHtml(runReport(input.loaded, input.outcome, withFiles, lang, input.pkg, summary, differences)));
  return [...files, 'report.html'];
}
